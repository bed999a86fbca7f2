import regex

from ..dates import any_date, find_date
from ..shapes import is_date
from . import note, remove, rule

VALUE = r"\s*[:：]?\s*([^\s|｜/,，;；()（）]{2,30})"
AUTHOR = regex.compile(r"(?:作\s*者|^文\s*[/|｜:：]|记\s*者|编\s*辑|written by|^by)" + VALUE, regex.IGNORECASE)
ENGLISH_NAME = regex.compile(r"(?:^by|written by)\s+(\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}[\p{L}.'-]+){0,3})", regex.IGNORECASE)
SOURCE = regex.compile(r"(?:来\s*源|出\s*处|source)" + VALUE, regex.IGNORECASE)
VIEWS = regex.compile(r"(?:阅读|浏览|点击|访问|views?)\s*(?:量|数|次数|人数)?\s*[:：]?\s*(\d[\d,]*)", regex.IGNORECASE)
HEAD_ZONE = 30
TAIL_ZONE = 5
PLACEHOLDER = {"投稿用户", "admin", "佚名", "未知", "匿名", "本站", "小编", "网友"}


def _parse(text: str) -> dict:
    meta = {}
    name = ENGLISH_NAME.search(text) or AUTHOR.search(text)
    if name and name.group(1) not in PLACEHOLDER and not find_date(name.group(1)):
        meta["author"] = name.group(1).strip()
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


@rule("byline", kind="byline")
def byline(page):
    """Bylines, source and date lines (作者/来源/责任编辑/发布时间/投稿用户, By …, Published …), parsed into
    author, source, published and view counts, then removed.

    Signals: a short block (at most 12 tokens, or 30 that do not end a sentence) with a `byline`
    phrase, or a bare date line before the article; anywhere on the page, since 责任编辑 lines close
    articles.
    False positives: longer blocks and sentences are prose ("By taking off the top half...",
    "the study, published in Nature, ...") and stay.
    A bare date line gives `published` only within 30 blocks above the article: further up, it is the
    header's "today". With no dated byline, the first date on a short line among the 30 blocks above the
    article or the 5 after it is `published` (a note: the line stays).
    Example: "作者：张三 来源：新华网 2024-06-27 10:00" -> author 张三, source 新华网, published.
    """
    start = page.lead
    lines = [(b, _keyed(page, b)) for b in page.free()]
    lines = [(b, keyed) for b, keyed in lines if keyed or (is_date(b) and b.index <= start)]
    # The article's own date stands near it; one further up is the header's "today".
    dated = next((b.index for b, keyed in lines if not keyed and b.index >= start - HEAD_ZONE), None)
    for block, keyed in lines:
        meta = _parse(block.text)
        if not keyed and block.index != dated:
            meta.pop("published", None)
        yield remove(block.index, "byline or date line" if keyed else "date line before the article", **meta)
    date = _nearby_date(page)
    if date:
        yield note(published=date)  # merged after the bylines' own dates, which win


def _keyed(page, block) -> bool:
    """A byline phrase in a short line: a long line that ends a sentence is prose that happens to say
    "published" or "By taking..."."""
    return page.has(block.index, "byline") and (block.tokens <= 12 or (block.tokens <= 30 and not block.ends_sentence))


def _nearby_date(page) -> str | None:
    """A date on a short line near the article's start, or just after its end, when no byline gave one:
    "Michael Mäser , 02.02.2022", "Gespeichert von human am 7. Juli 2019 - 18:44"."""
    if not page.blocks:
        return None
    lead, (_, end) = page.lead, page.core
    near = [*range(max(0, lead - HEAD_ZONE), lead + 1), *range(end, min(len(page.blocks), end + TAIL_ZONE))]
    for index in near:
        block = page.blocks[index]
        if block.tokens <= 15 and (date := any_date(block.text)):
            return date
    return None
