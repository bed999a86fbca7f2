"""Small pure functions of the benchmark harness (bench/)."""
from bench.corpora import Record, lines_as_html, unwrap
from bench.quality import Run, Tally, gaps, groups
from bench.scale import chunks, exponent
from bench.score import meta_match, norm_date
from bench.tools import html_text


def test_unwrap_strips_the_cleaneval_wrapper_and_reads_its_charset():
    page = b'<text id="http://a.cn/x" title="t" encoding="gb2312">\n<html><body>x</body></html>\n</text>\n'
    assert unwrap(page) == (b"<html><body>x</body></html>\n", "gb18030")
    assert unwrap(b'<text id="u" title="t" encoding="unset">\n<p>x</p>')[1] is None
    assert unwrap(b"<html></html>") == (b"<html></html>", None)


def test_lines_as_html_escapes_and_skips_blank_lines():
    assert "<p>a &lt;b&gt; &amp; c</p>\n<p>d</p>" in lines_as_html("a <b> & c\n\n  d  \n")


def test_html_text_separates_blocks():
    assert html_text("<div><p>one</p><p>two<br>three</p></div>") == "one\ntwo\nthree"
    assert html_text("  ") == ""


def test_dates_compare_on_what_the_gold_gives():
    assert norm_date("2005-5-7 21:23:57") == "2005-05-07"
    assert norm_date("2005年5月7日") == "2005-05-07"
    assert meta_match("date", "2018-05-03T10:00:00Z", "2018")
    assert not meta_match("date", "2018-05-03", "")
    assert meta_match("date", None, "")
    assert meta_match("author", "  Jane   DOE ", "jane doe")


def test_tally_scores_body_snippets_and_metadata():
    record = Record("s", "1", None, "en", {"body": "a b c d", "with": ["a b"], "without": ["zz"], "author": "x"})
    tally = Tally()
    tally.add(record, Run(body="a b c", author="X", seconds=0.5), with_meta=True)
    row = tally.row("s", "t")
    assert row["recall"] == 0.75 and row["precision"] == 1.0
    assert row["snippet_accuracy"] == 1.0 and row["author"] == 1.0 and row["pages_per_s"] == 2.0
    tally.add(Record("s", "2", None, "en", {"body": None, "author": ""}), Run(author="Y"), with_meta=True)
    assert tally.row("s", "t")["author_none"] == 0.0 and tally.row("s", "t")["meta_n"]["author"] == [1, 1]


def test_magic_zh_pages_count_in_their_own_row_too():
    record = Record("magic-html-bench", "forum/1", None, "zh", {"extra": {"page_type": "forum"}})
    assert groups(record) == ["magic-html-bench:forum", "magic-html-bench:zh", "all"]


def test_gaps_lists_pages_where_a_peer_beats_cleaner_by_a_lot():
    pages = {"s/1": {"cleaner": [1, 0.1, 0.2], "peer": [0.9, 0.9, 0.9]}, "s/2": {"cleaner": [1, 1, 1], "peer": [0, 0, 0]}}
    assert [g["page"] for g in gaps(pages)] == ["s/1"]


def test_exponent_of_linear_and_quadratic_growth():
    assert abs(exponent([(1, 2), (10, 20), (100, 200)]) - 1) < 1e-9
    assert abs(exponent([(1, 1), (10, 100)]) - 2) < 1e-9


def test_chunks_cut_at_line_ends_and_drop_a_short_tail():
    assert chunks("aaa\nbbb\nccc\nddd\ne", 8) == ["aaa\nbbb", "ccc\nddd"]
