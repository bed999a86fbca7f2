"""Traditional Chinese read as simplified: the patterns are written in simplified characters, and
`both_scripts` lets each of them match the traditional forms too (相关推荐 also finds 相關推薦), so a page
from Hong Kong or Taiwan meets the same rules.

The pairs cover the simplified characters in cleaner's own strings, with their forms from OpenCC's
TSCharacters table (Apache-2.0); a character new to a pattern needs its pair added here.
"""
from functools import cache

PAIRS = (
    "万萬 与與 专專 业業 东東 丝絲 两兩 严嚴 个個箇 临臨 为為爲 丽麗 举舉 么麼麽 义義 乐樂 "
    "习習 乡鄉 书書 买買 乱亂 了瞭 争爭 于於 云雲 亚亞 产產産 亲親 亿億 仅僅 从從 们們 价價 "
    "众眾衆 优優 伙夥 会會 伟偉 传傳 伤傷 伦倫 体體 余餘 佛彿 修脩 借藉 储儲 儿兒 克剋 党黨 "
    "兰蘭 关關 兴興 养養 内內 册冊 写寫 军軍 农農 冲沖衝 决決 况況 准準 减減 几幾 出齣 击擊 "
    "划劃畫 刘劉 则則 刚剛 创創 删刪 别別彆 制製 剑劍 剧劇 办辦 务務 动動 劳勞 势勢 区區 医醫 "
    "千韆 升昇陞 华華 协協 单單 卖賣 占佔 卫衛 即卽 却卻 卷捲 厂廠 历厤曆歷 压壓 县縣 参參蔘 "
    "双雙 发發髮 变變 只祇衹隻 台檯臺颱 叶葉 号號 吃喫 合閤 同衕 后後 向嚮曏 吗嗎 听聽 启啓啟 "
    "吴吳 员員 周週 咨諮 响響 回迴 团團糰 园園 困睏 围圍 国國 图圖 圆圓 圣聖 场場 坏壞 块塊 "
    "坚堅 声聲 处處 备備 复復複覆 够夠 头頭 奥奧 妇婦 妈媽 娘孃 孙孫 学學 宁寧甯 宝寶 实實 "
    "审審 宫宮 家傢 宽寬 对對 寻尋 导導 将將 尔爾 尽儘盡 局侷 层層 属屬 岁嵗歲𡻕 岛島 巨鉅 "
    "布佈 师師 带帶 席蓆 帮幫 干乾幹榦 并並併 幸倖 广廣 庄莊 床牀 库庫 应應 开開 异異 弃棄 "
    "张張 弹彈 强強 归歸 当噹當 录彔錄録 彩綵 征徵 志誌 念唸 怀懷 态態 总總 恶噁惡 惊驚 愿願 "
    "戏戲 战戰 户戶 才纔 托託 执執 扩擴 扫掃 扬揚 折摺 护護 报報 抵牴 担擔 拥擁 择擇 挥揮 "
    "损損 换換 据據 搜蒐 摄攝 摆擺襬 摇搖 敌敵 教敎 数數 斗鬥 断斷 无無 既旣 旧舊 时時 显顯 "
    "暗闇 曲麯麴 术朮術 朱硃 机機 杀殺 杂雜 权權 条條 来來 杨楊 杰傑 松鬆 板闆 极極 构構 枪槍 "
    "查査 标標 树樹 样樣 核覈 梦夢 检檢 楼樓 欢歡 欧歐 欲慾 残殘 毁毀燬譭 毕畢 气氣 汉漢 没沒 "
    "注註 泽澤 测測 济濟 浏瀏 渐漸 温溫 游遊 湾灣 满滿 潜潛 灭滅 灯燈 灵靈 点點 烟煙菸 热熱 "
    "爱愛 爷爺 状狀 独獨 献獻 玩翫 环環 现現 电電 画畫畵 疗療 监監 盖蓋 盘盤 真眞 码碼 础礎 "
    "确確 礼禮 离離 私俬 秋鞦 种種 秘祕 积積 称稱 税稅 稳穩 竞競 笔筆 筑築 签簽籤 简簡 类類 "
    "系係繫 紧緊 红紅 约約 级級 纪紀 纯純 纳納 纸紙 线綫線 练練 组組 细細 织織 终終 经經 结結 "
    "给給 络絡 绝絕絶 统統 继繼 续續 维維 绿綠緑 缓緩 编編 网網 罗羅 群羣 职職 联聯 胜勝 "
    "胡衚鬍 脑腦 脚腳 脱脫 脸臉 致緻 舰艦 艺藝 节節 苏囌甦蘇 范範 荐薦 荣榮 药葯藥 获獲穫 营營 "
    "萨薩 蒙懞濛矇 虑慮 虚虛 虽雖 补補 表錶 袭襲 装裝 见見 观觀 规規 视視 览覽 觉覺 计計 订訂 "
    "认認 讨討 让讓 训訓 议議 讯訊 记記 讲講 许許 论論 设設 访訪 证証證 评評 识識 诉訴 词詞 "
    "试試 诗詩 诚誠 话話 询詢 该該 语語 误誤 说說説 请請 诸諸 诺諾 读讀 课課 谁誰 调調 谈談 "
    "谋謀 谓謂 谢謝 谷穀 贝貝 负負 贡貢 财財 责責 败敗 货貨 质質 购購 贵貴 贸貿 费費 资資 "
    "赏賞 赛賽 赞讚贊 赵趙 赶趕 车車 转轉 轮輪 软軟 轻輕 载載 较較 辑輯 输輸 边邊 达達 过過 "
    "运運 还還 这這 进進 远遠 违違 连連 迹跡蹟 适適 选選 遗遺 郑鄭 采埰寀採 释釋 里裏裡 针針鍼 "
    "钟鈡鍾鐘 钱錢 铁鐵 银銀 链鍊鏈 销銷 错錯 镇鎭鎮 长長 门門 闪閃 闭閉 问問 间間 闻聞 阅閱閲 "
    "队隊 阳陽 阴陰 阵陣 阶階 际際 陆陸 陈陳 险險 随隨 隐隱 难難 静靜 面麪麫麵 页頁 顶頂 项項 "
    "顺順 须須鬚 顾顧 顿頓 预預 领領 频頻 题題 额額 风風 飞飛 饭飯 馆舘館 马馬 验驗 鱼魚 鲁魯 "
    "鲜鮮 黄黃 齐齊 龙龍 "
)
TRADITIONAL = {pair[0]: pair[1:] for pair in "".join(PAIRS).split()}  # simplified -> its traditional forms


@cache
def both_scripts(source: str) -> str:
    """A regex source that also matches the traditional forms of its simplified characters: 关 becomes [关關],
    and a set that holds 关 holds 關 too."""
    out, in_set, escaped = [], False, False
    for char in source:
        forms = TRADITIONAL.get(char, "") if not escaped else ""
        if escaped or char not in "\\[]":
            out.append(char + forms if in_set or not forms else f"[{char}{forms}]")
        else:
            out.append(char)
            in_set = (char == "[") or (in_set and char != "]")
        escaped = not escaped and char == "\\"
    return "".join(out)


def with_traditional(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words, and each written in traditional characters where that differs (订阅, 訂閱): for the plain
    substring checks that decide whether a pattern is worth running."""
    spelled = ("".join(TRADITIONAL.get(c, c)[0] for c in word) for word in words)
    return tuple(dict.fromkeys((*words, *spelled)))
