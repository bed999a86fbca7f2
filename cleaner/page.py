"""The view of a page that rules read: its blocks, the phrase hits on each, what earlier rules claimed,
and the article region found among the blocks nobody claimed yet."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from .blocks import Block
from .patterns import CONSENT_MARKS, HEADER_MARKS
from .region import CLAIMED_COST, block_score, find_runs
from .scan import Scanner, holding
from .shapes import WHEN_MARKS, holding_digits, is_paragraph
from .thread import STAMP_MARKS, Thread, find_thread

HEADING_REACH = 3
HEADING_TOKENS = 12
# The sets of marks that rules ask `Page.holding` of on every page: found in the phrase scan's pass, which folds the
# page's text already.
MARKS = (CONSENT_MARKS, HEADER_MARKS + (":",), STAMP_MARKS, WHEN_MARKS)


class Page:
    def __init__(
        self, blocks: Sequence[Block], source: str, url: str | None, mode: str, scanner: Scanner, declared: dict | None = None
    ):
        self.blocks = blocks
        self.declared = declared or {}  # what the page says of itself (HTML <title>, meta tags)
        self.source = source
        self.url = url
        self.mode = mode
        self.hits: list[dict[str, list[tuple[int, int]]]]
        self.hits, self._marked = scanner.read([b.text for b in blocks], MARKS)
        self._claimed: dict[int, str] = {}
        # Block index -> name of the rule that removed it: read it, `claim` writes it (an attribute, not a property:
        # rules read it for most blocks).
        self.claimed: Mapping[int, str] = self._claimed
        # Of the blocks alone, read each time the region is found again (after every claim): computed once, when it is
        # first found, for the blocks no rule has claimed by then (an HTML page's main_content claims most of them).
        self._base_scores: list[float | None] = []
        self._paragraph: list[bool] = []
        self._attachable: list[bool] | None = None
        self._introducers: list[int] | None = None
        self._runs: list[tuple[int, int]] | None = None
        self._prose: list[int] | None = None
        self._free: list[Block] | None = None
        self._once: dict = {}
        self.forum_thread = False  # main_content found an HTML forum thread: its replies are content

    def once(self, key: str, compute):
        """A result of the page's blocks alone that several rules ask for: computed the first time only."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]

    # What earlier rules decided
    def claim(self, index: int, rule: str) -> bool:
        if index in self._claimed:
            return False
        self._claimed[index] = rule
        self._runs = self._prose = self._free = None
        return True

    def free(self) -> list[Block]:
        """Blocks no rule has removed yet, in order (a copy of the list kept until the next claim: most rules claim none)."""
        if self._free is None:
            self._free = [b for b in self.blocks if b.index not in self._claimed]
        return self._free.copy()

    # Phrase hits
    def has(self, index: int, family: str) -> bool:
        return family in self.hits[index]

    def with_hits(self, family: str) -> list[int]:
        """The blocks that hold hits of the family, in order (few do): rules that read only those skip the others."""
        return self.once("with hits", self._by_family).get(family, [])

    def _by_family(self) -> dict[str, list[int]]:
        by_family: dict[str, list[int]] = {}
        for index, found in enumerate(self.hits):
            for family in found:
                by_family.setdefault(family, []).append(index)
        return by_family

    def holding(self, marks: tuple[str, ...]) -> list[int]:
        """The blocks whose text `scan.mentions` one of `marks`, in order: a rule that needs one tests those only. The
        sets of MARKS are found in the phrase scan's pass, any other in a pass of its own."""
        if marks not in self._marked:
            self._marked[marks] = holding([b.text for b in self.blocks], marks)
        return self._marked[marks]

    @property
    def digits(self) -> set[int]:
        """The blocks that hold a digit (`shapes.has_digit`), found in one search through the page: read it, do not change it."""
        return self.once("digits", lambda: holding_digits(self.source, self.blocks))

    def coverage(self, index: int, family: str) -> float:
        """Share of the block's non-space characters inside the family's hits."""
        spans = self.hits[index].get(family)
        if not spans:
            return 0.0
        text = self.blocks[index].text
        covered = sum(len(text[s:e].replace(" ", "")) for s, e in spans)
        return covered / max(1, len(text.replace(" ", "")))

    # The article region
    @property
    def runs(self) -> list[tuple[int, int]]:
        """Runs of block indices [start, end) that hold the article, by density of unclaimed text."""
        if self._runs is None:
            if self._attachable is None:
                # Claims only grow: a block claimed by now is never read as any of these again (None in its place).
                claimed = self._claimed
                free = [None if i in claimed else b for i, b in enumerate(self.blocks)] if claimed else self.blocks
                self._base_scores = [b and block_score(b) for b in free]
                self._paragraph = [b and is_paragraph(b) for b in free]
                self._attachable = [b and _attachable(b, h) for b, h in zip(free, self.hits)]
                self._introducers = [b.index for b in free if b and _introduces(b)]
            scores, attachable = self._base_scores.copy(), self._attachable.copy()
            cost = -CLAIMED_COST  # one float for every claimed block, not a new one each (a long page claims thousands)
            for i in self._claimed:
                scores[i], attachable[i] = cost, False
            _introduced_lists(scores, self.blocks, self._introducers, self._claimed)
            thread = self.thread
            if thread:
                _posts_cost_nothing(scores, self.blocks[thread.start : thread.end], self._claimed)
            self._runs = find_runs(scores, attachable, thread[:2] if thread else None)
            self._inside = bytearray(len(self.blocks))
            for start, end in self._runs:
                self._inside[start:end] = b"\x01" * (end - start)
        return self._runs

    @property
    def thread(self) -> Thread | None:
        """The posts of a thread, on a text page whose post headers recur (`cleaner.thread`); None otherwise."""
        return self.once("thread", self._find_thread) if self.mode == "text" else None

    def _find_thread(self) -> Thread | None:
        thread = find_thread(self.blocks, self.holding(STAMP_MARKS))
        above = self.blocks[max(0, thread.start - HEADING_REACH) : thread.start] if thread else ()
        if any(b.tokens <= HEADING_TOKENS and self.has(b.index, "comments") for b in above):
            return None  # a comment section's heading ('Comments', '10 Comments') opens them: comments under an article
        return thread

    @property
    def core(self) -> tuple[int, int]:
        """First and last+1 block index of the article region; (0, 0) when none was found."""
        runs = self.runs
        return (runs[0][0], runs[-1][1]) if runs else (0, 0)

    @property
    def lead(self) -> int:
        """Index of the article's first prose block: what stands above it is the article's head zone."""
        start, end = self.core
        for i in range(start, end):
            if i not in self._claimed and self._paragraph[i]:
                return i
        # no region (or no prose in it): its first block a rule has not removed, so that the removed
        # blocks above it do not move the head zone (cleaning the body again must find the same head)
        return next((i for i in range(start, len(self.blocks)) if i not in self._claimed), start)

    def prose_before(self) -> list[int]:
        """For each block, how many tokens of unclaimed prose the article region holds before it (one list, kept until
        the next claim: read it, do not change it)."""
        self.runs  # noqa: B018 (brings the region, and its mask, up to date)
        if self._prose is None:
            counts, total, claimed, inside, paragraph = [], 0, self._claimed, self._inside, self._paragraph
            for block in self.blocks:
                counts.append(total)
                i = block.index
                if inside[i] and paragraph[i] and i not in claimed:
                    total += block.tokens
            self._prose = counts
        return self._prose

    def in_region(self, index: int) -> bool:
        self.runs  # noqa: B018 (brings the region, and its mask, up to date)
        return bool(self._inside[index])

    def score(self, index: int) -> float:
        score = self._base_scores[index] if self._base_scores else None  # None: the block was claimed before the region
        return block_score(self.blocks[index]) if score is None else score


def _attachable(block: Block, hits: dict) -> bool:
    """Prose-like on its own terms: ends a sentence or a salutation, no list bullet, no widget words."""
    return block.ends_sentence and not block.bullet and not hits and block.segments < 3


def _introduces(block: Block) -> bool:
    """A sentence that introduces a list ("…affects every version of Windows:")."""
    return block.text[-1] in ":：" and block.punct >= 2 and block.tokens >= 8 and not block.bullet


def _introduced_lists(scores: list[float], blocks: Sequence[Block], introducers: list[int], claimed: Mapping[int, str]) -> None:
    """A list that a sentence introduces ("…affects every version of Windows:" / "* Windows 11" / …) is the
    article's, however short its items: they cost nothing, so they no longer split the article in two. The list
    ends at its first long block or at a block a rule removed (what follows a widget is not the list's)."""
    for index in introducers:
        if index not in claimed:
            for item in range(index + 1, len(blocks)):
                if item in claimed or not (blocks[item].bullet or blocks[item].tokens <= 25):
                    break
                scores[item] = max(scores[item], 0.0)


def _posts_cost_nothing(scores: list[float], blocks: Sequence[Block], claimed: Mapping[int, str]) -> None:
    """Inside a thread, a one-line post ("Great answer Bernie.") is content however short, and the headers and
    furniture that rules removed between the posts no longer split them: none of them costs anything. A bulleted
    line that ends no sentence is still a menu's or a list's."""
    for block in blocks:
        if block.index in claimed:
            scores[block.index] = 0.0
        elif not (block.bullet and not block.ends_sentence):
            scores[block.index] = max(scores[block.index], 0.0)
