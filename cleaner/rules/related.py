import regex

from ..dates import find_date
from ..document import Link
from ..shapes import is_date, is_list_entry, is_number, is_teaser
from . import remove, rule

CLOSING_PROSE = 100
MAX_LINK_TOKENS = 30
# "Read also" links that sit between paragraphs, in every language: they never close the article.
WEAK_HEADING = regex.compile(
    r"read (?:more|also)|see also|more (?:on|in|from)|^related:?$|延伸阅读|扩展阅读|leggi anche|baca juga|czytaj (?:także|też)"
    r"|lees ook|leia também|veja também|à lire aussi|lesen sie auch|lea también|читайте также|смотрите также",
    regex.IGNORECASE,
)


def _items(blocks):
    """Related links from a list: each title line, with the date and count lines that follow it."""
    items = []
    for block in blocks:
        if is_date(block) and items:
            items[-1]["date"] = items[-1]["date"] or find_date(block.text) or block.text
        elif is_number(block) and items:
            digits = "".join(ch for ch in block.text if ch.isdigit())
            items[-1]["views"] = items[-1]["views"] or (int(digits) if digits else None)
        elif not is_teaser(block) or not items:
            items.append({"title": block.text.lstrip("*•·-●◆■▪►» ").strip(), "date": None, "views": None})
    return tuple(Link(title=i["title"], date=i["date"], views=i["views"]) for i in items)


@rule("related", kind="related")
def related(page):
    """Lists of other articles opened by a heading (相关推荐, 猜你喜欢, 热门文章, Related articles, You may also like).

    Signals: a short block that is mostly a `related` phrase, then the run of list entries after it
    (bullets, short titles, teasers ending in an ellipsis, date and count lines). The entries go to
    `related` with their dates and view counts.
    After at least 100 tokens of the article's prose, a related heading followed at once by prose
    closes the article: the rest of the region goes too, since teasers there can be whole paragraphs.
    A related phrase and a colon opening a line of up to 30 tokens that is no sentence ("Baca juga: Banjir
    Lahar Dingin di Sumbar", "相关阅读：…"), or in HTML a related phrase and a link, is one related link.
    False positives: the heading must be short and mostly the phrase, so "我们推荐阅读原文" in a
    paragraph stays; the run stops at the first block that reads like prose; an inline "Read more" or
    "See also" between paragraphs never closes the article.
    Example: "相关推荐" / "• 干部监督工作情况汇报" / "近年来…" / "2023年6月19日" / "199" -> all removed.
    """
    blocks = page.blocks
    lead, (_, core_end) = page.lead, page.core
    prose = page.prose_before()
    after = 0  # the first block no list took yet
    for i in page.with_hits("related"):
        head = blocks[i]
        if i < after or i in page.claimed:
            continue
        inline = _link_line(page, head)
        if not inline and (head.tokens > 12 or page.coverage(i, "related") < 0.4):
            continue
        j = i + 1
        while j < len(blocks) and (j in page.claimed or is_list_entry(blocks[j])):
            j += 1
        # After the article, a heading followed at once by prose closes it: those are other articles' teasers.
        # A list of short titles is an aside instead: the article may go on after it.
        closing = j == i + 1 and not inline and lead <= i < core_end and prose[i] >= CLOSING_PROSE and not WEAK_HEADING.search(head.text)
        if closing:
            j = max(j, core_end)
        entries = [b for b in blocks[i + 1 : j] if b.index not in page.claimed]
        where = "closing the article" if closing else "list"
        yield remove(
            [head.index] + [b.index for b in entries],
            f"related-articles {where} under {head.text!r} ({len(entries)} blocks)",
            related=_items(entries),
        )
        after = j


def _link_line(page, block) -> bool:
    """A related phrase, then the title of another article on the same line: in HTML a link ("推荐阅读：<a>…</a>"),
    in text a colon and a title that is no sentence ("Baca juga: Banjir Lahar Dingin di Sumbar")."""
    spans = page.hits[block.index]["related"]
    if spans[0][0] > 2:
        return False
    if block.link_density < 0.5:
        rest = block.text[spans[0][1] :].lstrip()
        return rest[:1] in (":", "：") and block.tokens <= MAX_LINK_TOKENS and not block.text.endswith((".", "。"))
    plain = len(block.text.replace(" ", "")) * (1.0 - block.link_density)
    covered = sum(len(block.text[s:e].replace(" ", "")) for s, e in spans)
    return covered >= 0.5 * plain
