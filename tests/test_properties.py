"""Properties of `clean()` over generated pages: text and HTML, str and bytes, in every script and with every
kind of junk a scraper saves (CJK, RTL, emoji, combining marks, control characters, NUL, lone surrogates,
CRLF and CR line ends, full-width and no-break spaces), shaped like pages (menus, bylines, notices,
related lists, comments around prose) so the rules fire, not only random characters.

- only `cleaner.errors` types are raised, and every page is cleaned in bounded time;
- accounting: every removal is the source's text at its offsets, removals do not overlap, and the body plus
  the removed spans rebuild the source's visible characters, in order, with nothing invented;
- idempotence: cleaning the body again changes nothing;
- determinism: the same input gives the same Document, in one process and across processes whose string
  hashing differs (PYTHONHASHSEED), which is what changes between runs and machines.

CI runs a few hundred examples per property; `CLEANER_PROPERTY_EXAMPLES=5000 python -m pytest
tests/test_properties.py` runs a long search.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import Cleaner
from cleaner.errors import CleanerError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("CLEANER_PROPERTY_EXAMPLES", "0")) or None
INVISIBLE = "\u200b\ufeff"
SLOW = 10.0  # seconds: a small generated page that takes this long is a hang


def examples(ci: int) -> settings:
    return settings(max_examples=EXAMPLES or ci, deadline=timedelta(seconds=SLOW), derandomize=EXAMPLES is None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


# --- what a scraped page is made of -------------------------------------------------------------------------

JUNK_CHARS = (
    "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1c\x1f\x7f\x85\u00a0\u00ad\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202e"
    "\u2066\u2069\u3000\ufeff\ufffd\ufffe\u0301\u0308\u0338\u20dd\u0e33\u0f40\u1100\u11a8"
)
SCRIPTS = [
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),  # kana
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),  # hangul
    st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # Hebrew, Arabic (RTL)
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),  # full-width forms
    st.characters(min_codepoint=0x80, max_codepoint=0xFF),  # Latin-1 (mojibake)
    st.sampled_from(JUNK_CHARS),
    st.sampled_from("\t \u3000\u00a0|>/·•-*:：，。！？、…,.;!?()（）【】《》\"'“”"),
    st.characters(codec="utf-8"),  # anything encodable
]
CHAR = st.one_of(*SCRIPTS)
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
WORDS = st.text(CHAR, min_size=1, max_size=40)

PROSE = [
    "记者从市政府获悉，港口大桥的维修工程将于明年春季开工，工程师在检查中发现两处支撑结构出现裂缝。",
    "市民表示支持维修工作，但希望夜间施工时间能够缩短，以免影响周边居民休息。",
    "The city council said on Monday that repairs to the bridge would begin next spring, after engineers found cracks.",
    "Residents who live near the bridge have asked the council to limit night work, and officials agreed to it.",
    "Die Arbeiten sollen im Frühjahr beginnen, sagte der Bürgermeister am Montag vor dem Stadtrat.",
    "هذه فقرة عربية طويلة عن إصلاح الجسر، وقال المجلس إن العمل سيبدأ في الربيع المقبل.",
    "東京の市議会は月曜日、橋の修理を来年の春に始めると発表した。",
]
FURNITURE = [
    "首页 > 新闻 > 国内", "Home | News | Sport | Weather", "分享到：微博 微信 QQ空间", "Share this article: Facebook Twitter Email",
    "版权所有 © 2024 某某网 All rights reserved.", "Copyright 2024 Harbour Times. All rights reserved.", "如若转载，请注明出处：https://example.com/1.html",
    "作者：张三 来源：新华网 2024-06-27 10:00", "责任编辑：李四", "By John Smith", "Published June 27, 2024", "2024-06-27",
    "相关推荐", "Related articles", "You may also like", "• 干部监督工作情况汇报", "- Another headline here", "199", "(0)", "赞 12",
    "上一篇：关于加强管理的通知", "下一篇：没有了", "Next article »", "Page 2 of 5", "第2页 共5页", "Image 1 of 6",
    "网友评论", "34 responses to “Bridge repairs”", "1. fan says:", "Great game!", "3楼", "Leave a Reply", "Comments (3)",
    "Advertisement", "Sign up for our newsletter", "如若转载，请注明出处：http://[2001:db8::1/1.html", "Source: http://[bad/x", "客服微信：abc12345 QQ群：123456789", "扫码关注公众号", "Read more...",
    "在领导班子政治建设座谈会上的讲话", "Harbour bridge repairs, part 1", "同志们：", "Hi Alex,", "…",
]
LINE_ENDS = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n", "\u3000\n"])
INDENT = st.sampled_from(["", "", "", "  ", "\t", "\u3000\u3000", "\u00a0", " \u200b"])


@st.composite
def mangled(draw, base: str) -> str:
    """A known line with random characters spliced in or cut out."""
    if draw(st.booleans()):
        return base
    at = draw(st.integers(0, len(base)))
    if draw(st.booleans()):
        return base[:at] + draw(WORDS) + base[at:]
    return base[:at] + base[at + draw(st.integers(0, 10)):]


LINE = st.one_of(
    st.sampled_from(PROSE).flatmap(mangled),
    st.sampled_from(FURNITURE).flatmap(mangled),
    WORDS,
    st.text(st.one_of(CHAR, SURROGATE), max_size=30),  # lone surrogates, as a str can hold them
)


@st.composite
def pages(draw, max_lines: int = 40) -> str:
    """A text page: lines of prose, furniture and junk, with mixed indents and line ends."""
    lines = draw(st.lists(LINE, max_size=max_lines))
    ends = draw(st.lists(LINE_ENDS, min_size=len(lines), max_size=len(lines)))
    indents = draw(st.lists(INDENT, min_size=len(lines), max_size=len(lines)))
    return "".join(i + line + e for i, line, e in zip(indents, lines, ends))


TAGS = ["div", "p", "span", "a", "li", "ul", "ol", "table", "tr", "td", "th", "pre", "h1", "h2", "article", "section",
        "nav", "aside", "footer", "header", "font", "b", "em", "blockquote", "br", "script", "style", "form", "main", "time"]
CLASSES = ["content", "article", "post-body", "sidebar", "footer", "share", "related", "comments", "nav", "breadcrumb",
           "ad", "hidden", "meta", "byline", "pagination", "main", "x", "entry-content"]
ATTRS = st.one_of(
    st.builds(lambda c: f' class="{c}"', st.sampled_from(CLASSES)),
    st.builds(lambda c: f" id='{c}'", st.sampled_from(CLASSES)),
    st.sampled_from([' href="/a/1.html"', ' href="javascript:alert(1)"', " href='http://[::1'", ' style="display:none"',
                     " hidden", ' onclick="alert(1)"', ' datetime="2024-06-27T09:30:00+08:00"', ' rel="next" href="/p/2"',
                     ' itemprop="author"', ' lang="zh"', ' class=""', ' class="a b c d e f g"']),
    st.builds(lambda w: f' title="{w}"', WORDS.map(lambda w: w.replace('"', ""))),
)
RAW_TEXT = st.one_of(st.sampled_from(PROSE), st.sampled_from(FURNITURE), WORDS,
                     st.sampled_from(["&amp;", "&lt;p&gt;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "&bogus;", "<", "&", "]]>",
                                      "<!--", "-->", "<![CDATA[x]]>", "<?php echo 1 ?>", "</p>", "<p", "\x00"]))


def _element(children: list[str], tag: str, attrs: list[str]) -> str:
    if tag == "br":
        return "<br>"
    return f"<{tag}{''.join(attrs)}>{''.join(children)}" + ("" if tag in ("p", "li", "td") and len(children) % 3 == 2 else f"</{tag}>")


NODE = st.recursive(
    RAW_TEXT,
    lambda inner: st.builds(_element, st.lists(inner, max_size=6), st.sampled_from(TAGS), st.lists(ATTRS, max_size=3)),
    max_leaves=40,
)
HEADS = st.sampled_from([
    "", "<!doctype html>", "<?xml version='1.0' encoding='utf-8'?>", "<!-- saved -->\n<!DOCTYPE html>",
    "<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>",
])
META = st.sampled_from([
    "", "<meta charset='utf-8'>", "<meta charset='gb2312'>", "<meta http-equiv='Content-Type' content='text/html; charset=big5'>",
    "<title>Harbour bridge repairs | Harbour Times</title>", "<meta property='article:published_time' content='2024-06-27T09:30:00'>",
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "t", "author": [{"name": null}], "datePublished": 3}</script>',
    '<script type="application/ld+json">[{"@graph": [{"@type": ["Article"], "author": "x"}]}, 1, "s"]</script>',
    "<link rel='canonical' href='https://example.com/a'>", "<base href='/root/'>", "<meta name='author' content=''>",
])


@st.composite
def html_pages(draw) -> str:
    body = "".join(draw(st.lists(NODE, max_size=8)))
    head = "".join(draw(st.lists(META, max_size=4)))
    shell = draw(st.sampled_from(["{h}<html><head>{m}</head><body>{b}</body></html>", "{h}<html>{m}<body>{b}", "{h}<div>{b}",
                                  "{h}<body>{m}{b}", "{h}<p>{b}"]))
    return shell.format(h=draw(HEADS), m=head, b=body)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5", "shift_jis", "euc-kr", "cp1252", "latin-1", "koi8-r"])


@st.composite
def page_bytes(draw, strategy) -> bytes:
    """A page as bytes: encoded (maybe in a codec it cannot fully take), cut at a random byte, or noise."""
    kind = draw(st.sampled_from(["encoded", "encoded", "cut", "noise"]))
    if kind == "noise":
        return draw(st.binary(max_size=2000))
    codec = draw(ENCODINGS)
    # lone surrogates go out as UTF-8 would write them (invalid bytes) or as the codec's replacement
    data = draw(strategy).encode(codec, errors="surrogatepass" if codec == "utf-8" and draw(st.booleans()) else "replace")
    return data[: draw(st.integers(0, len(data)))] if kind == "cut" else data


ANY_PAGE = st.one_of(pages(), html_pages(), page_bytes(pages()), page_bytes(html_pages()))


# --- the invariants -----------------------------------------------------------------------------------------

def _visible(ch: str) -> bool:
    return not ch.isspace() and ch not in INVISIBLE


def squash(text: str) -> str:
    return "".join(ch for ch in text if _visible(ch))


def assert_accounted(doc: cleaner.Document) -> None:
    """Spans exact and disjoint; the body is the source's visible characters outside them, in order."""
    source = doc.source
    gone = bytearray(len(source))
    previous = None
    for r in sorted(doc.removed, key=lambda r: (r.start, r.end)):
        assert 0 <= r.start < r.end <= len(source), f"span out of range: {r}"
        assert source[r.start:r.end] == r.text, f"{r.rule}: the removal's text is not the source's text at its offsets"
        assert r.rule and r.kind and r.reason, f"removal without a rule, kind or reason: {r}"
        assert previous is None or r.start >= previous.end, f"{previous.rule} and {r.rule} overlap"
        gone[r.start:r.end] = b"\x01" * (r.end - r.start)
        previous = r
    kept = "".join(ch for ch, g in zip(source, gone) if not g and _visible(ch))
    body = squash(doc.body)
    assert body == kept, f"body {body[:60]!r}... is not the kept source {kept[:60]!r}..."
    assert all(p and p == p.strip() for p in doc.paragraphs), "an empty or unstripped paragraph"
    assert not set(doc.body) - set(source) - {"\n"}, "body characters that are not in the source"


def clean_checked(data, cleaner_: Cleaner | None = None) -> cleaner.Document | None:
    """Clean within the time bound; None when a documented error says why the page cannot be cleaned."""
    started = time.perf_counter()
    try:
        doc = (cleaner_ or cleaner).clean(data)
    except CleanerError:
        return None
    assert time.perf_counter() - started < SLOW
    json.dumps(doc.to_dict(), ensure_ascii=False)  # a Document always serialises
    return doc


def digest(doc: cleaner.Document | None) -> str:
    if doc is None:
        return "error"
    data = json.dumps({**doc.to_dict(), "source": doc.source}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


# --- the properties -----------------------------------------------------------------------------------------

@settings(examples(300))
@given(ANY_PAGE)
@example("")
@example(b"")
@example("\x00" * 10)
@example("\r\r\r\n\n\u3000\u3000\r")
@example("\ud800\udfff\udc00 lone surrogates\n")
@example(b"\xff\xfe\x00\xd8")  # UTF-16 BOM, then half a surrogate pair
@example("<html><body>" + "<div>" * 300 + "text" + "</div>" * 300)
def test_only_documented_errors_and_every_removal_accounted(data):
    doc = clean_checked(data)
    if doc is not None:
        assert_accounted(doc)


@settings(examples(300))
@given(pages())
def test_text_pages_are_accounted_with_offsets_into_the_input(text):
    doc = clean_checked(text)
    assert doc is not None, "a str page is always cleaned"
    if not any("mojibake" in flag for flag in doc.metadata.flags):
        assert doc.source == text, "text-mode offsets point into the input itself"
    assert_accounted(doc)


AS_TEXT = Cleaner()  # a body is text: clean() would take one that starts with '<p>' (the page's text) for HTML


def assert_the_body_cleans_to_itself(page):
    """The body, cleaned again as text (a body is text), comes back unchanged."""
    doc = clean_checked(page)
    if doc is None or not doc.body:
        return
    again = AS_TEXT.clean_text(doc.body)
    assert again.body == doc.body, f"second pass removed {[(r.rule, r.reason, r.text[:40]) for r in again.removed][:5]}"


@settings(examples(150))
@given(pages())
@example("Home | News | Sport | Weather\nBridge repairs begin\nBridge repairs begin\n")  # no region: head zone moved
@example("Bridge repairs begin\n" * 3)  # no prose: each pass took the next copy for the title
def test_cleaning_the_body_again_changes_nothing(text):
    assert_the_body_cleans_to_itself(text)


HTML_NOT_IDEMPOTENT = (
    "not a defect: the second pass has less evidence than the first. The HTML front end keeps a short block next "
    "to the article because main_content chose its container (HTML_PLAIN_BONUS in the region finder); the body, "
    "cleaned again as text, has no markup, so the block scores below zero and goes as outside_article. Every "
    "failure in 400 generated pages was that rule (60 of 243 bodies). Minimal example: "
    "'<html><head></head><body>记者从市政府获悉，港口大桥的维修工程将于明年春季开工，工程师在检查中发现两处支撑结构出现裂缝。"
    "<div>一</div></body></html>' -> body '记者…裂缝。\\n一'; the second pass removes '一' "
    "('1 block(s) after the article region (mean 1 tokens, score -8)')"
)


@pytest.mark.xfail(strict=True, reason=HTML_NOT_IDEMPOTENT)
@settings(examples(150), phases=(Phase.explicit, Phase.generate))  # no shrinking: the reason holds the minimal example
@given(html_pages())
def test_cleaning_an_html_pages_body_again_changes_nothing(html):
    assert_the_body_cleans_to_itself(html)


@settings(examples(100))
@given(ANY_PAGE)
def test_the_same_input_gives_the_same_document(data):
    assert digest(clean_checked(data)) == digest(clean_checked(data)) == digest(clean_checked(data, Cleaner()))


def test_same_documents_across_processes_with_other_hash_seeds():
    """String hashing (set and dict order of strings) differs between runs and machines: results must not."""
    script = (
        "import sys, json; sys.path.insert(0, 'tests'); sys.path.insert(0, '.')\n"
        "from test_properties import corpus, clean_checked, digest\n"
        "print(json.dumps([digest(clean_checked(page)) for page in corpus()]))\n"
    )
    here = [digest(clean_checked(page)) for page in corpus()]
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True)
        assert json.loads(out.stdout) == here, f"PYTHONHASHSEED={seed} gives other documents"


def corpus() -> list:
    """Fixed inputs for the cross-process checks: real pages (text and HTML) and generated ones."""
    import gzip
    import random

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures/texts").glob("*.txt"))[::4]]
    htmls = [gzip.decompress(p.read_bytes()) for p in sorted((ROOT / "fixtures/html").glob("*.html.gz"))[::3]]
    rng = random.Random(6)
    made = []
    for n in range(20):
        lines = [rng.choice(PROSE + FURNITURE) for _ in range(rng.randint(1, 30))]
        made.append(rng.choice(["\n", "\r\n", "\r"]).join(lines))
        made.append("<html><body>" + "".join(f"<div class='{rng.choice(CLASSES)}'><p>{line}</p></div>" for line in lines))
    return texts + htmls + made
