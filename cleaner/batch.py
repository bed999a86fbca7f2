"""`cleaner batch`: clean a folder of scraped pages into OUT, in parallel, safe to stop and resume.

    from cleaner.batch import BatchOptions, run
    report = run(BatchOptions(src=Path("pages"), out=Path("out"), format="jsonl", workers=4))
    report.exit_code    # 0 all good, 1 some input failed (see out/errors.jsonl)

The contract, as in black: one options dataclass, a `Report` that counts what happened and sets the exit
code, each file isolated (one bad file is a line in OUT/errors.jsonl, never the end of the batch).

OUT holds `documents.jsonl` (format jsonl) or one file per page mirroring IN_DIR (formats json, txt,
md), `errors.jsonl`, and `.cleaner/` (the manifest that --resume reads, `summary.json`, and what
--site-boilerplate learned). Results are written in input order, each output by temp file + rename, and
the manifest records each input (path, size, mtime) with the byte offsets it reached in documents.jsonl
and errors.jsonl, after its outputs. A run killed at any point and resumed truncates those files back
to the manifest and goes on from the first input not in it, so OUT ends as an uninterrupted run's would.
"""
from __future__ import annotations

import copy
import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cache
from pathlib import Path

from . import __version__
from .batch_io import (
    HTML_EXTENSIONS,
    InputFile,
    InputRejected,
    OutDir,
    jsonl_chunks,
    jsonl_lines,
    line_record,
    read_bytes,
    records,
    streams,
    sweep_temps,
    walk,
    write_atomic,
)
from .engine import Cleaner
from .errors import CleanerError, InputTooLarge, RuleFailed
from .rules import Rule, default_rules
from .site_boilerplate import SiteLearner, SiteModel, SiteOptions, fingerprint, fold, site_key

FORMATS = {"jsonl": "jsonl", "json": "json", "txt": "txt", "md": "md"}
CONTROL = ".cleaner"
DOCUMENTS = "documents.jsonl"
ERRORS = "errors.jsonl"
WORST = ("most_removed", "flagged", "truncated")
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
CHUNK_BYTES = 2_000_000  # a plain .jsonl over twice this is cleaned in pieces of this size, in parallel


class UsageError(CleanerError):
    """The batch cannot start as asked (exit code 2): a missing IN_DIR, a bad option, a resume mismatch."""


class DocumentTimeout(BaseException):
    """A page took longer than --timeout. A BaseException, so no rule's `except Exception` swallows it."""


@dataclass(frozen=True)
class BatchOptions:
    """Everything a batch run needs; the CLI builds one from its arguments, a program can build it directly."""

    src: Path
    out: Path
    format: str = "jsonl"
    globs: tuple[str, ...] = ()
    workers: int = 0  # 0: one per core
    resume: bool = False
    quiet: bool = False
    progress: bool | None = None  # None: a bar when stderr is a terminal and not quiet
    dry_run: bool = False
    report: Path | None = None
    report_top: int = 10
    site_boilerplate: bool = False
    site: SiteOptions = field(default_factory=SiteOptions)
    fields: tuple[str, ...] = ("html", "text")
    url_field: str = "url"
    id_field: str = "id"
    max_bytes: int = 50_000_000
    max_ratio: float = 100.0
    timeout: float = 120.0  # seconds per page; 0 for none
    disable: tuple[str, ...] = ()
    extra_rules: tuple[Rule, ...] = ()  # module-level rules only: they travel to the worker processes by name

    def checked(self) -> BatchOptions:
        """A copy with defaults filled in, or `UsageError` saying what is wrong."""
        if not Path(self.src).is_dir():
            raise UsageError(f"{self.src} is not a folder")
        if Path(self.out).exists() and not Path(self.out).is_dir():
            raise UsageError(f"{self.out} exists and is not a folder")
        if self.format not in FORMATS:
            raise UsageError(f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.workers < 0 or self.max_bytes < 1 or self.max_ratio < 1 or self.timeout < 0 or self.report_top < 0:
            raise UsageError("--workers, --max-bytes, --max-ratio, --timeout and --report-top take positive numbers")
        if not 0 < self.site.min_share <= 1 or self.site.min_pages < 2:
            raise UsageError("--site-min-share must be in (0, 1] and --site-min-pages at least 2")
        known = [r.name for r in default_rules()]
        unknown = sorted(set(self.disable) - set(known))
        if unknown:
            raise UsageError(f"unknown rule(s) {unknown}; known: {known}")
        rule_specs(self.extra_rules)
        return replace(self, src=Path(self.src), out=Path(self.out), workers=self.workers or _cores())

    def fingerprint(self) -> dict:
        """What must match for --resume to continue a run: everything that changes the outputs."""
        return {
            "cleaner": __version__, "code": code_fingerprint(), "format": self.format, "globs": list(self.globs),
            "fields": list(self.fields),
            "url_field": self.url_field, "id_field": self.id_field, "max_bytes": self.max_bytes,
            "max_ratio": self.max_ratio, "disable": sorted(self.disable), "extra_rules": [r.name for r in self.extra_rules],
            "site_boilerplate": asdict(self.site) if self.site_boilerplate else None,
        }


@cache
def code_fingerprint() -> str:
    """A hash of the cleaner package's source: a resumed run must clean with the code that began it."""
    import hashlib

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def rule_specs(rules: Iterable[Rule]) -> tuple[str, ...]:
    """Import paths ("module:name") for rules, which is how they reach the worker processes: a function
    wrapped by @rule is shadowed by its Rule, so neither pickles by reference."""
    import importlib

    specs = []
    for r in rules:
        module, name = getattr(r.detect, "__module__", None), getattr(r.detect, "__qualname__", "")
        try:
            found = getattr(importlib.import_module(module), name, None) if module else None
        except ImportError:
            found = None
        if found is not r:
            raise UsageError(f"extra rule {r.name!r} must be a module-level @rule, importable as {module}.{name}")
        specs.append(f"{module}:{name}")
    return tuple(specs)


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class Task:
    """A unit of work: a file, or one piece (`chunk`) of a large .jsonl file: its bytes [start, end)."""

    file: InputFile
    chunk: int | None = None
    start: int = 0
    end: int | None = None
    first_line: int = 1
    last: bool = True  # the file's last piece (the progress bar counts files)

    @property
    def key(self) -> tuple[str, int | None]:
        return self.file.rel, self.chunk


# What a worker sends back
@dataclass(slots=True)
class DocStat:
    """One page's outcome. Status is done, empty (nothing left), flagged (has flags), failed or skipped."""

    record: str | None
    site: str | None
    status: str
    removed: int = 0
    removed_chars: int = 0
    chars: int = 0
    truncated: bool = False
    rules: dict[str, int] = field(default_factory=dict)
    error: str | None = None  # the error kind, when failed

    def to_list(self) -> list:
        return [self.record, self.site, self.status, self.removed, self.removed_chars, self.chars, self.truncated,
                self.rules, self.error]

    @classmethod
    def from_list(cls, values: list) -> DocStat:
        return cls(*values)


@dataclass(slots=True)
class FileResult:
    """One input file's outcome: a DocStat per page, the jsonl lines (format jsonl), the errors."""

    rel: str
    size: int
    mtime_ns: int
    chunk: int | None = None
    docs: list[DocStat] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def fail(self, record: str | None, kind: str, error: BaseException, site: str | None = None) -> None:
        message = str(error) or type(error).__name__
        self.errors.append({"path": self.rel, "record": record, "kind": kind, "error": type(error).__name__,
                            "message": message})
        self.docs.append(DocStat(record, site, "failed", error=kind))


@dataclass(slots=True)
class ProbeResult:
    """What the site-boilerplate learning pass needs of one input: per page, its site and block prints."""

    rel: str
    sites: dict[str, str] = field(default_factory=dict)  # record position -> site; "" -> the site of a plain file
    pages: list[tuple[str, int, dict[int, str]]] = field(default_factory=list)  # (site, page print, prints)


# The report
@dataclass
class Report:
    """Counts of a batch run (documents are pages: a file, or a record of a .json/.jsonl file).

    done + empty + flagged + failed + skipped == documents; `exit_code` is 1 when anything failed.
    """

    files: int = 0
    documents: int = 0
    done: int = 0
    empty: int = 0
    flagged: int = 0
    failed: int = 0
    skipped: int = 0
    resumed: int = 0  # files found done in the manifest and not cleaned again
    rules: Counter = field(default_factory=Counter)  # removals per rule
    errors: Counter = field(default_factory=Counter)  # failures per error kind
    sites: dict[str, Counter] = field(default_factory=dict)
    worst: dict[str, list] = field(default_factory=lambda: {k: [] for k in WORST})
    top: int = 10
    elapsed: float = 0.0

    def add(self, entry: dict) -> None:
        """Count one manifest entry (a file's outcome, or a piece of a large .jsonl file's)."""
        self.files += entry.get("chunk") in (None, 0)
        for values in entry["docs"]:
            doc = DocStat.from_list(values)
            self.documents += 1
            setattr(self, doc.status, getattr(self, doc.status) + 1)
            if doc.status == "skipped":
                continue
            site = self.sites.setdefault(doc.site or "(unknown)", Counter())
            site["documents"] += 1
            site[doc.status] += 1
            if doc.error:
                self.errors[doc.error] += 1
                continue
            site["removed"] += doc.removed
            self.rules.update(doc.rules)
            self._rank(entry["path"], doc)

    def _rank(self, rel: str, doc: DocStat) -> None:
        where = [rel, doc.record, doc.site]
        share = doc.removed_chars / doc.chars if doc.chars else 0.0
        if doc.removed:
            board = self.worst["most_removed"]
            board.append([round(share, 4), doc.removed, *where])
            if len(board) > 4 * self.top + 16:  # keep memory flat: prune now and then
                board.sort(key=lambda w: (-w[0], -w[1], w[2], w[3] or ""))
                del board[self.top:]
        if doc.status == "flagged" and len(self.worst["flagged"]) < self.top:
            self.worst["flagged"].append([round(share, 4), doc.removed, *where])
        if doc.truncated and len(self.worst["truncated"]) < self.top:
            self.worst["truncated"].append([round(share, 4), doc.removed, *where])

    def finish(self) -> None:
        board = self.worst["most_removed"]
        board.sort(key=lambda w: (-w[0], -w[1], w[2], w[3] or ""))
        del board[self.top:]

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK

    def to_dict(self) -> dict:
        """The deterministic part (no timings): what OUT/.cleaner/summary.json holds."""
        return {
            "files": self.files, "documents": self.documents, "done": self.done, "empty": self.empty,
            "flagged": self.flagged, "failed": self.failed, "skipped": self.skipped,
            "rules": dict(self.rules.most_common()), "errors": dict(self.errors.most_common()),
            "sites": {s: dict(c) for s, c in sorted(self.sites.items())}, "worst": self.worst,
        }

    def lines(self) -> list[str]:
        rate = self.files / self.elapsed if self.elapsed else 0.0
        lines = [f"{self.files} file(s), {self.documents} document(s): {self.done} done, {self.empty} empty, "
                 f"{self.flagged} flagged, {self.failed} failed, {self.skipped} skipped"
                 + (" (records with no page field)" if self.skipped else "")
                 + (f"; {self.resumed} file(s) already done" if self.resumed else "")
                 + f" in {self.elapsed:.1f} s ({rate:.1f} files/s)"]
        if self.rules:
            lines.append("removed by rule: " + ", ".join(f"{r} {n}" for r, n in self.rules.most_common()))
        if self.errors:
            lines.append("failed by kind: " + ", ".join(f"{k} {n}" for k, n in self.errors.most_common()))
        return lines


# The worker: one per process (or the caller's own, with one worker)
class Worker:
    def __init__(self, options: BatchOptions, model: SiteModel | None = None, sites: dict | None = None):
        self.o = options
        self.cleaner = configured(options.disable, options.extra_rules)
        self.out = OutDir(options.out)
        self.model = model
        self.sites = sites or {}
        self._by_site: dict[str, Cleaner] = {}
        self._probe: Cleaner | None = None

    def cleaner_for(self, site: str | None) -> Cleaner:
        rule = self.model.rule_for(site) if self.model else None
        if rule is None:
            return self.cleaner
        if site not in self._by_site:
            self._by_site[site] = _first(rule, self.cleaner)
        return self._by_site[site]

    def pages(self, task: Task, result: FileResult | None = None) -> Iterator[tuple[str, str | None, object, bool, str | None]]:
        """(position, record name or None, content, is HTML, URL) for each page of the task: "" for a plain
        file, a line number or list index for a record. A record that fails or holds no page goes straight
        into `result`. A .jsonl file is read as a stream, so --max-bytes applies to each of its lines."""
        f, o = task.file, self.o
        if not f.has_records:
            yield "", None, read_bytes(f, o.max_bytes, o.max_ratio), f.suffix in HTML_EXTENSIONS, None
            return
        if streams(f):
            lines = jsonl_lines(f, o.max_bytes, o.max_ratio, task.start, task.end, task.first_line)
            found = (line_record(number, line, o.fields, o.url_field, o.id_field) for number, line in lines)
        else:
            found = records(read_bytes(f, o.max_bytes, o.max_ratio), f.suffix, o.fields, o.url_field, o.id_field)
        for rec in found:
            if rec.error and result is not None:
                result.fail(rec.name, rec.error.kind, rec.error)
            elif rec.skipped and result is not None:
                result.docs.append(DocStat(rec.name, None, "skipped", error=None))
            elif rec.content is not None:
                yield rec.name, None if rec.own_file else rec.name, rec.content, rec.html, rec.url

    def process(self, task: Task) -> FileResult:
        f = task.file
        result = FileResult(f.rel, f.size, f.mtime_ns, task.chunk)
        hints, taken = self.sites.get(f.rel) or {}, set()
        try:
            for position, record, content, html, url in self.pages(task, result):
                self._one(result, record, content, html, url, hints.get(position), taken)
        except Exception as error:  # noqa: BLE001 - one bad file never stops the batch
            result.fail(None, error_kind(error, io="read_error"), error)
        return result

    def _one(self, result: FileResult, record, content, html: bool, url, site: str | None, taken: set) -> None:
        try:
            with deadline(self.o.timeout):
                cleaner = self.cleaner_for(site) if site else self.cleaner
                doc = cleaner.clean_html(content, url=url) if html else cleaner.clean(content, url=url)
                site = site or site_key(url, doc.metadata, result.rel)
                payload = render(doc, self.o.format, result.rel, record)
            if self.o.format == "jsonl":
                result.lines.append(payload)
            else:
                path = self.out.path_for(result.rel, record, FORMATS[self.o.format], taken)
                write_atomic(path, payload.encode("utf-8"))
        except DocumentTimeout:
            result.fail(record, "timeout", TimeoutError(f"took over {self.o.timeout:g} s (--timeout)"), site)
        except Exception as error:  # noqa: BLE001 - a bug in a rule must not stop the batch
            result.fail(record, error_kind(error, io="write_error"), error, site)
        else:
            result.docs.append(_stat(doc, record, site))

    def probe(self, task: Task) -> ProbeResult:
        """Learning pass: each page's site and the prints of its blocks (read by a rule that removes nothing)."""
        f = task.file
        result = ProbeResult(f.rel)
        if self._probe is None:
            self._seen: list = []
            self._probe = _first(_probe_rule(self._seen), self.cleaner)
        seen, cleaner = self._seen, self._probe
        try:
            for position, _record, content, html, url in self.pages(task):
                seen.clear()
                try:
                    with deadline(self.o.timeout):
                        doc = cleaner.clean_html(content, url=url) if html else cleaner.clean(content, url=url)
                except (Exception, DocumentTimeout):  # noqa: BLE001, S112 - the cleaning pass reports it
                    continue
                site = site_key(url, doc.metadata, f.rel)
                result.sites[position] = site
                if seen:  # learn from the blocks the built-in rules kept: what they miss is what this rule is for
                    texts = [b.text for b in seen[0]]
                    kept = {fold(p) for p in doc.paragraphs}
                    prints = {fingerprint(t): t[:160] for t in texts if fold(t) in kept and fold(t)}
                    result.pages.append((site, fingerprint("\n".join(texts)), prints))
        except (Exception, DocumentTimeout):  # noqa: BLE001, S110 - the cleaning pass reports it
            pass
        return result


@cache
def base_cleaner() -> Cleaner:
    """The default Cleaner, built once per process (its phrase scanner takes a good part of a second to
    compile); the fork server builds it before forking the workers, so they start with it."""
    return Cleaner()


def configured(disable: Iterable[str], extra_rules: Iterable[Rule]) -> Cleaner:
    """What Cleaner(disable=..., extra_rules=...) builds, from the base one without compiling again."""
    base, disable = base_cleaner(), set(disable)
    clone = copy.copy(base)
    clone.rules = (*extra_rules, *(r for r in base.rules if r.name not in disable))
    return clone


def error_kind(error: BaseException, io: str) -> str:
    """The short stable name errors.jsonl gives a failure; `io` names an OSError (reading, or writing)."""
    if isinstance(error, InputRejected):
        return error.kind
    for kinds, name in ((InputTooLarge, "too_large"), (RuleFailed, "rule_failed"), (CleanerError, "input_error"),
                        (OSError, io), ((RecursionError, MemoryError), "resources")):
        if isinstance(error, kinds):
            return name
    return "internal_error"


def _first(rule: Rule, base: Cleaner) -> Cleaner:
    """`base` with `rule` run first, as Cleaner(extra_rules=(rule, ...)) would, without compiling the
    phrase scanner again (a tenth of a second or more: once per site would add up)."""
    clone = copy.copy(base)
    clone.rules = (rule, *base.rules)
    return clone


def _probe_rule(seen: list) -> Rule:
    def site_probe(page):
        """Reads the blocks for --site-boilerplate; removes nothing."""
        seen.append(page.blocks)
        return ()

    return Rule(name="site_probe", kind="probe", detect=site_probe)


def _stat(doc, record, site) -> DocStat:
    rules = Counter(r.rule for r in doc.removed)
    status = "empty" if not doc.body else "flagged" if doc.metadata.flags else "done"
    return DocStat(record, site, status, len(doc.removed), sum(r.end - r.start for r in doc.removed), len(doc.source),
                   doc.metadata.truncated, dict(rules))


def render(doc, fmt: str, rel: str, record: str | None) -> str:
    """A document in an output format: a jsonl line, a JSON file, the body as text, or Markdown."""
    if fmt in ("jsonl", "json"):
        data = {"path": rel, "record": record, **_plain(doc)}
        del data["source"]  # as Document.to_dict() leaves it out
        return json.dumps(data, ensure_ascii=False, indent=2 if fmt == "json" else None) + "\n"
    if fmt == "txt":
        return doc.body + "\n" if doc.body else ""
    return markdown(doc)


LEAVES = frozenset((str, int, float, bool, type(None)))


def _plain(value):
    """`dataclasses.asdict` for JSON, without its deep copies (a fifth of a batch's time on long pages)."""
    kind = type(value)
    if kind in LEAVES:
        return value
    if hasattr(value, "__dataclass_fields__"):
        out = {}
        for name in _field_names(kind):
            item = getattr(value, name)
            out[name] = item if type(item) in LEAVES else _plain(item)
        return out
    if kind is list or kind is tuple:
        return [v if type(v) in LEAVES else _plain(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in LEAVES else _plain(v) for k, v in value.items()}
    return value


@cache
def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def markdown(doc) -> str:
    """The body as Markdown: the title as a heading, known metadata as a list, paragraphs as paragraphs."""
    import regex

    meta = doc.metadata
    lines = [f"# {_md_escape(meta.title)}", ""] if meta.title else []
    facts = [(k, getattr(meta, k)) for k in ("author", "published", "source", "source_url", "site")]
    facts = [(k, v) for k, v in facts if v]
    if facts:
        lines += [f"- {k}: {_md_escape(str(v))}" for k, v in facts] + [""]
    special = regex.compile(r"^(\s*)([#>*+\-|=`~<]|\d+[.)]\s)")
    for paragraph in doc.paragraphs:
        lines += [special.sub(lambda m: m.group(1) + "\\" + m.group(2), paragraph), ""]
    return "\n".join(lines).rstrip("\n") + "\n" if lines else ""


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("<", "&lt;")


@contextmanager
def deadline(seconds: float):
    """Raise DocumentTimeout in this thread after `seconds`, where a timer signal can (the main thread)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Worker processes
_WORKER: Worker | None = None


def _init_worker(options: BatchOptions, specs: tuple[str, ...], model_json: dict | None, sites: dict | None) -> None:
    global _WORKER
    from .contrib import load_rules

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    options = replace(options, extra_rules=load_rules(specs))
    _WORKER = Worker(options, SiteModel.from_json(model_json) if model_json else None, sites)


def _call(method: str, task: Task):
    return getattr(_WORKER, method)(task)


def _context():
    """Worker processes are forked from a fork server that has imported cleaner once (safe with threads,
    unlike a plain fork, and without each worker paying for the imports, unlike spawn)."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", "cleaner.batch_warm"])
    return context


def ordered(method: str, tasks: Iterable[Task], workers: int, init: tuple,
            crashed: Callable[[Task, BaseException], object]) -> Iterator:
    """Run `Worker.<method>` over tasks, yielding (result, task) in task order.

    One worker runs here in this process; more run in a process pool with a bounded window of tasks in
    flight (memory stays flat however many files). A worker process that dies (a crash in a C library,
    the OOM killer) breaks the pool: the tasks in flight are then run again one at a time in a fresh
    process, the one that kills its process again is reported through `crashed`, and the batch goes on.
    """
    if workers <= 1:
        worker = Worker(init[0], SiteModel.from_json(init[1]) if init[1] else None, init[2])
        for task in tasks:
            yield getattr(worker, method)(task), task
        return
    options, *rest = init
    init = (replace(options, extra_rules=()), rule_specs(options.extra_rules), *rest)
    tasks = iter(tasks)
    window = 4 * workers
    while True:
        pool = _pool(workers, init)
        inflight: list = []
        broken = False
        try:
            while not broken:
                while len(inflight) < window and (task := next(tasks, None)) is not None:
                    try:
                        inflight.append((task, pool.submit(_call, method, task)))
                    except POOL_BROKEN:
                        inflight.append((task, None))
                        broken = True
                        break
                if broken:
                    break
                if not inflight:
                    return
                try:
                    result = inflight[0][1].result()
                except BrokenProcessPool:
                    broken = True
                    break
                yield result, inflight.pop(0)[0]
        finally:
            with suppress(OSError):  # the same race, in shutting a broken pool down
                pool.shutdown(wait=not broken, cancel_futures=True)
        if not _workers_start(init):
            raise UsageError("worker processes cannot start here (they die before cleaning anything); try --workers 1")
        for task, _ in inflight:  # the pool broke: find the culprit among the tasks in flight
            single = _pool(1, init)
            try:
                yield single.submit(_call, method, task).result(), task
            except BrokenProcessPool as error:
                yield crashed(task, error), task
            finally:
                single.shutdown(wait=True)


# A pool whose workers die can also say so with OSError ('handle is closed', 'Bad file descriptor'): CPython's executor
# races closing its wake-up pipe against a submit or a shutdown (python/cpython#83279, #125451).
POOL_BROKEN = (BrokenProcessPool, OSError)


def _pool(workers: int, init: tuple) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init_worker, initargs=init)


def _noop() -> bool:
    return True


def _workers_start(init: tuple) -> bool:
    """Whether a fresh worker process starts and runs a task at all (else every file would 'crash')."""
    pool = _pool(1, init)
    try:
        return pool.submit(_noop).result()
    except POOL_BROKEN:
        return False
    finally:
        with suppress(OSError):
            pool.shutdown(wait=True)


def _crashed_file(task: Task, error: BaseException) -> FileResult:
    f = task.file
    result = FileResult(f.rel, f.size, f.mtime_ns, task.chunk)
    result.fail(None, "worker_crashed", RuntimeError(f"the worker process died on this file ({error})"))
    return result


def _crashed_probe(task: Task, error: BaseException) -> ProbeResult:
    return ProbeResult(task.file.rel)


# The manifest and the files it tracks
class Manifest:
    """OUT/.cleaner/manifest.jsonl: a header with the options' fingerprint, then one line per input done,
    written after that input's outputs, with the offsets it reached in documents.jsonl and errors.jsonl."""

    def __init__(self, out: Path, fingerprint: dict, fmt: str, resume: bool):
        self.folder = out / CONTROL
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "manifest.jsonl"
        self.tracked = {"d": out / DOCUMENTS, "e": out / ERRORS} if fmt == "jsonl" else {"e": out / ERRORS}
        self.fingerprint = fingerprint
        self.entries: dict[tuple[str, int | None], dict] = {}
        if resume and self.path.exists():
            self._load()
        else:
            write_atomic(self.path, (json.dumps({"cleaner-batch": 1, "options": fingerprint}) + "\n").encode())
            for path in self.tracked.values():
                write_atomic(path, b"")
        self._manifest = open(self.path, "ab")  # noqa: SIM115 - open for the run, closed by close()
        self._files = {key: open(path, "ab") for key, path in self.tracked.items()}  # noqa: SIM115

    def _load(self) -> None:
        raw = self.path.read_bytes()
        lines, good = raw.split(b"\n"), 0
        try:
            header = json.loads(lines[0])
        except ValueError:
            raise UsageError(f"{self.path} is damaged; run without --resume") from None
        if header.get("options") != self.fingerprint:
            raise UsageError(f"{self.path.parent.parent} was made with other options; run without --resume or use another OUT"
                              " (a resumed run must use the same options and the same cleaner code)")
        good = len(lines[0]) + 1
        for line in lines[1:-1]:  # the last piece has no newline: empty, or a line cut by a kill
            try:
                entry = json.loads(line)
            except ValueError:
                break
            self.entries[(entry["path"], entry.get("chunk"))] = entry
            good += len(line) + 1
        with open(self.path, "r+b") as handle:
            handle.truncate(good)
        last = list(self.entries.values())[-1] if self.entries else None
        for key, path in self.tracked.items():
            if not path.exists():
                raise UsageError(f"{path} is missing; run without --resume")
            with open(path, "r+b") as handle:
                handle.truncate(last[key][1] if last else 0)

    def compact(self, keep: Callable[[dict], bool]) -> int:
        """Drop the entries `keep` rejects (inputs changed or gone), with their lines; returns how many."""
        dropped = [key for key, entry in self.entries.items() if not keep(entry)]
        if not dropped:
            return 0
        self._manifest.close()
        for handle in self._files.values():
            handle.close()
        kept = [e for e in self.entries.values() if keep(e)]
        for key, path in self.tracked.items():
            data, pieces, offset = path.read_bytes(), [], 0
            for entry in kept:
                start, end = entry[key]
                pieces.append(data[start:end])
                entry[key] = [offset, offset + end - start]
                offset += end - start
            write_atomic(path, b"".join(pieces))
        head = json.dumps({"cleaner-batch": 1, "options": self.fingerprint}) + "\n"
        write_atomic(self.path, (head + "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in kept)).encode())
        self.entries = {(e["path"], e.get("chunk")): e for e in kept}
        self._manifest = open(self.path, "ab")  # noqa: SIM115 - open for the run, closed by close()
        self._files = {key: open(path, "ab") for key, path in self.tracked.items()}  # noqa: SIM115
        return len(dropped)

    def add(self, result: FileResult) -> dict:
        entry = {"path": result.rel, "size": result.size, "mtime_ns": result.mtime_ns, "chunk": result.chunk,
                 "docs": [d.to_list() for d in result.docs]}
        chunks = {"d": "".join(result.lines), "e": "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result.errors)}
        for key, handle in self._files.items():
            start = handle.tell()
            handle.write(chunks[key].encode("utf-8"))
            handle.flush()
            entry[key] = [start, handle.tell()]
        self._manifest.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        self._manifest.flush()
        return entry

    def close(self) -> None:
        self._manifest.close()
        for handle in self._files.values():
            handle.close()


def _unchanged(src: Path) -> Callable[[dict], bool]:
    def keep(entry: dict) -> bool:
        try:
            info = os.stat(src / entry["path"])
        except OSError:
            return entry["size"] == -1  # it was a broken link then, and still is
        return info.st_size == entry["size"] and info.st_mtime_ns == entry["mtime_ns"]

    return keep


# The run
def run(options: BatchOptions, log: Callable[[str], None] | None = None) -> Report:
    """Clean every input under `options.src` into `options.out`; returns the Report (see its exit_code)."""
    o = options.checked()
    log = log or (lambda line: None if o.quiet else print(line, file=sys.stderr))
    started = time.perf_counter()
    skip = (o.out,) if _inside(o.out, o.src) else ()
    report = Report(top=o.report_top)
    if o.dry_run:
        return _dry_run(o, skip, log)
    o.out.mkdir(parents=True, exist_ok=True)
    with _locked(o.out):
        return _run(o, skip, report, started, log)


def _run(o: BatchOptions, skip, report: Report, started: float, log) -> Report:
    sweep_temps(o.out)
    manifest = Manifest(o.out, o.fingerprint(), o.format, o.resume)
    try:
        manifest.compact(_unchanged(o.src))
        for entry in manifest.entries.values():
            report.add(entry)
        report.resumed = report.files
        total = sum(1 for _ in walk(o.src, o.globs, skip))
        model, sites = (_learn(o, skip, total, log) if o.site_boilerplate else (None, None))
        pending = (t for t in tasks(o, skip) if t.key not in manifest.entries)
        init = (o, model.to_json() if model else None, sites)
        workers = max(1, o.workers if total > report.files else 1)
        with _bar(o, total, report.files, "cleaning") as bar:
            for result, task in ordered("process", pending, workers, init, _crashed_file):
                report.add(manifest.add(result))
                bar(task.last)
    except KeyboardInterrupt:
        manifest.close()
        print(f"interrupted: {report.files} file(s) done; run again with --resume to go on", file=sys.stderr)
        raise
    manifest.close()
    report.finish()
    report.elapsed = time.perf_counter() - started
    write_atomic(o.out / CONTROL / "summary.json", json.dumps(report.to_dict(), ensure_ascii=False, indent=1).encode())
    if o.report:
        from .report import write_batch_report

        write_batch_report(o.report, report, o, model)
    for line in report.lines():
        log(line)
    if report.failed:
        log(f"failures are listed in {o.out / ERRORS}")
    return report


@contextmanager
def _locked(out: Path):
    """Hold OUT/.cleaner/lock for the run: a second batch writing to the same OUT stops with a usage error."""
    (out / CONTROL).mkdir(exist_ok=True)
    with open(out / CONTROL / "lock", "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            yield
            return
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"another batch is writing to {out}") from None
        yield


def tasks(o: BatchOptions, skip=()) -> Iterator[Task]:
    """The work, in input order: a task per file, or per piece of a plain .jsonl file over 2 x CHUNK_BYTES
    (format jsonl only: in the other formats a record's file name must be checked against the whole file's)."""
    for f in walk(o.src, o.globs, skip):
        if o.format == "jsonl" and f.suffix == ".jsonl" and not f.gzipped and f.size > 2 * CHUNK_BYTES and streams(f):
            try:
                pieces = jsonl_chunks(f.path, f.size, CHUNK_BYTES)
            except OSError:
                pieces = []
            if len(pieces) > 1:
                for number, (start, end, line) in enumerate(pieces):
                    yield Task(f, number, start, end, line, last=number == len(pieces) - 1)
                continue
        yield Task(f)


def _inside(path: Path, folder: Path) -> bool:
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _learn(o: BatchOptions, skip, total: int, log) -> tuple[SiteModel, dict]:
    """The learning pass of --site-boilerplate (or what an interrupted run already learned, on --resume)."""
    saved = o.out / CONTROL / "site_boilerplate.json"
    if o.resume and saved.exists() and not o.dry_run:
        data = json.loads(saved.read_text(encoding="utf-8"))
        return SiteModel.from_json(data["model"]), data["sites"]
    learner, sites = SiteLearner(o.site), {}
    with _bar(o, total, 0, "learning") as bar:
        for result, task in ordered("probe", tasks(o, skip), min(o.workers, max(1, total)), (o, None, None),
                                    _crashed_probe):
            if result.sites:
                sites.setdefault(result.rel, {}).update(result.sites)
            for site, page_key, prints in result.pages:
                learner.add_prints(site, page_key, prints)
            bar(task.last)
    model = learner.model()
    if not o.dry_run:
        write_atomic(saved, json.dumps({"model": model.to_json(), "sites": sites}, ensure_ascii=False).encode("utf-8"))
    return model, sites


def _dry_run(o: BatchOptions, skip, log) -> Report:
    report = Report(top=o.report_top)
    report.files = sum(1 for _ in walk(o.src, o.globs, skip))
    log(f"{report.files} input file(s) under {o.src}; nothing written (--dry-run)")
    if o.site_boilerplate:
        model, _ = _learn(o, skip, report.files, log)
        for line in model.describe():
            print(line)
    return report


@contextmanager
def _bar(o: BatchOptions, total: int, done: int, label: str):
    """A progress bar (files, files/s, ETA) on stderr when it is a terminal, unless --quiet."""
    show = o.progress if o.progress is not None else (not o.quiet and sys.stderr.isatty())
    if not show:
        yield lambda n: None
        return
    try:
        from tqdm import tqdm
    except ImportError:
        yield lambda n: None
        return
    try:
        width = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        width = 0
    # a terminal that reports no size (a fresh pty) would get an invisible bar: give it 100 x 24
    size = {"dynamic_ncols": True} if width else {"ncols": 100, "nrows": 24}
    with tqdm(total=total, initial=done, unit=" files", desc=label, file=sys.stderr, **size) as bar:
        yield bar.update
