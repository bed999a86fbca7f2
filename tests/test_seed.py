"""The seed page the project was created from: every kind of junk goes, every article sentence stays."""
from pathlib import Path

import cleaner

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "000_b265de0602d5d148.txt"


def seed_doc():
    return cleaner.clean(SEED.read_text(encoding="utf-8"))


def test_body_is_the_article_from_salutation_to_the_cut():
    doc = seed_doc()
    assert doc.body.startswith("同志们")
    assert doc.body.endswith("对问题隐患习以")
    for junk in ("本文内容由", "如若转载", "投稿用户", "上一篇", "相关推荐", "客服微信", "2024年2月29日"):
        assert junk not in doc.body


def test_metadata():
    meta = seed_doc().metadata
    assert meta.title == "在领导班子政治建设座谈会上的讲话"
    assert meta.source_url == "https://www.kuaisuzugao.com/136970.html"
    assert len(meta.related) == 10
    assert all(link.date and link.views for link in meta.related)
    assert ("wechat", "3231169") in {(c.kind, c.value) for c in meta.contacts}
    assert meta.truncated and meta.truncated_reason
    assert meta.language == "zh"


def test_title_is_not_repeated_in_body():
    assert "在领导班子政治建设座谈会上的讲话" not in seed_doc().body


def test_python_dash_m_cleaner_runs_the_command():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(SEED)], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("同志们")
    assert "本文内容由" not in done.stdout
