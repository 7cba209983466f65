"""Ways to hide a name from a check that reads code points rather than what a reader sees:
invisible characters inside its words, and letters of other scripts that look Latin."""

from __future__ import annotations

# Default-ignorable code points: each renders as nothing, or nothing a reader would notice.
INVISIBLE = {
    "soft hyphen": "\u00ad",  # arrives by accident in text pasted from Word or a PDF
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "invisible times": "\u2062",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "Arabic letter mark": "\u061c",
    "combining grapheme joiner": "\u034f",
    "Hangul filler": "\u3164",  # a letter to Python's unicodedata
    "variation selector-16": "\ufe0f",  # not a combining mark to unicodedata
}
LOOK_ALIKES = {
    "Cyrillic look-alikes": str.maketrans("aceopxyiëABCEHKMOPTXY", "асеорхуіёАВСЕНКМОРТХУ"),
    "Greek look-alikes": str.maketrans("oiuvABEHIKMNOPTXYZ", "οιυνΑΒΕΗΙΚΜΝΟΡΤΧΥΖ"),
}
WAYS = [*INVISIBLE, *LOOK_ALIKES, "soft hyphens and a Cyrillic a"]


def hide(name: str, way: str) -> str:
    """`name` as it looks to a reader, written so that no word of it is spelt as registered."""
    if way in INVISIBLE:
        mark = INVISIBLE[way]
        hidden = " ".join(word[:1] + mark + word[1:] for word in name.split(" "))
    elif way in LOOK_ALIKES:
        hidden = name.translate(LOOK_ALIKES[way])
    else:
        hidden = " ".join(word[:1] + "\u00ad" + word[1:] for word in name.split(" "))
        hidden = hidden.replace("a", "\u0430")
    assert hidden != name, f"{way} cannot hide {name!r}: pick a name with a look-alike letter"
    return hidden
