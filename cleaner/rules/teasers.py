import itertools
from collections import Counter

from ..document import Link
from ..shapes import is_stamp
from . import remove, rule

MIN_ITEMS = 3
MAX_PERIOD = 4
MAX_ITEM_TOKENS = 60


def _lists(page):
    """Runs of stamp lines that recur every 2-4 blocks: the skeleton of a list of teasers."""
    stamps = [b.index for b in page.blocks if b.index not in page.claimed and is_stamp(b)]
    run = stamps[:1]
    for index in stamps[1:] + [None]:
        if index is not None and 2 <= index - run[-1] <= MAX_PERIOD:
            run.append(index)
            continue
        if len(run) >= MIN_ITEMS:
            yield run
        run = [index]


@rule("teasers", kind="related")
def teasers(page):
    """Lists of other articles without a heading: teaser items each closed by a time stamp.

    Signals: three or more date or "3 hours ago" lines recurring at a steady period of 2-4 blocks,
    with short blocks between them (a headline, a one-line teaser). The items go to `related`.
    False positives: a live blog also stamps its entries, but with paragraphs: when blocks over
    60 tokens hold most of the run's text, it is left alone.
    Example: "Woman risks her life to save a koala" / "At least six people have died…" / "14H ago",
    three times or more -> removed.
    """
    for stamps in _lists(page):
        period = Counter(b - a for a, b in itertools.pairwise(stamps)).most_common(1)[0][0]
        start = max(0, stamps[0] - period + 1)
        span = [b for b in page.blocks[start : stamps[-1] + 1] if b.index not in page.claimed]
        if sum(b.tokens for b in span if b.tokens > MAX_ITEM_TOKENS) > 0.5 * sum(b.tokens for b in span):
            continue
        items, current = [], []
        for block in span:
            if is_stamp(block):
                if current:
                    items.append(Link(title=current[0].text, date=block.text))
                current = []
            else:
                current.append(block)
        yield remove([b.index for b in span], f"{len(stamps)} teasers, each closed by a time stamp", related=tuple(items))
