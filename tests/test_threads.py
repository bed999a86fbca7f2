"""Thread safety: one `Cleaner` shared by 8 threads gives exactly the serial results.

The pages are the real fixtures (text and HTML, str and bytes) and hostile made ones, each thread taking
them in its own shuffled order, so two threads clean different pages through the same Cleaner at once.
"""
from __future__ import annotations

import gzip
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from test_properties import CLASSES, FURNITURE, PROSE, digest

import cleaner
from cleaner import Cleaner, remove, rule
from cleaner.errors import CleanerError

ROOT = Path(__file__).resolve().parents[1]
THREADS = 8


def inputs() -> list:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures/texts").glob("*.txt"))]
    htmls = [gzip.decompress(p.read_bytes()) for p in sorted((ROOT / "fixtures/html").glob("*.html.gz"))]
    rng = random.Random(8)
    made = []
    for _ in range(20):
        lines = [rng.choice(PROSE + FURNITURE) for _ in range(rng.randint(1, 25))]
        made.append(rng.choice(["\n", "\r\n", "\r"]).join(lines))
        made.append(("<html><body>" + "".join(f"<div class='{rng.choice(CLASSES)}'><p>{x}</p></div>" for x in lines)).encode("gb18030"))
    made += ["", "\x00\x01", "<html>" + "<div>" * 2000 + "deep" + "</div>" * 2000, b"\xff\xfe" + "bom page\n".encode("utf-16-le")]
    return texts + htmls[::2] + made


def _digest(c, page) -> str:
    try:
        return digest(c.clean(page))
    except CleanerError as error:
        return f"{type(error).__name__}: {error}"


def _in_threads(work, pages) -> list[dict[int, str]]:
    """Each thread cleans every page, in its own order; returns index -> digest per thread."""
    start = threading.Barrier(THREADS)

    def one(seed: int) -> dict[int, str]:
        order = list(range(len(pages)))
        random.Random(seed).shuffle(order)
        start.wait()
        return {i: work(pages[i]) for i in order}

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(one, range(THREADS)))


def test_one_cleaner_shared_by_eight_threads_gives_the_serial_results():
    pages = inputs()
    shared = Cleaner()
    serial = {i: _digest(shared, page) for i, page in enumerate(pages)}
    for result in _in_threads(lambda page: _digest(shared, page), pages):
        assert result == serial


def test_the_module_level_clean_from_many_threads():
    """`cleaner.clean` builds its default Cleaner on first use: threads racing for it still agree."""
    pages = inputs()[:30]
    cleaner.engine._default = None
    serial = {i: _digest(Cleaner(), page) for i, page in enumerate(pages)}
    for result in _in_threads(lambda page: _digest(cleaner, page), pages):
        assert result == serial


@rule("shouty", kind="test")
def shouty(page):
    """Test rule: removes lines in capitals; reads only its page, as rules must."""
    for block in page.free():
        if block.text.isupper() and block.tokens >= 2:
            yield remove(block.index, "all capitals")


def test_a_cleaner_with_user_rules_and_disabled_rules_is_shared_safely():
    pages = [page + "\nSHOUTED LINE HERE\n" for page in inputs() if isinstance(page, str)][:30]
    shared = Cleaner(extra_rules=[shouty], disable=["navigation"])
    serial = {i: _digest(shared, page) for i, page in enumerate(pages)}
    assert any("shouty" in shared.clean(p).to_json() for p in pages)
    for result in _in_threads(lambda page: _digest(shared, page), pages):
        assert result == serial
