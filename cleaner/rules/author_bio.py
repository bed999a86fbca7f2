from ..patterns import ABOUT_NAME
from . import remove, rule

MIN_PROSE = 100
MAX_BIO_TOKENS = 150


@rule("author_bio", kind="byline")
def author_bio(page):
    """The writer's biography under an article: "About the author" or "About Jane Doe", then a paragraph.

    Signals: after at least 100 tokens of the article's prose, a short block that is a biography heading
    (the `bio` family: About the author, 作者简介, Über den Autor, Sobre o autor; or "About" and a name of
    two or three capitalised words), and the block right after it when it is no longer than 150 tokens.
    False positives: above the article, or before enough of its prose, such a heading is left alone; a
    name needs two capitalised words, so "About us" or "About this" are not names.
    Example: "…last paragraph." / "About Brigit Katz" / "Brigit Katz is a freelance writer…" -> both removed.
    """
    prose = page.prose_before()
    for block in page.free():
        heading = block.tokens <= 6 and (page.coverage(block.index, "bio") > 0.8 or ABOUT_NAME.match(block.text))
        if heading and prose[block.index] >= MIN_PROSE:
            after = block.index + 1
            bio = [after] if after < len(page.blocks) and after not in page.claimed and page.blocks[after].tokens <= MAX_BIO_TOKENS else []
            yield remove([block.index, *bio], f"the writer's biography under {block.text!r}")

