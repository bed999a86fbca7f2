"""The block model both front ends share: a page as an ordered sequence of blocks with shape features.

The text front end makes one block per non-blank line; the HTML front end one per block element.
Rules read only blocks, so every rule serves both modes.
"""
from __future__ import annotations

import re
import sys
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex

CJK_CLASS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"  # inside [...]: the scripts whose characters are words
# One token per CJK character, one per word otherwise: the unit the scorer and the region finder count.
# Each CJK character is a token; a run of other word characters is one ("SKII广告" is five, not one).
TOKEN = regex.compile(rf"[{CJK_CLASS}]|[^\W_{CJK_CLASS}]+")
CJK = regex.compile(rf"[{CJK_CLASS}]")
# Sentence punctuation; ASCII marks count only before a space, the line end or a non-ASCII character,
# so the dots of URLs, decimals and file names do not; or between a CJK character and a letter or digit:
# Chinese typed with half-width marks ("原价:279元").
# Devanagari's danda and the Arabic-script question mark and full stop (Urdu) end sentences too.
PUNCT = regex.compile(rf"[，。！？；：、…।؟۔]|[,.;!?:](?=\s|$|[^\x00-\x7f])|(?<=[{CJK_CLASS}])[,.;!?:](?=[0-9A-Za-z])")
SENTENCE_END = regex.compile(r"[。！？!?…；;.．\"”’」』:：।॥؟۔]\s*$")
BULLET = regex.compile(r"^(?:[*+•·・●○◆◇■□▪▫►▶»\-–—]+\s*|\d{1,2}[.、)）]\s+)")
# A run of spaces before a bar is entered at its start only ((?<!\s)): retried inside a long run it is quadratic.
SEGMENT_GAP = regex.compile(r"(?:(?<!\s)\s+)?[|｜]\s*|[ \t\u3000\u00a0]{2,}|\s[·•/]\s")
# What a line loses at its edges: Unicode white space (regex's \s, not str.isspace()) and zero-width spaces.
EDGE = " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\ufeff"

# shape() counts the same as the patterns above, faster: most blocks are ASCII, counted by translating bytes;
# the others by runs of CJK characters (a token each) and of other word characters (one token).
ASCII_WORDS = bytes(c if TOKEN.match(chr(c)) else 32 for c in range(128)).ljust(256)  # word characters kept, others a space
# Marks that count before a space or the end turn into ".", what counts as a space into " ", the rest into NUL.
ASCII_MARKS = bytes(46 if PUNCT.match(chr(c)) else 32 if PUNCT.match("." + chr(c)) else 0 for c in range(128)).ljust(256, b"\0")
CJK_SET, WORD_SET = rf"[{CJK_CLASS}]", rf"[^\W_{CJK_CLASS}]"  # a CJK character; a word character of another script
TOKEN_RUN = regex.compile(f"({CJK_SET}+)|{WORD_SET}+")
BULLET_FIRST = frozenset("*+•·・●○◆◇■□▪▫►▶»-–—")  # a BULLET starts with one of these or a digit (\d: str.isdecimal)
SENTENCE_MARKS = frozenset("。！？!?…；;.．\"”’」』:：।॥؟۔")  # SENTENCE_END's marks; what may follow them is SPACE
SPACE = EDGE[:-2]  # regex's \s
BEYOND_BMP = regex.compile("[\U00010000-\U0010ffff]")
UTF32 = f"utf-32-{sys.byteorder[0]}e"  # how an array of code points reads as text


@cache
def bmp_class(pattern: str) -> str:
    """The characters of the BMP that the regex class `pattern` matches, as a class for the re module: re runs a class
    several times faster than regex, but its Unicode is older, so it gets regex's own list (texts with a character beyond
    the BMP keep the regex patterns)."""
    ranges = []  # found as runs of matching code points: a list of every match held megabytes at a page's first call
    for first, last in ((0, 0xD800), (0xE000, 0x10000)):  # the BMP but its surrogates
        plane = array("I", range(first, last)).tobytes().decode(UTF32)  # no str per character on the way
        ranges += [(first + m.start(), first + m.end() - 1) for m in regex.finditer(f"(?:{pattern})+", plane)]
    return "[" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]"


@cache
def _token_runs() -> re.Pattern:
    """TOKEN_RUN for the re module, over texts within the BMP."""
    return re.compile(f"({bmp_class(CJK_SET)}+)|{bmp_class(WORD_SET)}+")


@cache
def _punct() -> re.Pattern:
    """PUNCT for the re module, over texts within the BMP: each of its marks, then which of PUNCT's branches it stands
    in, so that re skips fast to the marks (one character each, as in PUNCT: the same count)."""
    wide, space, cjk = "，。！？；：、…।؟۔", bmp_class(r"\s"), bmp_class(CJK_SET)
    return re.compile(rf"[{wide},.;!?:](?:(?<=[{wide}])|(?={space}|$|[^\x00-\x7f])|(?<={cjk}.)(?=[0-9A-Za-z]))")


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made building a block about
# nine times slower (4 us against 0.5), and pages have thousands. Rules only read blocks.
# A page's blocks are most of the memory a long document costs: a block holds no field it can derive (its end),
# and a text block no slot for what only HTML knows (those read as the class defaults below; `HtmlBlock` has them).
@dataclass(slots=True)
class Block:
    """One block of the page. Offsets [start, end) locate `text` in the source the front end read."""

    index: int
    text: str
    start: int
    indent: int = 0
    bullet: bool = False
    tokens: int = 0
    cjk: int = 0
    punct: int = 0
    ends_sentence: bool = False
    segments: int = 1  # items on the line, split by " | " or wide gaps: menus have many
    repeats: int = 1  # how many blocks of the page have this exact text
    # What only the HTML front end knows, as a text block reads it (`HtmlBlock` holds them)
    tag = None
    path = None
    hints = ""
    link_density = 0.0
    links = ()
    heading = 0

    @property
    def end(self) -> int:
        """Where `text` ends in the source (derived, not stored)."""
        return self.start + len(self.text)

    @property
    def cjk_share(self) -> float:
        return self.cjk / self.tokens if self.tokens else 0.0

    @property
    def words(self) -> float:
        """Its length in words, two CJK characters counting as one (a CJK headline is as long as a sentence in characters)."""
        return self.tokens - self.cjk / 2

    @property
    def is_short(self) -> bool:
        return self.tokens < 8 and not self.ends_sentence


@dataclass(slots=True)
class HtmlBlock(Block):
    """A block the HTML front end made, with what its element tells."""

    tag: str | None = None
    path: str | None = None
    hints: str = ""  # lower-cased class and id names of the block and its ancestors
    link_density: float = 0.0  # share of its text inside links, but for links to attachments (anchors naming a file)
    links: tuple[tuple[str, str], ...] = ()  # (anchor text, href)
    heading: int = 0  # 1-6 for <h1>-<h6>


def cjk_count(text: str) -> int:
    """How many CJK characters `text` holds."""
    return 0 if text.isascii() else count_of(CJK_SET, text)


def count_of(cls: str, text: str) -> int:
    """How many characters of `text` the regex class `cls` matches: what deleting their runs takes off its length (no
    match objects at all); in the re module (`bmp_class`) when the text stays within the BMP."""
    if BEYOND_BMP.search(text):
        return len(text) - len(regex.sub(cls + "+", "", text))
    return len(text) - len(re.sub(bmp_class(cls) + "+", "", text))


def shape(text: str, indent: int = 0) -> tuple[bool, int, int, int, bool, int]:
    """The shape features of a block's text, in the order of Block's fields: bullet, tokens, cjk, punct,
    ends_sentence, segments. An indented "o " is a bullet too: text browsers mark a third list level so."""
    if text.isascii():
        data = text.encode()
        tokens, cjk = len(data.translate(ASCII_WORDS).split()), 0
        marks = data.translate(ASCII_MARKS)
        punct = marks.count(b". ") + marks.endswith(b".")
    else:
        beyond = BEYOND_BMP.search(text)
        runs = (TOKEN_RUN if beyond else _token_runs()).findall(text)  # the CJK runs, "" for each other word
        cjk = sum(map(len, runs))  # every CJK character is in one of the runs
        tokens = cjk + runs.count("")
        punct = PUNCT.subn("", text)[1] if beyond else len(_punct().findall(text))  # subn: a count without a list
    # SEGMENT_GAP needs two spaces or one of these marks: `in` finds one far faster than a regex or a set does
    gaps = "  " in text or "|" in text or "｜" in text or "·" in text or "•" in text or "/" in text or "\t" in text or "\u3000" in text or "\xa0" in text
    tail = text[-4:].rstrip(SPACE)  # SENTENCE_END, without a regex call
    return (
        bool(text) and ((text[0] in BULLET_FIRST or text[0].isdecimal()) and bool(BULLET.match(text)) or (indent > 0 and text[:2] == "o ")),
        tokens,
        cjk,
        punct,
        bool(tail) and tail[-1] in SENTENCE_MARKS,
        len(SEGMENT_GAP.findall(text)) + 1 if gaps else 1,
    )


def text_blocks(text: str) -> list[Block]:
    """The text front end: one block per non-blank line, offsets into `text`."""
    lines, start, first = [], 0, {}  # (start, stripped text, indent); each text's first copy
    for raw in text.replace("\r", "\n").split("\n"):
        stripped = raw.strip(EDGE)
        if stripped:
            stripped = first.setdefault(stripped, stripped)  # one copy of a line the page repeats, for all its blocks
            indent = len(raw) - len(raw.lstrip(" \t\u3000\u00a0"))
            lines.append((start + len(raw) - len(raw.lstrip(EDGE)), stripped, indent))
        start += len(raw) + 1
    # Repeats counted first, so that each block is built once (positional arguments: Block's field order), and each
    # text's shape read once: a page repeats its menus, share lines and dates (only an indented "o " reads the indent).
    counts = Counter(stripped for _, stripped, _ in lines)
    shapes = {s: shape(s) for s in counts}
    return [Block(i, s, b, indent, *(shape(s, indent) if indent and s[:2] == "o " else shapes[s]), counts[s])
            for i, (b, s, indent) in enumerate(lines)]
