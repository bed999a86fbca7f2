from ..patterns import ABOUT_NAME
from . import remove, rule

MIN_PROSE = 30
MAX_BIO_TOKENS = 150
NAME_TOKENS = 4


@rule("author_bio", kind="byline")
def author_bio(page):
    """The writer's biography under an article: "About the author" or "About Jane Doe", then a paragraph.

    Signals: after at least 30 tokens of the article's prose, a short block that is a biography heading
    (the `bio` family: About the author, 作者简介, Über den Autor, Sobre o autor; or "About" and a name of
    two or three capitalised words), then the writer's name line if one follows, and the paragraph under it
    when it is no longer than 150 tokens.
    False positives: above the article, or before enough of its prose, such a heading is left alone; a
    name needs two capitalised words, so "About us" or "About this" are not names.
    Example: "…last paragraph." / "About Brigit Katz" / "Brigit Katz is a freelance writer…" -> both removed.
    """
    prose = page.prose_before()
    for block in page.free():
        heading = block.tokens <= 6 and (page.coverage(block.index, "bio") > 0.8 or ABOUT_NAME.match(block.text))
        if heading and prose[block.index] >= MIN_PROSE:
            yield remove([block.index, *_bio(page, block.index + 1)], f"the writer's biography under {block.text!r}")


def _bio(page, start: int) -> list[int]:
    """The writer's name line, if any ("Bobins Abraham"), and the paragraph about them."""
    taken = []
    for block in page.blocks[start : start + 3]:
        if block.index in page.claimed or block.tokens > MAX_BIO_TOKENS:
            break
        taken.append(block.index)
        if block.tokens > NAME_TOKENS or block.ends_sentence:
            break
    return taken
