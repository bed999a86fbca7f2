"""The Dask adapter on a real `distributed.LocalCluster` with several worker processes: the result of
cleaning a bag and a dataframe column across the cluster equals the serial one."""
from __future__ import annotations

import sys

import pytest
from test_batch import ZH, article, html_article

import cleaner
from cleaner import remove, rule

pytest.importorskip("dask.bag", reason="Dask not installed: pip install 'cleaner[dask]' (.ci/run does)")
pytest.importorskip("dask.dataframe", reason="dask[dataframe] not installed: pip install 'cleaner[dask]'")
distributed = pytest.importorskip("distributed", reason="distributed not installed: pip install 'cleaner[dask]'")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd

from cleaner.contrib.dask import clean_bag, clean_frame, clean_pages, clean_rows

PAGES = [article(n) for n in range(12)] + [html_article(n) for n in range(12, 18)] + [ZH.format(n=n) for n in range(4)]


@rule("bridge_numbers", kind="test")
def bridge_numbers(page):
    """Test rule: shipped to the workers by value; removes the line naming bridge 3."""
    for block in page.free():
        if "bridge number 3 " in block.text:
            yield remove(block.index, "bridge three")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=40)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_bag_across_the_cluster_equals_serial(client):
    serial = [cleaner.Cleaner(extra_rules=[bridge_numbers]).clean(p).to_dict() for p in PAGES]
    bag = db.from_sequence(PAGES, npartitions=6)
    result = clean_bag(bag, rules=[bridge_numbers]).compute()
    assert result == serial
    workers = client.run(lambda: sys.modules.get("cleaner") is not None)
    assert len(workers) == 3 and all(workers.values())  # the work ran on the cluster's worker processes
    assert "bridge number 3 " not in result[3]["body"]


def test_bag_of_records_keeps_their_fields(client):
    records = [{"id": n, "url": f"https://www.example.com/{n}", "html": html_article(n)} for n in range(8)]
    result = clean_bag(db.from_sequence(records, npartitions=4), disable=["navigation"]).compute()
    assert result == clean_pages(records, disable=["navigation"])
    assert [r["id"] for r in result] == list(range(8))
    assert all(r["metadata"]["site"] == "example.com" and "bridge number" in r["body"] for r in result)


def test_dataframe_column_across_the_cluster_equals_serial(client):
    frame = pd.DataFrame({"page": PAGES, "url": [f"https://news.example.org/{n}" for n in range(len(PAGES))]})
    serial = clean_rows(frame, "page", "url")
    parallel = clean_frame(dd.from_pandas(frame, npartitions=5), "page", url_column="url").compute()
    added = ["body", "title", "author", "published", "site", "language", "truncated", "flags", "removed"]
    pd.testing.assert_frame_equal(parallel[added], serial[added])
    pd.testing.assert_frame_equal(parallel[["page", "url"]], frame, check_dtype=False)  # dask stores str as arrow
    assert list(parallel.columns) == ["page", "url", "body", "title", "author", "published", "site", "language",
                                      "truncated", "flags", "removed"]
    assert (parallel["site"] == "news.example.org").all() and (parallel["removed"][:18] > 0).all()
    assert parallel["language"].tolist().count("zh") == 4
