"""`python -m bench speed`: cleaner's pages/s, MB/s and peak RSS in text and HTML mode, on one core, against
floors measured in the same run on the same inputs: one compiled regex alternation over the texts (text mode),
lxml parse + text_content() over the HTML (HTML mode); and trafilatura on the same HTML.
Each measure runs in a fresh process, so its peak RSS is its own."""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from itertools import islice
from pathlib import Path

import lxml.html
import regex

from . import corpora, report, tools

# A few dozen boilerplate phrases, English and Chinese: the text-mode floor matches their union in one pass.
PHRASES = (
    "all rights reserved", "copyright", "privacy policy", "terms of use", "cookie", "subscribe", "newsletter",
    "sign up", "log in", "share this", "follow us", "related articles", "read more", "advertisement",
    "click here", "next page", "previous page", "back to top", "contact us", "about us", "comments",
    "版权所有", "责任编辑", "相关阅读", "相关新闻", "推荐阅读", "上一篇", "下一篇", "来源", "分享到", "扫一扫",
    "关注我们", "免责声明", "广告", "点击查看", "返回顶部", "首页", "联系我们", "网站地图", "原标题",
)
FLOOR = regex.compile("|".join(regex.escape(p) for p in PHRASES), regex.IGNORECASE)


@cache
def _ruleless():
    """A cleaner with no rules: what reading a page costs (the front end, the phrase scan, the Document built),
    whatever the rules do."""
    from cleaner import Cleaner
    return Cleaner(rules=())


# measure name -> (the input it reads, the function applied to each page)
MEASURES = {
    "cleaner text": ("text", lambda data, record: tools.run("cleaner", data, record, "text")),
    "cleaner text, no rules": ("text", lambda data, record: _ruleless().clean_text(data, url=record.url)),
    "regex floor": ("text", lambda data, record: FLOOR.findall(data)),
    "cleaner html": ("html", lambda data, record: tools.run("cleaner", data, record, "html")),
    "cleaner html, no rules": ("html", lambda data, record: _ruleless().clean_html(data, url=record.url)),
    "lxml floor": ("html", lambda data, record: lxml.html.document_fromstring(data).text_content()),
    "trafilatura html": ("html", lambda data, record: tools.run("trafilatura", data, record, "html")),
}
RATIOS = (("cleaner text", "regex floor"), ("cleaner text, no rules", "regex floor"), ("cleaner html", "lxml floor"),
          ("cleaner html, no rules", "lxml floor"), ("cleaner html", "trafilatura html"), ("cleaner text", "trafilatura html"))
TARGET_SETS = ("chinese-wce", "scrapinghub")  # the pages issue 5 states its speed targets on


def rss_mb() -> float:
    """Peak RSS of this process so far, in MB: Linux's VmHWM where there is one, since the ru_maxrss of a spawned child
    starts at its parent's RSS (Linux carries it over exec), hiding a smaller peak of the child's own."""
    with contextlib.suppress(OSError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> float:
    """Reset the peak RSS to the current RSS where Linux allows it, so a later peak is the pass's own; return it in MB."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return rss_mb()


def inputs(sets: list[str], limit: int | None, kind: str) -> list[tuple[str | bytes, corpora.Record]]:
    """Every page with a text view, as its text or as its HTML bytes: both modes read the same pages."""
    pages = [r for name in sets for r in islice(corpora.records(name), limit) if r.text_path.exists()]
    return [(r.text() if kind == "text" else r.html(), r) for r in pages]


def measure(name: str, sets: list[str], limit: int | None, profile_to: str | None = None) -> dict:
    """Run in a child process: one pass of measure `name` over the pages, after one untimed warm-up page."""
    kind, fn = MEASURES[name]
    pages = inputs(sets, limit, kind)
    size = sum(len(data.encode() if isinstance(data, str) else data) for data, _ in pages)
    fn(*pages[0])
    # The loaded corpus (every page's input and gold) is no part of the work: out of the collector's sight, so that each
    # collection during the pass does not walk it again, which slowed every tool, the more so the more it allocates.
    gc.freeze()
    loaded, errors = reset_peak(), 0
    profiler = None
    if profile_to:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    by_set: dict[str, float] = dict.fromkeys(sets, 0.0)
    for data, record in pages:
        start = time.process_time()
        try:
            fn(data, record)
        except Exception:  # noqa: BLE001 - counted
            errors += 1
        by_set[record.set] += time.process_time() - start
    seconds = sum(by_set.values())
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile_to)
    return {"measure": name, "input": kind, "pages": len(pages), "mb": size / 1e6, "seconds": seconds,
            "pages_per_s": len(pages) / seconds, "mb_per_s": size / 1e6 / seconds, "errors": errors,
            "rss_loaded_mb": loaded, "peak_rss_mb": rss_mb(), "seconds_by_set": by_set}


def in_child(fn, *args):
    """fn(*args) in a fresh interpreter (spawn), so that its peak RSS is its own."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def main(args) -> int:
    notes = []
    names = list(MEASURES)
    try:
        tools.check("cleaner", "html")
    except tools.Unavailable as why:
        names = [n for n in names if not n.startswith("cleaner html")]
        notes.append(f"cleaner html skipped: {why}")
    results = {}
    for name in names:
        print(f"speed: {name} ...", flush=True)
        results[name] = in_child(measure, name, args.sets, args.limit)
    if args.profile:
        (report.RESULTS / "tmp").mkdir(parents=True, exist_ok=True)
        profiled = [n for n in ("cleaner text", "cleaner html") if n in names]
        dumps = [str(report.RESULTS / "tmp" / f"profile-{n.replace(' ', '-')}.prof") for n in profiled]
        for name, path in zip(profiled, dumps):
            in_child(measure, name, args.sets, args.limit, path)
        report.write_profile("speed", *dumps)
    pairs = [(a, b) for a, b in RATIOS if a in results and b in results]
    ratios = {f"{a} / {b}": results[b]["pages_per_s"] / results[a]["pages_per_s"] for a, b in pairs}
    groups = {name: [name] for name in args.sets}
    if set(TARGET_SETS) <= set(args.sets) and len(args.sets) > len(TARGET_SETS):
        groups[" + ".join(TARGET_SETS)] = list(TARGET_SETS)
    ratios_by_set = {group: {f"{a} / {b}": _seconds(results[a], names) / _seconds(results[b], names) for a, b in pairs}
                     for group, names in groups.items()}
    data = {"sets": args.sets, "limit": args.limit, "notes": notes, "measures": list(results.values()), "time_ratios": ratios,
            "time_ratios_by_set": ratios_by_set,
            "versions": {name: tools.tool_version(name) for name in ("cleaner", "trafilatura", "lxml", "regex")}}
    report.write("speed", markdown(data), data)
    return 0


def _seconds(result: dict, sets: list[str]) -> float:
    return sum(result["seconds_by_set"][name] for name in sets)


def markdown(data: dict) -> str:
    f = report.fmt
    rows = [[m["measure"], m["input"], m["pages"], f(m["mb"], 1), f(m["seconds"], 2), f(m["pages_per_s"], 1),
             f(m["mb_per_s"], 2), m["errors"], f(m["rss_loaded_mb"], 0), f(m["peak_rss_mb"], 0)] for m in data["measures"]]
    lines = ["# Speed (one core, CPU seconds, one pass after a warm-up page)", "",
             (f"Sets: {', '.join(data['sets'])}; the same pages in both modes (those with a text view). "
              "Each measure runs in a fresh process, the loaded inputs frozen out of the garbage collector's passes (gc.freeze); "
              "RSS loaded: after loading the inputs and one warm-up page; "
              "peak RSS: the peak (Linux's VmHWM, else ru_maxrss) during the pass, reset after loading."), ""]
    lines += [f"- {note}" for note in data["notes"]] + [""] * bool(data["notes"])
    lines += [report.table(["measure", "input", "pages", "MB", "seconds", "pages/s", "MB/s", "errors",
                            "RSS loaded MB", "peak RSS MB"], rows), "",
              "Time per page, cleaner over the other, on the same pages (26x: cleaner takes 26 times as long):", ""]
    lines += [f"- {pair}: {ratio:.2f}x" for pair, ratio in data["time_ratios"].items()]
    pairs = list(data["time_ratios"])
    lines += ["", f"The same ratios by set, from the same pass (issue 5 states its targets on {' and '.join(TARGET_SETS)}):", "",
              report.table(["sets", *pairs], [[group, *(f"{ratios[p]:.2f}x" for p in pairs)]
                                              for group, ratios in data["time_ratios_by_set"].items()])]
    return "\n".join(lines)
