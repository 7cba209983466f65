"""The words a reader gets from a piece of HTML, read by a real HTML parser.

Editors and members type anything, and `See <![x> here` is text a browser shows as "See  here"
(the `<![x>` is a bogus comment). Django's strip_tags and the regular expressions this
project used before raised on it, or guessed differently from a browser. Lexbor (through
selectolax) parses the way the WHATWG specification, and so every browser, does: it never
raises on any input, and it is fast enough to read every anonymous response before it is
served (bench/guard_text.py). The gate, feeds, the learning report's PDF and the last check on
anonymous responses all read HTML through this module.
"""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Tags that do not end a word: "<b>Fa</b>tima" and "Fa<wbr>tima" are one word on the screen.
# Every other element does, so "<li>Fatima</li><li>Noor</li>" stays two.
INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong "
    "sub sup time u var wbr".split()
)
# Elements whose content is not text on the screen (nor do they end a word: "Fa<script>
# </script>tima" shows "Fatima").
NOT_TEXT = frozenset({"script", "style"})


def parse_fragment(source: str) -> LexborHTMLParser:
    """An HTML fragment (rich text, a summary) as a browser builds it inside an element."""
    return LexborHTMLParser(source, is_fragment=True)


def parse_document(source: str) -> LexborHTMLParser:
    """A whole HTML page as a browser builds it."""
    return LexborHTMLParser(source)


def walk(
    tree: LexborHTMLParser,
    opaque: frozenset[str] = NOT_TEXT,
) -> Iterator[tuple[LexborNode, bool]]:
    """Every node of a parsed document or fragment in document order, as (node, True) on the
    way in, and for an element (node, False) again on the way out, after its content. The
    content of `opaque` elements is not visited: the caller reads it whole. A template's content
    is visited: it is in the bytes anyone can read. Iterative, so no nesting is too deep."""
    node = tree.root
    if node is None:
        return
    if node.parent is not None:  # a document: start at its first node (a comment, the doctype)
        node = node.parent.child
    open_elements: list[LexborNode] = []
    while node is not None:
        yield node, True
        if node.is_element_node:
            child = None
            if node.tag == "template":
                child = next((f.child for f in node.template_fragments()), None)
            elif node.tag not in opaque:
                child = node.child
            if child is not None:
                open_elements.append(node)
                node = child
                continue
            yield node, False
        following = node.next
        while following is None and open_elements:
            node = open_elements.pop()
            yield node, False
            following = node.next
        node = following


def tree_text(tree: LexborHTMLParser) -> str:
    """The text of a parsed document or fragment, block-level elements on lines of their own."""
    parts: list[str] = []
    for node, _entering in walk(tree):
        if node.is_text_node:
            parts.append(node.text_content)
        elif node.is_element_node and node.tag not in INLINE and node.tag not in NOT_TEXT:
            parts.append("\n")
    return "".join(parts)


def html_to_text(source: str) -> str:
    """The words a reader gets from this HTML fragment, entities decoded, one block to a line."""
    if "<" not in source and "&" not in source:
        return source
    return tree_text(parse_fragment(source))
