from ..patterns import ABOUT_NAME, BIO_SENTENCE
from ..shapes import is_paragraph
from . import remove, rule

MIN_PROSE = 30
MAX_BIO_TOKENS = 150
NAME_TOKENS = 4


@rule("author_bio", kind="byline")
def author_bio(page):
    """The writer's biography under an article: "About the author" or "About Jane Doe" and a paragraph, or a last
    paragraph that opens like one ("Louise Matsakis is a staff writer at WIRED…").

    Signals: after at least 30 tokens of the article's prose, a short block that is a biography heading
    (the `bio` family: About the author, 作者简介, Über den Autor, Sobre o autor; or "About" and a name of
    two or three capitalised words), then the writer's name line if one follows, and the paragraph under it
    when it is no longer than 150 tokens. Or, among the region's last two paragraphs, one of at most 150
    tokens that opens with a capitalised name and "is a … writer / editor / reporter / contributor" (or
    "ist … Redakteur / Autor").
    False positives: above the article, or before enough of its prose, such a heading is left alone; a
    name needs two capitalised words and no determiner, so "About us" or "About Your Host" are not names;
    a "Jane Doe is a reporter" paragraph with more of the article after it is the article's.
    Example: "…last paragraph." / "About Brigit Katz" / "Brigit Katz is a freelance writer…" -> both removed.
    """
    prose, closing = page.prose_before(), _closing_paragraphs(page)
    for block in page.free():
        if prose[block.index] < MIN_PROSE:
            continue  # the cheap tests first: most blocks fail them, and then no pattern runs
        if block.tokens <= 6 and (page.coverage(block.index, "bio") > 0.8 or ABOUT_NAME.match(block.text)):
            yield remove([block.index, *_bio(page, block.index + 1)], f"the writer's biography under {block.text!r}")
        elif block.index in closing and BIO_SENTENCE.match(block.text):
            yield remove(block.index, "the writer's biography at the article's end")


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


def _closing_paragraphs(page) -> set[int]:
    """The blocks of the region after which at most one of its paragraphs follows: the article's last words."""
    closing, after = set(), 0
    for block in reversed(page.blocks):
        if after > 1:
            break
        if block.index not in page.claimed and page.in_region(block.index):
            if block.tokens <= MAX_BIO_TOKENS:
                closing.add(block.index)
            after += is_paragraph(block)
    return closing
