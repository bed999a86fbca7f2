"""Bytes of unknown encoding to text: BOM, then a declared charset, then UTF-8, then detection."""
from __future__ import annotations

import codecs

import charset_normalizer
import regex

from .errors import InputError

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
DECLARED = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", regex.IGNORECASE)
# Pages that say GB2312 or GBK use characters only GB18030 has; Big5 pages often need the HKSCS extension.
XML_DECLARED = regex.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]{2,40})""", regex.IGNORECASE)
# The commonest Chinese characters: text decoded with the right codec is full of them, a wrong CJK codec is not.
COMMON_HAN = frozenset("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵斯库").__contains__
WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs", "iso-8859-1": "cp1252",
         "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}


def _codec(name: str) -> str | None:
    name = WIDER.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _chinese(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, when the bytes decode cleanly as one and read as common Chinese; None otherwise."""
    sample = data[:100_000]
    best = None
    for name in ("gb18030", "big5hkscs"):
        text = sample.decode(name, errors="replace")
        if text.count("\ufffd") > 0.001 * len(text) + 2:
            continue
        han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
        if len(han) < 20:
            continue
        common = sum(map(COMMON_HAN, han)) / len(han)
        if common > 0.35 and (best is None or common > best[0]):
            best = (common, name)
    if best is None:
        return None
    return data.decode(best[1], errors="replace"), best[1]


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding used). Never fails on undecodable bytes: the last resort replaces them."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    if not data.isascii():
        try:  # valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page declares
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    declared = DECLARED.search(data[:16384]) or XML_DECLARED.match(data[:1024])
    if declared:
        name = _codec(declared.group(1).decode("ascii", "ignore"))
        if name:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                text = data.decode(name, errors="replace")
                if name != "utf-8" and text.count("\ufffd") < 0.002 * len(text):
                    return text, name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _chinese(data)
    if guess:
        return guess
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    name = _codec(best.encoding) if best else None
    name = name or "gb18030"
    return data.decode(name, errors="replace"), name


HIGH_RUN = regex.compile(r"[\x80-\xff]+")
HAN = regex.compile(r"\p{Han}")


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Undo text that was decoded as Latin-1 when its bytes were UTF-8, GBK or Big5.

    Evidence: nearly all non-ASCII characters are in U+0080-U+00FF and they come in long runs (a CJK
    text's bytes), not one at a time (an accented Western word). The repair must then decode cleanly
    and read as CJK. Returns (text, what was done) and leaves legitimate Latin-1 text alone.
    """
    runs = HIGH_RUN.findall(text[:200_000])
    high = sum(map(len, runs))
    if high < 40 or high < 0.9 * non_ascii(text[:200_000]) or high / len(runs) < 4:
        return text, None
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return text, None
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        fixed = raw.decode(codec, errors="replace")
        han = len(HAN.findall(fixed))
        # A scraper may have cut a few byte pairs in half; more broken bytes than that means a wrong guess.
        if han >= 0.5 * non_ascii(fixed) and fixed.count("\ufffd") <= 0.01 * han:
            return fixed, f"repaired mojibake: Latin-1 text re-read as {codec}"
    return text, None


def non_ascii(text: str) -> int:
    """How many characters of `text` are not ASCII: what encoding to ASCII drops, without a list of them."""
    return len(text) - len(text.encode("ascii", "ignore"))
