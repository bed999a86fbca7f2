"""HTML reports: one page's input with every removed span marked, and a batch's totals with its worst pages.

Both are self-contained files (inline CSS, no script, no remote resource) and treat page content as
hostile: every piece of it is escaped, links are made only for http(s) URLs, and a Content-Security-Policy
that allows no script at all stands in the head, so a page holding `<script>`, `onerror=` or a
`javascript:` link shows as text and runs nothing.
"""
from __future__ import annotations

import hashlib
import html
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import regex

from .batch_io import InputFile, write_atomic

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
MAX_VIEW_CHARS = 2_000_000  # longer inputs are shown up to here, and the view says so
KIND_COLORS = {
    "notice": "#f4c7c3", "ad": "#ffb3b3", "related": "#c6dafc", "pagination": "#d7c8f3", "byline": "#fce8b2",
    "navigation": "#b7e1cd", "title": "#f9cb9c", "comment": "#d9d2e9", "outside": "#dddddd", "truncation": "#ead1dc",
    "boilerplate": "#a4c2f4", "code": "#cfe2f3", "metadata": "#fff2cc",
}
EXTRA_COLORS = ("#b6d7a8", "#ffe599", "#9fc5e8", "#d5a6bd", "#a2c4c9", "#f6b26b")
NOT_TEXT = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
STYLE = """
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0 0 4px} h2{font-size:15px;margin:16px 0 6px}
main{display:flex;gap:16px;padding:16px 20px;align-items:flex-start}
.source{flex:3;min-width:0} aside{flex:2;min-width:0;position:sticky;top:0}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #ddd;padding:12px;
    font:13px/1.6 ui-monospace,monospace;margin:0}
mark.rm{color:#555;border-radius:3px;padding:0 1px}
mark.rm .label{display:inline-block;font:11px/1.3 system-ui,sans-serif;color:#000;background:rgba(255,255,255,.7);
    border:1px solid rgba(0,0,0,.25);border-radius:3px;padding:0 4px;margin-right:4px}
.label .why{color:#555;font-style:italic}
.chip{display:inline-block;border-radius:3px;padding:0 6px;margin:1px 2px;border:1px solid rgba(0,0,0,.2)}
table{border-collapse:collapse;background:#fff;width:100%} td,th{border:1px solid #ddd;padding:3px 6px;
    text-align:left;vertical-align:top;word-break:break-word} th{background:#f0f0f0} td.n{text-align:right}
.bar{display:inline-block;height:10px;background:#6d9eeb;vertical-align:middle}
ol.removed li{margin:2px 0} .note{color:#a61c00} th{white-space:nowrap} td.n{white-space:nowrap}
table.meta th{width:1%}
"""


def _e(value) -> str:
    """Escape text for HTML content or a quoted attribute."""
    return html.escape(NOT_TEXT.sub("\ufffd", str(value)), quote=True)


def _kind_class(kind: str) -> str:
    return "k-" + regex.sub(r"[^a-z0-9_-]", "_", kind.lower())[:40]


def kind_color(kind: str) -> str:
    """The background of a kind's marks: a fixed color for the built-in kinds, one of a few others for the rest."""
    if kind in KIND_COLORS:
        return KIND_COLORS[kind]
    return EXTRA_COLORS[int(hashlib.md5(kind.encode()).hexdigest(), 16) % len(EXTRA_COLORS)]


def _kind_css(kinds) -> str:
    return "".join(f".{_kind_class(k)}{{background:{kind_color(k)}}}" for k in sorted(set(kinds)))


def _link(url) -> str:
    """A link for http(s) URLs only; anything else (javascript:, data:) stays text."""
    text = _e(url)
    if isinstance(url, str) and regex.match(r"(?i)^https?://", url.strip()):
        return f'<a href="{text}" rel="noopener noreferrer nofollow">{text}</a>'
    return text


def _page(title: str, css: str, body: str) -> str:
    return (f'<!doctype html>\n<html><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width">'
            f"<title>{_e(title)}</title><style>{STYLE}{css}</style></head>\n<body>\n{body}\n</body></html>\n")


# One page
def render_document(doc, name: str, back: str | None = None) -> str:
    """The input with each removed span marked (colored by kind, labelled with rule and reason) and the
    metadata and list of removals beside it."""
    source = doc.source
    cut = len(source) > MAX_VIEW_CHARS
    shown = source[:MAX_VIEW_CHARS]
    pieces, cursor, previous = [], 0, None
    removals = sorted(doc.removed, key=lambda r: (r.start, r.end))
    for number, r in enumerate(removals, 1):
        start, end = max(r.start, cursor), min(r.end, len(shown))
        if start >= end:
            continue
        between = shown[cursor:start]
        pieces.append(_e(between))
        # a run of removals for one reason is labelled once; each mark still names it in its tooltip
        label = ""
        if previous != (r.rule, r.reason) or between.strip():
            label = f'<span class="label">{_e(r.rule)} <span class="why">{_e(_short(r.reason))}</span></span>'
        previous = (r.rule, r.reason)
        pieces.append(f'<mark class="rm {_kind_class(r.kind)}" id="r{number}" data-rule="{_e(r.rule)}" '
                      f'title="{_e(r.rule)}: {_e(r.reason)}">{label}{_e(shown[start:end])}</mark>')
        cursor = end
    pieces.append(_e(shown[cursor:]))
    removed_chars = sum(r.end - r.start for r in removals)
    kinds = Counter(r.kind for r in removals)
    legend = "".join(f'<span class="chip {_kind_class(k)}">{_e(k)} {n}</span>' for k, n in kinds.most_common())
    groups: dict[tuple, list[int]] = {}
    for number, r in enumerate(removals, 1):
        groups.setdefault((r.rule, r.kind, r.reason), []).append(number)
    items = "".join(
        f'<li><a href="#r{numbers[0]}">{_e(rule)}</a> <span class="chip {_kind_class(kind)}">{_e(kind)}</span> '
        f"{_e(reason)}" + (f" <b>&times;{len(numbers)}</b>" if len(numbers) > 1 else "") + "</li>"
        for (rule, kind, reason), numbers in groups.items())
    share = removed_chars / len(source) if source else 0.0
    body = (
        f"<header><h1>{_e(name)}</h1>"
        + (f'<p><a href="{_e(back)}">back to the batch report</a></p>' if back else "")
        + f"<p>{_e(doc.mode)} mode; kept {len(doc.body):,} characters in {len(doc.paragraphs)} paragraph(s); "
        f"removed {len(removals)} span(s), {removed_chars:,} of {len(source):,} characters ({share:.0%}).</p>"
        f'<p class="legend">{legend}</p></header>\n<main><section class="source"><h2>Input</h2>'
        + (f'<p class="note">Showing the first {MAX_VIEW_CHARS:,} characters only.</p>' if cut else "")
        + f'<pre id="source">{"".join(pieces)}</pre></section>\n'
        f"<aside><h2>Metadata</h2>{_metadata_table(doc)}<h2>Removed</h2><ol class=\"removed\">{items}</ol></aside></main>"
    )
    return _page(f"cleaner explain: {name}", _kind_css(kinds), body)


def _short(reason: str, limit: int = 90) -> str:
    """A reason as a label shows it; the tooltip and the list beside the input give it whole."""
    return reason if len(reason) <= limit else reason[: limit - 1] + "\u2026"


def _metadata_table(doc) -> str:
    rows = []
    for key, value in doc.to_dict()["metadata"].items():
        if value in (None, (), [], {}, False, ""):
            continue
        if key in ("source_url", "canonical_url"):
            shown = _link(value)
        elif key in ("related", "pages") or (key in ("prev", "next") and isinstance(value, dict)):
            links = value if isinstance(value, (list, tuple)) else [value]
            shown = "<ol>" + "".join(f"<li>{_e(v.get('title') or '')} {_link(v.get('url'))}</li>" for v in links) + "</ol>"
        elif key == "contacts":
            shown = ", ".join(f"{_e(c['kind'])}: {_e(c['value'])}" for c in value)
        elif isinstance(value, (list, tuple)):
            shown = ("<br>" if key == "flags" else ", ").join(_e(v) for v in value)
        elif isinstance(value, dict):
            shown = ", ".join(f"{_e(k)}: {_e(v)}" for k, v in value.items())
        else:
            shown = _e(value)
        rows.append(f"<tr><th>{_e(key)}</th><td>{shown}</td></tr>")
    return '<table class="meta">' + "".join(rows) + "</table>"


def write_document_report(path: Path, doc, name: str) -> None:
    write_atomic(Path(path), render_document(doc, name).encode("utf-8"))


# A batch
def write_batch_report(path: Path, report, options, model=None) -> None:
    """The batch report at `path`, and per-page views of the worst pages in `<stem>_files/` beside it."""
    path = Path(path)
    folder = path.with_name(path.stem + "_files")
    folder.mkdir(parents=True, exist_ok=True)
    views: dict[tuple, str] = {}
    for board in report.worst.values():
        for entry in board:
            rel, record, site = entry[2], entry[3], entry[4]
            if (rel, record) in views:
                continue
            view = folder / f"{len(views) + 1:03d}.html"
            doc = _reclean(options, model, rel, record, site)
            if doc is None:
                views[(rel, record)] = ""
                continue
            name = rel + (f" [{record}]" if record is not None else "")
            back = quote(os.path.relpath(path, folder))
            write_atomic(view, render_document(doc, name, back=back).encode("utf-8"))
            views[(rel, record)] = f"{quote(folder.name)}/{view.name}"
    write_atomic(path, render_batch(report, options, model, views).encode("utf-8"))


def _reclean(options, model, rel: str, record, site):
    """Clean one page again, as the batch did, to show it (the batch keeps no page in memory)."""
    from .batch import Task, Worker

    full = Path(options.src) / rel
    try:
        info = os.stat(full)
        worker = Worker(options, model)
        task = Task(InputFile(rel, str(full), info.st_size, info.st_mtime_ns))
        for _, name, content, is_html, url in worker.pages(task):
            if name == record:
                cleaner = worker.cleaner_for(site)
                return cleaner.clean_html(content, url=url) if is_html else cleaner.clean(content, url=url)
    except Exception:  # noqa: BLE001 - a page that cannot be shown is listed without a view
        return None
    return None


def render_batch(report, options, model, views: dict) -> str:
    total_removed = sum(report.rules.values())
    top = max(report.rules.values(), default=1)
    counts = "".join(f"<tr><th>{k}</th><td class=n>{getattr(report, k):,}</td></tr>"
                     for k in ("files", "documents", "done", "empty", "flagged", "failed", "skipped"))
    rules = "".join(
        f'<tr><td>{_e(r)}</td><td class=n>{n:,}</td><td><span class="bar" style="width:{200 * n // top}px"></span></td></tr>'
        for r, n in report.rules.most_common())
    sites = "".join(
        f"<tr><td>{_e(s)}</td>" + "".join(f"<td class=n>{c.get(k, 0):,}</td>" for k in
                                          ("documents", "done", "empty", "flagged", "failed", "removed")) + "</tr>"
        for s, c in sorted(report.sites.items(), key=lambda item: (-item[1]["documents"], item[0])))
    errors = "".join(f"<tr><td>{_e(k)}</td><td class=n>{n:,}</td></tr>" for k, n in report.errors.most_common())
    boards = ""
    titles = {"most_removed": "Most removed (share of the input)", "flagged": "Flagged", "truncated": "Truncated"}
    for key, entries in report.worst.items():
        rows = "".join(
            f"<tr><td>{_view_link(views, e[2], e[3])}</td><td>{_e(e[4] or '')}</td><td class=n>{e[0]:.0%}</td>"
            f"<td class=n>{e[1]:,}</td></tr>" for e in entries)
        boards += (f"<h2>{titles[key]}</h2><table><tr><th>page</th><th>site</th><th>removed</th><th>spans</th></tr>"
                   f"{rows}</table>" if rows else f"<h2>{titles[key]}</h2><p>none</p>")
    learned = ""
    if model is not None:
        for site, found in model.learned.items():
            items = "".join(f"<li>{pages} pages: {_e(text)}</li>" for pages, text in found.values())
            learned += f"<h3>{_e(site)} ({model.pages[site]} pages)</h3><ol>{items}</ol>"
        learned = "<h2>Site boilerplate learned</h2>" + (learned or "<p>nothing repeated enough</p>")
    body = (
        f"<header><h1>cleaner batch: {_e(options.src)}</h1><p>{total_removed:,} span(s) removed by "
        f"{len(report.rules)} rule(s); output in {_e(options.out)} ({_e(options.format)}).</p></header>\n<main>"
        f"<section class=source><h2>Totals</h2><table>{counts}</table>"
        f"<h2>By rule</h2><table><tr><th>rule</th><th>removals</th><th></th></tr>{rules}</table>"
        f"<h2>By site</h2><table><tr><th>site</th><th>documents</th><th>done</th><th>empty</th><th>flagged</th>"
        f"<th>failed</th><th>removed</th></tr>{sites}</table>"
        + (f"<h2>Failed by kind</h2><table>{errors}</table>" if errors else "")
        + f"</section><aside>{boards}{learned}</aside></main>"
    )
    return _page(f"cleaner batch: {options.src}", "", body)


def _view_link(views: dict, rel: str, record) -> str:
    name = _e(rel + (f" [{record}]" if record is not None else ""))
    href = views.get((rel, record))
    return f'<a href="{_e(href)}">{name}</a>' if href else name
