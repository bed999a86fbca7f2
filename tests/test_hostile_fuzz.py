"""The fuzzer's CI smoke run: every crash it found replays clean (fuzz/regressions/), the hand-made hostile
seeds pass, a few hundred seeded mutations of them pass, and where atheris is installed the real harness runs
a few hundred executions. The long run is the README's command (`python fuzz/harness.py fuzz/corpus ...`)."""
from __future__ import annotations

import importlib.util
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "fuzz"))

import harness
import seed

REGRESSIONS = sorted((ROOT / "fuzz" / "regressions").glob("*"))


def hand_made() -> list[bytes]:
    out = []
    for text in seed.HOSTILE_TEXT:
        raw = text.encode("utf-8", "surrogatepass")
        out += [b"\x00" + raw, b"\x01" + raw]
    for html in seed.HOSTILE_HTML:
        raw = html.encode("utf-8", "surrogateescape")
        out += [b"\x02" + raw, b"\x03" + raw]
    return out


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_every_crash_the_fuzzer_found_replays_clean(path, monkeypatch):
    monkeypatch.setenv("FUZZ_IDEMPOTENCE", "1")  # some were found with it on
    harness.one_input(path.read_bytes())


def test_the_hand_made_hostile_seeds_pass():
    for data in hand_made():
        harness.one_input(data)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One libFuzzer-like mutation: flip, insert, erase, repeat or splice bytes."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        kind = rng.randrange(5)
        if kind == 0 and data:
            data[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif kind == 1:
            data[at:at] = bytes(rng.choice(b"<>/&;\"'= \n\r\t\x00\xe4\xb8\xad\xff|:-.1a") for _ in range(rng.randint(1, 8)))
        elif kind == 2:
            del data[at:at + rng.randint(1, 64)]
        elif kind == 3:
            data[at:at] = data[at:at + rng.randint(1, 16)] * rng.randint(2, 200)
        else:
            data[at:at] = rng.choice([b"<div>", b"</p>", b"<!--", b"&#x", b"<script>", b"http://[", b"\xef\xbb\xbf", b"\r\n"])
    return bytes(data[:4096])


def test_seeded_mutations_of_the_seeds_pass():
    rng = random.Random(6)
    seeds = hand_made() + [p.read_bytes()[:4096] for p in REGRESSIONS]
    for _ in range(int(os.environ.get("CLEANER_FUZZ_SMOKE_RUNS", "300"))):
        harness.one_input(mutate(rng.choice(seeds), rng))


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed (pip install atheris)")
def test_the_atheris_harness_runs(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, data in enumerate(hand_made()):
        (corpus / f"seed{n}").write_bytes(data[:2048])
    args = [sys.executable, str(ROOT / "fuzz" / "harness.py"), str(corpus), "-runs=300", "-max_len=2048", "-timeout=20",
            "-rss_limit_mb=2048", f"-artifact_prefix={tmp_path}/", "-seed=6"]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    done = re.search(r"Done (\d+) runs", result.stderr)  # libFuzzer may count a few more than -runs: the seeds' loading
    assert done and int(done.group(1)) >= 300, result.stderr[-3000:]
