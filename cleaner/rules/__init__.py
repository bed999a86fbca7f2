"""The rule contract and the registry.

A rule is a function from a `Page` to findings, wrapped by `@rule(name, kind)`:

    @rule("my_rule", kind="ad")
    def my_rule(page):
        '''What it detects, the signals it uses, how it avoids false positives, an example.'''
        for block in page.free():
            if "buy now" in block.text.lower():
                yield remove(block.index, "a 'buy now' prompt")

`name` is the rule's config key and its label in the audit trail; `kind` says what it removes.
Rules detect; the engine removes. Rules run in registry order, and each sees the blocks earlier rules
claimed (`page.claimed`) and the article region found among the rest (`page.runs`, `page.core`).
A finding either removes whole blocks, removes a span inside one block, or only adds metadata.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..page import Page


@dataclass(frozen=True, slots=True)
class Finding:
    blocks: tuple[int, ...] = ()
    reason: str = ""
    span: tuple[int, int] | None = None  # within blocks[0]: character offsets of the part to remove
    meta: dict = field(default_factory=dict)


def remove(blocks: int | Iterable[int], reason: str, **meta) -> Finding:
    """Remove whole blocks, saying why; metadata learned on the way rides along."""
    indices = (blocks,) if isinstance(blocks, int) else tuple(blocks)
    return Finding(blocks=indices, reason=reason, meta=meta)


def remove_span(block: int, start: int, end: int, reason: str, **meta) -> Finding:
    """Remove only text[start:end] of one block."""
    return Finding(blocks=(block,), reason=reason, span=(start, end), meta=meta)


def note(**meta) -> Finding:
    """Add metadata without removing anything."""
    return Finding(meta=meta)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    detect: Callable[[Page], Iterable[Finding]]

    @property
    def doc(self) -> str:
        return (self.detect.__doc__ or "").strip()

    def __call__(self, page: Page) -> Iterable[Finding]:
        return self.detect(page)


def rule(name: str, kind: str) -> Callable[[Callable[[Page], Iterable[Finding]]], Rule]:
    def wrap(detect):
        return Rule(name=name, kind=kind, detect=detect)

    return wrap


def default_rules() -> tuple[Rule, ...]:
    """The built-in rules in the order they run (earlier rules win a block)."""
    from . import (
        ads,
        author_bio,
        byline,
        code,
        comments,
        consent,
        end_of_article,
        main_content,
        navigation,
        notice,
        outside,
        page_meta,
        pagination,
        references,
        related,
        repeated,
        teasers,
        title,
        truncation,
    )

    return (
        page_meta.page_meta,
        main_content.main_content,
        code.code,
        notice.notice,
        consent.consent,
        ads.ads,
        related.related,
        references.references,
        teasers.teasers,
        pagination.pagination,
        author_bio.author_bio,
        byline.byline,
        navigation.navigation,
        title.title,
        comments.comments,
        repeated.repeated,
        end_of_article.end_of_article,
        outside.outside_article,
        truncation.truncation,
    )
