"""Result types: frozen dataclasses a pipeline can keep, compare and serialise."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace


@dataclass(frozen=True, slots=True)
class Link:
    """A link found on the page: a related article, a previous/next page, a source."""

    title: str | None = None
    url: str | None = None
    date: str | None = None
    views: int | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact found in an ad or notice: kind is wechat, qq, email, phone or url."""

    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the rules learned about the page. A field stays None when unknown: never guessed."""

    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601
    modified: str | None = None
    source: str | None = None  # the publication a 来源/Source line names
    source_url: str | None = None
    site: str | None = None
    language: str | None = None
    description: str | None = None
    encoding: str | None = None
    related: tuple[Link, ...] = ()
    prev: Link | None = None
    next: Link | None = None
    pages: tuple[Link, ...] = ()
    contacts: tuple[Contact, ...] = ()
    counters: dict[str, int] = field(default_factory=dict)
    truncated: bool = False
    truncated_reason: str | None = None
    flags: tuple[str, ...] = ()
    # HTML pages: what the page declares of itself
    canonical_url: str | None = None
    site_name: str | None = None
    image: str | None = None
    keywords: tuple[str, ...] = ()
    unavailable: str | None = None  # not_found, blocked, login, paywall or listing: the page holds no (full) article

    def merged(self, update: dict) -> Metadata:
        """First value wins for scalars; tuples and counters accumulate without repeats."""
        return self.merged_all((update,))

    def merged_all(self, updates) -> Metadata:
        """`merged` with each update in turn, in one pass: a tuple's items are looked up in a set, not rescanned
        for every update (a long page's related links made that quadratic)."""
        changes: dict = {}
        seen: dict[str, set | None] = {}  # per tuple field, its items; None when they are not hashable
        for update in updates:
            for key, value in update.items():
                current = changes.get(key, getattr(self, key))
                if isinstance(current, tuple):
                    if key not in seen:
                        seen[key] = _add(set(), current)
                    extra = _new_items(value, current, seen[key])
                    if extra:
                        changes[key] = current + extra
                        seen[key] = _add(seen[key], extra)
                elif isinstance(current, dict):
                    changes[key] = {**value, **current}
                elif current in (None, False) and value not in (None, ""):
                    changes[key] = value
        return replace(self, **changes) if changes else self


def _add(known: set | None, items) -> set | None:
    """`known` with `items` added; None (compare one by one) once an item is not hashable."""
    if known is None:
        return None
    try:
        known.update(items)
    except TypeError:
        return None
    return known


def _new_items(value, current: tuple, known: set | None) -> tuple:
    if known is not None:
        try:
            return tuple(v for v in value if v not in known)
        except TypeError:
            pass
    return tuple(v for v in value if v not in current)


METADATA_FIELDS = frozenset(f.name for f in fields(Metadata))


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed span of the input: [start, end) offsets, the rule that removed it and why."""

    start: int
    end: int
    rule: str
    kind: str
    reason: str
    text: str
    path: str | None = None  # the element's path, in HTML mode


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned page: the body, its metadata, and every removed span with its reason."""

    body: str
    metadata: Metadata
    removed: tuple[Removal, ...]
    mode: str = "text"  # "text" or "html"
    source: str = field(default="", repr=False, compare=False)  # the text the offsets point into


    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n") if self.body else []

    def to_dict(self, include_source: bool = False) -> dict:
        data = asdict(self)
        if not include_source:
            del data["source"]
        return data

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)
