"""The extractors compared: cleaner and its peers, each behind one adapter `run(data, record, mode) -> Output`,
plus a baseline, "all-text", that keeps the page's whole text view (what doing nothing scores).

Inputs (see `page_input`): in text mode cleaner gets the text view and the peers the same text as HTML, one
<p> per line; in HTML mode cleaner and trafilatura get the page's bytes (they detect the charset themselves),
the others the page decoded by `Record.html_str`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import lxml.html

from .corpora import Record

BASELINE = "all-text"
TOOLS = ("cleaner", "trafilatura", "readability", "justext", "boilerpy3", "gne", "resiliparse", BASELINE)
RERUN = {"cleaner", BASELINE}  # never cached: cleaner changes under development; the baseline costs nothing
PACKAGES = {"readability": "readability-lxml", "resiliparse": "resiliparse"}
TAKES_BYTES = {"cleaner", "trafilatura"}
WITH_METADATA = {"cleaner", "trafilatura"}
BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
              "pre", "blockquote", "section", "article", "header", "footer", "dd", "dt", "figcaption"}
JUSTEXT_LANGUAGES = {
    "en": "English", "de": "German", "es": "Spanish", "fr": "French", "pl": "Polish", "pt": "Portuguese",
    "it": "Italian", "ru": "Russian", "nl": "Dutch", "fi": "Finnish", "hu": "Hungarian", "cs": "Czech",
    "ko": "Korean", "id": "Indonesian", "tr": "Turkish", "ar": "Arabic", "fa": "Persian", "ur": "Urdu",
    "hi": "Hindi", "hr": "Croatian", "no": "Norwegian_Bokmal", "bn": "Bengali",
}


@dataclass(frozen=True)
class Output:
    body: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None


class Unavailable(Exception):
    """The tool cannot run here (not installed, or cleaner's HTML front end not written yet)."""


def tool_version(name: str) -> str:
    if name == "cleaner":
        from cleaner import __version__
        return __version__
    if name == BASELINE:
        return "-"
    try:
        return version(PACKAGES.get(name, name))
    except PackageNotFoundError:
        return "unknown"


def check(name: str, mode: str) -> str | None:
    """Run `name` once on a tiny page (which also warms its imports); raise Unavailable if it cannot run in `mode`.
    Returns a note when the probe failed otherwise (the tool still runs; its failures are counted per page)."""
    probe = Record("probe", "probe", None, "en", {})
    page = "<html><body><p>A probe paragraph for the benchmark.</p></body></html>"
    data = page.encode() if mode == "html" and name in TAKES_BYTES else page
    try:
        run(name, "A probe paragraph for the benchmark." if mode == "text" and name == "cleaner" else data, probe, mode)
    except (ImportError, NotImplementedError) as error:
        raise Unavailable(f"{name} cannot run in {mode} mode here ({type(error).__name__}: {error})") from error
    except Exception as error:  # noqa: BLE001
        return f"{name} failed on the probe page ({type(error).__name__}: {error})"
    return None


def page_input(record: Record, tool: str, mode: str) -> str | bytes | None:
    """What `tool` is given for `record` in `mode`; None when the page has no text view."""
    if tool == BASELINE or (mode == "text" and tool == "cleaner"):
        return record.text()
    if mode == "text":
        return record.text_html()
    return record.html() if tool in TAKES_BYTES else record.html_str()


def run(tool: str, data: str | bytes, record: Record, mode: str) -> Output:
    return ADAPTERS[tool](data, record, mode)


@cache
def _cleaner():
    from cleaner import Cleaner
    return Cleaner()


def _run_cleaner(data, record, mode):
    c = _cleaner()
    doc = c.clean_text(data, url=record.url) if mode == "text" else c.clean_html(data, url=record.url)
    meta = doc.metadata
    return Output(doc.body, meta.title, meta.author, meta.published)


def _run_trafilatura(data, record, mode):
    import trafilatura
    # Comments off: no gold body includes them (trafilatura's own evaluation does the same).
    doc = trafilatura.bare_extraction(data, url=record.url, with_metadata=True, include_comments=False)
    if doc is None:
        return Output()
    return Output(doc.text or "", doc.title, doc.author, doc.date)


def _run_readability(data, record, mode):
    import readability
    return Output(html_text(readability.Document(data).summary(html_partial=True)))


def _run_justext(data, record, mode):
    import justext
    language = JUSTEXT_LANGUAGES.get(record.lang or "")
    if language:
        paragraphs = justext.justext(data, justext.get_stoplist(language))
    else:  # justext's language-independent mode (no stoplist for zh / ja)
        paragraphs = justext.justext(data, frozenset(), stopwords_low=0, stopwords_high=0)
    return Output("\n".join(p.text for p in paragraphs if not p.is_boilerplate))


def _run_boilerpy3(data, record, mode):
    from boilerpy3 import extractors
    return Output(extractors.ArticleExtractor(raise_on_failure=False).get_content(data))


def _run_gne(data, record, mode):
    from gne import GeneralNewsExtractor
    return Output(GeneralNewsExtractor().extract(data)["content"])


def _run_resiliparse(data, record, mode):
    from resiliparse.extract.html2text import extract_plain_text
    return Output(extract_plain_text(data, main_content=True))


ADAPTERS = {
    "cleaner": _run_cleaner, "trafilatura": _run_trafilatura, "readability": _run_readability, "justext": _run_justext,
    "boilerpy3": _run_boilerpy3, "gne": _run_gne, "resiliparse": _run_resiliparse,
    BASELINE: lambda data, record, mode: Output(data or ""),
}


def html_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element (so words of adjacent blocks don't run together)."""
    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for element in root.iter():
        if element.tag in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())
