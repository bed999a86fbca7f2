"""`python -m bench.batch`: the batch command's speed and memory, as ratios measured in one run.

    throughput   batch with 2 workers / batch with 1 worker, same folder        target >= 1.7
    overhead     clean() in a loop in one process / batch with 1 worker (files/s) target <= 1.3
    memory       peak RSS with 10x the files / peak RSS                          target <  1.2

Beside them it measures the machine's own ceiling at that moment: two independent clean() loops, each
over half the folder, against one loop over all of it (no batch machinery at all). On a machine other
work keeps busy, that ceiling, not the batch, caps the throughput ratio, and the report says so.

The folder is the fixtures' pages (text views and gzipped HTML) copied over and over into subfolders of
100 files. Times are the best of --rounds rounds, the three contenders interleaved so that a busy machine
slows them alike. Memory runs each batch (2 workers) in a fresh process and reads the peaks the kernel
keeps: the parent's (ru_maxrss) and the largest worker's (VmHWM, read every 10 ms); the sum over the
process tree is sampled every 10 ms too. The memory ratio is the worst of the three. Exits 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
TARGETS = {"throughput": 1.7, "overhead": 1.3, "memory": 1.2}


def make_folder(folder: Path, count: int) -> Path:
    sources = sorted((FIXTURES / "texts").glob("*.txt")) + sorted((FIXTURES / "html").glob("*.html.gz"))
    if not sources:
        raise SystemExit(f"no pages under {FIXTURES}")
    for n in range(count):
        source = sources[n % len(sources)]
        target = folder / f"part{n // 100:03d}" / f"{n:05d}-{source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return folder


class CpuMeter:
    """CPU seconds used by this process (exactly) and its descendants (their /proc counters, read every
    20 ms, so a process's last few ms may be missed) while the block runs."""

    def __init__(self):
        self.seconds = 0.0

    def __enter__(self):
        self._start, self._done = os.times(), threading.Event()
        self._before = self._read()  # processes alive already (a fork server kept from an earlier run)
        self._seen = dict(self._before)
        self._thread = threading.Thread(target=self._sample)
        self._thread.start()
        return self

    @staticmethod
    def _read() -> dict[int, float]:
        tick, found = os.sysconf("SC_CLK_TCK"), {}
        for pid in _tree(os.getpid()):
            if pid == os.getpid():
                continue
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                found[pid] = (int(fields[11]) + int(fields[12])) / tick
            except (OSError, IndexError, ValueError):
                continue
        return found

    def _sample(self):
        while not self._done.wait(0.02):
            self._seen.update(self._read())

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()
        self._seen.update(self._read())
        end = os.times()
        children = sum(seconds - self._before.get(pid, 0.0) for pid, seconds in self._seen.items())
        self.seconds = (end.user - self._start.user) + (end.system - self._start.system) + children


def clean_loop(folder: Path) -> float:
    """Seconds to read and clean every page with clean() in a loop, in this process."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    started = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        try:
            cleaner.clean_html(data) if ".htm" in path.name else cleaner.clean(data)
        except Exception:  # noqa: BLE001, S112 - the batch counts these as failures; so does the loop
            continue
    return time.perf_counter() - started


LOOP = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench.batch import clean_files
clean_files([Path(p) for p in sys.argv[2:]])
"""


def clean_files(paths: list[Path]) -> None:
    from cleaner import Cleaner

    cleaner = Cleaner()
    for path in paths:
        data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
        try:
            cleaner.clean_html(data) if ".htm" in path.name else cleaner.clean(data)
        except Exception:  # noqa: BLE001, S112
            continue


def ceiling(folder: Path, processes: int) -> float:
    """Seconds for `processes` independent clean() loops, each over its share of the files, started
    together: what the machine gives this work in parallel right now, with no batch machinery at all."""
    paths = sorted(str(p) for p in folder.rglob("*") if p.is_file())
    started = time.perf_counter()
    running = [subprocess.Popen([sys.executable, "-c", LOOP, str(ROOT), *paths[i::processes]]) for i in range(processes)]
    for process in running:
        process.wait()
    return time.perf_counter() - started


def batch_seconds(folder: Path, out: Path, workers: int) -> float:
    from cleaner.batch import BatchOptions, run

    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    run(BatchOptions(src=folder, out=out, workers=workers, quiet=True))
    return time.perf_counter() - started


PEAK = """
import resource, sys
from pathlib import Path
from cleaner.batch import BatchOptions, run
report = run(BatchOptions(src=Path(sys.argv[1]), out=Path(sys.argv[2]), workers=2, quiet=True))
print(report.files, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _tree(pid: int) -> dict[int, tuple[int, int]]:
    """{pid: (VmRSS, VmHWM) in kB} for the process and its descendants."""
    found, todo = {}, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                fields = dict(line.split(":", 1) for line in status if line.startswith(("VmRSS", "VmHWM")))
            found[current] = (int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0]))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [int(c) for c in children.read().split()]
        except (OSError, ValueError, KeyError):
            continue
    return found


def peak_memory(folder: Path, out: Path) -> dict:
    """Peak RSS (MB) of a 2-worker batch run in a fresh process: the parent's (exact, ru_maxrss), the
    largest other process's (its VmHWM, read every 10 ms) and the whole tree's (summed, every 10 ms)."""
    shutil.rmtree(out, ignore_errors=True)
    process = subprocess.Popen([sys.executable, "-c", PEAK, str(folder), str(out)], stdout=subprocess.PIPE, text=True,
                               cwd=ROOT)
    tree_peak, others = [0], {}

    def sample():
        while process.poll() is None:
            tree = _tree(process.pid)
            tree_peak[0] = max(tree_peak[0], sum(rss for rss, _ in tree.values()))
            for pid, (_, hwm) in tree.items():
                if pid != process.pid:
                    others[pid] = max(others.get(pid, 0), hwm)
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, _ = process.communicate()
    sampler.join()
    files, parent = (int(v) for v in stdout.split()[-2:])
    return {"files": files, "parent_mb": parent / 1024, "worker_mb": max(others.values(), default=0) / 1024,
            "tree_mb": tree_peak[0] / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.batch", description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=400, help="files in the throughput folder (400)")
    parser.add_argument("--memory-files", type=int, default=300, help="files in the small memory folder; x10 for the big")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        folder = make_folder(work / "pages", args.files)
        times, cpu = {"loop": [], "batch1": [], "batch2": []}, {}
        runs = {"loop": lambda: clean_loop(folder), "batch1": lambda: batch_seconds(folder, work / "out1", 1),
                "batch2": lambda: batch_seconds(folder, work / "out2", 2), "loops1": lambda: ceiling(folder, 1),
                "loops2": lambda: ceiling(folder, 2)}
        times.update(loops1=[], loops2=[])
        for _ in range(args.rounds):
            for name, measure in runs.items():
                with CpuMeter() as meter:
                    times[name].append(measure())
                if times[name][-1] == min(times[name]):
                    cpu[name] = meter.seconds
        best = {k: min(v) for k, v in times.items()}
        rate = {k: args.files / v for k, v in best.items()}
        small = peak_memory(make_folder(work / "small", args.memory_files), work / "out-small")
        big = peak_memory(make_folder(work / "big", args.memory_files * 10), work / "out-big")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratios = {
        "throughput": rate["batch2"] / rate["batch1"],
        "overhead": rate["loop"] / rate["batch1"],
        "memory": max(big[k] / small[k] for k in ("parent_mb", "worker_mb", "tree_mb")),
    }
    ok = {"throughput": ratios["throughput"] >= TARGETS["throughput"], "overhead": ratios["overhead"] <= TARGETS["overhead"],
          "memory": ratios["memory"] < TARGETS["memory"]}
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.files} files, best of {args.rounds}")
    for name, label in (("loop", "clean() loop   "), ("batch1", "batch 1 worker "), ("batch2", "batch 2 workers"),
                        ("loops1", "1 loop process "), ("loops2", "2 loop processes")):
        print(f"{label} {rate[name]:6.1f} files/s, {1000 * cpu[name] / args.files:5.1f} ms CPU a file, "
              f"{cpu[name] / best[name]:.2f} cores busy on average")
    for name, size in (("small", small), ("big", big)):
        print(f"peak RSS, {size['files']:>5} files: parent {size['parent_mb']:.1f} MB, largest worker "
              f"{size['worker_mb']:.1f} MB, tree {size['tree_mb']:.1f} MB")
    print(f"throughput 2 workers / 1 worker  {ratios['throughput']:.2f}  (target >= 1.7)  {'ok' if ok['throughput'] else 'MISSED'}"
          f"; the machine's ceiling now (2 independent clean() loops / 1): {best['loops1'] / best['loops2']:.2f}")
    print(f"overhead loop / batch 1 worker   {ratios['overhead']:.2f}  (target <= 1.3)  {'ok' if ok['overhead'] else 'MISSED'}")
    print(f"memory 10x files / 1x (worst)    {ratios['memory']:.2f}  (target < 1.2)   {'ok' if ok['memory'] else 'MISSED'}")
    if os.getloadavg()[0] > (os.cpu_count() or 1) or cpu["batch2"] / best["batch2"] < 1.6:
        print(f"note: the machine was busy (load {os.getloadavg()[0]:.1f}); the 2-worker run got "
              f"{cpu['batch2'] / best['batch2']:.2f} cores, so the throughput ratio measures the machine's spare CPU, "
              f"not the batch. CPU a file, 2 workers / 1 worker: {cpu['batch2'] / cpu['batch1']:.2f} (1.00 = no parallel cost)")
    if args.json:
        args.json.write_text(json.dumps({"rates": rate, "cpu": cpu, "small": small, "big": big, "ratios": ratios}, indent=1))
    return 0 if all(ok.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
