"""Traditional Chinese pages meet the same rules as simplified ones: the patterns, written in simplified
characters, match the traditional forms too (cleaner.hanzi)."""
from __future__ import annotations

import pytest
import regex

from cleaner import Cleaner
from cleaner.hanzi import both_scripts, with_traditional


@pytest.mark.parametrize("source, text", [
    (r"相关(?:推荐|阅读)", "相關閱讀"), (r"相关(?:推荐|阅读)", "相关推荐"), (r"\d+\s*楼", "3 樓"), (r"[关x]", "關"),
    (r"上一(?:篇|页)\s*[:：]?", "上一頁："),
])
def test_a_simplified_pattern_matches_both_scripts(source, text):
    assert regex.fullmatch(both_scripts(source), text)


@pytest.mark.parametrize("source, text", [(r"相关阅读", "相闗閱讀"), (r"\d+楼", "d樓"), (r"[^关]", "關")])
def test_both_scripts_keeps_what_a_pattern_rejects(source, text):
    assert not regex.fullmatch(both_scripts(source), text)


def test_plain_words_gain_their_traditional_spelling():
    assert with_traditional(("订阅", "next", "页")) == ("订阅", "next", "页", "訂閱", "頁")


ARTICLE = [
    "\u3000\u3000近年來，本市持續推進舊區改造工作，累計完成改造項目一百二十餘個，惠及居民三萬多戶。改造內容涵蓋供水管網、加裝電梯、外牆保溫和停車設施等多個方面。",
    "\u3000\u3000在改造過程中，各區堅持「居民點單、政府接單」的工作思路，先後召開議事會兩百餘場，廣泛徵求市民意見，確保改造項目符合居民的實際需要。",
    "\u3000\u3000下一步，本市將進一步完善長效管理機制，引導專業物業公司進駐，推動改造成果從「一時新」向「持久新」轉變，讓市民的獲得感更足。",
]
BYLINE = "來源：香港電台 責任編輯：陳大文"
TAIL = [
    "上一篇：舊區改造進入新階段",
    "下一篇：本市公布二〇二四年施政報告",
    "相關閱讀",
    "• 舊樓加裝電梯資助計劃接受申請",
    "• 市區重建局公布新一輪項目",
    "版權所有 © 2024 香港電台 未經授權不得轉載",
]


def test_a_traditional_page_loses_its_byline_pagination_related_list_and_notice():
    doc = Cleaner().clean_text("\n".join([BYLINE, *ARTICLE, *TAIL]))
    assert doc.body.split("\n") == [line.strip() for line in ARTICLE]
    rules = {r.text: r.rule for r in doc.removed}
    assert rules[BYLINE] == "byline"
    assert rules["上一篇：舊區改造進入新階段"] == rules["下一篇：本市公布二〇二四年施政報告"] == "pagination"
    assert rules["相關閱讀"] == rules["• 舊樓加裝電梯資助計劃接受申請"] == "related"
    assert rules["版權所有 © 2024 香港電台 未經授權不得轉載"] == "notice"
    assert doc.metadata.source == "香港電台"
    assert doc.metadata.prev.title == "舊區改造進入新階段"
    assert [link.title for link in doc.metadata.related] == ["舊樓加裝電梯資助計劃接受申請", "市區重建局公布新一輪項目"]
