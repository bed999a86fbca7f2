"""One bad file never stops the batch; hostile folders cannot make it write outside OUT or run for ever."""
from __future__ import annotations

import gzip
import io
import json
import os
import time
from pathlib import Path

from test_batch import ZH, article, batch, core_fails_on_empty, lines

from cleaner import remove, rule
from cleaner.batch_io import OutDir, safe_parts


@rule("sleepy", kind="test")
def sleepy(page):
    """Test rule: takes five seconds on a page that asks for it."""
    if any("SLEEP" in b.text for b in page.blocks):
        time.sleep(5)
    return ()


@rule("crashy", kind="test")
def crashy(page):
    """Test rule: kills its process on a page that asks for it, as a crash in a C library would."""
    if any("CRASH" in b.text for b in page.blocks):
        os._exit(1)
    return ()


@rule("buggy", kind="test")
def buggy(page):
    """Test rule: raises on a page that asks for it."""
    if any("BUG" in b.text for b in page.blocks):
        raise ValueError("a bug in a rule")
    yield from (remove(b.index, "never") for b in () )


def errors(out: Path) -> dict[tuple, dict]:
    return {(e["path"], e["record"]): e for e in lines(out / "errors.jsonl")}


def test_bad_files_are_recorded_and_the_rest_is_cleaned(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"good{n}.txt").write_text(article(n), encoding="utf-8")
    (src / "junk.txt").write_bytes(os.urandom(20_000))
    (src / "junk.html.gz").write_bytes(os.urandom(5_000))  # not gzip at all
    (src / "cut.txt.gz").write_bytes(gzip.compress(article(9).encode())[:-20])  # a truncated download
    (src / "empty.txt").write_bytes(b"")
    (src / "empty.html").write_bytes(b"")
    (src / "misencoded.txt").write_bytes(ZH.format(n=1).encode("gb18030"))  # GB18030 in a file the scraper called UTF-8
    (src / "huge.txt").write_bytes(b"word " * 300_000)  # 1.5 MB, over the limit set below
    (src / "bomb.txt.gz").write_bytes(gzip.compress(b"\0" * 30_000_000, compresslevel=1))
    (src / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    (src / "mixed.jsonl").write_text(
        json.dumps({"id": "ok", "text": article(5)}) + "\n{oops\n" + json.dumps({"id": "n", "text": 42}) + "\n",
        encoding="utf-8")
    os.symlink(src / "missing-target.txt", src / "dangling.txt")
    report = batch(src, tmp_path / "out", max_bytes=1_000_000)
    found = errors(tmp_path / "out")
    empties = {("empty.txt", None), ("empty.html", None)}
    if core_fails_on_empty():  # while the core raises on an empty page, the batch records it and goes on
        assert {found.pop(key)["kind"] for key in empties} == {"internal_error"}
    assert {key: e["kind"] for key, e in found.items()} == {
        ("bomb.txt.gz", None): "gzip_bomb",
        ("broken.json", None): "bad_json",
        ("cut.txt.gz", None): "bad_gzip",
        ("dangling.txt", None): "read_error",
        ("huge.txt", None): "too_large",
        ("junk.html.gz", None): "bad_gzip",
        ("mixed.jsonl", "2"): "bad_json",
    }
    assert all(e["message"] and e["error"] for e in found.values())
    docs = {d["path"]: d for d in lines(tmp_path / "out/documents.jsonl")}
    assert set(docs) | {path for path, _ in empties} == {
        "good0.txt", "good1.txt", "good2.txt", "junk.txt", "empty.txt", "empty.html", "misencoded.txt", "mixed.jsonl"}
    assert all(docs[path]["body"] == "" for path, _ in empties if path in docs)
    assert "港口大桥" in docs["misencoded.txt"]["body"]
    assert docs["junk.txt"]["metadata"]["flags"]
    assert report.failed == 7 + (2 if core_fails_on_empty() else 0) and report.skipped == 1 and report.exit_code == 1
    assert report.errors["bad_gzip"] == 2


def test_gzip_bomb_stops_at_the_ratio_limit_without_inflating_it(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 40_000_000, compresslevel=1))
    started = time.perf_counter()
    batch(src, tmp_path / "out", max_ratio=50)
    assert time.perf_counter() - started < 5
    [error] = lines(tmp_path / "out/errors.jsonl")
    assert error["kind"] == "gzip_bomb" and "--max-ratio" in error["message"]


def test_slow_page_times_out_and_a_rule_bug_is_an_error(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(article(1) + "SLEEP\n", encoding="utf-8")
    (src / "b.txt").write_text(article(2) + "BUG\n", encoding="utf-8")
    (src / "c.txt").write_text(article(3), encoding="utf-8")
    report = batch(src, tmp_path / "out", timeout=0.5, extra_rules=(sleepy, buggy))
    found = errors(tmp_path / "out")
    assert found[("a.txt", None)]["kind"] == "timeout"
    assert found[("b.txt", None)]["kind"] == "internal_error" and "a bug in a rule" in found[("b.txt", None)]["message"]
    assert report.done == 1


def test_a_worker_process_that_dies_costs_one_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(10):
        (src / f"p{n}.txt").write_text(article(n) + ("CRASH\n" if n == 4 else ""), encoding="utf-8")
    report = batch(src, tmp_path / "out", workers=2, extra_rules=(crashy,))
    assert [(e["path"], e["kind"]) for e in lines(tmp_path / "out/errors.jsonl")] == [("p4.txt", "worker_crashed")]
    assert [d["path"] for d in lines(tmp_path / "out/documents.jsonl")] == [f"p{n}.txt" for n in range(10) if n != 4]
    assert report.done == 9 and report.failed == 1


def test_record_and_archive_names_cannot_leave_out(tmp_path):
    src, out = tmp_path / "deep/er/in", tmp_path / "deep/er/out"
    src.mkdir(parents=True)
    names = ["../../../escaped", "/etc/passwd", "..\\..\\win", "C:\\Windows\\x", "a/../../b", ".", "..", "", "\0nul",
             ".cleaner/manifest.jsonl", "errors.jsonl"]
    (src / "evil.jsonl").write_text(
        "".join(json.dumps({"id": name, "text": article(i)}) + "\n" for i, name in enumerate(names)), encoding="utf-8")
    (src / "errors.jsonl").write_text(json.dumps({"id": "x", "text": article(50)}) + "\n", encoding="utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="../../../../gz-escaped.txt", mode="wb", fileobj=buffer) as gz:
        gz.write(article(99).encode())
    (src / "named.txt.gz").write_bytes(buffer.getvalue())
    before = set(tmp_path.rglob("*"))
    report = batch(src, out, format="txt")
    assert report.failed == 0 and report.done == len(names) + 2
    made = set(tmp_path.rglob("*")) - before
    outside = sorted(p for p in made if p != out and out not in p.parents)
    assert made and not outside, outside
    assert (out / "named.txt.gz.txt").exists() and (out / "errors.jsonl_/x.txt").exists()
    assert json.loads((out / "errors.jsonl").read_text() or "null") is None
    assert len(list((out / "evil.jsonl").glob("*.txt"))) == len(names)  # no two records share a file


def test_safe_parts_and_out_dir_refuse_escapes(tmp_path):
    assert safe_parts("../../etc/passwd") == ["etc", "passwd"]
    assert safe_parts("/abs/x") == ["abs", "x"]
    assert safe_parts("..\\..\\x") == ["x"]
    assert safe_parts(".hidden") == ["_.hidden"]
    out = OutDir(tmp_path / "out")
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path, tmp_path / "out/link")
    try:
        out.path_for("link/x.txt", None, "txt")
    except Exception as error:  # noqa: BLE001
        assert getattr(error, "kind", "") == "unsafe_path"
    else:
        raise AssertionError("wrote through a symlink in OUT")


def test_symlink_loops_are_walked_once(tmp_path):
    src = tmp_path / "in"
    (src / "a/b").mkdir(parents=True)
    (src / "a/b/page.txt").write_text(article(1), encoding="utf-8")
    os.symlink(src, src / "a/b/up")  # a loop back to the top
    os.symlink(src / "a", src / "a/b/again")  # a loop to the middle
    os.symlink(src / "a/b", src / "twin")  # a second road to the same folder
    report = batch(src, tmp_path / "out")
    assert report.files == 1
    assert [d["path"] for d in lines(tmp_path / "out/documents.jsonl")] == ["a/b/page.txt"]


def test_workers_that_cannot_start_stop_the_batch_with_a_clear_error(tmp_path):
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    for n in range(3):
        (tmp_path / f"in/{n}.txt").write_text(article(n), encoding="utf-8")
    # a program read from stdin cannot be re-imported by a spawned worker, so every worker dies at start
    program = (f"from pathlib import Path\nfrom cleaner.batch import BatchOptions, run\n"
               f"run(BatchOptions(src=Path({str(tmp_path / 'in')!r}), out=Path({str(tmp_path / 'out')!r}), workers=2))\n")
    done = subprocess.run([sys.executable, "-"], input=program, capture_output=True, text=True, timeout=120, check=False,
                          cwd=Path(__file__).resolve().parents[1])
    assert "UsageError: worker processes cannot start here" in done.stderr and "--workers 1" in done.stderr
