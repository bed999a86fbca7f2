"""Adapters to other frameworks (Scrapy, Dask). Each is imported only when used, with its extra installed:
``pip install 'cleaner[scrapy]'`` or ``pip install 'cleaner[dask]'``; the core never imports them."""
from __future__ import annotations

import importlib
from collections.abc import Iterable

from ..rules import Rule


def load_rules(specs: Iterable[str | Rule]) -> tuple[Rule, ...]:
    """Rules given as `Rule` objects or as import paths "package.module:name" (as settings files give them)."""
    rules = []
    for spec in specs:
        if isinstance(spec, Rule):
            rules.append(spec)
            continue
        module, _, name = str(spec).partition(":")
        if not name:
            raise ValueError(f"rule {spec!r}: expected 'package.module:name'")
        found = getattr(importlib.import_module(module), name)
        if not isinstance(found, Rule):
            raise TypeError(f"{spec} is a {type(found).__name__}, not a cleaner Rule (made by @rule)")
        rules.append(found)
    return tuple(rules)
