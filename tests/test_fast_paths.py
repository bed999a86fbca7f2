"""The fast paths give exactly what the plain patterns give: the phrase scanner's hits are those of its one
alternation run over each text, and a block's shape is what the block patterns count."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import blocks
from cleaner.document import Link, Metadata
from cleaner.patterns import compile_scanner
from cleaner.scan import FOLD, Scanner, fold, timeout_for

SCANNER = compile_scanner()
EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
# Pieces of phrases, and characters whose case IGNORECASE and str.lower() see differently.
SNIPPETS = [
    "copyright", "Copyright ©", "(c) 2024", "All Rights Reserved", "read more", "Read More from", "share", "SHARE this",
    "comments", "3 comments", "Comments (2)", "by John", "BY", "Posted on", "previous", "« Previous", "next »", "page 2 of 9",
    "newsletter", "sign up for our weekly newsletter", "like", "likely", "APP", "happy", "ICP备", "QQ群", "ſhare", "İ", "K",
    "相关推荐", "相关评论", "3条评论", "12 条回复", "作 者", "作者：", "来源", "版权所有", "上一篇", "大中小", "中小学", "赞", "评论 (3)",
    "未经授权", "共 5 页", "第2页", "文/", "责任编辑", "阅读 123", "все права защищены", "ВСЕ ПРАВА", "ᲀсе", "ähnliche artikel",
    "Ähnliche", "à lire aussi", "σ", "ς", "Σ", "µ", "\u1e9e", "ß",
    "第\U00010d42页", "共\U00010d43页", "\U00010d45 条评论", "(c) \U00010d42\U00010d40",  # digits newer than the re module's Unicode
]
TEXTS = st.lists(st.sampled_from(SNIPPETS + list(" \t,.:;!?|/-（）：\u3000\u00a0\u200b")), max_size=12).map("".join)


def hits(pattern: regex.Pattern, text: str) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for match in pattern.finditer(text, timeout=timeout_for(text)):
        found.setdefault(match.lastgroup, []).append(match.span())
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXTS, max_size=6))
def test_scan_finds_what_the_alternation_finds(texts):
    assert SCANNER.scan(texts) == [hits(SCANNER.pattern, text) for text in texts]


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXTS, max_size=4))
def test_a_phrase_the_scanner_cannot_read_falls_back_to_the_alternation(texts):
    scanner = Scanner({"odd": [r"(?=s)share", r"\x41pp"], "ui": [r"\bshare\b", "评论"]})
    assert scanner.scan(texts) == [hits(scanner.pattern, text) for text in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["ςοφία", "ΣΟΦΙΑ", "σοφία", "ᲀсе", "все", "ВСЕ", "ſhare", "SHARE", "µ", "Μ", " ", "x"]),
                         max_size=6).map("".join), max_size=4))
def test_case_variants_beyond_ascii_match_as_ignorecase_does(texts):
    scanner = Scanner({"a": ["σοφία", r"\bвсе\b"], "b": ["share", "μ"]})
    assert scanner.scan(texts) == [hits(scanner.pattern, text) for text in texts]



@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["1 replies", "\u0661 replies", "KK ago", "\u212ak ago", "ax", "zx", "9x", " ", "x"]),
                         max_size=6).map("".join), max_size=4))
def test_phrases_that_start_with_a_class_win_over_later_ones_where_they_can_start(texts):
    # each character's alternation holds the class-led phrases that can start with it, ahead of later phrases
    scanner = Scanner({"a": [r"\d+ repl", r"\w{2} ago", r"\S\S?x", r"\d*z"], "b": ["1 replies", "kk ago", "k", "ax", "zx"]})
    assert scanner.scan(texts) == [hits(scanner.pattern, text) for text in texts]

def test_lower_case_keeps_every_offset():
    """The tries run over lower-cased text: no character may turn into two, or offsets would shift."""
    assert len(EVERY_CHARACTER.translate(FOLD).lower()) == len(EVERY_CHARACTER)


def test_digit_is_regex_digit():
    from cleaner.shapes import DIGIT

    assert set(DIGIT.findall(EVERY_CHARACTER)) == set(regex.findall(r"\d", EVERY_CHARACTER))


def test_re_classes_hold_what_the_regex_classes_match_in_the_bmp():
    from cleaner.engine import HANGUL, KANA

    bmp = EVERY_CHARACTER[:0xF800]
    for cls in (blocks.CJK_SET, blocks.WORD_SET, KANA, HANGUL, r"\s", r"\d"):
        assert re.findall(blocks.bmp_class(cls), bmp) == regex.findall(cls, bmp)
    text = EVERY_CHARACTER[::7]  # beyond the BMP too
    assert blocks.cjk_count(text) == len(blocks.CJK.findall(text))
    assert blocks.count_of(KANA, bmp) == len(regex.findall(KANA, bmp))


def test_edge_is_what_the_edge_pattern_strips():
    assert set(blocks.EDGE) == set(regex.findall(r"[\s\u3000\u00a0\ufeff\u200b]", EVERY_CHARACTER))
    assert set(blocks.SPACE) == set(regex.findall(r"\s", EVERY_CHARACTER))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09_ ,.;!?:\t\n\x85\x1c|｜/·•●—»」：\u3000\u00a0，。…é’中文カな한⺀゠$-*1)٣।؟۔")), max_size=40))
def test_shape_counts_what_the_patterns_count(text):
    assert blocks.shape(text) == (
        bool(blocks.BULLET.match(text)),  # bullet
        len(blocks.TOKEN.findall(text)),  # tokens
        len(blocks.CJK.findall(text)),  # cjk
        len(blocks.PUNCT.findall(text)),  # punct
        bool(blocks.SENTENCE_END.search(text[-4:])),  # ends_sentence
        len(blocks.SEGMENT_GAP.findall(text)) + 1,  # segments
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abo 中\t\r\n\u3000\u00a0\u200b\ufeff\x85\x1c.")), max_size=40))
def test_text_blocks_are_the_lines_stripped(text):
    edge = r"[\s\u3000\u00a0\ufeff\u200b]"
    lines = [(m.start() + len(regex.match(f"{edge}*", m.group()).group()), regex.sub(f"^{edge}+|{edge}+$", "", m.group()), m.group())
             for m in regex.finditer(r"[^\r\n]+", text)]
    lines = [(start, stripped, raw) for start, stripped, raw in lines if stripped]
    counts = Counter(stripped for _, stripped, _ in lines)
    indents = [len(raw) - len(raw.lstrip(" \t\u3000\u00a0")) for _, _, raw in lines]
    expected = [
        blocks.Block(i, stripped, start, indent, *blocks.shape(stripped, indent), counts[stripped])
        for i, ((start, stripped, _), indent) in enumerate(zip(lines, indents))
    ]
    assert blocks.text_blocks(text) == expected


# Pieces of comment headers and dates, with the characters IGNORECASE folds onto ASCII letters.
HEADER_PIECES = ["says", "SAID", "ſays", "replİed", "wrİtes", "Wrote", "writes:", "commented", "REPLIED", "3楼", "发表于", "回复于", "#12", "re: ", "Re:",
                 "2024-06-27 09:30", "6/27 9:30", "on June 3 at 9:30", "2019", "20", "19", "June 27, 2024", "27 Jun 2024",
                 "27.06.2024", "06/27/2024", "…", "...", "。。。", "ſ", "İ", "K", "下一页", "第 3 页", "尾页", "Next", "PREV", "«", "»",
                 "上一篇", "前一篇", "后一篇", "Previous article", "Subscribe to continue", "SUBSCRİBERS only", "already a ſubscriber",
                 "订阅后阅读", "剩余30%未读", "付费内容", "Cookies", "COOKİE", "consent", "Opt-out", "tracking technologies",
                 "Einwilligung", "consentement", "traceurs", "consenso", "Çerez", "ciasteczka", "クッキー", "쿠키", "3 hours ago",
                 "14H ago", "5分钟前", "今天 09:30", "昨天", "JUST NOW", "juſt now", "刚刚", "剛剛", "٣", "Wednesday November 20, 2019",
                 "2024年6月27日", "Nov 3", "Image 1 of 4", "1 OF 6", "3／5", "Photo: AP", "图片来源：", "Getty Images |",
                 "首页 > 新闻 > 国内", "Home » News", "a / b / c", "2 weeks AGO", "ſept 3, 2019", "3 ЯНВАРЯ 2020", "#5", "5天前", "3樓", "12:05 pm", "^ ", "1. ^ ", "↑ ",
                 "Subscribers Only", "already a ſubscriber", "SUBSCRIBE TO READ", "ſubscriber", "付费阅读", "剩余30%未读",
                 "NEXT page", ">>", "[12]", "第 3 页", "下一頁", "›",
                 "The", "İS", "wİth", "iſ", "AND", "For"]
LINES = st.lists(st.sampled_from(HEADER_PIECES + list(" \t\n\x85\u3000ab1*•.,")), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINES)
def test_prefilters_never_skip_a_match(text):
    """The cheap checks that run before a regex only skip texts the regex cannot match."""
    from cleaner import dates, html_meta, patterns, shapes
    from cleaner.rules.comments import CLOCK, COMMENT_HEADER, HEADER_MARKS

    if COMMENT_HEADER.search(text):
        assert any(mark in fold(text) for mark in HEADER_MARKS) or CLOCK.search(text)
    for pattern, marks in ((html_meta.PAGER, html_meta.PAGER_MARKS),
                           (html_meta.PREV_KEY, html_meta.PREV_NEXT_MARKS),
                           (html_meta.NEXT_KEY, html_meta.PREV_NEXT_MARKS), (patterns.CONSENT, patterns.CONSENT_MARKS)):
        if pattern.search(text):
            assert any(mark in fold(text) for mark in marks), pattern.pattern
    if html_meta.PAGE_WORD.match(text):
        assert text[:1] in html_meta.PAGE_WORD_ASCII_FIRST or not text[:1].isascii()
    from cleaner import engine

    english = regex.compile(engine.ENGLISH.pattern, regex.IGNORECASE).findall(text)  # what the folded search stands for
    assert len(english) == len(engine.ENGLISH.findall(fold(text)))
    paywall = regex.compile(html_meta.PAYWALL.pattern, regex.IGNORECASE).search(text)  # what the folded search stands for
    assert bool(paywall) == bool(html_meta.PAYWALL.search(fold(text)))
    assert not paywall or any(mark in fold(text) for mark in html_meta.PAYWALL_MARKS)
    if any(p.search(text) for p in (dates.NUMERIC, dates.MONTH_FIRST, dates.DAY_FIRST, dates.DAY_MONTH_YEAR,
                                    dates.MONTH_DAY_YEAR, dates.DOTTED, dates.SLASHED)):
        assert "19" in text or "20" in text
    if any(p.search(text) for p in (dates.MONTH_FIRST, dates.DAY_FIRST, dates.DAY_MONTH_YEAR, dates.MONTH_DAY_YEAR)):
        assert dates._cased(text)
    assert not dates.DOTTED.search(text) or "." in text
    assert not dates.SLASHED.search(text) or "/" in text
    from cleaner.shapes import DIGIT, WHEN_MARKS, WHEN_WORDS

    assert all(any(mark in word for mark in WHEN_MARKS) for word in WHEN_WORDS)

    for pattern in (patterns.DATE_ONLY, patterns.RELATIVE_TIME):
        if pattern.search(text):
            assert DIGIT.search(text) or any(word in fold(text) for word in WHEN_WORDS), pattern.pattern
    from cleaner.rules import navigation

    for pattern, marks in ((navigation.BREADCRUMB, navigation.CRUMB_MARKS), (navigation.CREDIT, navigation.CREDIT_MARKS)):
        if pattern.match(text):
            assert not marks.isdisjoint(text), pattern.pattern
    if navigation.GALLERY.match(text):
        assert any(mark in fold(text) for mark in navigation.GALLERY_MARKS)
    from cleaner import thread
    from cleaner.rules import references

    assert references._backlinked(text) == bool(references.BACKLINKED.match(text))

    assert thread.stamped(text) == bool(thread.STAMP.search(text))
    assert not thread.STAMP.search(text) or any(mark in fold(text) for mark in thread.STAMP_MARKS)
    block = blocks.Block(0, text, 0)
    assert shapes.is_teaser(block) == bool(regex.search(r"(?:…|\.\.\.|。。。)\s*$", text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINES, TEXTS, st.sampled_from(["\u0663 小时前", "３天前", "\U0001d7d9 ago", "剛剛", "Just Now"])), max_size=8))
def test_the_blocks_a_page_finds_holding_marks_or_digits_are_those_that_do(lines):
    """Page.holding and Page.digits, found in one pass over the page, pick the blocks a test of each would."""
    from cleaner.page import MARKS, Page
    from cleaner.scan import holding, mentions
    from cleaner.shapes import has_digit

    text = "\r\n".join(lines)
    page = Page(blocks.text_blocks(text), text, None, "text", SCANNER)
    texts = [b.text for b in page.blocks]
    assert page.hits == SCANNER.scan(texts)
    for marks in MARKS + (("share", "评论"),):
        assert page.holding(marks) == holding(texts, marks) == [i for i, t in enumerate(texts) if mentions(t, marks)]
    assert page.digits == {i for i, t in enumerate(texts) if has_digit(t)}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "and", "of", "to", "In", "WITH", "was", " ", ".", "_", "1", "é", "\u0301", "\u200d",
                                 "\u00b2", "中", "\U00010d42"]), max_size=20).map("".join))
def test_english_words_are_counted_in_re_as_in_regex(text):
    from cleaner import engine

    if not blocks.BEYOND_BMP.search(text):
        assert engine._english().findall(text) == engine.ENGLISH.findall(text)


def test_the_fast_scanner_reads_every_phrase_of_the_families():
    """One phrase it cannot read ('reader[- ]funded' once) sends every page down the alternation, 10x slower."""
    from cleaner.patterns import FAMILIES
    from cleaner.scan import Unreadable, _starts

    unreadable = []
    for family, by_lang in FAMILIES.items():
        for phrase in (p for phrases in by_lang.values() for p in phrases):
            try:
                _starts(phrase)
            except Unreadable:
                unreadable.append((family, phrase))
    assert not unreadable


LINKS = st.builds(Link, title=st.sampled_from(["a", "b", None]), url=st.sampled_from(["/1", "/2"]))
UPDATES = st.lists(st.fixed_dictionaries({}, optional={
    "related": st.lists(LINKS, max_size=3).map(tuple), "flags": st.lists(st.sampled_from(["x", "y"]), max_size=2).map(tuple),
    "title": st.sampled_from([None, "", "T", "U"]), "counters": st.dictionaries(st.sampled_from(["views"]), st.integers(0, 9)),
    "keywords": st.lists(st.sampled_from([["unhashable"], "k"]), max_size=2).map(tuple)}), max_size=8)


@settings(max_examples=300, deadline=None)
@given(UPDATES)
def test_merging_updates_at_once_is_merging_them_in_turn(updates):
    one_by_one = Metadata()
    for update in updates:  # the plain rule: first scalar wins, tuples gain what they lack, counters accumulate
        changes = {}
        for key, value in update.items():
            current = getattr(one_by_one, key)
            if isinstance(current, tuple):
                if extra := tuple(v for v in value if v not in current):
                    changes[key] = current + extra
            elif isinstance(current, dict):
                changes[key] = {**value, **current}
            elif current in (None, False) and value not in (None, ""):
                changes[key] = value
        one_by_one = replace(one_by_one, **changes)
    assert Metadata().merged_all(updates) == one_by_one


def test_an_indented_o_is_a_third_level_bullet_and_a_sentence_o_is_not():
    listed, sentence = blocks.text_blocks("    o Politics\no que foi dito ontem")
    assert listed.bullet and not sentence.bullet


@pytest.mark.parametrize("line", ["यह एक वाक्य है।", "هذا سؤال؟", "یہ ایک جملہ ہے۔"])
def test_hindi_and_arabic_script_sentences_end(line):
    assert blocks.text_blocks(line)[0].ends_sentence


def test_cjk_characters_after_latin_letters_or_digits_are_tokens_each():
    assert blocks.shape("SKII广告")[1] == 3
    assert blocks.shape("2024年内蒙古")[1] == 5


@pytest.mark.parametrize("full, half", [("成人票原价：279元", "成人票原价:279元"), ("电话：58792888，地址：人民路1号", "电话:58792888,地址:人民路1号")])
def test_chinese_typed_with_half_width_marks_has_the_punctuation_of_full_width(full, half):
    assert blocks.shape(half)[3] == blocks.shape(full)[3] > 0


def test_marks_inside_urls_and_versions_are_no_punctuation_beside_chinese():
    assert blocks.shape("见 http://example.com/a.html 和 v2.0")[3] == 0


@given(st.lists(st.text(max_size=12), max_size=12), st.integers(0, 60))
def test_the_start_of_the_short_texts_joined_is_the_start_of_all_of_them_joined(texts, limit):
    from cleaner.html_meta import _joined_start

    assert _joined_start(iter(texts), limit) == " ".join(texts)[:limit]
