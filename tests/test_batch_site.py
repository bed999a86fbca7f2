"""--site-boilerplate: blocks repeated across a site's pages in the batch are learned and removed."""
from __future__ import annotations

import json
from pathlib import Path

from test_batch import article, batch, lines

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.site_boilerplate import SiteLearner, SiteOptions

FOOTER = ("Download the Harbour Times app and read the local stories that matter to you, wherever you are today.",
          "Our journalists cover the harbour district every day of the year, with support from readers like you.")


def make_sites(root: Path) -> Path:
    """Eight pages of one site sharing two footer lines; two pages of a small site sharing them too;
    and a feed of records whose URLs put them on example.com."""
    (root / "harbour").mkdir(parents=True)
    (root / "small").mkdir()
    for n in range(8):
        (root / f"harbour/{n}.txt").write_text(article(n, footer=FOOTER), encoding="utf-8")
    (root / "harbour/copy.txt").write_text(article(0, footer=FOOTER), encoding="utf-8")  # a duplicate counts once
    for n in range(2):
        (root / f"small/{n}.txt").write_text(article(20 + n, footer=FOOTER), encoding="utf-8")
    records = [{"id": f"e{n}", "url": f"https://www.example.com/{n}.html", "text": article(40 + n, footer=FOOTER[:1])}
               for n in range(6)]
    (root / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return root


def test_without_the_option_the_footer_stays(tmp_path):
    batch(make_sites(tmp_path / "in"), tmp_path / "out")
    docs = lines(tmp_path / "out/documents.jsonl")
    assert all(FOOTER[0] in d["body"] for d in docs)


def test_repeated_blocks_are_removed_with_their_own_rule_and_reason(tmp_path):
    report = batch(make_sites(tmp_path / "in"), tmp_path / "out", site_boilerplate=True)
    docs = {(d["path"], d["record"]): d for d in lines(tmp_path / "out/documents.jsonl")}
    for n in range(8):
        doc = docs[(f"harbour/{n}.txt", None)]
        assert FOOTER[0] not in doc["body"] and FOOTER[1] not in doc["body"]
        assert f"repairs to bridge number {n}" in doc["body"]
        mine = [r for r in doc["removed"] if r["rule"] == "site_boilerplate"]
        assert {r["text"] for r in mine} == set(FOOTER)
        assert all(r["kind"] == "boilerplate" and r["reason"] == "repeats on 8 of 8 pages of folder:harbour in this batch"
                   for r in mine)
        assert any(r["rule"] == "notice" for r in doc["removed"])  # the built-in rules keep what is theirs
    for n in range(2):  # two pages are not "many": nothing learned there
        assert FOOTER[0] in docs[(f"small/{n}.txt", None)]["body"]
    for n in range(6):
        doc = docs[("feed.jsonl", f"e{n}")]
        assert FOOTER[0] not in doc["body"]
        assert "pages of example.com" in next(r["reason"] for r in doc["removed"] if r["rule"] == "site_boilerplate")
    assert report.rules["site_boilerplate"] == 8 * 2 + 1 * 2 + 6
    saved = json.loads((tmp_path / "out/.cleaner/site_boilerplate.json").read_text())
    assert set(saved["model"]["learned"]) == {"folder:harbour", "example.com"}


def test_dry_run_shows_what_was_learned_and_writes_nothing(tmp_path, capsys):
    src = make_sites(tmp_path / "in")
    assert main(["batch", str(src), str(tmp_path / "out"), "--site-boilerplate", "--dry-run", "--workers", "1"]) == 0
    shown = capsys.readouterr().out
    assert "folder:harbour: 8 distinct page(s), 2 repeated block(s) learned" in shown
    assert f"8 pages  {FOOTER[0][:100]}" in shown
    assert "folder:small: 2 distinct page(s), 0 repeated block(s) learned" in shown
    assert "example.com: 6 distinct page(s), 1 repeated block(s) learned" in shown
    assert not (tmp_path / "out").exists()


def test_site_min_share_and_pages_are_options(tmp_path, capsys):
    src = make_sites(tmp_path / "in")
    main(["batch", str(src), str(tmp_path / "out"), "--site-boilerplate", "--dry-run", "--site-min-pages", "2",
          "--workers", "1"])
    assert "folder:small: 2 distinct page(s), 2 repeated block(s) learned" in capsys.readouterr().out


def test_the_rule_on_its_own_and_its_guard():
    learner = SiteLearner(SiteOptions(min_pages=3, min_share=0.6))
    pages = [article(n, footer=FOOTER) for n in range(4)]
    for page in pages:
        learner.add("harbour.example", page.splitlines())
    model = learner.model()
    rule = model.rule_for("harbour.example")
    assert rule.name == "site_boilerplate" and model.rule_for("elsewhere") is None
    doc = Cleaner(extra_rules=[rule]).clean(article(99, footer=FOOTER))
    assert FOOTER[0] not in doc.body and "bridge number 99" in doc.body
    # a page made only of what was learned keeps it all, and says why
    only = "\n".join(FOOTER) + "\n"
    doc = Cleaner(extra_rules=[rule]).clean(only)
    assert not [r for r in doc.removed if r.rule == "site_boilerplate"]
    assert any("site_boilerplate: skipped" in f for f in doc.metadata.flags)
