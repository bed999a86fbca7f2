import regex

from ..dates import MONTH_OF, WEEKDAYS, any_date, find_date
from ..hanzi import both_scripts, with_traditional
from ..shapes import is_date
from . import note, remove, rule

VALUE = r"\s*[:：]?\s*([^\s|｜/,，;；()（）]{2,30})"
AUTHOR = regex.compile(both_scripts(r"(?:作\s*者|^文\s*[/|｜:：]|记\s*者|编\s*辑)" + VALUE))
MARKUP = regex.compile(r"[=\"<>]")  # 'size="20"': a scraped attribute, not a name
REPORTED_FROM = regex.compile(both_scripts(r"(?:发自|报道|摄影?$).*$"))  # "罗科苏盈发自北京": the name ends where the dateline starts
# A person's name: up to four capitalised words or initials, with the particles names carry ("Christoph von Ritter").
NAME = r"\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:von|van|de|da|del|der|di|du|le|la|zu)\s+)?\p{Lu}[\p{L}'’.-]*){0,3}"
# "By Jane Doe", "von Jane Doe", "Posted by Jane Doe", "Auteur : Jane Doe", "27. Januar 2014 by Jane Doe".
BY_NAME = regex.compile(
    r"(?:^|(?<=[\s|·•/,:–—-]))(?i:written by|posted by|erstellt von|verfasst von|by|von|par|por|door|przez|author|autor|autorin|auteur|autore)"
    rf"\s*[:：]?\s+({NAME})"
)
# "Gesine Engels-Krone, 02.01.2023", "25.10.2022 - Reiner Nagel": a name beside a date, in a part of its own.
NAME_PART = regex.compile(rf"{NAME}")
# A run of spaces is entered at its start only ((?<!\s)), possessively: retried inside a long run it is quadratic.
PART_BREAK = regex.compile(r"(?:(?<!\s)\s++)?(?:[,|·•–—/]|-(?=\s))\s*+|(?<!\s)\s++(?=\d)")
# Words that follow a name in a byline without being part of it.
NOT_NAME = frozenset(MONTH_OF) | frozenset(WEEKDAYS.split()) | {
    "staff", "writer", "editor", "reporter", "correspondent", "redakteur", "redakteurin", "redaktion", "updated", "published",
    "posted", "share", "follow", "and", "und", "et", "y", "e", "min", "read", "lesezeit", "view", "comments", "photo", "foto", "image",
    "am", "on", "le", "el", "vom", "ein", "eine", "kommentar", "kommentare", "kategorie", "kategorien", "categories", "tags",
}
SOURCE = regex.compile(both_scripts(r"(?:来\s*源|出\s*处|source)" + VALUE), regex.IGNORECASE)
VIEWS = regex.compile(both_scripts(r"(?:阅读|浏览|点击|访问|views?)\s*(?:量|数|次数|人数)?\s*[:：]?\s*(\d[\d,]*)"), regex.IGNORECASE)
HEAD_ZONE = 30
TAIL_ZONE = 5
KEYED_COLONS = 3  # colons in a line of keys and values that ends in one ('时间：… 来源：… 分享到：')
PLACEHOLDER = frozenset(with_traditional(("投稿用户", "admin", "佚名", "未知", "匿名", "本站", "小编", "网友")))


def _parse(text: str) -> dict:
    meta = {}
    author = _author(text)
    if author:
        meta["author"] = author
    source = SOURCE.search(text)
    if source and not source.group(1).startswith("http"):
        meta["source"] = source.group(1)
    views = VIEWS.search(text)
    if views:
        meta["counters"] = {"views": int(views.group(1).replace(",", ""))}
    date = any_date(text)
    if date:
        meta["published"] = date
    return meta


def _author(text: str) -> str | None:
    """The name a byline gives: after "By", "von", "Author:" (cut before a date or a role), or after 作者/记者/编辑."""
    named = BY_NAME.search(text)
    if named:
        return _name(named.group(1))
    keyed = AUTHOR.search(text)
    if keyed:
        name = REPORTED_FROM.sub("", keyed.group(1))
        if len(name) >= 2 and name not in PLACEHOLDER and not find_date(name) and not MARKUP.search(name):
            return name
    return None


def _name(words: str) -> str | None:
    """A name's words up to the first that is no name's ("Jane Doe March 11" -> "Jane Doe")."""
    kept = []
    for word in words.split():
        if word.lower().strip(".") in NOT_NAME:
            break
        kept.append(word)
    name = " ".join(kept).strip(" .-")
    return name if name and name.lower() not in PLACEHOLDER else None


def _dated_name(text: str) -> str | None:
    """A name of two words or more standing beside a date on its line, when no keyword introduces it."""
    if not any_date(text):
        return None
    for part in PART_BREAK.split(text):
        if NAME_PART.fullmatch(part) and len(part.split()) >= 2:
            name = _name(part)
            return name if name == part else None
    return None


@rule("byline", kind="byline")
def byline(page):
    """Bylines, source and date lines (作者/来源/责任编辑/发布时间/投稿用户, By …, Published …), parsed into
    author, source, published and view counts, then removed.

    Signals: a short block (at most 12 tokens, or 30 that do not end a sentence: keys and values ending
    in a colon, '… 来源：新华网 分享到：', end none) with a `byline` phrase, or a bare date line before the
    article; anywhere on the page, since 责任编辑 lines close articles.
    False positives: longer blocks and sentences are prose ("By taking off the top half...",
    "the study, published in Nature, ...") and stay.
    A bare date line gives `published` only within 30 blocks above the article: further up, it is the
    header's "today". With no dated byline, the first date on a short line among the 30 blocks above the
    article or the 5 after it is `published` (a note: the line stays).
    Example: "作者：张三 来源：新华网 2024-06-27 10:00" -> author 张三, source 新华网, published.
    """
    start = page.lead
    keyed = {i for i in page.with_hits("byline") if i not in page.claimed and _keyed(page, page.blocks[i])}
    digits = page.digits  # a date holds one
    lines = [(b, b.index in keyed) for b in page.blocks[: start + 1]
             if b.index not in page.claimed and (b.index in keyed or b.index in digits and is_date(b))]
    lines += [(page.blocks[i], True) for i in sorted(keyed) if i > start]
    # The article's own date stands near it; one further up is the header's "today".
    dated = next((b.index for b, keyed in lines if not keyed and b.index >= start - HEAD_ZONE), None)
    for block, keyed in lines:
        meta = _parse(block.text)
        if not keyed and block.index != dated:
            meta.pop("published", None)
        yield remove(block.index, "byline or date line" if keyed else "date line before the article", **meta)
    date, author = _nearby(page)
    if date or author:
        yield note(published=date, author=author)  # merged after the bylines' own, which win


def _keyed(page, block) -> bool:
    """A byline phrase in a short line: a long line that ends a sentence is prose that happens to say
    "published" or "By taking..."."""
    if not page.has(block.index, "byline"):
        return False
    # Two full-width commas or stops: clauses of a sentence ("您好，请问下为什么…，都是审核中啊"), not keys and values.
    clauses = sum(map(block.text.count, "，。！？；"))
    # Keys and values ending in a colon ('时间：2024.05.20 来源：新华网 分享到：') end no sentence; a clause that
    # introduces what follows ('… published in a write-up:') is prose.
    text = block.text.rstrip()
    open_ended = not block.ends_sentence or (text.endswith((":", "：")) and text.count(":") + text.count("：") >= KEYED_COLONS)
    return block.tokens <= 12 or (block.tokens <= 30 and open_ended and clauses < 2)


def _nearby(page) -> tuple[str | None, str | None]:
    """A date on a short line near the article's start, or just after its end, and a name after "by" or
    beside a date above the article, when no byline gave them: "Michael Mäser , 02.02.2022",
    "Gespeichert von human am 7. Juli 2019 - 18:44", "27. Januar 2014 by Jane Doe / Kategorien: Event"."""
    if not page.blocks:
        return None, None
    lead, (_, end) = page.lead, page.core
    above = range(max(0, lead - HEAD_ZONE), lead + 1)
    short = [b for b in (page.blocks[i] for i in [*above, *range(end, min(len(page.blocks), end + TAIL_ZONE))]) if b.words <= 15]
    date = next((d for b in short if (d := any_date(b.text))), None)
    named = (b for b in reversed(short) if b.index <= lead)  # the nearest to the article first
    author = next((n for b in named if (n := _unkeyed_author(b.text))), None)
    return date, author


def _unkeyed_author(text: str) -> str | None:
    """A name in a line no byline phrase marked: after "by"/"von" opening the line or sharing it with a date
    (inside a headline, "von" is only "of"), or beside a date."""
    named = BY_NAME.search(text)
    if named and (not text[: named.start()].strip(" *•·-–—|") or any_date(text)):
        return _name(named.group(1))
    return _dated_name(text)
