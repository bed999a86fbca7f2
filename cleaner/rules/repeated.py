from collections import Counter

import regex

from ..dates import date_only
from ..patterns import RELATIVE_TIME
from ..thread import DIGITS, stamped
from . import remove, rule
from .comments import is_thread

MIN_REPEATS = 3
LETTER = regex.compile(r"\p{L}")
MAX_TOKENS = 8


def _stamped(block) -> bool:
    """A short line with a post's time or floor number ('#2', '3楼', '5月16日 18:21') among a thread's posts: a header
    of another shape than the thread's own ('asked …' beside 'answered …', the floor beside the date)."""
    return 0 < block.tokens <= MAX_TOKENS and stamped(block.text)


@rule("repeated", kind="navigation")
def repeated(page):
    """The furniture a thread prints with every post: "Joined: Jan 2013", "Posts: 16,487", a member's rank.

    Signals: on a page with three or more post headers ("Re: …", "name said:", a date and a time, "3楼"),
    a short block (1-8 tokens, no sentence end) whose exact text recurs three or more times, and a post's
    time stamp standing alone ("2020-12-31 15:35:13", "3天前", "Nov 3, 2021"); on a text page whose post headers
    recur in one shape (`cleaner.thread`), those headers too ("+ 2017-03-07 at 12:05 pm #1515"), the thread's other
    short stamped lines ("#2", "asked May 19 at 13:08") and short lines that recur with other numbers ("Posts: 1,234",
    "得分：35"). Gone, they no longer split the posts, so the region finder keeps the thread together.
    False positives: a sentence or a longer line never qualifies; on other pages the rule does nothing,
    since there repeated lines sit in lists of teasers that the region finder must still see as such
    (measured: run on every page it cost articles more than it gave threads). Runs after `title`, which
    keeps the title's own repeats.
    Example: "Re: What did you dream about?" / "Nancy Roussy" / "Joined: Jan 2013" / "Posts: 16,487" /
    a post, five times -> the member's name, "Joined" and "Posts" lines removed.
    """
    if not is_thread(page):
        return
    thread = page.thread
    # Per-post furniture with the poster's own numbers ('Posts: 1,234', '得分：35'): one text once the numbers are 0.
    numbered = Counter(DIGITS.sub("0", b.text) for b in page.blocks if DIGITS.search(b.text)) if thread else Counter()
    for block in page.free():
        short = 0 < block.tokens <= MAX_TOKENS and not block.ends_sentence
        posts = thread is not None and thread.start <= block.index < thread.end
        if posts and (block.index in thread.headers or _stamped(block)):
            yield remove(block.index, "a post's header")
        elif block.repeats >= MIN_REPEATS and short:
            yield remove(block.index, f"a short line the page repeats {block.repeats} times")
        elif posts and short and LETTER.search(block.text) and numbered[DIGITS.sub("0", block.text)] >= MIN_REPEATS:
            yield remove(block.index, "a short line the page repeats with other numbers")
        elif 0 < block.tokens <= MAX_TOKENS and (date_only(block.text) or RELATIVE_TIME.search(block.text)):
            yield remove(block.index, "a post's time stamp")
