"""The words a reader gets from a piece of HTML, read by a real HTML parser.

Editors and members type anything, and `See <![x> here` is text a browser shows as "See  here"
(the `<![x>` is a bogus comment). Django's strip_tags and the regular expressions this
project used before raised on it, or guessed differently from a browser; tinyhtml5 parses the
way the WHATWG specification (and so every browser) does, and never raises on any input.
"""

from __future__ import annotations

from xml.etree.ElementTree import Comment, Element

from tinyhtml5.parser import HTMLParser

# Tags that do not end a word: "<b>Fa</b>tima" is one word on the screen. Every other element
# does, so "<li>Fatima</li><li>Noor</li>" stays two.
INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong "
    "sub sup time u var".split()
)
# Elements whose content is not read as text.
_NOT_TEXT = frozenset({"script", "style", "template"})


def parse_fragment(source: str) -> Element:
    """The element tree of an HTML fragment (rich text, a summary), as a browser builds it."""
    return HTMLParser(namespace_html_elements=False).parse_fragment(source)


def element_text(root: Element, *, comments: bool = False) -> str:
    """The text under an element, block-level elements on lines of their own; comments'
    words too if asked (they are in the bytes anyone can read)."""
    parts: list[str] = []

    def walk(element: Element) -> None:
        for child in element:
            if child.tag is Comment:
                if comments and child.text:
                    parts.append(f"\n{child.text}\n")
            elif not isinstance(child.tag, str) or child.tag in _NOT_TEXT:
                pass
            else:
                inline = child.tag in INLINE
                if not inline:
                    parts.append("\n")
                if child.text:
                    parts.append(child.text)
                walk(child)
                if not inline:
                    parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    if root.text:
        parts.append(root.text)
    walk(root)
    return "".join(parts)


def html_to_text(source: str) -> str:
    """The words a reader gets from this HTML, entities decoded, one block to a line."""
    if "<" not in source and "&" not in source:
        return source
    return element_text(parse_fragment(source))
