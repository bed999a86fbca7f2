"""`python -m bench scale`: cleaner's time and peak memory as one document grows (1 KB to 20 MB) and as the number
of files cleaned one after another grows (10 to 10,000), in text mode and, when it exists, HTML mode.
Documents are real corpus text repeated; HTML documents are the same text, one <p> per line; "html-pages" documents
(cleaned in HTML mode, one document size sweep only) are the <body> markup of the same sets' real pages, one after
another in one page: nested elements, classes, links, as pages have, where the one-<p>-per-line document has none."""
from __future__ import annotations

import math
import random
import re
import shutil
import time
from pathlib import Path

from . import corpora, report, tools
from .speed import in_child, reset_peak, rss_mb

SIZES = (1_000, 10_000, 100_000, 1_000_000, 5_000_000, 20_000_000)
COUNTS = (10, 100, 1_000, 10_000)
QUICK_SIZES, QUICK_COUNTS = (1_000, 10_000, 100_000), (10, 100)
FILE_SIZE = 1_000  # bytes of text per file in the file-count sweep
POOL_SETS = ("chinese-wce", "scrapinghub")  # Chinese and English pages
POOL_BYTES = 1_000_000
WARM_UP_FILES = 100
BUDGET_SECONDS = 120  # a size whose run would take longer than this (extrapolated linearly) is skipped
FILES = report.RESULTS / "tmp" / "scale-files"
PAGES = "html-pages"  # the kind of document made of real pages' markup
BODY = re.compile(r"<body[^>]*>(.*?)(?:</body>|$)", re.DOTALL | re.IGNORECASE)


def pool_text() -> str:
    """About 1 MB of whole pages in a fixed shuffled order: every document from 1 MB up repeats the same mix."""
    pages = [t for name in POOL_SETS for r in corpora.records(name) if (t := r.text())]
    random.Random(0).shuffle(pages)
    chosen, size = [], 0
    for page in pages:
        if size >= POOL_BYTES:
            break
        chosen.append(page)
        size += len(page.encode()) + 1
    return "\n".join(chosen)


def pool_bodies() -> str:
    """The <body> markup of every page of POOL_SETS that has a text view, in a fixed shuffled order (about 22 MB)."""
    pages = [r for name in POOL_SETS for r in corpora.records(name) if r.text_path.exists()]
    random.Random(0).shuffle(pages)
    return "\n".join(m.group(1) for r in pages if (m := BODY.search(r.html_str())))


def document(size: int, mode: str) -> str | bytes:
    """About `size` bytes of text (cut at a line end), repeating the pool; as HTML bytes in HTML mode; of real pages'
    markup (cut before a tag) in one page, for PAGES."""
    if mode == PAGES:
        pool = pool_bodies().encode()
        data = (pool * (size // len(pool) + 1))[:size]
        return b'<html><head><meta charset="utf-8"></head><body>\n' + data[:data.rfind(b"<")] + b"\n</body></html>"
    pool = pool_text()
    text = (pool * (size // len(pool.encode()) + 1)).encode()[:size].decode(errors="ignore")
    text = text[:text.rfind("\n")] if "\n" in text else text
    return corpora.lines_as_html(text).encode() if mode == "html" else text


def chunks(text: str, size: int) -> list[str]:
    """`text` cut at line ends into pieces of at least `size` bytes (a shorter tail is dropped)."""
    pieces, current, length = [], [], 0
    for line in text.splitlines():
        current.append(line)
        length += len(line.encode()) + 1
        if length >= size:
            pieces.append("\n".join(current))
            current, length = [], 0
    return pieces


def write_files(count: int, mode: str) -> Path:
    folder = FILES / mode
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pieces = chunks(pool_text(), FILE_SIZE)
    for i in range(count):
        piece = pieces[i % len(pieces)]
        (folder / f"{i:05d}.txt").write_text(corpora.lines_as_html(piece) if mode == "html" else piece, encoding="utf-8")
    return folder


def clean(data: str | bytes, mode: str) -> None:
    tools.run("cleaner", data, corpora.Record("scale", "scale", None, None, {}), "html" if mode == PAGES else mode)


def read(path: Path, mode: str) -> str | bytes:
    return path.read_text(encoding="utf-8") if mode == "text" else path.read_bytes()


def measure_size(size: int, mode: str, path: str) -> dict:
    """In a child process: clean the document of about `size` bytes written to `path`."""
    data = read(Path(path), mode)
    clean(data[:1000], mode)  # warm up
    loaded = reset_peak()
    start = time.process_time()
    clean(data, mode)
    seconds = time.process_time() - start
    mb = len(data.encode() if mode == "text" else data) / 1e6
    return {"mode": mode, "mb": mb, "seconds": seconds, "mb_per_s": mb / seconds, "rss_loaded_mb": loaded, "peak_rss_mb": rss_mb()}


def write_document(size: int, mode: str) -> str:
    """In a child process: write the document of `size` bytes to a file; its path."""
    path = FILES / f"{mode}-{size}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = document(size, mode)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def measure_files(counts: tuple[int, ...], mode: str, folder: str) -> list[dict]:
    """In a child process, after a warm-up pass: read and clean files one after another; time and peak RSS after
    each count in `counts`."""
    paths = sorted(Path(folder).iterdir())[:max(counts)]
    for path in paths[:WARM_UP_FILES]:  # the first pages of each kind pay for lazily built patterns
        clean(read(path, mode), mode)
    reset_peak()
    out, start = [], time.process_time()
    for done, path in enumerate(paths, 1):
        clean(read(path, mode), mode)
        if done in counts:
            seconds = time.process_time() - start
            out.append({"mode": mode, "files": done, "seconds": seconds, "files_per_s": done / seconds, "peak_rss_mb": rss_mb()})
    return out


def exponent(points: list[tuple[float, float]]) -> float | None:
    """The k in time ~ size^k, least squares on logs (1.0 is linear)."""
    logs = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(logs) < 2:
        return None
    mx, my = sum(x for x, _ in logs) / len(logs), sum(y for _, y in logs) / len(logs)
    spread = sum((x - mx) ** 2 for x, _ in logs)
    return sum((x - mx) * (y - my) for x, y in logs) / spread if spread else None


def main(args) -> int:
    sizes, counts = (QUICK_SIZES, QUICK_COUNTS) if args.quick else (SIZES, COUNTS)
    modes, notes = ["text"], []
    try:
        tools.check("cleaner", "html")
        modes += ["html", PAGES]
    except tools.Unavailable as why:
        notes.append(f"HTML mode skipped: {why}")
    by_size, by_count = [], []
    for mode in modes:
        last = None
        for size in sizes:
            if last and last["seconds"] * size / (last["mb"] * 1e6) > BUDGET_SECONDS:
                notes.append(f"{mode}: {size / 1e6:g} MB skipped (would take over {BUDGET_SECONDS} s at the last rate)")
                continue
            print(f"scale: {mode}, one document of {size:,} bytes ...", flush=True)
            # Made in a child of its own and read from a file: built where it is cleaned, it would leave that heap tens of
            # MB of free memory that the cleaning reuses unseen (and this process stays small).
            last = in_child(measure_size, size, mode, in_child(write_document, size, mode))
            by_size.append(last)
        if mode != PAGES:  # pieces of 1,000 bytes of a page's markup would be no pages
            print(f"scale: {mode}, up to {max(counts):,} files ...", flush=True)
            by_count += in_child(measure_files, counts, mode, str(write_files(max(counts), mode)))
    fits = {mode: {"time_vs_size": exponent([(r["mb"], r["seconds"]) for r in by_size if r["mode"] == mode and r["mb"] >= 0.1]),
                   "time_vs_files": exponent([(r["files"], r["seconds"]) for r in by_count if r["mode"] == mode and r["files"] >= 100])}
            for mode in modes}
    data = {"file_bytes": FILE_SIZE, "pool_sets": POOL_SETS, "notes": notes, "by_size": by_size, "by_count": by_count, "exponents": fits}
    report.write("scale", markdown(data), data)
    plot(data, report.RESULTS / "scale.png")
    return 0


def markdown(data: dict) -> str:
    f = report.fmt
    lines = ["# Scale (one core, CPU seconds; each document size in a fresh process)", "",
             (f"Documents: 1 MB of whole pages of {', '.join(data['pool_sets'])}, shuffled, cut or repeated to size "
              f"(HTML mode: one `<p>` per line; {PAGES}: the `<body>` markup of the same sets' pages, shuffled, one after "
              "another in one page, cut or repeated to size, cleaned in HTML mode). "
              "Each document is made by another process and read from a file; peak RSS is reset after it is read, "
              "so it is the cleaning's own. "
              f"Files: ~{data['file_bytes']:,}-byte pieces of the same text, read and cleaned one after another in one process, "
              f"after a warm-up pass over the first {WARM_UP_FILES}."), ""]
    lines += [f"- {note}" for note in data["notes"]] + [""] * bool(data["notes"])
    lines += ["## One document, growing", "",
              report.table(["mode", "MB", "seconds", "MB/s", "RSS before MB", "peak RSS MB", "growth MB per input MB"],
                           [[r["mode"], f(r["mb"], 3), f(r["seconds"], 3), f(r["mb_per_s"], 2), f(r["rss_loaded_mb"], 0),
                             f(r["peak_rss_mb"], 0), f((r["peak_rss_mb"] - r["rss_loaded_mb"]) / r["mb"], 1)]
                            for r in data["by_size"]]), "",
              "## Many files, one after another", "",
              report.table(["mode", "files", "seconds", "files/s", "peak RSS MB"],
                           [[r["mode"], f"{r['files']:,}", f(r["seconds"], 2), f(r["files_per_s"], 1), f(r["peak_rss_mb"], 0)]
                            for r in data["by_count"]]), "",
              "Fitted exponent k in time ~ n^k (1.0 = linear; sizes >= 0.1 MB, counts >= 100):", ""]
    lines += [f"- {mode}: document size k = {f(fit['time_vs_size'], 2)}; file count k = {f(fit['time_vs_files'], 2)}"
              for mode, fit in data["exponents"].items()]
    return "\n".join(lines)


def plot(data: dict, path: Path) -> None:
    plt = report.pyplot()
    fig, axes = plt.subplots(2, 2, figsize=(10, 7.5))
    series = ((axes[0][0], "by_size", "mb", "seconds", "seconds"), (axes[0][1], "by_size", "mb", "peak_rss_mb", "peak RSS (MB)"),
              (axes[1][0], "by_count", "files", "seconds", "seconds"), (axes[1][1], "by_count", "files", "peak_rss_mb", "peak RSS (MB)"))
    for ax, key, x, y, label in series:
        for mode in dict.fromkeys(r["mode"] for r in data[key]):
            points = [(r[x], r[y]) for r in data[key] if r["mode"] == mode]
            ax.plot(*zip(*points), marker="o", label=f"cleaner, {mode} mode")
        if y == "seconds" and data[key]:  # a line through the largest point with slope 1: where linear time would be
            x1, y1 = max((r[x], r[y]) for r in data[key])
            xs = sorted({r[x] for r in data[key]})
            ax.plot(xs, [y1 * v / x1 for v in xs], linestyle=":", color="grey", label="linear")
        ax.set_xscale("log")
        if y == "seconds":
            ax.set_yscale("log")
        else:
            ax.set_ylim(bottom=0)
        ax.set_xlabel("document size (MB)" if x == "mb" else "files cleaned")
        ax.set_ylabel(label)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle("Time should follow the dotted line; memory should stay flat over files")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
