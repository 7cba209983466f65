"""The glossary's synonyms and acronyms, as search expands queries with them.

The glossary (themes.GlossaryTerm) is data the convener edits: each term with its synonyms is a
group of phrases that mean the same thing ("individual service fund", "ISF"). It is read once
per search (one small query), so an edit takes effect on the next search, in every process,
with no redeploy and no cache to invalidate.

`expand()` is what every engine uses: it finds glossary phrases in the reader's words (longest
first, on word boundaries, singular and plural alike) and gives, per segment of the query, the
alternatives to search for: what the reader typed first, then the other phrases of its group.
Engines AND the segments and OR the alternatives of each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .query import tokens, words

Phrase = tuple[str, ...]  # a phrase as tokens: ("individual", "service", "fund")
Segment = tuple[Phrase, ...]  # alternatives: what the reader typed, then its synonyms


def synonym_groups() -> list[frozenset[str]]:
    """The glossary as groups of equivalent phrases, casefolded (one query)."""
    from themes.aliases import split_aliases
    from themes.models import GlossaryTerm

    groups = []
    for term, synonyms in GlossaryTerm.objects.values_list("term", "synonyms"):
        phrases = {" ".join(p.split()).casefold() for p in [term, *split_aliases(synonyms)]}
        phrases.discard("")
        if len(phrases) > 1:
            groups.append(frozenset(phrases))
    return groups


def normal(token: str) -> str:
    """A token with a simple plural folded, for comparing the reader's words with the glossary's
    ("funds" and "fund", "ISFs" and "ISF", "co-ops" and "co-op"). Engines stem for matching;
    this only decides which glossary phrase the reader typed."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 4 and token.endswith(("sses", "xes", "ches", "shes")):
        return token[:-2]
    if len(token) >= 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def _key(phrase: Phrase) -> Phrase:
    return tuple(normal(t) for t in phrase)


def expand(terms: str | Sequence[str], groups: Iterable[frozenset[str]]) -> list[Segment]:
    """The query as segments to AND, each a tuple of phrases to OR (tokens, casefolded).

    expand("ISF ledger", groups) ->
        [(("isf",), ("individual", "service", "fund")), (("ledger",),)]
    A word that is no glossary phrase is one segment of itself; "co-operative" stays one phrase
    ("co", "operative"). Terms are read with search.query.words() whatever they hold.
    """
    typed = [tokens(w) for w in (words(terms) if isinstance(terms, str) else terms)]
    typed = [t for t in typed if t]
    alternatives: dict[Phrase, dict[Phrase, Phrase]] = {}  # key -> {key: phrase}
    for group in groups:
        phrases = [tokens(p) for p in group]
        phrases = [p for p in phrases if p]
        for phrase in phrases:
            found = alternatives.setdefault(_key(phrase), {})
            for other in phrases:
                found.setdefault(_key(other), other)
    longest = max((len(key) for key in alternatives), default=0)

    # Glossary phrases start and end on word boundaries: "co-op" is not found in "co-operative".
    flat: list[str] = [token for word in typed for token in word]
    ends, position = [], 0
    for word in typed:
        position += len(word)
        ends.append(position)

    segments: list[Segment] = []
    i = 0
    while i < len(flat):
        word_end = next(e for e in ends if e > i)
        candidates = sorted({word_end, *(e for e in ends if word_end < e <= i + longest)})
        for end in reversed(candidates):  # the longest phrase first
            key = _key(tuple(flat[i:end]))
            if key in alternatives:
                said = tuple(flat[i:end])
                others = tuple(p for k, p in sorted(alternatives[key].items()) if k != key)
                segments.append((said, *others))
                break
        else:
            end = word_end  # no glossary phrase starts here: this word is one phrase
            segments.append((tuple(flat[i:end]),))
        i = end
    return segments
