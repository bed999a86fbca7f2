"""Loading the evaluation corpora in ../shared/corpora: records, their text views, their HTML."""
from __future__ import annotations

import codecs
import gzip
import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

CORPORA = Path(os.environ.get("CLEANER_CORPORA", Path(__file__).resolve().parents[1].parent / "shared" / "corpora"))
TEXT_SETS = ("chinese-wce", "scrapinghub", "magic-html-bench", "cleaneval-dev", "readability-testpages", "trafilatura-eval")
# CleanEval-style files (chinese-wce older pages, cleaneval-dev) wrap the page in <text id=... encoding=...>...</text>.
WRAPPER = re.compile(rb'\A\s*<text id=[^\n]*?encoding="([^"]*)"[^\n]*>[ \t\r]*\n')
WRAPPER_END = re.compile(rb"</text>\s*\Z")
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", re.IGNORECASE)
# Pages that declare GB2312/GBK use characters only GB18030 has; Latin-1 pages are really windows-1252.
WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252"}


@dataclass
class Record:
    set: str
    id: str
    url: str | None
    lang: str | None
    gold: dict

    @property
    def group(self) -> str:
        """The set, split where a set mixes kinds of page (magic-html-bench: article / forum)."""
        kind = self.gold.get("extra", {}).get("page_type")
        return f"{self.set}:{kind}" if kind else self.set

    @property
    def text_path(self) -> Path:
        return CORPORA / self.set / "texts" / (self.id.replace("/", "__") + ".txt")

    def text(self) -> str | None:
        path = self.text_path
        return path.read_text(encoding="utf-8") if path.exists() else None

    def html_bytes(self) -> bytes:
        """The stored file, as is (including a CleanEval wrapper)."""
        with gzip.open(CORPORA / self.set / self.gold["html_path"], "rb") as f:
            return f.read()

    def html(self) -> bytes:
        """The page's original bytes, without the CleanEval wrapper: what every tool gets in HTML mode."""
        return unwrap(self.html_bytes())[0]

    def html_str(self) -> str:
        """The page decoded, for tools that need str: the wrapper's charset, else the page's, else UTF-8, else a guess."""
        data, declared = unwrap(self.html_bytes())
        return decode(data, declared)

    def text_html(self) -> str | None:
        """The text view as HTML, one <p> per line: what the other tools get in text mode."""
        text = self.text()
        return None if text is None else lines_as_html(text)


def records(name: str) -> Iterator[Record]:
    with open(CORPORA / name / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            gold = json.loads(line)
            yield Record(name, gold["id"], gold.get("url"), gold.get("lang"), gold)


def unwrap(data: bytes) -> tuple[bytes, str | None]:
    """(page bytes without a CleanEval `<text ...>` wrapper, the charset the wrapper declares or None)."""
    match = WRAPPER.match(data)
    if not match:
        return data, None
    return WRAPPER_END.sub(b"", data[match.end():]), _codec(match.group(1).decode("ascii", "ignore"))


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    try:
        return codecs.lookup(WIDER.get(name, name)).name
    except LookupError:  # "unset", "unknown-"
        return None


def decode(data: bytes, declared: str | None = None) -> str:
    meta = META_CHARSET.search(data[:4096])
    for name in (declared, meta and _codec(meta.group(1).decode("ascii")), "utf-8"):
        if name:
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    return data.decode(_codec(best.encoding) if best else "gb18030", errors="replace")


def lines_as_html(text: str) -> str:
    """Each non-blank line of `text` as an escaped <p>, in a minimal page."""
    paragraphs = "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return f'<html><head><meta charset="utf-8"></head><body>\n{paragraphs}\n</body></html>'
