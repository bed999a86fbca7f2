from ..shapes import is_heading
from . import note, remove, rule

LOOKBACK = 4


def _candidate(page):
    """The title block: a heading-shaped block at the head of the article, by the strongest evidence."""
    start = page.lead
    head = [b for b in page.blocks[: start + 1] if is_heading(b)]
    declared = page.declared.get("title")
    if declared:
        for block in head:
            if block.text in declared or declared in block.text:
                return block, "matches the page's declared title"
    for block in head:
        if block.repeats > 1 and block.index < start:
            return block, "heading repeated above the article"
    before = [b for b in page.blocks[max(0, start - LOOKBACK) : start] if b.index not in page.claimed or page.claimed[b.index] == "byline"]
    if before and is_heading(before[-1]) and before[-1].index > 0:
        return before[-1], "heading just above the article"
    return None, ""


@rule("title", kind="title")
def title(page):
    """The article title: found, kept out of the body, its repeats removed.

    Signals: a heading-shaped block (3-60 tokens, no closing sentence punctuation, not a list item)
    above the article that matches the page's declared title (HTML), or recurs above the article
    (scrapers often save it twice), or stands right above the article, bylines aside.
    False positives: a first line of the page with nothing above it needs a repeat or a declared
    title to count, so cleaning a body again does not eat its first heading.
    Example: "在领导班子政治建设座谈会上的讲话" twice at the top -> title, both lines removed.
    """
    found, why = _candidate(page)
    if found is None:
        if page.declared.get("title"):
            yield note(title=page.declared["title"])
        return
    copies = [b.index for b in page.blocks[: page.lead + 1] if b.text == found.text and b.index not in page.claimed]
    yield remove(copies, f"title ({why})", title=found.text)

