"""`python -m bench quality`: per corpus set and tool, body precision / recall / F1, snippet and metadata
accuracy, errors and pages/s, on the same inputs for every tool. Peers' outputs are cached; cleaner always reruns."""
from __future__ import annotations

import cProfile
import json
import signal
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import islice
from multiprocessing import Pool
from statistics import mean

from . import corpora, report, tools
from .score import meta_match, prf, snippet_score

LIMIT_SECONDS = 20
FIELDS = ("title", "author", "date")
GAP = 0.3  # pages where cleaner's F1 is this far below the best peer's are listed


class PageTimeout(BaseException):
    """Raised by the alarm; a BaseException so that neither a tool's `except Exception` nor cleaner's
    per-rule `except TimeoutError` swallows it."""


@dataclass
class Run:
    """One tool on one page. Empty output plus `error` when the tool raised or took over LIMIT_SECONDS."""

    body: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    seconds: float = 0.0  # CPU seconds of this process, so parallel jobs and other load don't skew pages/s
    error: str | None = None


def guarded(tool: str, data, record: corpora.Record, mode: str, profiler=None) -> Run:
    def alarm(signum, frame):
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT_SECONDS)
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        if profiler:
            profiler.enable()
        out, error = tools.run(tool, data, record, mode), None
    except PageTimeout:
        out, error = tools.Output(), f"timeout: over {LIMIT_SECONDS} s"
    except Exception as exc:  # noqa: BLE001 - any failure of a tool is counted, not raised
        out, error = tools.Output(), f"{type(exc).__name__}: {str(exc)[:120]}"
    finally:
        if profiler:
            profiler.disable()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if error is None and time.perf_counter() - wall > LIMIT_SECONDS:
        out, error = tools.Output(), f"timeout: over {LIMIT_SECONDS} s"
    return Run(out.body or "", out.title, out.author, out.date, time.process_time() - cpu, error)


def cache_path(tool: str, mode: str, record: corpora.Record):
    name = record.id.replace("/", "__") + ".json"
    return report.RESULTS / "cache" / f"{tool}-{tools.tool_version(tool)}" / mode / record.set / name


def run_task(task: tuple[str, str, corpora.Record], profiler=None) -> tuple[str, corpora.Record, Run]:
    tool, mode, record = task
    path = cache_path(tool, mode, record)
    if tool not in tools.RERUN and path.exists():
        return tool, record, Run(**json.loads(path.read_text(encoding="utf-8")))
    run = guarded(tool, tools.page_input(record, tool, mode), record, mode, profiler if tool == "cleaner" else None)
    if tool not in tools.RERUN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(run), ensure_ascii=False), encoding="utf-8")
    return tool, record, run


def groups(record: corpora.Record) -> list[str]:
    """The rows a page counts in: its set (split by page type), magic-html-bench's zh pages, and 'all'."""
    found = [record.group, "all"]
    if record.set == "magic-html-bench" and record.lang == "zh":
        found.insert(1, "magic-html-bench:zh")
    return found


@dataclass
class Tally:
    """What one tool did on one group of pages."""

    pages: int = 0
    seconds: float = 0.0
    errors: int = 0
    prf: list[tuple[float, float, float]] = field(default_factory=list)
    snippets: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # with found, with total, without absent, total
    # per field: hits and count where the gold has a value, then where the gold says the page shows none ("")
    meta: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0, 0, 0] for f in FIELDS})

    def add(self, record: corpora.Record, run: Run, with_meta: bool) -> tuple[float, float, float] | None:
        self.pages += 1
        self.seconds += run.seconds
        self.errors += run.error is not None
        gold = record.gold
        if gold.get("with") or gold.get("without"):
            found, total = snippet_score(run.body, gold.get("with", []), [])
            absent, total_not = snippet_score(run.body, [], gold.get("without", []))
            for i, n in enumerate((found, total, absent, total_not)):
                self.snippets[i] += n
        for name in FIELDS if with_meta else ():
            if gold.get(name) is not None:
                at = 2 if gold[name] == "" else 0
                self.meta[name][at] += meta_match(name, getattr(run, name), gold[name])
                self.meta[name][at + 1] += 1
        if gold.get("body") is None:
            return None
        scores = prf(run.body, gold["body"])
        self.prf.append(scores)
        return scores

    def row(self, group: str, tool: str) -> dict:
        row = {"group": group, "tool": tool, "pages": self.pages, "errors": self.errors,
               "pages_per_s": self.pages / self.seconds if self.seconds else None, "scored": len(self.prf)}
        if self.prf:
            row.update(zip(("precision", "recall", "f1"), (mean(column) for column in zip(*self.prf))))
        found, total, absent, total_not = self.snippets
        if total + total_not:
            row.update(with_found=found / total if total else None, without_absent=absent / total_not if total_not else None,
                       snippet_accuracy=(found + absent) / (total + total_not))
        for name, (hits, n, hits_none, n_none) in self.meta.items():
            if n:
                row[name] = hits / n
            if n_none:
                row[f"{name}_none"] = hits_none / n_none
        row["meta_n"] = {name: [n, n_none] for name, (_, n, _, n_none) in self.meta.items() if n + n_none}
        return row


def select(sets: list[str], limit: int | None, mode: str) -> tuple[list[corpora.Record], list[str]]:
    chosen, notes = [], []
    for name in sets:
        found = list(islice(corpora.records(name), limit))
        if mode == "text":
            missing = [r.id for r in found if not r.text_path.exists()]
            found = [r for r in found if r.text_path.exists()]
            if missing:
                notes.append(f"{name}: {len(missing)} page(s) without a text view skipped for all tools ({', '.join(missing)})")
        chosen += found
    return chosen, notes


def available(names: list[str], mode: str) -> tuple[list[str], list[str]]:
    ok, notes = [], []
    for name in names:
        try:
            note = tools.check(name, mode)
        except tools.Unavailable as why:
            notes.append(f"{name} skipped: {why}")
            continue
        ok.append(name)
        notes += [note] if note else []
    return ok, notes


def main(args) -> int:
    mode = args.mode
    names, notes = available(args.tools, mode)
    records, skipped = select(args.sets, args.limit, mode)
    notes += skipped
    tasks = [(tool, mode, record) for record in records for tool in names]
    profiler = cProfile.Profile() if args.profile else None
    jobs = 1 if profiler else args.jobs
    print(f"quality ({mode} mode): {len(records)} pages x {len(names)} tools, {jobs} job(s)", file=sys.stderr)
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    per_page: dict[str, dict] = defaultdict(dict)
    errors = []
    with Pool(jobs) if jobs > 1 else _Serial() as pool:
        done = pool.imap_unordered(partial(run_task, profiler=profiler), tasks, chunksize=4)
        for count, (tool, record, run) in enumerate(done, 1):
            key = f"{record.set}/{record.id}"
            for group in groups(record):
                scores = tallies[group, tool].add(record, run, tool in tools.WITH_METADATA)
            if scores:
                per_page[key][tool] = [round(s, 4) for s in scores]
            if run.error:
                errors.append({"tool": tool, "page": key, "error": run.error})
            if count % 500 == 0:
                print(f"  {count}/{len(tasks)}", file=sys.stderr)
    rows = [tallies[group, tool].row(group, tool) for group, tool in sorted(tallies, key=lambda k: _order(k, names))]
    data = {"mode": mode, "tools": {name: tools.tool_version(name) for name in names}, "notes": notes,
            "rows": rows, "pages": per_page, "errors": errors, "gaps": gaps(per_page)}
    report.write(f"quality-{mode}", markdown(data), data)
    report.plot_quality(rows, mode, report.RESULTS / f"quality-{mode}.png")
    if profiler:
        report.write_profile("quality", profiler)
    return 0


class _Serial:
    """Pool stand-in for --jobs 1 and --profile: runs the tasks in this process."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def imap_unordered(self, fn, tasks, chunksize=1):
        return map(fn, tasks)


def _order(key: tuple[str, str], names: list[str]) -> tuple:
    group, tool = key
    return group == "all", group, names.index(tool)


def gaps(per_page: dict[str, dict]) -> list[dict]:
    """Pages where cleaner's F1 is at least GAP below the best peer's, worst first."""
    found = []
    for page, scores in per_page.items():
        if "cleaner" not in scores:
            continue
        peers = {tool: s for tool, s in scores.items() if tool not in tools.RERUN}
        if not peers:
            continue
        best = max(peers, key=lambda tool: peers[tool][2])
        gap = peers[best][2] - scores["cleaner"][2]
        if gap >= GAP:
            found.append({"page": page, "gap": round(gap, 3), "cleaner": scores["cleaner"], "best": best, "best_prf": peers[best]})
    return sorted(found, key=lambda g: -g["gap"])


def markdown(data: dict) -> str:
    rows = data["rows"]
    f = report.fmt
    lines = [f"# Quality, {data['mode']} mode", "", _inputs(data["mode"]), "",
             "Tools: " + ", ".join(f"{name} {v}" for name, v in data["tools"].items()) + ".", ""]
    lines += [f"- {note}" for note in data["notes"]] + [""] * bool(data["notes"])
    body = [r for r in rows if r["scored"]]
    best = {g: max(r["f1"] for r in body if r["group"] == g) for g in {r["group"] for r in body}}
    lines += ["## Body (token P / R / F1, mean over pages with a gold body)", "",
              report.table(["set", "pages", "tool", "precision", "recall", "F1", "errors", "pages/s"],
                           [[r["group"], r["scored"], r["tool"], f(r["precision"]), f(r["recall"]),
                             f"**{f(r['f1'])}**" if r["f1"] == best[r["group"]] else f(r["f1"]), r["errors"],
                             _speed(r)] for r in body]), ""]
    snippets = [r for r in rows if "snippet_accuracy" in r and r["group"] != "all"]
    if snippets:
        lines += ["## Snippets (`with` found, `without` absent)", "",
                  report.table(["set", "pages", "tool", "with found", "without absent", "accuracy", "errors", "pages/s"],
                               [[r["group"], r["pages"], r["tool"], f(r["with_found"]), f(r["without_absent"]),
                                 f(r["snippet_accuracy"]), r["errors"], _speed(r)] for r in snippets]), ""]
    meta = [r for r in rows if r["meta_n"] and r["group"] != "all"]
    if meta:
        lines += ["## Metadata", "",
                  ("Share of gold values matched (casefolded, whitespace collapsed; dates on YYYY-MM-DD, or on as much "
                   "as the gold gives), with n; then, after 'none', the share of pages the gold says show no value "
                   "where the tool gave none."), "",
                  report.table(["set", "tool", *FIELDS], [[r["group"], r["tool"], *(_meta_cell(r, name) for name in FIELDS)]
                                                          for r in meta]), ""]
    if data["gaps"]:
        lines += [f"## Pages where cleaner's F1 is {GAP} or more below the best peer's ({len(data['gaps'])}; worst 15)", "",
                  report.table(["page", "cleaner P / R / F1", "best peer", "its P / R / F1"],
                               [[g["page"], " / ".join(f(x) for x in g["cleaner"]), g["best"],
                                 " / ".join(f(x) for x in g["best_prf"])] for g in data["gaps"][:15]]), ""]
    return "\n".join(lines)


def _meta_cell(row: dict, name: str) -> str:
    n, n_none = row["meta_n"].get(name, (0, 0))
    cells = [f"{report.fmt(row[name])} ({n})"] if n else []
    cells += [f"none {report.fmt(row[f'{name}_none'])} ({n_none})"] if n_none else []
    return "; ".join(cells) or "—"


def _speed(row: dict) -> str:
    return "—" if row["tool"] == tools.BASELINE else report.fmt(row["pages_per_s"], 1)


def _inputs(mode: str) -> str:
    if mode == "text":
        return ("Inputs: cleaner gets each page's text view (`texts/<id>.txt`); the other tools get the same text as HTML, "
                "one escaped `<p>` per line. ")+ _TIMING
    return ("Inputs: the original page bytes (CleanEval `<text>` wrapper removed); cleaner and trafilatura get bytes, "
            "the others the page decoded (wrapper charset, else `<meta charset>`, else UTF-8; GB2312/GBK as GB18030). ") + _TIMING


_TIMING = (f"pages/s = pages / CPU seconds spent in the tool, one page at a time; an exception or a page over {LIMIT_SECONDS} s "
           f"counts as empty output and as an error. trafilatura runs with metadata on and comments off. {tools.BASELINE} "
           "is a baseline, not a tool: the page's whole text view, nothing removed.")
