"""The engine: runs the rules over a page's blocks, resolves their findings and builds the `Document`."""
from __future__ import annotations

import ctypes
import re
from collections.abc import Iterable, Sequence
from functools import cache
from urllib.parse import urlsplit

import regex

from .blocks import BEYOND_BMP, Block, bmp_class, cjk_count, count_of, text_blocks
from .decoding import decode, non_ascii, repair_mojibake
from .document import METADATA_FIELDS, Document, Metadata, Removal
from .errors import InputError, InputTooLarge, RuleFailed, UnknownRule
from .page import Page
from .patterns import DEFAULT_LANGUAGES, compile_scanner
from .rules import Rule, default_rules
from .scan import fold

GUARD_MIN_TOKENS = 40
GUARD_KEEP_SHARE = 0.03
HTML_START = regex.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|article)\b", regex.IGNORECASE | regex.DOTALL)
# A page can open with something else: a PHP warning's <br />, a <script> or <style> a CDN put first. Starting
# with a tag and holding the document's own tags further on, it is HTML all the same.
ANY_TAG_START = regex.compile(r"^\s*<[a-zA-Z!]")
DOCUMENT_TAG = regex.compile(r"<(?:html|head|body)\b", regex.IGNORECASE)
DOCUMENT_REACH = 200_000
RELEASE_CHARS = 500_000  # markup from which the parser's freed memory is handed back (a call costs about 0.4 ms)
CONTROL = tuple(map(chr, [*range(0x09), *range(0x0e, 0x20), 0xfffd]))
KANA = r"[\p{Hiragana}\p{Katakana}]"
HANGUL = r"[\p{Hangul}]"
# the, that, to, and, of, on, in, is, for, with, was: shared letters factored out, which regex searches faster
# Searched in the folded text (scan.fold), case-sensitive: the matches IGNORECASE finds in the text, found faster
ENGLISH_WORDS = r"(?:t(?:he|hat|o)|and|o[fn]|i[ns]|for|w(?:ith|as))"
ENGLISH = regex.compile(rf"\b{ENGLISH_WORDS}\b")


class Cleaner:
    """A configured cleaner, built once and reused; safe to share across threads (it keeps no per-page state).

    `disable` names built-in rules to skip; `extra_rules` are user `Rule`s, run before the built-in ones
    so they win the blocks they claim; `rules` replaces the built-in list altogether.
    """

    def __init__(
        self,
        *,
        disable: Iterable[str] = (),
        extra_rules: Sequence[Rule] = (),
        rules: Sequence[Rule] | None = None,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        max_chars: int = 50_000_000,
    ):
        builtin = default_rules() if rules is None else tuple(rules)
        disable = set(disable)
        unknown = disable - {r.name for r in builtin}
        if unknown:
            raise UnknownRule(f"unknown rule(s) {sorted(unknown)}; known: {[r.name for r in builtin]}")
        self.rules: tuple[Rule, ...] = tuple(extra_rules) + tuple(r for r in builtin if r.name not in disable)
        self.languages = tuple(languages)
        self.max_chars = max_chars
        self._scanner = compile_scanner(self.languages)

    def clean(self, data: str | bytes, url: str | None = None) -> Document:
        """Clean text or HTML, given as str or as bytes of any encoding; HTML is recognised by its start (a tag, and
        the document's <html>, <head> or <body> tag if that tag is not one of them)."""
        encoding = None
        if isinstance(data, (bytes, bytearray, memoryview)):
            data, encoding = decode(data)
        if not isinstance(data, str):
            raise InputError(f"expected str or bytes, got {type(data).__name__}")
        head = data[:2000]
        if HTML_START.match(head) or (ANY_TAG_START.match(head) and DOCUMENT_TAG.search(data, 0, DOCUMENT_REACH)):
            return self.clean_html(data, url=url, encoding=encoding)
        return self.clean_text(data, url=url, encoding=encoding)

    def clean_text(self, text: str, url: str | None = None, *, encoding: str | None = None) -> Document:
        """Clean the plain text a scraper saved from a page."""
        self._check_size(text)
        text, repaired = repair_mojibake(text)
        declared = {"flags": (repaired,)} if repaired else {}
        return self._run(text_blocks(text), text, url, "text", declared, encoding)

    def clean_html(self, html: str | bytes, url: str | None = None, *, encoding: str | None = None) -> Document:
        """Clean an HTML page."""
        from .html import markup, parse_markup, tree_blocks

        utf8 = None
        if isinstance(html, (bytes, bytearray, memoryview)):
            utf8 = bytes(html)
            html, encoding = decode(utf8)
            if encoding != "utf-8" or "\ufffd" in html:  # not read as UTF-8 without a fault: the parser gets the text encoded
                utf8 = None
        self._check_size(html)
        if not isinstance(html, str):
            raise InputError(f"expected str, got {type(html).__name__}")
        data, openings = markup(html, utf8)
        release = len(html) >= RELEASE_CHARS
        # The markup as text goes before it is parsed: a str of up to 4 bytes a character (one character beyond the BMP
        # makes it so), held beside the tree it would be the largest object while the tree is built.
        del html, utf8
        root, flags = parse_markup(data, openings)
        del data
        blocks, source, declared = tree_blocks(root, flags, url)
        del root  # nor is the tree, once walked
        if release:
            _release_freed()
        return self._run(blocks, source, url, "html", declared, encoding)

    def _check_size(self, text: str) -> None:
        if len(text) > self.max_chars:
            raise InputTooLarge(f"{len(text):,} characters; the limit is {self.max_chars:,} (Cleaner(max_chars=...))")

    def _run(self, blocks: list[Block], source: str, url, mode: str, declared: dict, encoding) -> Document:
        try:
            page = Page(blocks, source, url, mode, self._scanner, declared)
        except TimeoutError as error:  # the phrase scan has a time budget that grows with the text
            raise RuleFailed("phrase scanner", error) from error
        meta = Metadata(encoding=encoding, flags=_input_flags(source) + tuple(declared.get("flags", ())))
        updates: list[dict] = []  # metadata from the findings, merged once at the end
        whole: list[Removal] = []  # the blocks removed whole, in the order rules claimed them (page.claimed)
        parts: dict[int, list[tuple[int, int, str, str, str]]] = {}
        for rule in self.rules:
            try:
                findings = list(rule(page))
            except (TimeoutError, RecursionError) as error:
                updates.append({"flags": (f"rule {rule.name} skipped: {type(error).__name__}",)})
                continue
            for finding in findings:
                if finding.meta:
                    updates.append({k: v for k, v in finding.meta.items() if k in METADATA_FIELDS})
                if finding.span is not None:
                    index = finding.blocks[0]
                    if index not in page.claimed:
                        parts.setdefault(index, []).append((*finding.span, rule.name, rule.kind, finding.reason))
                    continue
                for index in finding.blocks:
                    if page.claim(index, rule.name):
                        block = blocks[index]
                        whole.append(Removal(block.start, block.end, rule.name, rule.kind, finding.reason, block.text, block.path))
        claimed, whole, meta = _guard(page.claimed, whole, blocks, meta.merged_all(updates))
        return _build(blocks, source, claimed, whole, parts, meta, url, mode)


def _release_freed() -> None:
    """Hand the memory libxml2 freed with the tree back to the system (glibc's malloc_trim): Python keeps its small
    objects in pools of its own, which never reuse it, so it would count in the process's size for the rest of the page."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # no C library to load, or not glibc's
        return None


def _guard(claimed, whole, blocks, meta):
    """Refuse to strip nearly all of a page on the region finder's word alone: keep it and flag it.

    Judged against what the other rules left, which is also the whole of the body cleaned again, so that a
    second pass decides as the first did. Returns the blocks removed whole (index -> rule), their removals and
    the metadata."""
    outside = [i for i, rule in claimed.items() if rule == "outside_article"]
    total = sum(b.tokens for b in blocks) - sum(blocks[i].tokens for i, rule in claimed.items() if rule != "outside_article")
    removed = sum(blocks[i].tokens for i in outside)
    if total < GUARD_MIN_TOKENS or total - removed >= GUARD_KEEP_SHARE * total or not outside:
        return claimed, whole, meta
    flag = f"guard: the region finder would keep {total - removed} of {total} tokens; kept its removals"
    kept = {i: rule for i, rule in claimed.items() if rule != "outside_article"}
    return kept, [r for r in whole if r.rule != "outside_article"], meta.merged({"flags": (flag,)})


def _build(blocks, source, claimed, removals, parts, meta, url, mode) -> Document:
    paragraphs = []
    for block in blocks:
        if block.index not in claimed:
            cuts = parts.get(block.index)
            kept = (_cut(block, cuts, removals) if cuts else block.text).strip()  # most blocks are kept whole
            if kept:
                paragraphs.append(kept)
    body = "\n".join(paragraphs)
    removals.sort(key=lambda r: r.start)
    meta = meta.merged({"language": _language(body or source), "site": _site(url or meta.source_url)})
    return Document(body=body, metadata=meta, removed=tuple(removals), mode=mode, source=source)


def _cut(block: Block, cuts: list, removals: list[Removal]) -> str:
    """The block's text without the spans rules removed from it, their removals added to `removals` (a span that
    overlaps an earlier one is dropped)."""
    text, cursor, pieces = block.text, 0, []
    for start, end, rule, kind, reason in sorted(cuts):
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        removals.append(Removal(block.start + start, block.start + end, rule, kind, reason, text[start:end], block.path))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _input_flags(source: str) -> tuple[str, ...]:
    sample = source[:100_000]
    if sample and len(_control().findall(sample)) > 0.1 * len(sample):
        return ("input looks binary: many control or replacement characters",)
    return ()


@cache
def _control() -> re.Pattern:
    """CONTROL as one class for the re module: one pass over a page finds them all, twice as fast as counting each."""
    return re.compile("[" + "".join(map(re.escape, CONTROL)) + "]")


def _language(text: str) -> str | None:
    """By script for CJK languages; English by its commonest words; otherwise unknown (None)."""
    sample = text[:20_000]
    least = max(0.2 * len(sample.replace(" ", "")), 10)
    # CJK characters are not ASCII: when few characters are, the CJK ones are not counted
    if non_ascii(sample) > least and (cjk := cjk_count(sample)) > least:
        if count_of(KANA, sample) > 0.1 * cjk:
            return "ja"
        if count_of(HANGUL, sample) > 0.5 * cjk:
            return "ko"
        return "zh"
    words = len(sample.split())
    if words >= 20 and len((ENGLISH if BEYOND_BMP.search(sample) else _english()).findall(fold(sample))) > 0.12 * words:
        return "en"
    return None


@cache
def _english() -> re.Pattern:
    """ENGLISH for the re module, over texts within the BMP: its \\b as no character of regex's \\w on either side (every
    word starts and ends with one)."""
    word = bmp_class(r"\w")
    return re.compile(rf"(?<!{word}){ENGLISH_WORDS}(?!{word})")


def _site(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:  # "http://[not-an-ipv6", as a page's text can hold
        return None
    return host.removeprefix("www.") if host else None


_default: Cleaner | None = None


def clean(data: str | bytes, url: str | None = None) -> Document:
    """Clean one page (text or HTML, str or bytes) with the default rules."""
    global _default
    if _default is None:
        _default = Cleaner()
    return _default.clean(data, url=url)
