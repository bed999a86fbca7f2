"""Phrase families that recur across sites, by language, and the shapes the rules share.

A family is a set of phrases with one meaning (a copyright notice, a related-list heading, ...).
Every phrase is a regular expression fragment; all families compile into one scanner with a named
group per family, run once over each block, so rules never re-scan text. Where phrases of two
families overlap, the family listed first wins, so the generic `ui` words come last.
Adding a language is adding its phrases here.
"""
from __future__ import annotations

from functools import cache

import regex

from .hanzi import both_scripts, with_traditional
from .scan import Scanner, timeout_for

FAMILIES: dict[str, dict[str, list[str]]] = {
    # Copyright, disclaimer and reprint notices.
    "notice": {
        "zh": [
            r"版权所有", r"(?:版权|著作权)归.{0,15}所有", r"保留追究.{0,10}责任", r"版权(?:声明|说明|属于)", r"免责(?:声明|条款)", r"信息存储(?:空间|服务)",
            r"不拥有所有权", r"不承担.{0,6}法律责任", r"仅代表作者", r"不代表本(?:站|网|平台|报)",
            r"转载请(?:注明|联系|保留)", r"如(?:若|需|要)转载", r"未经.{0,8}(?:授权|许可|同意).{0,12}(?:转载|复制|使用|摘编)",
            r"(?:禁止|谢绝|严禁)转载", r"如有侵权", r"侵权.{0,6}(?:删除|联系)", r"涉嫌(?:抄袭|侵权)", r"一经查实",
            r"联系(?:我们|本站)?(?:进行)?删除", r"自发贡献", r"ICP(?:备|证)", r"公网安备", r"增值电信业务",
            r"(?:违法|不良)信息举报", r"本站(?:部分)?(?:内容|文章|资源)(?:来自|来源于|均来自)",
        ],
        "en": [
            r"©", r"\(c\)\s*(?:19|20)\d\d", r"\bcopyright\b", r"\ball rights reserved", r"\boriginally (?:appeared|published) (?:on|in|at)\b",
            r"\breproduction\b.{0,30}\bprohibited", r"\bterms (?:of|and) (?:use|service|conditions)\b", r"\bprivacy (?:policy|notice)\b",
            r"\bcookie (?:policy|settings|preferences)\b", r"\bwas (?:republished|reproduced) (?:from|with)\b", r"\bpowered by\b",
            r"\bthe views expressed\b", r"\bwe use cookies\b", r"\baccept (?:all|cookies)\b", r"\bstrictly necessary\b",
            r"\b(?:targeting|performance|functional|analytics|advertising) cookies\b", r"\bcookie consent\b", r"^always active$",
            r"\bmanage (?:cookie )?(?:preferences|consent)\b", r"\byou consent to\b", r"\badvertising (?:disclaimer|disclosure)\b",
            r"\bis not responsible for the (?:opinions|content|views)\b",
        ],
        "de": [r"\balle rechte vorbehalten\b", r"\bimpressum\b", r"\bdatenschutz(?:erklärung)?\b", r"\bnutzungsbedingungen\b",
               r"^externer inhalt$", r"\bohne (?:dein|ihr)e? (?:einverständnis|einwilligung|zustimmung)\b",
               r"\bübernimmt keine (?:haftung|verantwortung)\b"],
        "fr": [r"\btous droits réservés\b", r"\bmentions légales\b", r"\bpolitique de confidentialité\b"],
        "es": [r"\btodos los derechos reservados\b", r"\baviso legal\b", r"\bpolítica de privacidad\b"],
        "pt": [r"\btodos os direitos reservados\b", r"\bpolítica de privacidade\b", r"\btermos de uso\b"],
        "ru": [r"\bвсе права защищены\b", r"\bполитика конфиденциальности\b", r"\bперепечатка\b"],
        "it": [r"\btutti i diritti riservati\b", r"\briproduzione riservata\b", r"\binformativa (?:sulla )?privacy\b"],
        "nl": [r"\balle rechten voorbehouden\b", r"\bprivacyverklaring\b"],
        "pl": [r"\bwszelkie prawa zastrzeżone\b", r"\bpolityka prywatności\b"],
        "tr": [r"\btüm hakları saklıdır\b", r"\bizinsiz kullanılamaz\b", r"\bgizlilik politikası\b"],
        "id": [r"\bhak cipta\b", r"\bkebijakan privasi\b", r"\bpedoman media siber\b"],
        "ja": [r"無断(?:転載|複製)", r"著作権", r"プライバシーポリシー", r"利用規約"],
        "ko": [r"무단\s?전재", r"재배포\s?금지", r"저작권"],
    },
    # Headings that open a list of other articles.
    "related": {
        "zh": [
            r"相关(?:推荐|阅读|文章|新闻|内容|资讯|链接|专题|话题|报道)", r"猜你(?:喜欢|想看)", r"热门(?:推荐|文章|阅读|资讯|新闻|标签|评论)",
            r"(?:推荐|延伸|扩展|拓展)阅读", r"(?:推荐|最新|精彩|热点|更多)(?:文章|推荐|资讯)", r"(?:大家|其他人)(?:都|也)在看", r"为你推荐",
            r"你可能(?:还)?(?:喜欢|感兴趣|想看)", r"看了(?:本文|这篇文章)的人还", r"阅读排行", r"点击排行", r"本周热门", r"排行榜",
            r"最新(?:发布|更新|评论)", r"其他(?:文章|新闻)", r"^\p{Han}{0,4}推荐$",
        ],
        "en": [
            r"^related:?$", r"\brelated (?:articles?|posts?|stories|news|content|reading|links|coverage|topics)\b", r"\byou (?:may|might) also (?:like|enjoy)\b",
            r"\bread more\b", r"\bmore (?:stories|articles|news|on this|like this)\b", r"^more (?:from|on|in|about)\b.{1,40}$",
            r"^more\b.{1,30}\b(?:stories|articles|reads)$", r"\brecommended(?: for you| stories| articles| reading)?\b",
            r"\bpopular (?:posts|stories|articles|now)\b", r"\bmost (?:popular|read|viewed|shared|emailed)\b", r"\btrending(?: now| stories)?\b",
            r"\bfurther reading\b", r"\bsee also\b", r"\bwhat to read next\b", r"\bdon'?t miss\b", r"\beditors?'? picks\b",
            r"\brecent (?:posts|articles|comments)\b", r"\blatest (?:news|stories|articles|posts)\b", r"\btop stories\b",
            r"\bexplore further\b", r"^(?:keep reading|read next|up next)$",
        ],
        "de": [r"\bähnliche (?:artikel|beiträge|themen)\b", r"\bdas könnte (?:sie|dich|euch) (?:auch )?interessieren\b", r"\bmehr zum thema\b",
               r"\bweitere (?:artikel|beiträge|nachrichten)\b", r"\bmeistgelesen\b", r"\bverwandte (?:artikel|themen)\b", r"\bauch interessant\b",
               r"\bzum weiterlesen\b", r"^lesetipps?:?$", r"\bweiterführende (?:links?|artikel|beiträge|informationen)\b",
               r"\bpassend zum thema\b", r"\b(?:artikel|videos?|beiträge) zum thema\b", r"^lesen sie (?:auch|mehr|hier)\b",
               r"^themen (?:in diesem|im) artikel:?$", r"^(?:neueste|aktuelle|beliebte) (?:artikel|beiträge)$", r"^zu allen beiträgen$",
               r"^weitere informationen:?$"],
        "fr": [r"\barticles? (?:similaires|liés|connexes)\b", r"\bà lire aussi\b", r"\bvous aimerez aussi\b", r"\bsur le même sujet\b",
               r"\bles plus lus\b"],
        "es": [r"\b(?:artículos|noticias) relacionad[oa]s\b", r"\bte puede interesar\b", r"\btambién te puede\b", r"\blo más leído\b",
               r"\bnotas relacionadas\b"],
        "pt": [r"\b(?:artigos|notícias|posts) relacionad[oa]s\b", r"\bvocê (?:também )?pode gostar\b", r"\bleia também\b",
               r"\bveja também\b", r"\bmais lidas\b"],
        "ru": [r"\bпохожие (?:статьи|новости|записи)\b", r"\bвам (?:также )?может быть интересно\b", r"\bчитайте также\b",
               r"\bсмотрите также\b", r"\bпопулярное\b", r"\bпо теме\b"],
        "it": [r"\bleggi anche\b", r"\barticoli correlati\b", r"\bpotrebbe interessarti\b", r"\bi più letti\b", r"\bpotrebbero interessarti\b"],
        "nl": [r"\blees ook\b", r"\bgerelateerde artikelen\b", r"\bmeest gelezen\b"],
        "pl": [r"\bczytaj (?:także|też|więcej)\b", r"\bzobacz (?:także|też)\b", r"\bpolecane\b", r"\bnajczęściej czytane\b",
               r"\b(?:również|też|także) (?:cię|was) zainteresuje\b", r"\bmoże (?:cię|was) (?:też |również |także )?zainteresować\b"],
        "tr": [r"\bilgili haberler\b", r"\bbenzer haberler\b", r"\ben çok okunan(?:lar)?\b", r"\bilginizi çekebilir\b"],
        "id": [r"\bbaca juga\b", r"\bberita terkait\b", r"\bartikel terkait\b", r"\bterpopuler\b"],
        "ja": [r"関連記事", r"おすすめ(?:の)?記事", r"あわせて読みたい", r"人気記事", r"アクセスランキング"],
        "ko": [r"관련\s?기사", r"많이 본 (?:뉴스|기사)", r"추천\s?기사", r"인기\s?기사"],
    },
    # Ads, promotions and calls to subscribe or follow.
    "ad": {
        "zh": [
            r"客服(?:微信|QQ|电话)", r"(?:加|添加|联系)(?:客服)?(?:微信|QQ)", r"微信(?:号|公众号)", r"关注.{0,6}公众号", r"扫码", r"扫一扫",
            r"(?:扫描|长按|识别)(?:下方)?二维码", r"QQ群", r"(?:免费)?(?:领取|获取).{0,10}(?:模板|资料|源码|福利|课程)", r"免费(?:领取|下载|试用)",
            r"点击(?:领取|下载|购买|咨询|报名)", r"限时(?:优惠|特惠|免费)", r"广告", r"赞助商", r"商务合作",
        ],
        "en": [
            r"\badvertisement\b", r"\bsponsored\b", r"\bsign up for (?:our|the|a)\b.{0,20}\bnewsletters?\b", r"\bnewsletters?\b",
            r"\bsubscribe (?:to|now|today)\b", r"\bdownload (?:our|the) app\b", r"\bfollow us\b", r"\bpaid (?:content|post|partnership)\b",
            r"\b(?:earn|receive) (?:a )?(?:small )?commission\b", r"\baffiliate (?:links?|commission)\b",
            r"\bsubscription\b", r"\bto your inbox\b", r"\bdelivered (?:daily|weekly|every)\b", r"\bsign up\b",
            r"\bshop now\b", r"\bbuy now\b", r"^promoted$", r"\bget (?:the|our) latest\b", r"\bad choices\b",
            r"\bdonat(?:e|ion|ing)\b", r"\bcontribute (?:as little as|today|now)\b", r"\breader-funded\b", r"\breader funded\b", r"\breader funding\b",
            r"\bsupport (?:our|independent|quality) (?:journalism|newsroom|reporting|work)\b", r"\bbecome a (?:member|supporter|patron)\b",
            r"\bwe rely on (?:your|our readers'?|reader) support to\b", r"\bnever miss (?:a|an|another) (?:story|update|article|post)\b",
            r"\bwe may (?:receive|earn) (?:compensation|a commission)\b",
            r"\bthanks? (?:you )?for (?:subscribing|signing up)\b", r"\b(?:successfully|already) subscribed\b", r"\bconfirm your subscription\b",
            r"\bactivation link\b", r"\bstay (?:up to date|informed|in the know) (?:with|on|about)\b",
        ],
        "de": [r"^(?:anzeige|werbung)$", r"\bnewsletter\b", r"\bfolgen sie uns\b", r"\bfolge uns\b",
               r"\bverpasse(?:n sie)? keine (?:news|nachrichten|artikel|beiträge)\b", r"\bjetzt (?:abonnieren|bestellen|registrieren|kostenlos)\b", r"\bkostenlos anmelden\b",
               r"\bunterstützen sie (?:uns|unsere arbeit|unabhängigen journalismus|diese form)"],
        "fr": [r"^publicité$", r"\babonnez-vous\b", r"\bnewsletter\b", r"\bsuivez-nous\b"],
        "es": [r"^publicidad$", r"\bsuscríbete\b", r"\bnewsletter\b", r"\bsíguenos\b"],
        "pt": [r"^publicidade$", r"\bassine (?:já|agora)\b", r"\bnewsletter\b", r"\bsiga-nos\b", r"\bnos siga\b"],
        "it": [r"^pubblicità$", r"\babbonati\b", r"\bnewsletter\b"],
        "pl": [r"^reklama$", r"\bzapisz się\b", r"\bnewsletter\b"],
        "nl": [r"^advertentie$", r"\bnieuwsbrief\b"],
    },
    # Headings that open a comment section.
    "comments": {
        "zh": [
            r"(?:网友|读者|最新|热门|全部|精彩|相关)评论", r"评论区", r"(?:发表|我要|查看)评论", r"^评论\s*[(（]?\d*[)）]?\s*$",
            r"\d{1,12}\s*条(?:评论|回复|留言)", r"共\s*\d+\s*条", r"跟帖", r"^留言(?:板|区)?$", r"网友(?:回复|留言)",
        ],
        "en": [
            r"^\d+\s+(?:comments?|responses?|replies|thoughts)\b", r"^comments?(?:\s*\(\d+\))?:?$", r"\bleave a (?:reply|comment)\b",
            r"\bpost a comment\b", r"\bjoin the (?:discussion|conversation)\b", r"\b(?:show|view|load|read) (?:all )?(?:\d+ )?comments\b", r"^discussion$", r"\bcomments are closed\b",
        ],
        "de": [r"^kommentare?(?:\s*\(\d+\))?:?$", r"\bkommentar (?:verfassen|schreiben|abgeben|hinzufügen)\b", r"^\d+\s+kommentare?\b",
               r"\bdiskutieren sie mit\b", r"\bso können sie kommentieren\b",
               r"\bsie müssen (?:sich )?(?:einloggen|anmelden|eingeloggt sein|angemeldet sein)\b"],
        "fr": [r"^commentaires?(?:\s*\(\d+\))?:?$", r"\blaisser un commentaire\b", r"^\d+\s+commentaires?\b"],
        "es": [r"^comentarios?(?:\s*\(\d+\))?:?$", r"\bdeja (?:un|tu) comentario\b", r"^\d+\s+comentarios?\b"],
        "pt": [r"^comentários?(?:\s*\(\d+\))?:?$", r"\bdeixe (?:um|seu) comentário\b", r"^\d+\s+comentários?\b"],
        "it": [r"^commenti(?:\s*\(\d+\))?:?$", r"\blascia un commento\b", r"^\d+\s+commenti\b"],
        "pl": [r"^komentarze(?:\s*\(\d+\))?:?$", r"\bdodaj komentarz\b", r"^\d+\s+komentarz[ey]?\b"],
        "nl": [r"^reacties?(?:\s*\(\d+\))?:?$", r"\blaat een reactie achter\b", r"^\d+\s+reacties?\b"],
    },
    # Pagination and previous/next links.
    "pagination": {
        "zh": [
            r"上一(?:篇|页|章|条)", r"下一(?:篇|页|章|条)", r"前一(?:篇|页)", r"后一(?:篇|页)", r"尾页", r"末页",
            r"第\s*\d+\s*页", r"共\s*\d+\s*页", r"返回(?:首页|顶部|列表|目录|上一级)", r"没有了",
        ],
        "en": [
            r"\b(?:previous|prev|next) (?:article|post|page|story|chapter|entry|slide|image|photo)\b", r"\b(?:older|newer) (?:posts?|entries|articles)\b",
            r"\bpage \d+ of \d+\b", r"\bback to top\b", r"^(?:«\s*)?previous$", r"^next(?:\s*»)?$",
        ],
        "de": [r"\bseite \d+ von \d+\b", r"\b(?:vorheriger|nächster) (?:artikel|beitrag)\b"],
        "fr": [r"\bpage \d+ sur \d+\b", r"\barticle (?:précédent|suivant)\b"],
        "es": [r"\bpágina \d+ de \d+\b", r"\b(?:artículo|entrada) (?:anterior|siguiente)\b"],
        "pt": [r"\bpágina \d+ de \d+\b", r"\b(?:artigo|post) (?:anterior|seguinte)\b"],
        "it": [r"\bpagina \d+ di \d+\b", r"\barticolo (?:precedente|successivo)\b"],
        "nl": [r"\bpagina \d+ van \d+\b", r"\b(?:vorig|volgend) artikel\b"],
        "pl": [r"\bstrona \d+ z \d+\b", r"\b(?:poprzedni|następny) artykuł\b"],
        "id": [r"\bhalaman \d+ dari \d+\b", r"\b\d+ dari \d+ halaman\b", r"\bartikel (?:sebelumnya|selanjutnya)\b"],
    },
    # Headings of the writer's biography under an article: "About the author", "About Jane Doe", "作者简介".
    "bio": {
        "zh": [r"^(?:作者|编者)简介[:：]?$", r"^关于(?:作者|笔者)[:：]?$"],
        "en": [r"^about (?:the )?(?:author|writer|contributor|reporter)s?:?$", r"^author (?:bio|info|profile|details):?$"],
        "de": [r"^über (?:den|die) autor(?:in)?:?$", r"^autor(?:en|in)?(?:info|profil)(?:rmationen)?:?$", r"^zur person:?$"],
        "fr": [r"^à propos de l'auteur:?$"],
        "es": [r"^sobre el autor:?$", r"^acerca del autor:?$"],
        "pt": [r"^sobre o autor:?$"],
        "ru": [r"^об авторе:?$"],
        "it": [r"^(?:sull'|l')autore:?$"],
        "nl": [r"^over de auteur:?$"],
        "pl": [r"^o autorze:?$"],
        "tr": [r"^(?:yazar|editör) hakkında:?$"],
        "id": [r"^tentang penulis:?$"],
        "ja": [r"^(?:著者|筆者)(?:について|プロフィール)$", r"^この記事を書いた人$"],
        "ko": [r"^기자 소개$"],
    },
    # Byline keys: who wrote it, where it came from, when.
    "byline": {
        "zh": [
            r"作\s*者", r"^文\s*[/|｜:：]", r"记\s*者", r"通讯员", r"(?:责任|本文|值班|网络)?编辑", r"责编", r"审核", r"校对", r"来\s*源",
            r"出\s*处", r"(?:发布|发表|更新|上传|提交|录入|添加)(?:时间|日期|于)", r"发表于", r"时\s*间[:：]", r"日\s*期[:：]",
            r"(?:阅读|浏览|点击|访问)(?:量|数|次数|人数)?[:：]?\s*\d", r"投稿(?:用户|人)?", r"供\s*稿", r"摄\s*影", r"图片来源", r"字数",
        ],
        "en": [
            r"^by\s+\p{Lu}", r"\bwritten by\b", r"\bposted (?:on|by|in|at)\b", r"\bpublished(?: on| at)?\b", r"\bupdated(?: on| at)?\b",
            r"\blast (?:modified|updated)\b", r"\bauthor\b", r"\breporter\b", r"\beditor\b", r"\bphotos? by\b", r"\bstaff writer\b",
            r"\bmin(?:ute)?s? read\b", r"\bsource\b",
        ],
        "de": [r"\bveröffentlicht\b", r"\baktualisiert\b", r"^von:?\s+\p{Lu}", r"\bautor(?:in)?\b", r"^(?:stand|datum):"],
        "fr": [r"\bpublié le\b", r"\bmis à jour\b", r"^par\s+\p{Lu}", r"\bauteur\b"],
        "es": [r"\bpublicado\b", r"\bactualizado\b", r"^por\s+\p{Lu}"],
        "pt": [r"\bpublicado em\b", r"\batualizado em\b"],
        "pl": [r"^źródło:", r"\bdata (?:utworzenia|publikacji|aktualizacji)\b", r"\bopublikowano\b", r"\bdziennikar(?:z|ka)\b"],
    },
    # Site furniture: breadcrumbs, share and like widgets, login and search boxes, menus.
    "ui": {
        "zh": [
            r"当前位置", r"您的位置", r"你的位置", r"所在位置", r"首页", r"分享(?:到|至)?", r"转发", r"收藏", r"点赞", r"打赏", r"举报",
            r"评论", r"登录", r"注册", r"退出", r"搜索", r"设为首页", r"网站地图", r"联系我们", r"关于我们", r"字号", r"打印",
            r"关闭(?:窗口|本页)", r"[大中小]{3}", r"微博", r"微信", r"QQ空间", r"豆瓣", r"复制链接", r"返回", r"更多", r"订阅", r"留言",
            r"导航", r"频道", r"帮助", r"客户端", r"APP", r"手机版", r"电脑版", r"赞", r"回复", r"顶", r"踩", r"推荐", r"投稿",
        ],
        "en": [
            r"\bshare(?: (?:this|on|via))?\b", r"\btweet\b", r"\bpin(?: it)?\b", r"\bemail(?: this)?\b", r"\bprint(?: this)?\b",
            r"\blog ?(?:in|out)\b", r"\bsign (?:in|up|out)\b", r"\bregister\b", r"\bsearch\b", r"\bskip to\b", r"\bmenu\b", r"\bhome\b",
            r"\bsubscribe\b", r"\bcomments?\b", r"\blike\b", r"\breply\b", r"\bcontact(?: us)?\b", r"\babout(?: us)?\b", r"\bsitemap\b",
            r"\bfacebook\b", r"\btwitter\b", r"\blinkedin\b", r"\bwhatsapp\b", r"\breddit\b", r"\bpinterest\b", r"\binstagram\b",
            r"\bwas this (?:article|post|page) (?:helpful|useful)\b", r"\bno ratings yet\b", r"^tags?:?$", r"^loading\s*(?:\.\.\.|…)?$",
            r"\byoutube\b", r"\bcopy link\b", r"\bfollow\b", r"\bclose\b", r"\bopen\b", r"\bmore\b", r"\bsave\b", r"\bnews\b",
            r"\bsections?\b", r"\bvideo\b", r"\bpodcasts?\b", r"\bnewsletters?\b", r"\bfeedback\b", r"\bhelp\b", r"\bfaq\b",
            r"\bprivacy\b", r"\bterms\b", r"\bcookies?\b", r"\badvertise\b", r"\bcareers\b", r"\bjobs\b", r"\bedition\b",
        ],
        "de": [r"\bteilen\b", r"\bdrucken\b", r"\btwittern\b", r"\be-mail\b", r"\bstartseite\b", r"\bsuche\b", r"\b(?:an|ab)melden\b",
               r"\bregistrieren\b", r"\bkommentieren\b", r"\bkommentare?\b", r"\bmerken\b", r"\bzurück\b", r"\bmehr\b", r"\bweiterlesen\b",
               r"\bschließen\b", r"\binhalt laden\b", r"\bbewerten\b", r"\bbewertungen\b", r"\bspeichern\b", r"\bjetzt\b",
               r"\b(?:(?:den|diesen|das|die) )?(?:artikel|beitrag|seite|rezept)\b.{0,25}\b(?:teilen|drucken|merken|speichern|bewerten)\b",
               r"\bwar (?:der|dieser) (?:artikel|beitrag) (?:hilfreich|nützlich)\b", r"\b(?:noch )?keine bewertungen\b", r"\bals pdf herunterladen\b",
               r"^(?:tags|schlagw(?:o|ö)rter?|schlagworte|stichw(?:o|ö)rter|themen):?$"],
        "fr": [r"\bpartager\b", r"\bimprimer\b", r"\btweeter\b", r"\bcommenter\b", r"\bcommentaires?\b", r"\baccueil\b", r"\brechercher\b",
               r"\bse connecter\b", r"\bs'inscrire\b", r"\bfermer\b", r"\blire la suite\b"],
        "es": [r"\bcompartir\b", r"\bimprimir\b", r"\bcomentar\b", r"\bcomentarios?\b", r"\binicio\b", r"\bbuscar\b", r"\biniciar sesión\b",
               r"\bregistrarse\b", r"\bcerrar\b", r"\bleer más\b"],
        "pt": [r"\bcompartilhar\b", r"\bpartilhar\b", r"\bcomentários?\b", r"\bpesquisar\b", r"\bfechar\b", r"\bleia mais\b"],
        "it": [r"\bcondividi\b", r"\bstampa\b", r"\bcommenta\b", r"\bcommenti\b", r"\bcerca\b", r"\baccedi\b", r"\bregistrati\b",
               r"\bchiudi\b", r"\bleggi di più\b"],
        "pl": [r"\budostępnij\b", r"\bdrukuj\b", r"\bskomentuj\b", r"\bkomentarze\b", r"\bszukaj\b", r"\bzaloguj\b", r"\bzarejestruj\b",
               r"\bzamknij\b"],
        "nl": [r"\bdelen\b", r"\bafdrukken\b", r"\breageren\b", r"\breacties\b", r"\bzoeken\b", r"\binloggen\b", r"\bsluiten\b", r"\blees meer\b"],
    },
}

DEFAULT_LANGUAGES = ("zh", "en", "de", "fr", "es", "pt", "ru", "it", "nl", "pl", "tr", "id", "ja", "ko")


@cache
def compile_scanner(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> Scanner:
    """The scanner of every family's phrases in `languages`, so one scan of a page finds every family's hits.

    Built once per set of languages: a scanner is read-only, so every Cleaner may share it.
    """
    phrases = {family: [both_scripts(p) for lang in languages for p in by_lang.get(lang, ())] for family, by_lang in FAMILIES.items()}
    return Scanner({family: fragments for family, fragments in phrases.items() if fragments})


# Shapes shared by several rules.
URL = regex.compile(r"(?:https?://|www\.)[^\s\"'<>，。、；）)\]】]+", regex.IGNORECASE)
EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DATE_ONLY = regex.compile(
    r"^(?:(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/月]\d{1,2}日?|\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d)"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:,?\s*\d{1,2}:\d{2}(?::\d{2})?)?$"
    r"|^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"  # "Wednesday November 20, 2019"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?(?:\s+\d{1,2}:\d{2})?$",
    regex.IGNORECASE,
)
# "32M ago", "7H ago 08:51", "3 hours ago", "5分钟前", "Yahoo財經 · 19 小時前": when a teaser was posted, maybe by whom.
AGO_UNITS = r"(?:秒|分钟|小时|天|周|个月|年)前"  # after a number: "5分钟前", "3天前" (a post's age too: `thread.STAMP`)
RELATIVE_TIME = regex.compile(both_scripts(
    r"(?:^|[\s·•|])(?:\d+\s*(?:[smhdw]|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago(?:\s+\d{1,2}:\d{2})?"
    rf"|\d+\s*{AGO_UNITS}|(?:今天|昨天|前天)(?:\s*\d{{1,2}}:\d{{2}})?|just now|刚刚)$"),
    regex.IGNORECASE,
)
# Words of cookie banners and privacy notices, in the languages above: a run of blocks full of them is a
# site's consent text, whatever its headings say.
CONSENT = regex.compile(
    r"\bcookies?\b|\bconsent\b|\bopt[- ]out\b|\btracking technolog|\beinwilligung|\bconsentement\b|\btraceurs\b"
    r"|\bconsentimiento\b|\bconsenso\b|\bconsentimento\b|\bçerez|\bciasteczk|クッキー|쿠키",
    regex.IGNORECASE,
)
CONSENT_MARKS = ("cookie", "consen", "opt", "tracking technolog", "einwilligung", "traceurs", "çerez", "ciasteczk", "クッキー", "쿠키")
# What every comment or post header (`comments.COMMENT_HEADER`) holds in its folded line, but for the time of day.
HEADER_MARKS = with_traditional(("re:", "#", "楼", "于", "says", "said", "wrote", "writes", "commented", "replied"))
# "About Jane Doe", "Über Moritz Bachmann": a biography's heading names its writer (case matters, so not a family).
ABOUT_NAME = regex.compile(r"^(?:About|Über|Sobre|Acerca de|À propos de)\s+(?!(?:Your|Our|The|This|These|Their|My|His|Her|Us)\b)\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{L}.'’-]+){1,2}:?$")
# The first words of a writer's biography: "Louise Matsakis is a staff writer at WIRED", "Jeff Foust (jeff@…) is the
# editor of …", "Anna Schmidt ist Redakteurin …". Case matters: the name is capitalised.
BIO_SENTENCE = regex.compile(
    r"^\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3}(?:\s+\([^()]{1,60}\))?\s+"
    r"(?:(?:is|was)\s+(?:a|an|the)\s+[^.]{0,60}?\b(?i:writer|editor|reporter|journalist|contributor|correspondent|columnist|author|producer|critic)"
    r"|ist\s+[^.]{0,40}?(?i:redakteur|autor|journalist|korrespondent|reporter))"
)
# A view or read count after a teaser's date: "02-15 1万+", "2023-04-10 8675 阅读", "May 3 1.2k views".
TRAILING_COUNT = regex.compile(both_scripts(r"\s[\d,.]++[kKwW万千]?\+?\s*+(?:阅读|浏览|次|views?|reads?)?$"), regex.IGNORECASE)
NUMBER_ONLY = regex.compile(both_scripts(r"^[(\[（【]?\s*+[\d,.]++\s*+[kKwW万]?\s*+[)\]）】]?$"))  # possessive: "1" + 20,000 spaces was quadratic
ELLIPSIS = ("…", "...", "。。。")  # ending a block, before any white space

CONTACTS = {
    "wechat": regex.compile(both_scripts(r"(?:微信|weixin|wechat|vx|v信)\s*(?:号|ID)?\s*[:：]?\s*([A-Za-z][\w-]{4,19}|\d{5,12})"), regex.IGNORECASE),
    "qq": regex.compile(both_scripts(r"QQ\s*(?:号|群|群号)?\s*[:：]?\s*(\d{5,11})"), regex.IGNORECASE),
    "email": EMAIL,
    "phone": regex.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})(?!\d)"),
    "url": URL,
}


def find_contacts(text: str) -> list[tuple[str, str]]:
    """(kind, value) for each contact in an ad or notice; an email is not also counted as a QQ number."""
    found = []
    for kind, pattern in CONTACTS.items():
        for match in pattern.finditer(text, timeout=timeout_for(text)):
            value = match.group(match.lastindex or 0)
            if not any(value in seen for _, seen in found):
                found.append((kind, value))
    return found
