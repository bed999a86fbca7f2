"""Finding phrase hits fast, with exactly the hits of one IGNORECASE alternation run over each block.

That alternation costs the `regex` module about 2 µs a character: at every position it tries a few
hundred phrases one by one. So instead:

1. Each phrase is read (`_starts`) for how its matches start: `\\bcopyright\\b` with "copyri" at a word
   boundary, `(?:网友|读者)评论` with "网友评论" or "读者评论", `作\\s*者` with "作", any spaces, "者".
   Tries of these prefixes run over the page's blocks, joined by newlines and lower-cased; the few
   phrases that start with a class (`\\d+\\s*条…`) run as they are. What they find are the only places
   where a phrase can match. The tries run in the standard `re` module, several times faster than
   `regex` at skipping to a trie's first characters; where the two read a class differently the trie
   reads wider (`\\b` as "no ASCII word character before") or stops before it (`\\d`, `\\w`), so it
   finds more places, never fewer.
2. At each place, in order, the phrases that can start with the two characters there (by their first
   atom, and their second where it is a literal character) run as one alternation, in their original
   order, anchored at the place; after a hit the scan goes on from its end, as `finditer` does. So the
   hits, their spans and their families are the alternation's.

A phrase whose start cannot be read this way (one that can match the empty string, or holds a
look-around, an inline flag or an escape such as \\x41) makes the scanner run the whole alternation
over every block instead: still right, only slow.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from itertools import accumulate
from operator import add
from types import MappingProxyType

import regex

FLAGS = regex.IGNORECASE | regex.MULTILINE
NO_HITS: Mapping = MappingProxyType({})  # one shared, read-only "no hits" instead of an empty dict per block
BATCH_CHARS = 200_000  # of blocks joined for the tries: whole pages but the longest
PREFIX_ATOMS = 6  # longer prefixes leave fewer places to check
# The texts are lower-cased, with two characters that IGNORECASE matches with an ASCII letter turned into
# it first: the dotted capital I (the one character whose lower case is two) and the long s.
FOLD = str.maketrans({"\u0130": "i", "\u017f": "s"})
WORD = regex.compile(r"\w")
# Where a trie of prefixes that start at a word boundary can match: after no ASCII word character (wider than regex's
# \b, which also needs no non-ASCII word character before). On text mostly ASCII, searched as after a space (re skips
# fast to each), after another such character, or at the start; on other text, as read after the first character (re
# then skips fast to the trie's first characters, few in CJK text).
NO_WORD_BEFORE = ((" ", 1), ("[^A-Za-z0-9_ ]", 1), (r"\A", 0))  # (what precedes the trie, its length)
NO_WORD_BEFORE_FIRST = r"(?<![A-Za-z0-9_][\s\S])"
# Classes the tries' `re` reads narrower than regex in places (its Unicode is older: fewer digits; its \w and \S
# differ): a prefix stops before them. Its \s and \D hold all that regex's do.
NARROWER_IN_RE = ("\\d", "\\w", "\\W", "\\S")
QUANTIFIER = regex.compile(r"[?*+]|\{(\d*)(,?)(\d*)\}")
SIMPLE_SET = regex.compile(r"\[([^\]\\\[^-][^\]\\\[-]*)\]")
GROUP = regex.compile(r"\((?:\?:|\?P?<\w+>|(?!\?))")

# How a match can start: (at a word boundary, its first atoms, the atoms are the whole match). An atom is a
# lower-cased literal character, or a class (\s, \d, \w or their negations, a set), quantified, as regex source.
Starts = set[tuple[bool, tuple[str, ...], bool]]


def timeout_for(text: str) -> float:
    """A budget that grows with the text, so long inputs are not cut off but nothing backtracks for ever."""
    return 1.0 + len(text) / 1_000_000


class Unreadable(ValueError):
    """A phrase whose possible starts `_starts` cannot tell."""


class Scanner:
    """Phrase families (family -> regex fragments, earlier families win) compiled for scanning blocks."""

    def __init__(self, families: dict[str, list[str]]):
        phrases = [(family, phrase) for family, fragments in families.items() for phrase in fragments]
        self._whole_source = _alternation(phrases)
        try:
            starts = [_starts(phrase) for _, phrase in phrases]
        except Unreadable:
            self._readable = False
            return
        self._readable = True
        prefixes = [prefix for s in starts if s for prefix in s]
        bounded = {p for at_boundary, p in prefixes if at_boundary}
        ascii_free = {p for at_boundary, p in prefixes if not at_boundary and p[0].isascii()}
        other_free = {p for at_boundary, p in prefixes if not at_boundary and not p[0].isascii()}
        # The tries run over the lower-cased text (re skips fast to a trie's first characters, so the one of
        # prefixes that start with other than an ASCII character costs little on English text), the hard phrases
        # over the text as it is.
        # Each trie as the searches that find its places (a pattern, and how many characters its matches open with
        # before the place) in text mostly ASCII, and in other text.
        self._tries = [(
            tuple((re.compile(before + _trie(bounded)), skip) for before, skip in NO_WORD_BEFORE),
            ((re.compile(_trie(bounded, NO_WORD_BEFORE_FIRST)), 0),),
        )] if bounded else []
        self._tries += [((search,), (search,)) for search in ((re.compile(_trie(prefixes)), 0) for prefixes in (ascii_free, other_free) if prefixes)]
        self._phrases = phrases
        self._pairs = [_first_pairs(phrase) if s is None else {_pair(p) for _, p in s} for (_, phrase), s in zip(phrases, starts)]
        # Those that start with a class (\d+ …) as one pattern, whose start regex skips fast to; those that may start
        # anywhere each alone: in an alternation with them, no start can be skipped.
        classed = [phrase for (_, phrase), s, pairs in zip(phrases, starts, self._pairs) if s is None and pairs is not None]
        anywhere = [phrase for (_, phrase), s, pairs in zip(phrases, starts, self._pairs) if s is None and pairs is None]
        self._hard = [regex.compile("|".join(classed), FLAGS)] * bool(classed) + [regex.compile(phrase, FLAGS) for phrase in anywhere]
        self._seconds = {b for pairs in self._pairs if pairs for _, b in pairs if b}
        # The phrases a first character may start, without asking every phrase: by their literal first atoms, by
        # their classes (few, compiled once) and those that may start anywhere.
        literal: dict[str, set[int]] = {}
        classes: dict[str, set[int]] = {}
        for i, pairs in enumerate(self._pairs):
            for a, _ in pairs or ():
                (literal if len(a) == 1 else classes).setdefault(a, set()).add(i)
        self._by_literal = literal
        self._by_class = [(regex.compile(a), found) for a, found in classes.items()]
        self._anywhere = {i for i, pairs in enumerate(self._pairs) if pairs is None}
        # Under the two characters they start with, or the first alone when the second is none that a phrase names.
        self._at: dict[str, regex.Pattern | None] = {}
        self._by_choice: dict[tuple[int, ...], regex.Pattern | None] = {}  # shared by the keys that choose the same phrases
        # Compiled now for every first character a phrase names (and the ASCII ones its classes hold), so that cleaning
        # compiles none: compiled as pages need them, they took about a tenth of a first pass over many pages.
        seconds = {first: {""} for first in literal}
        seconds.update((chr(c), {""}) for c in range(128) if any(a.match(chr(c)) for a, _ in self._by_class))
        for pairs in self._pairs:
            for a, b in pairs or ():
                if b and a in seconds:
                    seconds[a].add(b)
        for first, following in seconds.items():
            for second in following:
                self._starting_at(first + second, 0)

    @cached_property
    def pattern(self) -> regex.Pattern:
        """The single alternation whose hits `scan` finds: every phrase in order, a named group per family."""
        return regex.compile(self._whole_source, FLAGS)

    def _starting_at(self, text: str, at: int) -> regex.Pattern | None:
        """The phrases that can start at `text[at]`, in order, as one alternation; None if none can."""
        key = text[at:at + 2]
        if key in self._at:
            return self._at[key]
        folded = fold(key)
        first, second = folded[:1], folded[1:]
        if second not in self._seconds:
            key, second = key[:1], ""
            if key in self._at:
                return self._at[key]
        candidates = self._anywhere.union(self._by_literal.get(first, ()), *(found for a, found in self._by_class if a.match(first)))
        chosen = tuple(i for i in sorted(candidates) if _may_start(self._pairs[i], first, second))
        if chosen not in self._by_choice:
            phrases = [self._phrases[i] for i in chosen]
            self._by_choice[chosen] = regex.compile(_alternation(phrases), FLAGS) if phrases else None
        pattern = self._at[key] = self._by_choice[chosen]
        return pattern

    def scan(self, texts: list[str]) -> list[Mapping[str, list[tuple[int, int]]]]:
        """For each text, family -> (start, end) spans of its hits, as `finditer` of the alternation finds them."""
        return self.read(texts, ())[0]

    def read(self, texts: list[str], marks: Sequence[tuple[str, ...]]) -> tuple[list[Mapping[str, list[tuple[int, int]]]], dict]:
        """The hits `scan` finds, and for each set of `marks` which texts hold one of them (`holding`): found in the texts
        the tries read, which are folded already. A text the page repeats (menus, share bars) is read once, and its
        blocks share its hits: read them, never change them."""
        distinct: dict[str, int] = {}
        which = [distinct.setdefault(text, len(distinct)) for text in texts]
        if len(distinct) == len(texts):
            return self._read(texts, marks)
        hits, marked = self._read(list(distinct), marks)
        wanted, copies = set().union(*marked.values()), {}  # the distinct texts that hold a mark, and where each stands
        for i, d in enumerate(which):
            if d in wanted:
                copies.setdefault(d, []).append(i)
        return [hits[d] for d in which], {m: sorted(i for d in found for i in copies[d]) for m, found in marked.items()}

    def _read(self, texts: list[str], marks: Sequence[tuple[str, ...]]) -> tuple[list[Mapping[str, list[tuple[int, int]]]], dict]:
        if not self._readable:
            hits = [_hits(self.pattern.finditer(text, timeout=timeout_for(text))) for text in texts]
            return hits, {m: holding(texts, m) for m in marks}
        found, marked = _places(self._tries, self._hard, texts, marks)
        places = sorted(found)
        hits: list[Mapping[str, list[tuple[int, int]]]] = [NO_HITS] * len(texts)  # most blocks have none
        block, end = -1, 0  # where the block's last hit ended
        for place, at in places:
            if place != block:
                block, end = place, 0
            if at < end:
                continue
            text = texts[block]
            pattern = self._starting_at(text, at)
            # the timeout passed by position: regex reads keyword arguments slowly (2 µs a call, a place costs 3)
            match = pattern and pattern.match(text, at, None, None, False, timeout_for(text))
            if match:
                found = hits[block]
                if found is NO_HITS:
                    found = hits[block] = {}
                found.setdefault(match.lastgroup, []).append(match.span())
                end = match.end()
        return hits, marked


def _places(tries: list[tuple[tuple[tuple[re.Pattern, int], ...], ...]], hard: list[regex.Pattern], texts: list[str],
            marks: Sequence[tuple[str, ...]]) -> tuple[set[tuple[int, int]], dict[tuple[str, ...], list[int]]]:
    """(block, offset) where one of the `tries` matches the blocks joined by newlines and folded, or one of the `hard`
    patterns the blocks joined as they are; and for each set of `marks`, the blocks that hold one of them. A long page
    is read in batches of blocks, so that its joined and folded copies stay small: a place that a pattern finds across
    two blocks is no hit anyway (each phrase then runs on its block alone)."""
    found: set[tuple[int, int]] = set()
    marked: dict[tuple[str, ...], set[int]] = {m: set() for m in marks}
    for batch, joined, starts in _batches(texts):
        folded = fold(joined)
        for m in marks:
            _mark(folded, batch, starts, m, marked[m])
        mostly_ascii = 2 * len(folded.encode("ascii", "ignore")) >= len(folded)
        searches = [(pattern, skip, folded) for ascii_text, other_text in tries for pattern, skip in (ascii_text if mostly_ascii else other_text)]
        for pattern, skip, text in searches + [(pattern, 0, joined) for pattern in hard]:
            for at in _match_starts(pattern, text):
                at += skip
                k = bisect_right(starts, at) - 1
                found.add((batch[k], at - starts[k]))
    return found, {m: sorted(blocks) for m, blocks in marked.items()}


def _batches(texts: list[str]):
    """The texts in runs of about BATCH_CHARS characters: each run's indices, its texts joined by newlines, and where
    each text starts in the joined one (every sum at C speed: no Python step per text)."""
    offsets = list(map(add, accumulate(map(len, texts), initial=0), range(len(texts) + 1)))  # in all the texts joined
    first = 0
    while first < len(texts):
        last = min(len(texts), bisect_left(offsets, offsets[first] + BATCH_CHARS, first + 1))
        starts = offsets[first : last + 1]
        if first:
            starts = list(map(offsets[first].__rsub__, starts))  # from this run's start: o - offsets[first] for each
        yield range(first, last), "\n".join(texts[first:last]), starts
        first = last


def _match_starts(pattern: re.Pattern | regex.Pattern, text: str):
    """Where matches of `pattern` start, overlapping ones included."""
    if isinstance(pattern, regex.Pattern):
        yield from (match.start() for match in pattern.finditer(text, overlapped=True, timeout=timeout_for(text)))
        return
    match = pattern.search(text)
    while match:
        yield match.start()
        match = pattern.search(text, match.start() + 1)


def holding(texts: list[str], marks: tuple[str, ...]) -> list[int]:
    """Which of the texts `mentions` one of `marks`, in order: found in them joined (in batches, so that a long page is
    not folded whole), where `str.find` skips fast to each mark, instead of a test of each text."""
    found: set[int] = set()
    for batch, joined, starts in _batches(texts):
        _mark(fold(joined), batch, starts, marks, found)
    return sorted(found)


def _mark(folded: str, batch: Sequence[int], starts: list[int], marks: tuple[str, ...], found: set[int]) -> None:
    """Add to `found` the texts of a batch (joined and folded, each starting at `starts`) that hold one of `marks`."""
    for mark in marks:
        at = folded.find(mark)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            found.add(batch[k])
            at = folded.find(mark, starts[k + 1])


def mentions(text: str, marks: tuple[str, ...]) -> bool:
    """Whether the folded text holds one of `marks` (lower case): a cheap test that a pattern needing one of them
    in every match can skip a text before a regex search."""
    folded = fold(text)
    for mark in marks:  # a loop, not any() over a generator: this runs for most blocks, several times
        if mark in folded:
            return True
    return False


def fold(text: str) -> str:
    """Lower-cased so that IGNORECASE's matches of lower-case ASCII letters read as those letters (İ -> i, ſ -> s, K -> k)."""
    return (text.translate(FOLD) if "\u0130" in text or "\u017f" in text else text).lower()


def _hits(matches) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for match in matches:
        found.setdefault(match.lastgroup, []).append(match.span())
    return found


def _alternation(phrases: list[tuple[str, str]]) -> str:
    """The phrases as one pattern in the given order, a named group per run of phrases of one family."""
    runs: list[tuple[str, list[str]]] = []
    for family, phrase in phrases:
        if runs and runs[-1][0] == family:
            runs[-1][1].append(phrase)
        else:
            runs.append((family, [phrase]))
    return "|".join(f"(?P<{family}>{'|'.join(run)})" for family, run in runs)


def _trie(prefixes: set[tuple[str, ...]], after_first: str = "") -> str:
    """A pattern that matches where one of the prefixes does, shared atoms factored out (regex runs that far faster);
    `after_first` follows the first atom."""
    prefixes = {p for p in prefixes if not any(p[:k] in prefixes for k in range(1, len(p)))}  # one that extends another: redundant
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for prefix in prefixes:
        by_first.setdefault(prefix[0], set()).add(prefix[1:])
    branches = [
        "" if atom[:2] in NARROWER_IN_RE else (regex.escape(atom) if len(atom) == 1 else atom) + after_first + (_trie(rest) if rest != {()} else "")
        for atom, rest in sorted(by_first.items())
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _starts(phrase: str) -> set[tuple[bool, tuple[str, ...]]] | None:
    """The prefixes that every match of `phrase` starts with, as atoms (up to PREFIX_ATOMS, the first a literal
    character), each with whether it starts at a word boundary; None when a match can start with a class."""
    parser = _Parser(phrase)
    states = parser.alternation()
    if parser.at < len(phrase):
        raise Unreadable(phrase)
    if any(not atoms and whole for _, atoms, whole in states):
        raise Unreadable(phrase)  # it can match the empty string
    if any(not atoms or len(atoms[0]) > 1 for _, atoms, _ in states):
        return None
    return {(at_boundary and bool(WORD.match(atoms[0])), atoms) for at_boundary, atoms, _ in states}


def _pair(atoms: tuple[str, ...]) -> tuple[str, str | None]:
    """A prefix's first atom and its second when that is a literal character (None: any character may follow)."""
    return atoms[0], atoms[1] if len(atoms) > 1 and len(atoms[1]) == 1 else None


def _first_pairs(phrase: str) -> set[tuple[str, str | None]] | None:
    """How the matches of a phrase that `_starts` reads as None start, as `_pair`s whose first atom may be a class
    (\\d, \\s, \\w or their negations); None when a match can start with anything (a dot, a property)."""
    pairs = set()
    for _, atoms, _ in _Parser(phrase).alternation():
        if not atoms:
            return None
        atom = atoms[0]
        if len(atom) > 1:  # a class and its quantifier: one that can repeat zero times lets the next atom start
            quantifier = QUANTIFIER.match(atom, 2)
            if quantifier and (quantifier.group() in "*?" or quantifier.group(1) in ("", "0")):
                return None
            pairs.add((atom[:2], None))
        else:
            pairs.add(_pair(atoms))
    return pairs


def _may_start(pairs: set[tuple[str, str | None]] | None, first: str, second: str) -> bool:
    """Whether a match can start at two characters that read `first` and `second` lower-cased (`second` is "" at the
    text's end). A class holds a character's case variants or none of them, so `first` stands for them all."""
    return pairs is None or any((a == first or len(a) > 1 and regex.match(a, first)) and b in (None, second) for a, b in pairs)


class _Parser:
    """Reads the regex syntax that phrases use into `Starts`; anything else is `Unreadable`."""

    def __init__(self, source: str):
        self.source, self.at = source, 0

    def alternation(self) -> Starts:
        states = self.sequence()
        while self.source.startswith("|", self.at):
            self.at += 1
            states |= self.sequence()
        return states

    def sequence(self) -> Starts:
        states = {(False, (), True)}
        while self.at < len(self.source) and self.source[self.at] not in "|)":
            item, grown = self.quantified(), set()
            for at_boundary, atoms, whole in states:
                if not whole or len(atoms) >= PREFIX_ATOMS:
                    grown.add((at_boundary, atoms, False))
                    continue
                for boundary, more, complete in item:
                    joined = atoms + more
                    grown.add((at_boundary or (boundary and not atoms), joined[:PREFIX_ATOMS], complete and len(joined) <= PREFIX_ATOMS))
            states = grown
        return states

    def quantified(self) -> Starts:
        states, cls = self.atom()
        quantifier = QUANTIFIER.match(self.source, self.at)
        if not quantifier:
            return states
        symbol, least, comma, most = quantifier.group(), *quantifier.groups()
        if symbol.startswith("{"):
            if not (least or most):
                raise Unreadable(self.source)
            least, most = int(least or 0), int(most) if most else None if comma else int(least)
        else:
            least, most = {"?": (0, 1), "*": (0, None), "+": (1, None)}[symbol]
        self.at = quantifier.end()
        if self.source.startswith(("?", "+"), self.at):  # lazy or possessive: the same places can match
            self.at += 1
        if cls and cls.startswith("\\"):  # \s*, \d+: one atom
            return {(False, (cls + symbol,), True)}
        if cls and least:  # a set: its first repeat as the literals, the others as the set
            return {(False, atoms + (cls,) * (least - 1), most == least) for _, atoms, _ in states}
        if most != 1:
            states = {(b, atoms, False) for b, atoms, _ in states}  # more repeats may follow: the prefix stops
        return states | {(False, (), True)} if least == 0 else states

    def atom(self) -> tuple[Starts, str | None]:
        """The atom's starts, and its source when it is a class that can stand in a prefix."""
        source, char = self.source, self.source[self.at]
        self.at += 1
        if char in "^$":
            return {(char == "^", (), True)}, None
        if char == ".":
            return {(False, (), False)}, None
        if char == "\\":
            escaped = source[self.at]
            self.at += 1
            if escaped in "bB":
                return {(escaped == "b", (), True)}, None
            if escaped in "pP" and source.startswith("{", self.at):
                self.at = source.index("}", self.at) + 1
                return {(False, (), False)}, None  # a property such as \p{Lu} reads differently lower-cased
            if escaped in "dDsSwW":
                return {(False, ("\\" + escaped,), True)}, "\\" + escaped
            if escaped.isalnum():
                raise Unreadable(source)
            return _literal(escaped), None
        if char == "[":
            members = SIMPLE_SET.match(source, self.at - 1)
            if not members:
                raise Unreadable(source)
            self.at = members.end()
            states = set().union(*(_literal(c) for c in members.group(1)))
            folded = sorted({atoms[0] for _, atoms, _ in states if atoms})
            whole = all(atoms for _, atoms, _ in states)
            return states, "[" + "".join(map(regex.escape, folded)) + "]" if whole else None
        if char == "(":
            group = GROUP.match(source, self.at - 1)
            if not group:
                raise Unreadable(source)  # a look-around, inline flags...
            self.at = group.end()
            states = self.alternation()
            if not source.startswith(")", self.at):
                raise Unreadable(source)
            self.at += 1
            return states, None
        if char in "*+?{}[]":
            raise Unreadable(source)
        return _literal(char), None


def _literal(char: str) -> Starts:
    """A literal character as it can read in the lower-cased text; a cased one beyond the BMP stops the prefix."""
    variants = _variants(char)
    return {(False, (v,), True) for v in variants} if variants else {(False, (), False)}


@cache
def _variants(char: str) -> frozenset[str] | None:
    """What the characters IGNORECASE matches with `char` become in the lower-cased text (usually one)."""
    if char.lower() == char.upper() == char.casefold() == char:
        return frozenset(char)
    return frozenset(map(fold, _equivalents(char))) if char <= "\uffff" else None


@cache
def _equivalents(char: str) -> frozenset[str]:
    """The characters that IGNORECASE matches with `char`: those of the BMP that have a case, found by regex itself."""
    if char.lower() == char.upper() == char.casefold() == char:
        return frozenset(char)
    return frozenset(regex.findall("(?i)" + regex.escape(char), _cased()))


@cache
def _cased() -> str:
    return "".join(c for c in map(chr, range(0x10000)) if not c.lower() == c.upper() == c.casefold() == c)
