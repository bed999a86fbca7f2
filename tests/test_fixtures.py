"""Quality on the real-page fixtures: mean token F1 per source set against the annotators' gold, and per
page the hand-checked phrases (`must_keep` sentences of the article, `must_drop` boilerplate lines).

The F1 floors sit a few points under the values measured when they were set, so a change that loses
quality fails here while ordinary movement does not; raise a floor when the mean moves up for good.
Pages that miss a phrase today are listed in KNOWN with the reason, as strict xfails.
"""
from __future__ import annotations

import statistics

import pytest
from fixture_pages import FIXTURES, cleaned, known_params, pages, prf, short, squash

# Measured on the fixtures when set (issue 2): chinese-wce 0.823, magic-html-bench 0.719, scrapinghub 0.786
# (0.767 to 0.802 while the core changed that day); Chinese pages of all sets 0.767.
FLOORS = {"chinese-wce": 0.78, "magic-html-bench": 0.68, "scrapinghub": 0.74}
ZH_FLOOR = 0.73

# (page, "keep" or "drop") -> why the page fails today. Pages are named as in the test ids.
KNOWN: dict[tuple[str, str], str] = {
    # article sentences lost
    ("magic-html-bench:2c983edd", "keep"): "zhidao Q&A: the best answer falls outside the region, and comments takes a later answer "
                                           "for a comment section under its '评论' button",
    ("magic-html-bench:6db2e2d6", "keep"): "outside_article: the tieba thread's title line is outside the region",
    ("magic-html-bench:a4c329f2", "keep"): "zhihu: the question text falls outside the region and comments removes the first answer "
                                           "under its '赞同 41 · 7 条评论' bar",
    ("magic-html-bench:7b01ccf3", "keep"): "outside_article: the short replies of a forum thread are cut as gaps after the first post",
    ("magic-html-bench:58167e71", "keep"): "outside_article: a FlaskBB thread's answer, after the question, is cut as a gap "
                                           "of short lines (HTML mode keeps it)",
    ("magic-html-bench:3a43c342", "keep"): "outside_article: bulleted reply-header lines ('* 寒冰冽 回复了此帖') still cost "
                                           "as a menu's inside the thread, so the question's first line falls outside the region",
    ("chinese-wce:0df12126", "keep"): "outside_article: the admissions table under the prose (short cells, no sentences) is cut "
                                      "as a gap (HTML mode keeps it)",
    ("scrapinghub:c4a3637c", "keep"): "outside_article: the lead line, unpunctuated, joins the 19-line menu gap above the article",
    ("magic-html-bench:6897d6ef", "keep"): "outside_article: a one-line forum reply between reply headers scores below the join floor",
    ("magic-html-bench:e4662f72", "keep"): "outside_article: the question's title line, unpunctuated, falls outside the region",
    ("magic-html-bench:bf03d4e9", "keep"): "outside_article: a short reply of the thread falls outside the region",
    ("magic-html-bench:60dacbf7", "keep"): "outside_article: a short thread's two replies, after the opening post, are cut as a gap "
                                           "after the article region (HTML mode keeps them)",
    ("chinese-wce:658d9f03", "keep"): "the gold keeps a recommended article's teaser under '推荐文章', after the closing "
                                      "'本文禁止转载' notice; end_of_article removes it (the gold and the rules disagree)",
    ("magic-html-bench:71bfee3a", "keep"): "outside_article: the text view has no markup to tell the two-line post from the wallet "
                                           "dialog's sentences, which make the region (HTML mode keeps the post)",
    ("magic-html-bench:20373e03", "keep"): "outside_article: the thread's last reply, unpunctuated ('…很受欢迎╮(╯▽╰)╭'), falls after "
                                           "the region (HTML mode keeps it)",
    # boilerplate kept
    ("magic-html-bench:06463018", "drop"): "the text view's comment-list controls ('倒序看帖', '暂无数据') are as short as the "
                                           "one-line post beside them (HTML mode drops them)",
    ("magic-html-bench:71bfee3a", "drop"): "the wallet dialog's two numbered sentences are the densest text of the text view "
                                           "(HTML mode drops them)",
    ("chinese-wce:2bac7fb2", "drop"): "'招商创业 雅虎推荐' (a footer link pair) stays: one 推荐 is not a related-list heading",
    ("chinese-wce:a6e8b739", "drop"): "a breadcrumb with an online-user counter is over navigation's 12 tokens; '| 回复线索：' "
                                      "stays inside the thread",
    ("scrapinghub:c00962aa", "drop"): "a comment-moderation note ('Note: we are temporarily moderating all comments…') stays",
}


def f1(page) -> float:
    return prf(cleaned(page.name).body, page.gold)[2]


def report(selected) -> str:
    return "\n".join(f"  {short(p.name)} F1 {f1(p):.3f}" for p in sorted(selected, key=f1))


@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_mean_f1_per_set_stays_above_its_floor(set_name):
    selected = [p for p in pages() if p.set == set_name]
    assert len(selected) >= 10
    mean = statistics.mean(f1(p) for p in selected)
    print(f"{set_name}: mean F1 {mean:.3f} over {len(selected)} pages (floor {FLOORS[set_name]})")
    assert mean >= FLOORS[set_name], f"{set_name} mean F1 {mean:.3f} < {FLOORS[set_name]}; worst pages:\n{report(selected)}"


def test_mean_f1_on_chinese_pages_stays_above_its_floor():
    selected = [p for p in pages() if p.lang == "zh"]
    assert len(selected) >= 24
    mean = statistics.mean(f1(p) for p in selected)
    print(f"zh: mean F1 {mean:.3f} over {len(selected)} pages (floor {ZH_FLOOR})")
    assert mean >= ZH_FLOOR, f"Chinese mean F1 {mean:.3f} < {ZH_FLOOR}; worst pages:\n{report(selected)}"


def params(kind: str) -> list:
    """The pages that list phrases of `kind`."""
    return known_params([p.name for p in pages() if (p.must_keep if kind == "keep" else p.must_drop)], kind, KNOWN)


@pytest.mark.parametrize("name", params("keep"))
def test_article_sentences_are_kept(name):
    page = next(p for p in pages() if p.name == name)
    body = squash(cleaned(name).body)
    missing = [phrase for phrase in page.must_keep if squash(phrase) not in body]
    assert not missing, f"article sentences missing from the body: {missing}"


@pytest.mark.parametrize("name", params("drop"))
def test_boilerplate_lines_are_dropped(name):
    page = next(p for p in pages() if p.name == name)
    body = squash(cleaned(name).body)
    leaked = [phrase for phrase in page.must_drop if squash(phrase) in body]
    assert not leaked, f"boilerplate left in the body: {leaked}"


@pytest.mark.xfail(strict=True, reason="the cnarts list page (gold body \"\": no article) still yields a body of menu and "
                   "teaser lines, and no flag says the page has no article")
def test_a_page_without_an_article_gives_an_empty_body_or_a_flag():
    for page in pages():
        if page.gold == "":
            doc = cleaned(page.name)
            assert doc.body == "" or doc.metadata.flags, short(page.name)


# The fixtures themselves: phrases must mean what the tests take them to mean.


def test_fixture_records_are_consistent():
    assert len(pages()) >= 44
    assert sum(p.lang == "zh" for p in pages()) >= 24
    for page in pages():
        text, gold = squash(page.text), squash(page.gold)
        assert page.set in ("chinese-wce", "magic-html-bench", "scrapinghub")
        assert page.page_type in (("article", "forum") if page.set == "magic-html-bench" else (None,))
        for phrase in page.must_keep:
            assert squash(phrase) in gold and squash(phrase) in text, (short(page.name), phrase)
        for phrase in page.must_drop:
            assert squash(phrase) not in gold and squash(phrase) in text, (short(page.name), phrase)
        assert len(page.must_keep) <= 4 and len(page.must_drop) <= 4
    assert (FIXTURES / "html_gold.jsonl").exists() and (FIXTURES / "SOURCES.md").exists()


def test_every_fixture_file_is_listed_in_sources():
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    for folder in ("texts", "html"):
        for path in (FIXTURES / folder).iterdir():
            assert f"`{folder}/{path.name}`" in sources, path.name
