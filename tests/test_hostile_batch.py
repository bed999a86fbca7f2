"""Faults in a batch, beyond tests/test_batch_*.py: SIGKILL at twenty random points then --resume, inputs that
vanish, turn unreadable or turn into a FIFO mid-run, a disk that fills up, a read-only OUT, gzip bombs of
other shapes, and names that would collide in OUT.

What must hold: OUT ends as an uninterrupted run's, with no partial files and no duplicates; a fault is a line
in errors.jsonl (an input) or a one-line message and exit code 1 (OUT itself), never a traceback or a hang;
nothing already written is damaged, and --resume finishes the job.
"""
from __future__ import annotations

import builtins
import errno
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch import article, batch, lines

import cleaner.batch
import cleaner.batch_io
from cleaner import rule
from cleaner.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_TEXTS = sorted((ROOT / "fixtures/texts").glob("*.txt"))
KILLS = int(os.environ.get("CLEANER_KILLS", "20"))


def tree(out: Path) -> dict[str, bytes]:
    """Every file under OUT with its bytes, but the manifest (it records mtimes of the inputs only)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in ("manifest.jsonl", "lock")}


def command(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cleaner.cli", "batch", str(src), str(out), "-q", *extra]


def entries(out: Path) -> int:
    try:
        return max(0, (out / ".cleaner/manifest.jsonl").read_bytes().count(b"\n") - 1)
    except OSError:
        return 0


def folder(root: Path, count: int) -> Path:
    for n in range(count):
        sub = root / f"d{n % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        if FIXTURE_TEXTS and n % 5 == 0:
            (sub / f"p{n:03d}.txt").write_bytes(FIXTURE_TEXTS[n % len(FIXTURE_TEXTS)].read_bytes())
        else:
            (sub / f"p{n:03d}.txt").write_text(article(n), encoding="utf-8")
    (root / "d1/records.jsonl").write_text(
        "".join(json.dumps({"id": f"r{i}", "text": article(500 + i)}) + "\n" for i in range(6)), encoding="utf-8")
    (root / "d2/z.html.gz").write_bytes(gzip.compress(f"<html><body><p>{article(900)}</p></body></html>".encode()))
    return root


def assert_no_partial_outputs(out: Path) -> None:
    """Every output in place is whole (written to a temp file, then renamed): each .json parses."""
    for path in out.rglob("*.json"):
        if not path.name.startswith(".~cleaner-") and ".cleaner" not in path.parts:
            json.loads(path.read_text(encoding="utf-8"))


def test_killed_at_twenty_random_points_then_resumed_equals_an_uninterrupted_run(tmp_path):
    src = folder(tmp_path / "in", 240)
    reference = tmp_path / "reference"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    assert subprocess.run(command(src, reference, "--format", "json"), cwd=ROOT, env=env, check=False).returncode == 0
    out, rng, reached = tmp_path / "out", random.Random(20), []
    for trial in range(KILLS):
        args = command(src, out, "--format", "json", "--workers", str(1 + trial % 2), *(["--resume"] if trial else []))
        process = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)
        before, deadline = entries(out), time.monotonic() + 60
        if rng.random() < 0.3:  # at a random moment: starting up, sweeping, walking, writing
            time.sleep(rng.uniform(0, 0.6))
        else:  # after a random number of inputs
            target = before + rng.randint(1, 5)
            while entries(out) < target and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.001)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL, "the batch finished before it was killed: make the folder bigger"
        assert_no_partial_outputs(out)
        reached.append(entries(out))
    print("entries after each kill:", reached)
    assert reached == sorted(reached), "a resumed run lost inputs an earlier one had recorded"
    finished = subprocess.run(command(src, out, "--format", "json", "--resume"), cwd=ROOT, env=env, check=False)
    assert finished.returncode == 0
    assert tree(out) == tree(reference)
    assert not [p for p in out.rglob("*") if p.name.startswith(".~cleaner-")]
    manifest = [json.loads(line) for line in (out / ".cleaner/manifest.jsonl").read_text().splitlines()[1:]]
    assert len(manifest) == len({m["path"] for m in manifest}) == sum(1 for p in src.rglob("*") if p.is_file())


# --- inputs that change under the batch -----------------------------------------------------------------------

@rule("saboteur", kind="test")
def saboteur(page):
    """Test rule: on a page that says SABOTAGE <path> <how>, deletes that input, or makes it a FIFO or a folder."""
    for block in page.blocks:
        if block.text.startswith("SABOTAGE "):
            _, name, how = block.text.split()
            target = Path(name)
            target.unlink()
            if how == "fifo":
                os.mkfifo(target)
            elif how == "folder":
                target.mkdir()
    return ()


@pytest.mark.parametrize("how", ["delete", "fifo", "folder"])
def test_an_input_that_vanishes_or_changes_kind_mid_run_is_an_error_and_the_rest_goes_on(tmp_path, how):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(12):
        text = article(n) + f"SABOTAGE {src / 'p07.txt'} {how}\n" if n == 0 else article(n) * (40 if n < 7 else 1)
        (src / f"p{n:02d}.txt").write_text(text, encoding="utf-8")
    started = time.monotonic()
    # p07 is listed before p00 is cleaned (two workers keep eight pages in flight); the long pages between keep
    # the other worker busy, so that p07 is read well after p00's sabotage, even on a busy machine.
    report = batch(src, tmp_path / "out", workers=2, extra_rules=(saboteur,))
    assert time.monotonic() - started < 60
    errors = lines(tmp_path / "out/errors.jsonl")
    assert [(e["path"], e["kind"]) for e in errors] == [("p07.txt", "read_error")]
    assert report.done == 11 and report.failed == 1 and report.exit_code == 1


def test_an_input_that_turns_unreadable_mid_run_is_a_read_error(tmp_path, monkeypatch):
    """Root reads anything, so the permission error is raised where the batch opens its inputs."""
    src = tmp_path / "in"
    src.mkdir()
    for n in range(5):
        (src / f"p{n}.txt").write_text(article(n), encoding="utf-8")
    real = cleaner.batch_io._regular

    def opener(path, flags):
        if path.endswith("p3.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real(path, flags)

    monkeypatch.setattr(cleaner.batch_io, "_regular", opener)
    report = batch(src, tmp_path / "out")
    [error] = lines(tmp_path / "out/errors.jsonl")
    assert (error["path"], error["kind"]) == ("p3.txt", "read_error") and "Permission denied" in error["message"]
    assert report.done == 4


def test_reading_a_fifo_never_blocks():
    """Regression (issue 6): a file replaced by a FIFO after the walk blocked open() for ever."""
    script = (
        "import os, tempfile, sys\n"
        "from cleaner.batch_io import InputFile, read_bytes, streams, jsonl_lines\n"
        "d = tempfile.mkdtemp(); p = os.path.join(d, 'x.jsonl'); os.mkfifo(p)\n"
        "f = InputFile('x.jsonl', p, 10, 0)\n"
        "for call in (lambda: read_bytes(f, 100, 100), lambda: list(jsonl_lines(f, 100, 100))):\n"
        "    try:\n        call()\n    except OSError as e:\n        print('refused', e)\n"
        "print('streams', streams(f))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30, check=True)
    assert out.stdout.count("refused") == 2 and "no longer a regular file" in out.stdout and "streams False" in out.stdout


# --- OUT that cannot be written -------------------------------------------------------------------------------

def fault_in_out(monkeypatch, out: Path, fault: int, budget: int | None = None, only: str = "") -> None:
    """Writes under OUT raise OSError(fault): all of them, or once `budget` bytes are written (a filling disk),
    or only to files whose name holds `only`. Reads pass."""
    left = {"bytes": budget}
    real_open = builtins.open

    def fake_open(file, mode="r", *args, **kwargs):
        writing = any(c in mode for c in "wax+") and str(file).startswith(str(out)) and only in Path(str(file)).name
        if writing and budget is None:
            raise OSError(fault, os.strerror(fault), str(file))
        handle = real_open(file, mode, *args, **kwargs)
        if writing:
            real_write = handle.write

            def write(data):
                if left["bytes"] < len(data):
                    real_write(data[: max(0, left["bytes"])])  # the part that fitted
                    left["bytes"] = 0
                    handle.flush()
                    raise OSError(fault, os.strerror(fault), str(file))
                left["bytes"] -= len(data)
                return real_write(data)

            handle.write = write
        return handle

    monkeypatch.setattr(cleaner.batch, "open", fake_open, raising=False)
    monkeypatch.setattr(cleaner.batch_io, "open", fake_open, raising=False)


def test_a_disk_that_fills_up_stops_cleanly_and_resume_finishes(tmp_path, monkeypatch, capsys):
    src = folder(tmp_path / "in", 30)
    batch(src, tmp_path / "reference")
    expected = tree(tmp_path / "reference")
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        fault_in_out(patch, out, errno.ENOSPC, budget=40_000)
        code = main(["batch", str(src), str(out), "--workers", "1", "-q"])
    err = capsys.readouterr().err
    assert code == 1 and "No space left on device" in err and "--resume" in err and "Traceback" not in err
    # what the manifest vouches for is whole and is what the reference has
    manifest = [json.loads(line) for line in (out / ".cleaner/manifest.jsonl").read_text().splitlines()[1:]]
    assert manifest, "the disk filled up before anything was written: give it more room"
    end = manifest[-1]["d"][1]
    assert (out / "documents.jsonl").read_bytes()[:end] == expected["documents.jsonl"][:end]
    assert main(["batch", str(src), str(out), "--workers", "1", "-q", "--resume"]) == 0
    assert tree(out) == expected


def test_page_files_that_cannot_be_written_are_errors_and_the_rest_goes_on(tmp_path, monkeypatch):
    src = folder(tmp_path / "in", 12)
    batch(src, tmp_path / "reference", format="txt")
    fault_in_out(monkeypatch, tmp_path / "out", errno.ENOSPC, only="p004")  # one page's file hits the full disk
    report = batch(src, tmp_path / "out", format="txt")
    errors = lines(tmp_path / "out/errors.jsonl")
    assert [(e["path"], e["kind"]) for e in errors] == [("d0/p004.txt", "write_error")]
    assert report.failed == 1 and report.done + report.flagged + report.empty == report.documents - 1
    written, expected = tree(tmp_path / "out"), tree(tmp_path / "reference")
    assert {k: v for k, v in written.items() if k != "errors.jsonl" and not k.startswith(".cleaner")} == {
        k: v for k, v in expected.items() if k not in ("d0/p004.txt.txt", "errors.jsonl") and not k.startswith(".cleaner")}
    assert not [p for p in (tmp_path / "out").rglob("*") if p.name.startswith(".~cleaner-")]


def test_a_read_only_out_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    src = folder(tmp_path / "in", 3)
    out = tmp_path / "out"
    out.mkdir()
    fault_in_out(monkeypatch, out, errno.EROFS)
    code = main(["batch", str(src), str(out), "--workers", "1", "-q"])
    err = capsys.readouterr().err
    assert code == 1 and "Read-only file system" in err and "Traceback" not in err
    assert not [p for p in out.rglob("*") if p.is_file()]


# --- gzip and names -------------------------------------------------------------------------------------------

def bomb(path: Path, gigabytes: int = 4) -> None:
    """A multi-member gzip file: one member of 64 MB of zeros (64 KB compressed), repeated."""
    member = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    with open(path, "wb") as handle:
        handle.writelines(member for _ in range(gigabytes * 16))


def test_gzip_bombs_of_other_shapes_stop_early_with_little_memory(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    bomb(src / "members.txt.gz")  # 4 GB out of 4 MB, in 64 members
    (src / "records.jsonl.gz").write_bytes(gzip.compress(
        b"".join(json.dumps({"id": n, "text": "a " * 50_000}).encode() + b"\n" for n in range(300)), compresslevel=9))
    (src / "fine.txt.gz").write_bytes(gzip.compress(article(1).encode()))
    script = (
        "import json, resource, sys\n"
        "from cleaner.cli import main\n"
        f"code = main(['batch', {str(src)!r}, {str(tmp_path / 'out')!r}, '--workers', '1', '-q', '--max-ratio', '20'])\n"
        "try:\n    peak = int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024\n"
        "except OSError:  # not Linux: ru_maxrss (which counts the parent's memory before exec)\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'code': code, 'peak_mb': peak}))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(out.stdout.splitlines()[-1])
    assert time.monotonic() - started < 60 and result["code"] == 1
    assert result["peak_mb"] < 200, result  # the 4 GB never lands in memory: at most --max-bytes (50 MB) of it
    kinds = {(e["path"], e["kind"]) for e in lines(tmp_path / "out/errors.jsonl")}
    assert kinds == {("members.txt.gz", "gzip_bomb"), ("records.jsonl.gz", "gzip_bomb")}
    assert "fine.txt.gz" in {d["path"] for d in lines(tmp_path / "out/documents.jsonl")}


def test_a_symlink_to_a_folder_outside_in_dir_writes_inside_out_only(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "page.txt").write_text(article(3), encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    os.symlink(outside, src / "link")
    os.symlink("/dev/zero", src / "zero.txt")  # a device named like an input: not a regular file, skipped
    os.symlink(outside / "page.txt", src / "alias.txt")  # a link to a file: read, and written as alias.txt
    before = set(tmp_path.rglob("*"))
    report = batch(src, tmp_path / "out", format="txt")
    made = set(tmp_path.rglob("*")) - before
    assert report.files == 2 and all(tmp_path / "out" in p.parents or p == tmp_path / "out" for p in made)
    assert (tmp_path / "out/link/page.txt.txt").exists() and (tmp_path / "out/alias.txt.txt").exists()


def test_two_inputs_never_share_an_output_file(tmp_path):
    src = tmp_path / "in"
    (src / "c").mkdir(parents=True)
    for n, name in enumerate(["a:b.txt", "a_b.txt", "c\\d.txt", "c/d.txt"]):
        (src / name).write_text(article(n), encoding="utf-8")
    report = batch(src, tmp_path / "out", format="txt")
    assert report.done == 4
    assert len(list((tmp_path / "out").rglob("*.txt"))) == 4
