"""A thread's posts, found from the page's own structure: the posts' header lines, short lines with a time or a
floor number whose shape ("+ 2017-03-07 at 12:05 pm #1515", "发布 #3 2024年5月16日 16点12分") recurs through the
page, every few lines and at uneven intervals, as posts of different lengths set them apart."""
from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import regex

from .blocks import Block
from .hanzi import both_scripts
from .patterns import AGO_UNITS
from .scan import mentions
from .shapes import is_paragraph

# A time of day, a floor number ("#12", "3楼") or an age ("2 weeks ago", "3天前"): what a post's header stamps it with.
STAMP = regex.compile(
    both_scripts(rf"(?<![\d:])\d{{1,2}}:\d{{2}}(?!\d)|(?:^|\s)#\d+\b|(?<!\d)\d+\s*楼|\bago\b|\d\s*{AGO_UNITS}"), regex.IGNORECASE
)
TIME_RANGE = regex.compile(r"\d:\d\d\s*[-－—–~至到]\s*\d{1,2}:\d\d")  # a schedule's "8:30－8:50": a post has one time
LETTERS = regex.compile(r"[\p{L}\p{M}_]+")
DIGITS = regex.compile(r"\d+")
HEADER_TOKENS = 25
MIN_POSTS = 3
MAX_GAP = 20  # median lines from one header to the next: further apart, they are stamps of a page's other parts
PROSE_BEFORE = 100  # tokens of prose above the first header: an article, and comments under it


class Thread(NamedTuple):
    start: int  # the first post header
    end: int  # exclusive: the last header and a post's usual length after it
    headers: tuple[int, ...]


def shape(text: str) -> str:
    """A header line without its words and with every number 0: the names and times change from post to post, the
    punctuation around them does not ("+ 0-0-0 0:0 #0")."""
    return " ".join(DIGITS.sub("0", LETTERS.sub(" ", text)).split())


STAMP_MARKS = (":", "#", "前", "楼", "樓", "ago")  # one of which every STAMP holds, folded (`stamped` tests them so)


def stamped(text: str) -> bool:
    """Whether a STAMP stands in `text`; a line without ":", "#", 楼, 前 or "ago", as most are, is not searched (nor
    folded for "ago" without a g)."""
    if not (":" in text or "#" in text or "前" in text or "楼" in text or "樓" in text
            or ("g" in text or "G" in text) and mentions(text, ("ago",))):
        return False
    return bool(STAMP.search(text))


def find_thread(blocks: Sequence[Block], marked: Iterable[int] | None = None) -> Thread | None:
    """The posts of a thread, or None.

    Its headers are the largest set of short stamped lines sharing one shape, three at least, a median 2-20 lines
    apart and not all equally far apart (a list of teasers or videos repeats one layout; posts differ in length);
    four when the shape is numbers alone. A bare time ("01:20") is a video's length, not a header. With 100 tokens of prose above the first header, the
    page is an article and the stamped lines are its comments (the `comments` rule's business). `marked`: the blocks
    that hold one of STAMP_MARKS, in order (`Page.holding`), when known: only those can be stamped."""
    by_shape = defaultdict(list)
    for block in blocks if marked is None else map(blocks.__getitem__, marked):
        if block.tokens <= HEADER_TOKENS and stamped(block.text) and not TIME_RANGE.search(block.text):
            by_shape[shape(block.text)].append(block.index)
    headers, post = [], 0
    for key, found in by_shape.items():
        weak = set(key) <= {"0", " "}  # only numbers ("1 hour ago"): menus and sidebars stamp lines so too
        if key != "0:0" and len(found) >= max(MIN_POSTS + weak, len(headers) + 1):
            gaps = [b - a for a, b in itertools.pairwise(found)]
            if 2 <= statistics.median(gaps) <= MAX_GAP and len(set(gaps)) > 1:
                headers, post = found, int(statistics.median(gaps))
    if not headers or sum(b.tokens for b in blocks[: headers[0]] if is_paragraph(b)) >= PROSE_BEFORE:
        return None
    return Thread(headers[0], min(len(blocks), headers[-1] + post), tuple(headers))
