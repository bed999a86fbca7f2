"""Finding the article: the runs of blocks where text is dense, between the page's furniture.

Each block scores its length (CJK characters count half a word), plus a bonus for sentence
punctuation, minus a fixed cost per block and its share of link text. Menus, lists of links and
footers are many short blocks and sum negative; paragraphs sum positive. The best-scoring run is the
core (a maximum-sum subarray); further runs join when they score a fair share of the core, so forum
posts and articles split by a widget are kept whole.
"""
from __future__ import annotations

from collections.abc import Sequence

import regex

from .blocks import Block

BLOCK_COST = 8.0
CLAIMED_COST = 3.0
JOIN_SHARE = 0.35
JOIN_MIN = 20.0
ATTACH = 2
UNPUNCTUATED = 0.1
SPARSE_MIN, SPARSE_RATIO = 60, 40
HTML_PLAIN_BONUS = 12.0
MARKDOWN = regex.compile(r"\*\*[^*\s][^*]*\*\*|!\[[^\]]*\]\(|\]\((?:https?://|#)|^#{1,6}\s\S")


def block_score(block: Block) -> float:
    size = block.words
    size *= 1.0 - block.link_density
    if block.segments >= 3 and block.tokens < 6 * block.segments:
        size *= 0.2  # a menu bar: many short items on one line
    elif (not block.punct and not block.ends_sentence) or _sparse(block):
        size *= UNPUNCTUATED  # a headline or link text, not prose
    bonus = min(block.punct, 20) * 1.5 + (2.0 if block.ends_sentence else 0.0)
    if block.bullet and (not block.ends_sentence or (block.punct <= 1 and block.tokens < 20)):
        bonus -= 6.0  # a list of links or headlines ("…kabul etti!"), not a list of sentences
        size *= 0.5 if 2 * block.cjk > block.tokens else 0.6  # however long: a CJK headline is as long as a sentence
    if block.tag is not None:  # HTML: main_content chose the container; its plain text is the article's
        bonus += HTML_PLAIN_BONUS * (1.0 - 2 * block.link_density) if block.link_density < 0.5 else 0.0
    score = size + bonus - BLOCK_COST
    return max(score, 0.0) if _markdown(block.text) else score


def _sparse(block: Block) -> bool:
    """A long CJK line with hardly a mark in it (one in 40 characters or fewer): names, tags or links set side by side
    ("万惠霖 常印佛 孙钧 …"), not prose, which marks a clause every 10 to 20 characters."""
    return block.cjk >= SPARSE_MIN and (block.punct + block.ends_sentence) * SPARSE_RATIO < block.cjk


def _markdown(text: str) -> bool:
    """Markdown source ("## Setup", "**note**", "![](…)", "[docs](https://…)"): a page's furniture never carries it, the
    text a writer typed does; however short, such a line costs nothing (a forum post saved as its source)."""
    if "**" not in text and "](" not in text and not text.startswith("#"):
        return False  # the usual case, without a regex call
    return bool(MARKDOWN.search(text))


def best_run(scores: Sequence[float], lo: int, hi: int) -> tuple[float, int, int]:
    """Maximum-sum run of scores[lo:hi] as (sum, start, end); end is exclusive."""
    best = (0.0, lo, lo)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += scores[i]
        if total > best[0]:
            best = (total, start, i + 1)
    return best


def find_runs(scores: Sequence[float], attachable: Sequence[bool] = (), thread: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """The core run and every other run worth a fair share of it, in page order.

    A run then takes in up to ATTACH neighbours marked attachable (a salutation such as "同志们:" or
    "Hi Alex," scores below zero on its own but belongs to the prose next to it). On a thread's page
    (`thread`: its first header and where its last post ends), when the posts hold text the region ends with
    them: what follows the last post is the site's (a list, an activity feed), however long.
    """
    end = len(scores)
    if thread:
        total, _, last = best_run(scores, 0, thread[1])
        if total > 0 and last > thread[0]:
            end = thread[1]
    core_sum, start, stop = best_run(scores, 0, end)
    if core_sum <= 0:
        return []
    runs = [(start, stop)]
    pending = [(0, start), (stop, end)]
    floor = max(JOIN_MIN, JOIN_SHARE * core_sum)
    while pending:
        lo, hi = pending.pop()
        total, s, e = best_run(scores, lo, hi)
        if total >= floor:
            runs.append((s, e))
            pending += [(lo, s), (e, hi)]
    return [_attach(run, attachable) for run in sorted(runs)] if attachable else sorted(runs)


def _attach(run: tuple[int, int], attachable: Sequence[bool]) -> tuple[int, int]:
    start, end = run
    for _ in range(ATTACH):
        if start > 0 and attachable[start - 1]:
            start -= 1
        if end < len(attachable) and attachable[end]:
            end += 1
    return start, end
