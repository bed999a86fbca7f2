"""Safe to stop: a batch killed with SIGKILL and resumed ends with the OUT an uninterrupted run makes."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch import article, batch, lines

from cleaner.batch import UsageError

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_TEXTS = sorted((ROOT / "fixtures/texts").glob("*.txt"))


def make_folder(root: Path, count: int = 90) -> Path:
    """Real pages (the fixtures' text views, for some weight) and small made ones, with two bad files."""
    for n in range(count):
        folder = root / f"part{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        if FIXTURE_TEXTS and n % 2:
            (folder / f"p{n:03d}.txt").write_bytes(FIXTURE_TEXTS[n % len(FIXTURE_TEXTS)].read_bytes())
        else:
            (folder / f"p{n:03d}.txt").write_text(article(n), encoding="utf-8")
    (root / "part0/bad.html.gz").write_bytes(b"not gzip")
    (root / "part1/records.jsonl").write_text(
        "".join(json.dumps({"id": f"r{i}", "text": article(100 + i)}) + "\n" for i in range(5)), encoding="utf-8")
    (root / "part2/z.txt.gz").write_bytes(gzip.compress(article(200).encode()))
    return root


def tree(out: Path) -> dict[str, bytes]:
    """Every file under OUT with its bytes, but the manifest (it records mtimes of the inputs only)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "manifest.jsonl"}


def command(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cleaner.cli", "batch", str(src), str(out), "--workers", "2", "-q", *extra]


def done_entries(out: Path) -> int:
    try:
        return max(0, (out / ".cleaner/manifest.jsonl").read_bytes().count(b"\n") - 1)
    except OSError:
        return 0


def run_and_kill(args: list[str], out: Path, after: int, total: int) -> int:
    """Start the batch, SIGKILL it (and its workers) once `after` inputs are done; returns how many were."""
    process = subprocess.Popen(args, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    try:
        while done_entries(out) < after and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
    done = done_entries(out)
    assert done < total, "the batch finished before it could be killed: make the folder bigger"
    return done


@pytest.mark.parametrize("fmt", ["jsonl", "txt"])
def test_killed_and_resumed_equals_uninterrupted(tmp_path, fmt):
    src = make_folder(tmp_path / "in")
    total = sum(1 for p in src.rglob("*") if p.is_file())
    reference = tmp_path / "reference"
    assert subprocess.run(command(src, reference, "--format", fmt), check=False, cwd=ROOT).returncode == 1  # bad.html.gz
    out = tmp_path / "out"
    reached = []
    for after in (5, 30, 60):
        resume = ("--resume",) if reached else ()
        reached.append(run_and_kill(command(src, out, "--format", fmt, *resume), out, after, total))
    assert reached == sorted(reached) and reached[0] >= 5
    finished = subprocess.run(command(src, out, "--format", fmt, "--resume"), check=False, cwd=ROOT)
    assert finished.returncode == 1
    assert tree(out) == tree(reference)
    assert not [p for p in out.rglob("*") if p.name.startswith(".~cleaner-")]
    if fmt == "jsonl":
        paths = [(d["path"], d["record"]) for d in lines(out / "documents.jsonl")]
        assert len(paths) == len(set(paths)) == total - 1 + 4  # bad.html.gz failed; records.jsonl holds 5


def test_resume_repairs_cut_lines_and_stray_temp_files(tmp_path):
    src = make_folder(tmp_path / "in", count=12)
    batch(src, tmp_path / "reference")
    expected = tree(tmp_path / "reference")
    for cut in (0.3, 0.55, 0.9):
        out = tmp_path / f"out{cut}"
        batch(src, out)
        manifest = out / ".cleaner/manifest.jsonl"
        data = manifest.read_bytes()
        manifest.write_bytes(data[: int(len(data) * cut)])  # killed in the middle of a manifest line
        with open(out / "documents.jsonl", "ab") as handle:
            handle.write(b'{"path": "half a line')  # and of a document line
        (out / "part1/.~cleaner-p001.txt.txt.123.tmp").parent.mkdir(exist_ok=True)
        (out / "part1/.~cleaner-p001.txt.txt.123.tmp").write_bytes(b"partial")
        report = batch(src, out, resume=True)
        assert 0 < report.resumed < report.files
        assert tree(out) == expected


def test_resume_redoes_changed_inputs_once(tmp_path):
    src = make_folder(tmp_path / "in", count=9)
    batch(src, tmp_path / "out")
    page = src / "part1/p004.txt"
    page.write_text(article(444), encoding="utf-8")
    os.utime(page, ns=(time.time_ns(), time.time_ns() + 10_000_000_000))
    (src / "part2/p005.txt").unlink()
    report = batch(src, tmp_path / "out", resume=True)
    docs = lines(tmp_path / "out/documents.jsonl")
    paths = [(d["path"], d["record"]) for d in docs]
    assert len(paths) == len(set(paths))
    assert ("part2/p005.txt", None) not in paths
    assert "bridge number 444" in next(d["body"] for d in docs if d["path"] == "part1/p004.txt")
    assert report.files == 11 and report.resumed == 10


def test_resume_with_other_options_is_a_usage_error(tmp_path):
    src = make_folder(tmp_path / "in", count=3)
    batch(src, tmp_path / "out")
    with pytest.raises(UsageError, match="other options"):
        batch(src, tmp_path / "out", resume=True, format="txt")
    with pytest.raises(UsageError):
        batch(src, tmp_path / "out", resume=True, disable=("navigation",))
    again = batch(src, tmp_path / "out", resume=True)
    assert again.resumed == again.files == 6


def test_sigterm_stops_with_130_and_resume_finishes(tmp_path):
    src = make_folder(tmp_path / "in")
    out = tmp_path / "out"
    process = subprocess.Popen(command(src, out), cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while done_entries(out) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "run again with --resume" in err or done_entries(out) == 0
    finished = subprocess.run(command(src, out, "--resume"), cwd=ROOT, check=False)
    assert finished.returncode == 1  # bad.html.gz
    batch(src, tmp_path / "reference", workers=2)
    assert tree(out) == tree(tmp_path / "reference")


def test_a_second_batch_on_the_same_out_is_refused(tmp_path):
    import fcntl

    src = make_folder(tmp_path / "in", count=3)
    (tmp_path / "out/.cleaner").mkdir(parents=True)
    with open(tmp_path / "out/.cleaner/lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        with pytest.raises(UsageError, match="another batch is writing"):
            batch(src, tmp_path / "out")
    assert batch(src, tmp_path / "out").files == 6
