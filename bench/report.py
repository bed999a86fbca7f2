"""Writing results: markdown tables, JSON, plots and profiles under bench/results/."""
from __future__ import annotations

import io
import json
import pstats
import subprocess
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def fmt(value, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows])


def write(name: str, text: str, data: dict) -> None:
    """Print the markdown and write <name>.md and <name>.json to bench/results/."""
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    git = ["git", "rev-parse", "--short", "HEAD"]
    head = subprocess.run(git, check=False, capture_output=True, text=True, cwd=RESULTS).stdout.strip()
    text = f"{text.rstrip()}\n\n_Run {stamp} at commit {head or 'unknown'} (plus any uncommitted changes)._\n"
    print(text)
    (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
    (RESULTS / f"{name}.json").write_text(json.dumps({"run": stamp, "commit": head, **data}, ensure_ascii=False, indent=1), encoding="utf-8")


def write_profile(command: str, *profiles) -> Path:
    """The cProfile report (profiles or dump files, merged), top 40 by cumulative time, as bench/results/profile-<command>.txt."""
    out = io.StringIO()
    pstats.Stats(*profiles, stream=out).sort_stats("cumulative").print_stats(40)
    path = RESULTS / f"profile-{command}.txt"
    path.write_text(out.getvalue(), encoding="utf-8")
    print(f"profile written to {path}")
    return path


def pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def log_x(ax) -> None:
    """A log x axis labelled 1, 2, 5, 10, 20 ... in plain numbers, however short its range."""
    from matplotlib import ticker

    ax.set_xscale("log")
    ax.xaxis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: f"{value:g}"))
    ax.xaxis.set_minor_formatter(ticker.NullFormatter())


def plot_quality(rows: list[dict], mode: str, path: Path) -> None:
    """One panel per set: each tool's F1 (or snippet accuracy) against its pages/s, log x."""
    plt = pyplot()
    panels = [g for g in dict.fromkeys(r["group"] for r in rows)
              if any(r["group"] == g and ("f1" in r or "snippet_accuracy" in r) for r in rows)]
    columns = min(4, len(panels))
    rows_n = -(-len(panels) // columns)
    fig, axes = plt.subplots(rows_n, columns, figsize=(4.2 * columns, 3.6 * rows_n), squeeze=False)
    tools = list(dict.fromkeys(r["tool"] for r in rows))
    colors = {tool: plt.cm.tab10(i) for i, tool in enumerate(tools)}
    for ax, group in zip(axes.flat, panels):
        for r in (r for r in rows if r["group"] == group and r["pages_per_s"]):
            y = r.get("f1", r.get("snippet_accuracy"))
            if r["tool"] == "all-text":  # the baseline: a line, its speed means nothing
                ax.axhline(y, color="grey", linestyle=":", label="all text (nothing removed)")
                ax.legend(fontsize=7, loc="lower left")
                continue
            ax.scatter(r["pages_per_s"], y, color=colors[r["tool"]], s=80 if r["tool"] == "cleaner" else 40,
                       marker="*" if r["tool"] == "cleaner" else "o", zorder=3)
            ax.annotate(r["tool"], (r["pages_per_s"], y), fontsize=7, xytext=(4, 3), textcoords="offset points")
        scored = next(r for r in rows if r["group"] == group)
        ax.set_title(f"{group} ({scored['scored'] or scored['pages']} pages)", fontsize=9)
        log_x(ax)
        ax.set_ylim(0, 1.02)
        ax.set_ylabel("F1" if "f1" in scored else "snippet accuracy", fontsize=8)
        ax.set_xlabel("pages/s (log)", fontsize=8)
        ax.grid(True, which="both", alpha=0.3)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    fig.suptitle(f"Quality against speed, {mode} mode (up and right is better)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
