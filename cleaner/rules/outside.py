from . import remove, rule
from .comments import is_thread

LABEL_TOKENS = 8  # a heading that announces a list: 'Weitere aktuelle Themen aus der Arbeitswelt'
PROSE_TOKENS = 15
ANNOUNCES = (":", "：", "…", "...")  # a line ending so points on to what follows it


def _gaps(page):
    """Maximal runs of unclaimed blocks outside the article region, with where they sit."""
    start, end = page.core
    outside = 0  # the first block after the runs read so far
    for run_start, run_end in [*page.runs, (len(page.blocks), len(page.blocks))]:
        gap = []
        for block in page.blocks[outside:run_start]:  # outside the region: the claimed blocks split it
            if block.index not in page.claimed:
                gap.append(block)
            elif gap:
                yield gap, _where(gap[0].index, start, end)
                gap = []
        if gap:
            yield gap, _where(gap[0].index, start, end)
        outside = max(outside, run_end)


def _where(first: int, start: int, end: int) -> str:
    return "before" if first < start else "after" if first >= end else "between parts of"


@rule("outside_article", kind="outside")
def outside_article(page):
    """Everything outside the article region: menus, sidebars, footers, lists of links.

    Signals: the region finder (`cleaner.region`) scores each block by its length, sentence punctuation
    and link share against a fixed cost per block; runs of short, link-like or unpunctuated blocks sum
    negative and fall outside. Each gap is one finding, with its size and shape in the reason.
    False positives: runs that score a fair share of the best one join the region, so an article
    split by a widget, or a thread of forum posts, is kept whole.
    On an HTML thread (three or more post headers) the gaps after the region's start stay: they are
    short replies inside the container main_content chose. In HTML, a sentence of 15 tokens or more above the
    region, hardly linked and without furniture phrases, stays too: in the container it is the article's
    opening, set apart by a contents box or a picture.
    In HTML, a short heading or a short line ending in a colon or an ellipsis, left last with the blocks after it
    removed, goes too: it announced them ('Related topics', 'Weiterführende Links', 'Kontakt:', 'Lesen Sie auch …').
    Example: 40 one-word menu lines above a 10-paragraph article -> removed as one gap.
    """
    if not page.runs:
        return
    # In HTML the replies of a thread are in the container main_content chose: short ones that trail the
    # region are replies, not furniture.
    replies = page.mode == "html" and is_thread(page)
    cut = set()
    for gap, where in _gaps(page):
        if replies and where != "before":
            continue
        if page.mode == "html" and where == "before":
            # Inside the container main_content chose, prose above the region is the article's opening (an
            # intro set apart by a contents box or a picture), not furniture.
            gap = [b for b in gap if not _opening_prose(page, b)]
            if not gap:
                continue
        cut.update(b.index for b in gap)
        mean = sum(b.tokens for b in gap) / len(gap)
        yield remove(
            [b.index for b in gap],
            f"{len(gap)} block(s) {where} the article region (mean {mean:.0f} tokens, score {sum(page.score(b.index) for b in gap):.0f})",
        )
    if page.mode == "html":
        last = next((b for b in reversed(page.blocks) if b.index not in page.claimed and b.index not in cut), None)
        if last is not None and last.index < len(page.blocks) - 1 and _label(last):
            yield remove(last.index, "a heading with nothing after it: it announced what was removed below")


def _opening_prose(page, block) -> bool:
    """A sentence of PROSE_TOKENS or more, hardly linked, without any furniture phrase."""
    return block.ends_sentence and block.tokens >= PROSE_TOKENS and block.link_density < 0.2 and not page.hits[block.index]


def _label(block) -> bool:
    """A short heading, not the title's <h1>, without a sentence's end (a colon counts as one: 'Read also:' lines
    introduce a source list or an embed as often as a widget), or a short line that points on ('Kontakt:',
    'Das könnte Sie auch interessieren …')."""
    if block.tokens > LABEL_TOKENS:
        return False
    return (block.heading > 1 and not block.ends_sentence) or block.text.rstrip().endswith(ANNOUNCES)
