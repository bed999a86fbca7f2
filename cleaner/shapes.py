"""Shape predicates over blocks that several rules share."""
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

import regex

from .blocks import BEYOND_BMP, SPACE, Block, bmp_class
from .dates import date_only
from .hanzi import with_traditional
from .patterns import DATE_ONLY, ELLIPSIS, NUMBER_ONLY, RELATIVE_TIME, TRAILING_COUNT
from .scan import mentions

# Every date holds a digit, every relative time a digit or one of these words: a line with neither is no stamp.
DIGIT = regex.compile(r"\d")  # regex's: its Unicode is newer than the re module's
ASCII_DIGITS = frozenset("0123456789")
WHEN_WORDS = with_traditional(("今天", "昨天", "前天", "just now", "刚刚"))
WHEN_MARKS = ("天", "刚", "剛", "just now")  # every when-word holds one: a page finds fewer marks faster (`Page.holding`)


def has_digit(text: str) -> bool:
    """Whether DIGIT stands in `text`: a set test finds an ASCII digit, the regex the others, in non-ASCII text only (a
    regex call costs several times the test, and rules ask this of most short lines)."""
    return not ASCII_DIGITS.isdisjoint(text) or not text.isascii() and bool(DIGIT.search(text))


def holding_digits(source: str, blocks: Sequence[Block]) -> set[int]:
    """The blocks that hold a digit (`has_digit`), found by one search through the text they were read from, which holds
    only white space between them: from a digit, the search goes on at the next block."""
    starts = [b.start for b in blocks]
    digit = DIGIT if BEYOND_BMP.search(source) else _digit()
    found, match = set(), digit.search(source)
    while match:
        k = bisect_right(starts, match.start()) - 1
        found.add(k)
        match = digit.search(source, starts[k + 1]) if k + 1 < len(starts) else None
    return found


@cache
def _digit() -> re.Pattern:
    """DIGIT for the re module, over texts within the BMP."""
    return re.compile(bmp_class(r"\d"))


def is_date(block: Block) -> bool:
    """A line that only says when: "2019-11-20 10:28", "Nov. 19, 2019 8:03 am ET", "11月20日"."""
    if block.tokens > 14 or not has_digit(block.text):
        return False
    return (block.tokens <= 8 and bool(DATE_ONLY.match(block.text))) or date_only(block.text)


def _says_when(text: str, anywhere: bool) -> bool:
    """Only a date, a time or "3 hours ago", maybe with the view count a teaser carries ("02-15 1万+")."""
    if not has_digit(text) and not mentions(text, WHEN_WORDS):
        return False
    relative = RELATIVE_TIME.search if anywhere else RELATIVE_TIME.match
    if DATE_ONLY.match(text) or relative(text):
        return True
    bare = TRAILING_COUNT.sub("", text)
    return bare != text and bool(DATE_ONLY.match(bare) or relative(bare))


def is_stamp(block: Block) -> bool:
    """A line that only says when, maybe by whom ("Yahoo財經 · 19 小時前"): eight words at most, two CJK characters to a
    word ("東方日報 OrientalDaily · 22 小時前")."""
    return block.words <= 8 and _says_when(block.text, anywhere=True)


def is_bare_stamp(block: Block) -> bool:
    """A stamp with nothing before it: no bullet, no source name."""
    return not block.bullet and block.tokens <= 8 and _says_when(block.text, anywhere=False)


def is_number(block: Block) -> bool:
    return bool(NUMBER_ONLY.match(block.text))


def is_teaser(block: Block) -> bool:
    """A snippet cut off with an ellipsis, as related lists and index pages show them."""
    return block.text.rstrip(SPACE).endswith(ELLIPSIS)


def is_heading(block: Block) -> bool:
    """A title-shaped block: a few words, no sentence punctuation at its end, not a list item."""
    return 3 <= block.tokens <= 60 and not block.ends_sentence and not block.bullet and not is_date(block)


def is_paragraph(block: Block) -> bool:
    """A block that reads like article prose rather than a list entry."""
    return block.tokens >= 30 and block.punct >= 2 and not is_teaser(block)


def is_list_entry(block: Block) -> bool:
    """What follows a list heading: bullets, short titles (one that exclaims or asks too: "究竟谁顶得住嘛！"), dates,
    counts, teasers."""
    headline = not block.ends_sentence or (block.text[-1] in "!?！？" and block.punct <= 3)
    return block.bullet or is_date(block) or is_number(block) or is_teaser(block) or (block.tokens <= 25 and headline)


def clusters(indices: list[int], max_step: int) -> list[list[int]]:
    """Sorted block indices split where two neighbours lie more than `max_step` apart."""
    runs: list[list[int]] = []
    for index in indices:
        if runs and index - runs[-1][-1] <= max_step:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs
