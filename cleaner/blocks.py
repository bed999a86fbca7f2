"""The block model both front ends share: a page as an ordered sequence of blocks with shape features.

The text front end makes one block per non-blank line; the HTML front end one per block element.
Rules read only blocks, so every rule serves both modes.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

# One token per CJK character, one per word otherwise: the unit the scorer and the region finder count.
TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[^\W_]+")
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
# Sentence punctuation; ASCII marks count only before a space, the line end or a non-ASCII character,
# so the dots of URLs, decimals and file names do not.
PUNCT = regex.compile(r"[，。！？；：、…]|[,.;!?:](?=\s|$|[^\x00-\x7f])")
SENTENCE_END = regex.compile(r"[。！？!?…；;.．\"”’」』:：]\s*$")
BULLET = regex.compile(r"^(?:[*+•·・●○◆◇■□▪▫►▶»\-–—]+\s*|\d{1,2}[.、)）]\s+)")
LINE = regex.compile(r"[^\r\n]+")
SEGMENT_GAP = regex.compile(r"\s*[|｜]\s*|[ \t\u3000\u00a0]{2,}|\s[·•/]\s")
EDGE_SPACE = regex.compile(r"^[\s\u3000\u00a0\ufeff\u200b]+|[\s\u3000\u00a0\ufeff\u200b]+$")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the page. Offsets [start, end) locate `text` in the source the front end read."""

    index: int
    text: str
    start: int
    end: int
    indent: int = 0
    bullet: bool = False
    tokens: int = 0
    cjk: int = 0
    punct: int = 0
    ends_sentence: bool = False
    segments: int = 1  # items on the line, split by " | " or wide gaps: menus have many
    repeats: int = 1  # how many blocks of the page have this exact text
    # HTML front end only
    tag: str | None = None
    path: str | None = None
    hints: str = ""  # lower-cased class and id names of the block and its ancestors
    link_density: float = 0.0
    links: tuple[tuple[str, str], ...] = ()  # (anchor text, href)
    heading: int = 0  # 1-6 for <h1>-<h6>

    @property
    def cjk_share(self) -> float:
        return self.cjk / self.tokens if self.tokens else 0.0

    @property
    def is_short(self) -> bool:
        return self.tokens < 8 and not self.ends_sentence


def shape(text: str) -> dict:
    """The shape features of a block's text."""
    tokens = len(TOKEN.findall(text))
    return {
        "bullet": bool(BULLET.match(text)),
        "tokens": tokens,
        "cjk": len(CJK.findall(text)),
        "punct": len(PUNCT.findall(text)),
        "ends_sentence": bool(SENTENCE_END.search(text[-4:])),
        "segments": len(SEGMENT_GAP.findall(text)) + 1,
    }


def with_repeats(blocks: list[Block]) -> list[Block]:
    """Fill in how often each block's text recurs on the page (menus and repeated titles recur)."""
    counts = Counter(b.text for b in blocks)
    return [b if counts[b.text] == 1 else _replace(b, repeats=counts[b.text]) for b in blocks]


def _replace(block: Block, **changes) -> Block:
    values = {name: getattr(block, name) for name in Block.__slots__}
    values.update(changes)
    return Block(**values)


def text_blocks(text: str) -> list[Block]:
    """The text front end: one block per non-blank line, offsets into `text`."""
    blocks = []
    for line in LINE.finditer(text):
        raw = line.group()
        lead = EDGE_SPACE.match(raw)
        start = line.start() + (lead.end() if lead else 0)
        stripped = EDGE_SPACE.sub("", raw)
        if not stripped:
            continue
        indent = len(raw) - len(raw.lstrip(" \t\u3000\u00a0"))
        blocks.append(
            Block(index=len(blocks), text=stripped, start=start, end=start + len(stripped), indent=indent, **shape(stripped))
        )
    return with_repeats(blocks)
