from collections import Counter
from itertools import accumulate

import regex

from ..dates import any_date
from ..patterns import URL
from ..shapes import is_heading, is_paragraph
from . import note, remove, rule

LOOKBACK = 4
FURNITURE = 3  # blocks outside the article region right above a heading: menus, a breadcrumb
MAX_COPIES = 3  # <title>, <h1> and a breadcrumb at most
WIDGET_SHARE = 0.3  # of a candidate's characters in widget words that make it a widget line ("Skip to content")
SENTENCE_BREAK = regex.compile(r"[.!?](?:\s|$)|[。！？।]")


def _candidate(page):
    """The title block and why: the heading-shaped block above the article with the most evidence."""
    lead = page.lead
    declared = page.declared.get("title")
    head = [
        b for b in page.blocks[: lead + 1]
        if b.index not in page.claimed and _title_shaped(b)
        and len(SENTENCE_BREAK.findall(b.text)) < 2  # two sentences and more: prose, not a title
        and not _phrased(page, b.index) and not _wrapped(page, b)
    ]
    best, best_score, best_why = None, 0, ""
    head_text = "\n".join(b.text for b in page.blocks[:lead])
    # With no prose to stand above, the head zone ends at the first block left, so a copy further down would
    # move into it once this one is removed (and be the title of the body cleaned again): count copies in it.
    in_head = Counter(b.text for b in page.blocks[: lead + 1])
    anchored = lead < len(page.blocks) and is_paragraph(page.blocks[lead])
    alone = Counter(b.text for b in page.blocks[:lead])
    claimed_before = list(accumulate((i in page.claimed for i in range(lead)), initial=0))  # claimed blocks above i
    for block in head:
        score, why = 0, []
        if declared and (block.text in declared or declared in block.text):
            score, why = score + 4, why + ["matches the declared title"]
        copies = block.repeats if anchored else in_head[block.text]
        if 1 < copies <= MAX_COPIES:  # more copies than that: a thread's per-post furniture
            score, why = score + 2, why + ["repeated above the article"]
        # Found inside the head more often than it stands alone there: part of a longer line.
        if head_text.count(block.text) > alone[block.text]:
            score, why = score + 2, why + ["part of a 'title | site' line"]
        if block.index > 0 and lead - block.index <= LOOKBACK + claimed_before[lead] - claimed_before[block.index]:
            score, why = score + 1, why + ["just above the article"]
        # Text has no <title> to match: a heading right under the menus is its best witness (in HTML, a post's first line).
        if page.mode == "text" and _under_furniture(page, block):
            score, why = score + 1, why + ["first heading under the page's furniture"]
        if page.claimed.get(block.index + 1) == "byline":
            score, why = score + 1, why + ["followed by a byline"]
        if score > best_score or (score == best_score and score and block.index > best.index):
            best, best_score, best_why = block, score, ", ".join(why)
    if best_score >= 2:
        return best, best_why
    return None, ""


def _phrased(page, index) -> bool:
    """Holds a boilerplate phrase of any family but widget words, or widget words in much of it: a lone 'more',
    'News' or 'jetzt' in a headline does not make it a widget."""
    return any(family != "ui" for family in page.hits[index]) or page.coverage(index, "ui") >= WIDGET_SHARE


def _title_shaped(block) -> bool:
    """A heading, or a headline that asks or exclaims ("Wie pflege ich meine Zaubernuss im Winter?"), of three words
    at least (two CJK characters count as one: "新浪财经" is a site's name); no link, no date (a byline's)."""
    shaped = is_heading(block) or (3 <= block.tokens <= 30 and not block.bullet and block.text[-1] in "?!？！")
    return shaped and block.words >= 3 and not URL.search(block.text) and not any_date(block.text)


def _under_furniture(page, block) -> bool:
    """Menus, a breadcrumb or other blocks outside the article right above, the nearest of them no heading (a
    subtitle stands under its title, not under the furniture)."""
    above = range(block.index - FURNITURE, block.index)
    if block.index < FURNITURE or any(page.in_region(i) for i in above):
        return False
    previous = page.blocks[block.index - 1]
    return block.index - 1 in page.claimed or not is_heading(previous) or bool(page.hits[previous.index])


def _wrapped(page, block) -> bool:
    """A line of hard-wrapped prose: as long as the line after it, which carries on its sentence."""
    if block.index + 1 >= len(page.blocks) or len(block.text) < 15:
        return False
    following = page.blocks[block.index + 1]
    similar = abs(len(following.text) - len(block.text)) <= 0.1 * len(block.text)
    return similar and following.text != block.text and not following.bullet


@rule("title", kind="title")
def title(page):
    """The article title: found, kept out of the body, its repeats removed.

    Signals: a heading-shaped block (3-60 tokens, no closing sentence punctuation, not a list item,
    no widget or notice words) above the article, scored by evidence: it matches the page's declared
    title (HTML), recurs above the article (scrapers often save it twice), is part of a longer
    "title | site" line, is followed by a byline, stands right above the article once bylines are
    set aside, is (text) the first heading under the menus and other blocks outside the article.
    Two pieces of evidence are needed.
    False positives: a first line of the page with nothing above it needs a repeat or a declared
    title to count, so cleaning a body again does not eat its first heading; a subtitle stands under its
    title, not under the menus; a long line holding two sentences or more is prose.
    Example: "在领导班子政治建设座谈会上的讲话" twice at the top -> title, both lines removed.
    """
    found, why = _candidate(page)
    if found is None:
        if page.declared.get("title"):
            yield note(title=page.declared["title"])
        return
    copies = [b.index for b in page.blocks[: page.lead + 1] if b.text == found.text and b.index not in page.claimed]
    yield remove(copies, f"title ({why})", title=found.text)

