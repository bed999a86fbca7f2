import itertools
from collections import Counter

import regex

from ..blocks import CJK_CLASS
from ..document import Link
from ..shapes import WHEN_MARKS, is_bare_stamp, is_paragraph, is_stamp
from . import remove, rule
from .comments import is_thread

MIN_ITEMS = 3
MAX_PERIOD = 5
MAX_BREAK = 20  # blocks an ad may take between two items of one list
MAX_ITEM_TOKENS = 60
HEADLINE_WORDS = 4
WORD = regex.compile(rf"\p{{L}}{{3,}}|[{CJK_CLASS}]")  # a word of three letters, or one CJK character


def _lists(page):
    """Runs of stamp lines that recur every 2-5 blocks: the skeleton of a list of teasers.

    A stamp an earlier rule took (a related list's heading claims the first item under it) still keeps the
    rhythm, but a run needs three stamps of its own: one the related rule took whole is done. An ad set among the items
    (a third of the blocks between two stamps the `ads` rule took) breaks the rhythm, not the list."""
    stamps = [i for i in sorted(page.digits.union(page.holding(WHEN_MARKS))) if is_stamp(page.blocks[i])]  # what a stamp holds
    run = stamps[:1]
    for index in stamps[1:] + [None]:
        if index is not None and (2 <= index - run[-1] <= MAX_PERIOD or _ad_between(page, run[-1], index)):
            run.append(index)
            continue
        if sum(i not in page.claimed for i in run) >= MIN_ITEMS:
            yield run
        run = [index]


def _ad_between(page, a: int, b: int) -> bool:
    between = range(a + 1, b)
    return len(between) <= MAX_BREAK and 3 * sum(page.claimed.get(i) == "ads" for i in between) >= len(between)


@rule("teasers", kind="related")
def teasers(page):
    """Lists of other articles without a heading: teaser items each closed by a time stamp.

    Signals: three or more date or "3 hours ago" lines recurring at a steady period of 2-5 blocks
    (a headline and a teaser between them). A bare stamp closes its item; a stamp with a bullet or a
    source name ("* Yahoo財經 · 19 小時前") opens it. The items go to `related`.
    False positives: a list whose blocks never hold four words (dates, times, prices, "Book now") is a
    schedule, not headlines, and stays. A live blog also stamps its entries, but one paragraph each (period 2): when
    blocks over 60 tokens hold most of such a run's text, it is left alone. A thread (three or more
    post headers such as "name said:" or a date and a time) stamps its posts: the rule leaves it alone, unless a
    related heading ("推荐阅读") stands right above the run: then the stamps that made it look like a thread are the list's.
    In HTML a teaser's headline links to its article: a run in which nothing is mostly link (replies opened by
    "name | 3天前") stays.
    Example: "Woman risks her life to save a koala" / "At least six people have died…" / "14H ago",
    three times or more -> removed.
    """
    thread = is_thread(page)
    for stamps in _lists(page):
        period = Counter(b - a for a, b in itertools.pairwise(stamps)).most_common(1)[0][0]
        if thread and not any(page.claimed.get(i) == "related" for i in range(max(0, stamps[0] - period - 1), stamps[0])):
            continue  # a thread: its posts are stamped too, but no related heading opens them
        # A bare stamp ("32M ago") ends or sits inside its item; one with a bullet or a source ("* Yahoo · 4 小時前") opens it.
        leading = not any(is_bare_stamp(page.blocks[i]) for i in stamps)
        phase = 0 if leading else _phase(page, stamps, period)
        start, end = max(0, stamps[0] + phase), stamps[-1] + phase + period
        while start < stamps[0] and is_paragraph(page.blocks[start]):
            start += 1  # prose above the first stamp is the article's, whatever the period says
        span = [b for b in page.blocks[start:end] if b.index not in page.claimed]
        long_text = sum(b.tokens for b in span if b.tokens > MAX_ITEM_TOKENS)
        if period == 2 and long_text > 0.5 * sum(b.tokens for b in span):
            continue  # a stamp and a paragraph, again and again: a live blog
        if not any(len(WORD.findall(page.blocks[i].text)) >= HEADLINE_WORDS for i in range(stamps[0], stamps[-1])):
            continue  # dates, times, prices and buttons: a schedule, not other articles
        if page.mode == "html" and not any(b.link_density >= 0.5 for b in span):
            continue  # nothing links to another page: stamped replies or notes, not teasers
        items = [_item(page, i + phase, i) for i in stamps if i not in page.claimed]  # the related rule listed the rest
        how = "opened" if leading else "closed" if phase == 1 - period else "stamped"
        yield remove([b.index for b in span], f"{len(stamps)} teasers, each {how} by a time stamp", related=tuple(items))


def _phase(page, stamps: list[int], period: int) -> int:
    """Where an item starts, relative to its stamp: where items most often open with a headline and close with
    their longest text ("title / blog / 04-10 8675 / snippet": -2; "headline / blurb / 14H ago": -2)."""
    def fit(phase: int) -> int:
        score = 0
        for stamp in stamps:
            first, last = stamp + phase, stamp + phase + period - 1
            if 0 <= first and last < len(page.blocks):
                head, tail = page.blocks[first], page.blocks[last]
                score += 2 * (head.tokens <= MAX_ITEM_TOKENS and head.punct <= 1 and not is_stamp(head))
                score += tail.tokens >= max(page.blocks[i].tokens for i in range(first, last + 1))
        return score
    return max(range(1 - period, 1), key=lambda phase: (fit(phase), -phase))


def _item(page, first: int, stamp: int) -> Link:
    title = page.blocks[first].text if 0 <= first < len(page.blocks) else None
    return Link(title=title, date=page.blocks[stamp].text)
