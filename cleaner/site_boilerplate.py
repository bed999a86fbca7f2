"""Site boilerplate: blocks that repeat across many pages of one site in a batch, learned then removed.

A footer, a sidebar, a fixed ad or a "follow us" line is the same text on every page of a site, while an
article's sentences are its own. `SiteLearner` reads the blocks of every page (grouped by site) and keeps
the block texts found on at least `min_share` of a site's distinct pages, when the site has at least
`min_pages` of them. The batch feeds it only the blocks the built-in rules kept, so what it learns is
what they miss (a menu or a copyright line they already remove keeps their label). `SiteModel.rule_for(site)` turns what was learned into a `Rule` named
``site_boilerplate`` that removes those blocks, each with the reason "repeats on N of M pages of SITE".

False positives: pages that are copies of each other count once (distinct by content), a site needs
`min_pages` distinct pages, and when the learned blocks would take more than `max_page_share` of a
page's tokens nothing is removed and the page is flagged instead (an index page made only of headlines).
Texts are compared after folding case and spacing; digits are kept, so a line that carries the page's
own URL, date or counter differs from page to page and is never learned. The rule runs before the
built-in ones (it is passed as an extra rule) but leaves them the blocks they read metadata from: a
block with a notice, byline, related, pagination or ad phrase, a contact or a URL stays for them.

    learner = SiteLearner()
    for site, page in pages:
        learner.add(site, page_blocks_texts)
    model = learner.model()
    Cleaner(extra_rules=[model.rule_for("example.com")]).clean(page)
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import regex

from .patterns import URL, find_contacts
from .rules import Rule, note, remove

NAME = "site_boilerplate"
KIND = "boilerplate"
SPACE = regex.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
METADATA_FAMILIES = ("notice", "byline", "related", "pagination", "ad")
EXAMPLE_CHARS = 160


def fold(text: str) -> str:
    """The form blocks are compared in: lower case, runs of space as one."""
    return SPACE.sub(" ", text).strip().lower()


def fingerprint(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(fold(text).encode("utf-8"), digest_size=8).digest(), "big")


def site_key(url: str | None, meta, rel: str) -> str:
    """The site a page belongs to: the host of its URL, else of the URL the page names (its metadata's
    site, or canonical URL), else its folder in the batch ("folder:news/2024")."""
    for candidate in (url, getattr(meta, "site", None), getattr(meta, "canonical_url", None)):
        host = _host(candidate)
        if host:
            return host
    folder = rel.rsplit("/", 1)[0] if "/" in rel else "."
    return f"folder:{folder}"


def _ours(page, block) -> bool:
    """False for a block a built-in rule reads metadata from (that rule takes it); true otherwise."""
    hits = page.hits[block.index]
    if any(family in hits for family in METADATA_FAMILIES):
        return False
    return not (URL.search(block.text) or find_contacts(block.text))


def _host(url: str | None) -> str | None:
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


@dataclass(frozen=True)
class SiteOptions:
    min_pages: int = 5  # a site needs this many distinct pages in the batch before anything is learned
    min_share: float = 0.5  # a block must be on this share of the site's distinct pages
    max_page_share: float = 0.9  # never remove more than this share of a page's tokens
    sample: int = 1000  # learn from at most this many distinct pages per site (bounds memory)


@dataclass
class _Site:
    pages: int = 0
    seen_pages: set[int] = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)
    examples: dict[int, str] = field(default_factory=dict)


class SiteLearner:
    """Counts, per site, on how many distinct pages each block text appears."""

    def __init__(self, options: SiteOptions = SiteOptions()):
        self.options = options
        self._sites: dict[str, _Site] = {}

    def add(self, site: str, texts: Iterable[str]) -> None:
        """One page of `site`, as the texts of its blocks."""
        texts = list(texts)
        page_key = fingerprint("\n".join(texts))
        self.add_prints(site, page_key, {fingerprint(t): t[:EXAMPLE_CHARS] for t in texts if fold(t)})

    def add_prints(self, site: str, page_key: int, prints: dict[int, str]) -> None:
        """One page given as {fingerprint: example text}, as batch workers send it."""
        entry = self._sites.setdefault(site, _Site())
        if page_key in entry.seen_pages or entry.pages >= self.options.sample:
            return
        entry.seen_pages.add(page_key)
        entry.pages += 1
        entry.counts.update(prints.keys())
        for key, text in prints.items():
            entry.examples.setdefault(key, text)

    def model(self) -> SiteModel:
        o = self.options
        learned: dict[str, dict[int, tuple[int, str]]] = {}
        pages: dict[str, int] = {}
        for site, entry in sorted(self._sites.items()):
            pages[site] = entry.pages
            if entry.pages < o.min_pages:
                continue
            need = max(2, o.min_share * entry.pages)
            found = {k: (n, entry.examples[k]) for k, n in entry.counts.items() if n >= need}
            if found:
                learned[site] = dict(sorted(found.items(), key=lambda item: (-item[1][0], item[1][1])))
        return SiteModel(learned, pages, o.max_page_share)


@dataclass(frozen=True)
class SiteModel:
    """What was learned: per site, {fingerprint: (pages it is on, example text)}, and each site's page count."""

    learned: dict[str, dict[int, tuple[int, str]]]
    pages: dict[str, int]
    max_page_share: float = 0.9

    def rule_for(self, site: str | None) -> Rule | None:
        """The `site_boilerplate` rule for one site's pages, or None when nothing was learned for it."""
        found = self.learned.get(site or "")
        if not found:
            return None
        total, limit = self.pages[site], self.max_page_share

        def site_boilerplate(page):
            hits = [(b, found[k]) for b in page.free() if (k := fingerprint(b.text)) in found and _ours(page, b)]
            if not hits:
                return
            tokens = sum(b.tokens for b in page.blocks)
            taken = sum(b.tokens for b, _ in hits)
            if tokens and taken > limit * tokens:
                yield note(flags=(f"{NAME}: skipped, the learned blocks would take {taken} of {tokens} tokens",))
                return
            for block, (count, _) in hits:
                yield remove(block.index, f"repeats on {count} of {total} pages of {site} in this batch")

        site_boilerplate.__doc__ = __doc__
        return Rule(name=NAME, kind=KIND, detect=site_boilerplate)

    def describe(self) -> list[str]:
        """Lines for --dry-run: each site with what was learned on it."""
        lines = []
        for site, count in sorted(self.pages.items()):
            found = self.learned.get(site, {})
            lines.append(f"{site}: {count} distinct page(s), {len(found)} repeated block(s) learned")
            for pages, text in found.values():
                lines.append(f"  {pages:>5} pages  {text}")
        return lines

    def to_json(self) -> dict:
        return {"pages": self.pages, "max_page_share": self.max_page_share,
                "learned": {s: [[str(k), n, t] for k, (n, t) in f.items()] for s, f in self.learned.items()}}

    @classmethod
    def from_json(cls, data: dict) -> SiteModel:
        learned = {s: {int(k): (n, t) for k, n, t in f} for s, f in data["learned"].items()}
        return cls(learned, dict(data["pages"]), data.get("max_page_share", 0.9))
