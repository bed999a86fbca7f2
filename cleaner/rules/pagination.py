import regex

from ..dates import find_date
from ..document import Link
from ..hanzi import both_scripts
from . import remove, rule

PREV = regex.compile(both_scripts(r"(?:上一(?:篇|页|章|条)|前一(?:篇|页)|previous(?: article| post| page| story| chapter| entry)?|prev|newer)\s*[:：]?\s*(.*?)\s*(?=下一|后一|next\b|older\b|$)"), regex.IGNORECASE)
NEXT = regex.compile(both_scripts(r"(?:下一(?:篇|页|章|条)|后一(?:篇|页)|next(?: article| post| page| story| chapter| entry)?|older)\s*[:：]?\s*(.*)"), regex.IGNORECASE)


def _link(match):
    rest = match.group(1).strip()
    date = find_date(rest)
    title = None if (not rest or date and len(rest) <= 20 or rest in ("没有了", "无")) else rest
    return Link(title=title, date=date) if title or date else None


@rule("pagination", kind="pagination")
def pagination(page):
    """Pagination bars and previous/next links (上一篇/下一篇, 上一页/下一页, 第2页 共5页, Next article).

    Signals: phrases of the `pagination` family in a short block. The text after 上一篇/Previous
    (a title, a date) becomes `prev`, after 下一篇/Next `next`.
    False positives: blocks over 30 tokens are prose that mentions a page ("见下一页的表格") and stay.
    Example: "上一篇 2024年6月27日" -> removed, prev date 2024-06-27.
    """
    for index in page.with_hits("pagination"):
        block = page.blocks[index]
        if index in page.claimed or block.tokens > 30:
            continue
        meta = {}
        for key, pattern in (("prev", PREV), ("next", NEXT)):
            match = pattern.search(block.text, timeout=1.0)
            if match and _link(match):
                meta[key] = _link(match)
        yield remove(block.index, "pagination or previous/next link", **meta)
