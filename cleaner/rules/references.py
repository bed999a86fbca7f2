import regex

from ..hanzi import both_scripts
from ..shapes import clusters
from . import remove, rule

# A footnote that links back to where it is cited: "^ Smith, J. (2010)…", "1. ^ 跳转到： 1.0 1.1 …", "↑ …".
BACKLINKED = regex.compile(r"^(?:\d{1,3}[.)]\s*)?[\^↑]\s")
HEADING = regex.compile(both_scripts(
    r"^(?:references|notes|footnotes|sources|citations|参考(?:资料|文献)|脚注|注释|einzelnachweise|"
    r"anmerkungen|références|notes et références|referencias|referências|примечания|источники|出典|각주|참고 문헌)$"),
    regex.IGNORECASE,
)
MIN_NOTES = 3
MAX_GAP = 2


def _backlinked(text: str) -> bool:
    """BACKLINKED, tried only on a line that holds its mark (most lines do not: no regex call for them)."""
    return ("^" in text or "↑" in text) and bool(BACKLINKED.match(text))


@rule("references", kind="references")
def references(page):
    """A reference list: footnotes that link back to their citation, as wikis and papers print them.

    Signals: three or more blocks that open with a back-link mark ("^ ", "↑ ", "1. ^ "); blocks of up to
    two between two such notes belong to the list (a note wrapped over lines), and so does a heading
    just above it (References, Notes, 参考资料, 脚注, Einzelnachweise, Примечания).
    False positives: a caret opening a line of prose is rare and never three times; a numbered list
    without back-links ("[1] …", "1. …") is left alone, since articles keep their own endnotes.
    Example: "参考资料" / "1. ^ 刘桃熊. 河北雄安新区邮政编码发布. 新华网. 2023-12-06" / … -> removed.
    """
    notes = [b.index for b in page.blocks if b.index not in page.claimed and _backlinked(b.text)]
    if len(notes) < MIN_NOTES:
        return
    for run in clusters(notes, MAX_GAP + 1):
        start = run[0]
        if start > 0 and HEADING.match(page.blocks[start - 1].text) and start - 1 not in page.claimed:
            start -= 1
        span = [i for i in range(start, run[-1] + 1) if i not in page.claimed]
        yield remove(span, f"{len(run)} back-linked footnotes")
