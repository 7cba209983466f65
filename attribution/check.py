"""The non-attribution check: find every way a text reveals a participant, and nothing else.

`check(text, registry, consented=())` is pure and deterministic. The text is folded (casefold,
diacritics stripped, curly apostrophes straightened, whitespace collapsed, Markdown emphasis and
link brackets made transparent) with a map back to original indices, split into word tokens, and
every run of up to `MAX_PHRASE` tokens is looked up in one dictionary of protected phrases built
once per registry (a hash lookup per position, never a loop over names). Case, position and
context then decide whether a match blocks. The rules are written down in docs/attribution.md.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

import regex
from confusable_homoglyphs.utils import load as load_unicode_data

from members.contacts import EMAIL_RE, HANDLE_RE, PHONE_RE, URL_RE, contact_kind, phone_digits

BLOCK = "block"
WARN = "warn"

MAX_PHRASE = 8

TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor cllr councillor sir dame lord lady rev revd "
    "reverend father sister".split()
)
SPEECH_VERBS = frozenset(
    "said says told tells suggested suggests asked asks explained explains described describes "
    "noted notes offered offers argued argues added adds shared shares presented presents "
    "raised raises mentioned mentions proposed proposes reported reports thinks thought "
    "felt feels wondered wonders pointed points emphasised emphasises stressed stresses observed "
    "observes commented comments replied replies responded responds recalled recalls admitted "
    "admits warned warns urged urges insisted insists questioned questions challenged "
    "challenges talked talks spoke speaks wrote writes chaired chairs led leads joined joins "
    "introduced introduces agreed agrees recommended recommends highlighted highlights "
    "summarised summarises welcomed welcomes invited invites volunteered volunteers "
    "runs ran manages managed founded started built works worked wants wanted believes believed "
    "pays paid funds funded hoped hopes met meets called calls emailed emails "
    "and".split()
)
# Ordinary words that commonly open a sentence: capitalised there, they are not a name unless
# the context says so (a possessive, a verb of speech, a title).
SENTENCE_OPENERS = frozenset(
    """
    will hope may grace faith joy young rose mark frank open common change care making space
    new next first home together community support kind light better fresh great high low
    north south east west old best good love long little short rich fair bright strong
    equal sharp wise chase bill page ward field hall price story power summer autumn winter
    spring april june august sunday living life way ways step steps start future
    """.split()
)
# Ordinary English words that are also first names, surnames or parts of organisation names.
# In lower case these never block; capitalised they block only in name-like context.
COMMON_WORDS = frozenset(
    """
    will bill mark frank hope grace faith joy rose amber stone young may june april august
    dawn daisy eve summer holly ivy iris lily ruby pearl violet hazel heather jasmine olive
    poppy sky storm sunny rich price ward wood hill field green brown white black gray grey
    king little long short hall lane moss cook baker carter mason bishop hunter fisher page
    porter marshall chase clay cliff dale glen heath lea ray sterling pat sue chuck jack jay
    robin sandy rusty drew gene guy harry bud don art ken max nick norm sol victor constance
    patience prudence charity chance christian dean prince major earl duke baron rock fox wolf
    lamb bird crane swan drake hawk finch wren reed rush banks brook brooks rivers lake bush
    berry cherry honey candy crystal diamond jewel merry noble power strong sharp wise bright
    fair gold silver cash penny bond story best good love bliss blessing destiny harmony melody
    trinity unity serenity rain river sage forest aspen autumn winter spring rob pierce hunt
    common ground open door space change equal care making bridge bridges street house home
    hilltop greenway gateway pathway pathways horizon horizons compass anchor harbour haven
    beacon lighthouse oak oaks elm ash birch willow cedar maple pine meadow meadows valley vale
    moor moors fields woods hills park parks castle church chapel mill mills well wells cross
    north south east west new old great high low upper lower central city town village
    community trust hub network partnership alliance group services support together circle
    friends family families people neighbours kind kindness light star sun moon dream dreams
    step steps first next way ways life living future better brighter fresh start
    """.split()
)
# Words that are generic in organisation names: a name made only of these and common words
# needs capitals to block.
ORG_GENERIC = frozenset(
    """
    care co op operative cooperative coop co-operative council borough county district city
    metropolitan trust charity foundation cic ltd limited plc llp community business hub
    network group services service support association society centre center nhs icb
    partnership alliance project enterprise enterprises social home homes the of and for in
    on at a an
    """.split()
)
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday easter christmas summer autumn "
    "winter spring".split()
)
DATE_WORDS = frozenset(
    "in on since until till by from during of last next early late mid end before after "
    "this every each through to".split()
)
DETERMINERS = frozenset(
    "the a an this that these those our their its his her my your every each no any".split()
)
ADVERBS = frozenset(
    "also then later too briefly first again once rightly helpfully kindly usefully".split()
)
_CITATION_RE = re.compile(r" ?(?:\(|, ?)(?:1[89]|20)\d\d[a-z]?\b| et al\b")
_APPOSITIVE_RE = re.compile(r", (?:who|whose) ")
_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)")
FUNCTION_WORDS = frozenset("the of and for in on at a an to with by de la le van von der".split())

ROLE_BY_TYPE = {
    "council": ("a council commissioner", "a council"),
    "care_cooperative": ("a member of a care co-operative", "a care co-operative"),
    "community_business": ("a member of a community business", "a community business"),
    "charity": ("a member of a charity", "a charity"),
    "nhs_body": ("a member of an NHS body", "an NHS body"),
    "social_enterprise": ("a member of a social enterprise", "a social enterprise"),
    "micro_enterprise": (
        "a member of a community micro-enterprise",
        "a community micro-enterprise",
    ),
}
DEFAULT_ROLE = ("a member", "a participating organisation")
CONTACT_SUGGESTION = "[contact details removed]"

_TYPE_HINTS = (
    ("council", "council"),
    ("nhs", "nhs_body"),
    ("co-operative", "care_cooperative"),
    ("cooperative", "care_cooperative"),
    ("co-op", "care_cooperative"),
    ("trust", "charity"),
    ("charity", "charity"),
    ("cic", "social_enterprise"),
)
_COUNCIL_SUFFIX = re.compile(
    r"\s+(?:(?:metropolitan\s+)?(?:city|borough|county|district|town|parish)\s+)*council$",
    re.IGNORECASE,
)
_COUNCIL_PREFIX = re.compile(
    r"^(?:the\s+)?(?:london\s+)?(?:borough\s+)?(?:council\s+)?of\s+", re.IGNORECASE
)

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_LAST_WORD_RE = re.compile(r"\w+$")
_JOINER_RE = re.compile(r"[ \-.'’]{0,2}")


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    organisation: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Organisation:
    name: str
    aliases: tuple[str, ...] = ()
    type: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    text: str
    severity: str
    kind: str
    identity: str | None
    suggestion: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "severity": self.severity,
            "kind": self.kind,
            "identity": self.identity,
            "suggestion": self.suggestion,
        }


def _strs(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected a list of strings, got {type(value).__name__}")
    return tuple(str(v).strip() for v in value if v is not None and str(v).strip())


def _opt(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


@dataclass(frozen=True)
class Registry:
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    allowed_contacts: tuple[str, ...] = ()
    former: tuple[FormerPerson, ...] = ()
    hash_key: bytes = field(default=b"", repr=False)
    _cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def from_dict(cls, data: dict, hash_key: bytes = b"") -> Registry:
        """From the registry file format; former members' hashes need the key they were made
        with (see attribution.registry.hash_key)."""
        if not isinstance(data, dict):
            raise ValueError("the registry must be a JSON object")
        people, orgs = [], []
        for p in data.get("people") or ():
            if not isinstance(p, dict) or not _opt(p.get("name")):
                raise ValueError("every person needs a name")
            people.append(
                Person(
                    name=_opt(p["name"]),
                    aliases=_strs(p.get("aliases")),
                    emails=_strs(p.get("emails")),
                    organisation=_opt(p.get("organisation")),
                    role=_opt(p.get("role")),
                )
            )
        for o in data.get("organisations") or ():
            if not isinstance(o, dict) or not _opt(o.get("name")):
                raise ValueError("every organisation needs a name")
            orgs.append(
                Organisation(
                    name=_opt(o["name"]),
                    aliases=_strs(o.get("aliases")),
                    type=_opt(o.get("type")),
                    region=_opt(o.get("region")),
                )
            )
        former = tuple(FormerPerson.from_dict(f) for f in data.get("former_people") or ())
        return cls(
            tuple(people), tuple(orgs), _strs(data.get("allowed_contacts")), former, hash_key
        )

    def as_dict(self) -> dict:
        return {
            "people": [
                {
                    "name": p.name,
                    "aliases": list(p.aliases),
                    "emails": list(p.emails),
                    "organisation": p.organisation,
                    "role": p.role,
                }
                for p in self.people
            ],
            "organisations": [
                {"name": o.name, "aliases": list(o.aliases), "type": o.type, "region": o.region}
                for o in self.organisations
            ],
            "allowed_contacts": list(self.allowed_contacts),
            "former_people": [f.as_dict() for f in self.former],
        }

    def matcher(self) -> _Matcher:
        m = self._cache.get("matcher")
        if m is None:
            m = self._cache["matcher"] = _Matcher(self)
        return m


# --- folding ----------------------------------------------------------------------------------

# Characters that render as nothing (soft hyphen, zero-width space and joiners, word joiner,
# byte order mark, invisible operators, bidirectional marks, variation selectors, Hangul
# fillers...): a name with them inside looks whole to a reader. unicodedata cannot tell them
# all (U+3164 is a letter to it), the Unicode property can.
INVISIBLE_RE = regex.compile(r"\p{Default_Ignorable_Code_Point}")


def strip_invisible(text: str) -> str:
    """`text` without the characters a reader cannot see."""
    return INVISIBLE_RE.sub("", text) if text and not text.isascii() else text


def _latin_lookalikes() -> dict[str, str]:
    """Each non-ASCII character that the Unicode confusables data (UTS #39) says looks like an
    ASCII letter or digit, mapped to it in lower case: Cyrillic "а" to "a", Greek "Η" to "h".

    Applied only to non-ASCII characters, so ordinary English is never skeletonised ("rn"
    stays "rn", "l" and "1" stay apart). A character that looks like a letter pair which is
    itself an ASCII letter's prototype ("rn" for "m") maps to that letter, and a capital that
    looks like "l" is an "I" (UTS #39 puts I and l in one class; names are written "Ian")."""
    data = load_unicode_data("confusables.json")
    letter_for = {}  # ASCII letters' own prototypes: "rn" -> "m"
    for char in "abcdefghijklmnopqrstuvwxyz":
        for glyph in data.get(char, ()):
            if len(glyph["c"]) > 1 and glyph["c"].isascii() and glyph["c"].isalpha():
                letter_for.setdefault(glyph["c"], char)
    out = {}
    for char, glyphs in data.items():
        if len(char) != 1 or char.isascii():
            continue
        for glyph in glyphs:
            target = glyph["c"]
            if target.isascii() and target.isalnum():
                target = letter_for.get(target, target)
                out[char] = "i" if char.isupper() and target in "lI" else target.casefold()
                break
    return out


_LOOKALIKES = _latin_lookalikes()
# One character for one, in the original's case: for the patterns matched on the text as written.
_VISIBLE_LOOKALIKES = {
    c: t.upper() if c.isupper() else t for c, t in _LOOKALIKES.items() if len(t) == 1
}
_HIDING_RE = regex.compile(
    r"[\p{Default_Ignorable_Code_Point}" + regex.escape("".join(_VISIBLE_LOOKALIKES)) + "]"
)
_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u0060\u00b4"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_TRANSPARENT = "*_[]~"
_fold_cache: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    out = _fold_cache.get(ch)
    if out is None:
        if INVISIBLE_RE.match(ch):
            out = ""
        elif ch in _APOSTROPHES:
            out = "'"
        elif ch == "&":
            out = "and"  # "Hearth & Home" is written both ways
        elif ch in _DASHES:
            out = "-"
        elif ch in _TRANSPARENT:
            out = ""
        elif ch.isspace():
            out = " "
        else:
            decomposed = unicodedata.normalize("NFKD", ch)
            out = "".join(c for c in decomposed if not unicodedata.combining(c))
            if not out.isascii():  # a letter from another script that looks Latin: "а", "Η"
                out = "".join(_LOOKALIKES.get(c, c) for c in out)
            out = out.casefold()
            if out and not out.isascii():
                special = {
                    "ø": "o",
                    "ł": "l",
                    "đ": "d",
                    "æ": "ae",
                    "œ": "oe",
                    "ı": "i",
                    "ð": "d",
                    "þ": "th",
                }
                out = "".join(_LOOKALIKES.get(c, special.get(c, c)) for c in out)
        _fold_cache[ch] = out
    return out


_CHUNK_RE = re.compile(r"[^\s*_\[\]~]+|\s+|[*_\[\]~]+")


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the index of its original character."""
    chars: list[str] = []
    index: list[int] = []
    last_space = True
    for m in _CHUNK_RE.finditer(text):
        chunk = m.group(0)
        first = chunk[0]
        if first in _TRANSPARENT:
            continue
        if first.isspace():
            if not last_space:
                chars.append(" ")
                index.append(m.start())
                last_space = True
            continue
        if chunk.isascii() and "`" not in chunk and "&" not in chunk:
            chars.append(chunk.lower())
            index.extend(range(m.start(), m.end()))
            last_space = False
            continue
        for i, ch in enumerate(chunk, m.start()):
            f = _fold_char(ch)
            if not f:
                continue
            if f == " ":
                if last_space:
                    continue
                last_space = True
            else:
                last_space = False
            chars.append(f)
            index.extend([i] * len(f))
    return "".join(chars), index


@functools.lru_cache(maxsize=1 << 16)
def fold_phrase(text: str) -> tuple[str, ...]:
    # cached: compiling a registry folds the same first names, surnames and roles many times
    return tuple(_TOKEN_RE.findall(fold(text)[0]))


# Words for an organisation type, as quasi-identifiers: (kind, type).
TYPE_WORDS: dict[tuple[str, ...], tuple[str, str]] = {
    **{(w,): ("type", "council") for w in ("council", "councils", "commissioner", "commissioners")},
    **dict.fromkeys(
        (
            ("co", "operative"),
            ("co", "operatives"),
            ("cooperative",),
            ("cooperatives",),
            ("co", "op"),
            ("co", "ops"),
            ("coop",),
            ("coops",),
        ),
        ("type", "care_cooperative"),
    ),
    ("community", "business"): ("type", "community_business"),
    ("community", "businesses"): ("type", "community_business"),
    ("charity",): ("type", "charity"),
    ("charities",): ("type", "charity"),
    ("nhs",): ("type", "nhs_body"),
    ("social", "enterprise"): ("type", "social_enterprise"),
    ("social", "enterprises"): ("type", "social_enterprise"),
    ("micro", "enterprise"): ("type", "micro_enterprise"),
    ("micro", "enterprises"): ("type", "micro_enterprise"),
}


# --- the compiled matcher ---------------------------------------------------------------------


@dataclass
class _Entry:
    identity: str
    kind: str  # "person" or "organisation"
    strength: str  # "full", "first", "surname", "alias", "org"
    suggestion: str
    common: bool  # every token is an ordinary word
    distinctive: bool = True
    own_digests: frozenset = frozenset()  # a former participant's name words, hashed


def _infer_type(org: Organisation) -> str | None:
    if org.type:
        return org.type
    lowered = org.name.casefold()
    for hint, kind in _TYPE_HINTS:
        if re.search(rf"(?<![a-z]){re.escape(hint)}(?![a-z])", lowered):
            return kind
    return None


def _council_place(name: str) -> str | None:
    place = _COUNCIL_SUFFIX.sub("", name)
    place = _COUNCIL_PREFIX.sub("", place)
    return place if place and place.casefold() != name.casefold() else None


class _Matcher:
    def __init__(self, registry: Registry):
        self.phrases: dict[tuple[str, ...], list[_Entry]] = {}
        self.name_tokens: dict[str, set[str]] = {}
        self.starts: set[str] = set()
        self.max_len = 1
        self.slugs: dict[str, str] = {}
        self.handles: dict[str, str] = {}
        self.emails: dict[str, str] = {}
        self.allowed = {a.casefold().strip().rstrip("/") for a in registry.allowed_contacts}
        self.allowed_digits = {
            phone_digits(a) for a in registry.allowed_contacts if contact_kind(a) == "phone"
        }
        self.person_keys: dict[str, set[tuple[str, ...]]] = {}
        self.hash_key = registry.hash_key
        self.hashed: dict[str, list[_Entry]] = {}
        self.hashed_starts: set[str] = set()
        self.hashed_slugs: dict[str, str] = {}
        self.org_keys: dict[str, set[tuple[str, ...]]] = {}
        orgs = {o.name.casefold(): o for o in registry.organisations}
        for p in registry.people:
            if p.organisation and p.organisation.casefold() not in orgs:
                orgs[p.organisation.casefold()] = Organisation(name=p.organisation)
        org_types = {k: _infer_type(o) for k, o in orgs.items()}
        self._count_groups(registry, orgs, org_types)
        for o in orgs.values():
            self._add_org(o, org_types[o.name.casefold()])
        for p in registry.people:
            otype = org_types.get((p.organisation or "").casefold())
            self._add_person(p, ROLE_BY_TYPE.get(otype, DEFAULT_ROLE)[0])
        for number, former in enumerate(registry.former, 1):
            self._add_former(former, f"{FORMER_IDENTITY} (#{number})")

    def _count_groups(self, registry: Registry, orgs: dict, org_types: dict):
        """How many members share each combination of quasi-identifiers (place, organisation
        type, role), and the phrases that spell places and roles in a text."""
        self.quasi: dict[tuple[str, ...], tuple[str, str]] = {}  # phrase -> (kind, value)
        self.group_sizes: dict[frozenset, int] = {}
        for o in orgs.values():
            if o.region and fold_phrase(o.region):
                self.quasi[fold_phrase(o.region)] = ("place", o.region.casefold())
        for p in registry.people:
            if p.role and fold_phrase(p.role):
                self.quasi.setdefault(fold_phrase(p.role), ("role", " ".join(fold_phrase(p.role))))
        self.quasi.update(TYPE_WORDS)
        for p in registry.people:
            key = (p.organisation or "").casefold()
            org = orgs.get(key)
            traits = []
            if org is not None and org.region:
                traits.append(("place", org.region.casefold()))
            if org_types.get(key):
                traits.append(("type", org_types[key]))
            if p.role and fold_phrase(p.role):
                traits.append(("role", " ".join(fold_phrase(p.role))))
            for size in range(2, len(traits) + 1):
                for combination in itertools.combinations(traits, size):
                    group = frozenset(combination)
                    self.group_sizes[group] = self.group_sizes.get(group, 0) + 1
        self.quasi_starts = {phrase[0] for phrase in self.quasi}
        self.quasi_max = max((len(phrase) for phrase in self.quasi), default=0)

    def _add(self, key: tuple[str, ...], entry: _Entry, keys: set | None):
        if not key:
            return
        self.phrases.setdefault(key, []).append(entry)
        self.starts.add(key[0])
        self.max_len = min(MAX_PHRASE, max(self.max_len, len(key)))
        if keys is not None:
            keys.add(key)

    def _add_org(self, org: Organisation, otype: str | None):
        suggestion = ROLE_BY_TYPE.get(otype, DEFAULT_ROLE)[1]
        keys = self.org_keys.setdefault(org.name, set())
        names = [org.name, *org.aliases]
        if otype == "council" or _COUNCIL_SUFFIX.search(org.name):
            place = _council_place(org.name)
            if place:
                names.append(place)
        for name in names:
            key = fold_phrase(name)
            if not key:
                continue
            common = all(t in COMMON_WORDS or t in ORG_GENERIC or t.isdigit() for t in key)
            distinctive = any(t not in COMMON_WORDS and t not in ORG_GENERIC for t in key)
            self._add(
                key, _Entry(org.name, "organisation", "org", suggestion, common, distinctive), keys
            )

    def _add_person(self, person: Person, suggestion: str):
        keys = self.person_keys.setdefault(person.name, set())
        for name in person.aliases:
            if name.startswith("@"):
                self.handles[name.casefold()] = person.name
            elif "@" in name and not URL_RE.match(name):
                self.emails[name.casefold()] = person.name
        for email in person.emails:
            self.emails[email.casefold()] = person.name
        for slug in person_slugs(person):
            self.slugs.setdefault(slug, person.name)
        for key, strength, common in person_phrases(person):
            if strength in ("full", "alias"):
                self.name_tokens.setdefault(person.name, set()).update(key)
            entry = _Entry(person.name, "person", strength, suggestion, common)
            self._add(key, entry, keys if strength in ("full", "alias") else None)

    def _add_former(self, former: FormerPerson, identity: str):
        own = frozenset(former.words)
        for digest, strength, common, length in former.variants:
            entry = _Entry(identity, "person", strength, former.suggestion, common, own_digests=own)
            self.hashed.setdefault(digest, []).append(entry)
            self.max_len = min(MAX_PHRASE, max(self.max_len, length))
        self.hashed_starts.update(former.starts)
        for digest in former.slugs:
            self.hashed_slugs.setdefault(digest, identity)

    def lookup(self, words: tuple[str, ...], digests: dict) -> list[_Entry]:
        """The entries a run of folded words spells, plainly or (former members) by hash."""
        entries = self.phrases.get(words) or []
        if self.hashed:
            entries = entries + self.hashed.get(self.digest(" ".join(words), digests), [])
        return entries

    def digest(self, phrase: str, memo: dict) -> str:
        out = memo.get(phrase)
        if out is None:
            out = memo[phrase] = phrase_digest(phrase, self.hash_key)
        return out


def person_phrases(person: Person):
    """Every (folded key, strength, common) by which a person's names and aliases are written:
    the whole name with and without apostrophes, its first word and last word alone, and the
    name run together as in a hashtag. Handles, emails and profile links are not phrases."""
    for name in (person.name, *person.aliases):
        if name.startswith("@") or URL_RE.match(name) or "@" in name:
            continue
        words = [w for w in name.split() if fold_phrase(w)]
        while words and fold_phrase(words[0])[0] in TITLES and len(words) > 1:
            words = words[1:]
        if not words:
            continue
        strength = "full" if name == person.name else "alias"
        joined = " ".join(words)
        for variant in dict.fromkeys((joined, re.sub(r"['’]", "", joined))):
            key = fold_phrase(variant)
            yield key, strength, all(t in COMMON_WORDS for t in key)
            parts = variant.split()
            if len(parts) >= 2:
                for part, role in ((parts[0], "first"), (parts[-1], "surname")):
                    part_key = fold_phrase(part)
                    if len("".join(part_key)) > 1:
                        yield part_key, role, all(t in COMMON_WORDS for t in part_key)
                slug = "".join(key)
                if len(slug) >= 6:  # written run together, as in a hashtag: #FatimaNoor
                    yield (slug,), "slug", False


def person_slugs(person: Person):
    """The folded strings that, as a segment of a profile link, name this person."""
    for name in (person.name, *person.aliases):
        if name.startswith("@"):
            yield re.sub(r"[^a-z0-9]", "", name.casefold())
        elif URL_RE.match(name):
            yield from url_segments(name)
        elif "@" not in name:
            slug = "".join(fold_phrase(name))
            if len(slug) >= 6:
                yield slug
    for email in person.emails:
        local = re.sub(r"[^a-z0-9]", "", email.split("@")[0].casefold())
        if len(local) >= 6:
            yield local


FORMER_IDENTITY = "a former participant"


def phrase_digest(phrase: str, key: bytes) -> str:
    """A keyed hash of a folded phrase: enough to recognise a former member's name, not to
    recover it (without the key, not even by trying every name in a phone book)."""
    return hashlib.blake2b(phrase.encode(), key=key, digest_size=16).hexdigest()


@dataclass(frozen=True)
class FormerPerson:
    """Someone who left or was erased: keyed hashes of the phrases that name them, no name.

    variants: (digest, strength, common, number of words) per phrase; starts: digests of each
    phrase's first word (to find where a phrase may begin); words: digests of every word of
    their names (so "Grace Grace" reads as one name, as it would for a member); slugs: digests
    of profile-link segments."""

    variants: tuple[tuple[str, str, bool, int], ...] = ()
    starts: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    slugs: tuple[str, ...] = ()
    suggestion: str = DEFAULT_ROLE[0]

    @classmethod
    def from_person(cls, person: Person, key: bytes, suggestion: str = DEFAULT_ROLE[0]):
        phrases = list(dict.fromkeys(person_phrases(person)))
        return cls(
            variants=tuple(
                (phrase_digest(" ".join(k), key), strength, common, len(k))
                for k, strength, common in phrases
            ),
            starts=tuple(dict.fromkeys(phrase_digest(k[0], key) for k, _, _ in phrases)),
            words=tuple(
                dict.fromkeys(
                    phrase_digest(w, key)
                    for k, strength, _ in phrases
                    if strength in ("full", "alias")
                    for w in k
                )
            ),
            slugs=tuple(dict.fromkeys(phrase_digest(s, key) for s in person_slugs(person))),
            suggestion=suggestion,
        )

    @classmethod
    def from_dict(cls, data: dict) -> FormerPerson:
        if not isinstance(data, dict):
            raise ValueError("every former person must be an object")
        return cls(
            variants=tuple(
                (str(d), str(s), bool(c), int(n)) for d, s, c, n in data.get("variants") or ()
            ),
            starts=_strs(data.get("starts")),
            words=_strs(data.get("words")),
            slugs=_strs(data.get("slugs")),
            suggestion=_opt(data.get("suggestion")) or DEFAULT_ROLE[0],
        )

    def as_dict(self) -> dict:
        return {
            "variants": [list(v) for v in self.variants],
            "starts": list(self.starts),
            "words": list(self.words),
            "slugs": list(self.slugs),
            "suggestion": self.suggestion,
        }


_URL_NOISE = frozenset("https http www in pub profile profiles user users people company".split())


def url_segments(url: str) -> list[str]:
    """The path segments of a URL that could name someone, folded to letters and digits."""
    out = []
    for raw in re.split(r"[/?#=&]", url.casefold()):
        if "." in raw or ":" in raw:
            continue
        seg = re.sub(r"[^a-z0-9]", "", re.sub(r"[-_]?\d+$", "", raw))
        if len(seg) >= 4 and seg not in _URL_NOISE:
            out.append(seg)
    return out


# --- checking ---------------------------------------------------------------------------------


def _suggest_possessive(suggestion: str, possessive: bool) -> str:
    return suggestion + "'s" if possessive else suggestion


class _Text:
    def __init__(self, text: str):
        self.text = text
        self.folded, self.index = fold(text)
        self.tokens = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(self.folded)]
        # The text as a reader sees it, for the patterns matched on the original (contacts,
        # unregistered names): invisible characters dropped and look-alikes read as the ASCII
        # letter, in their case, each index mapped back to the original.
        self.visible, self.visible_index = text, None
        if not text.isascii() and _HIDING_RE.search(text):
            chars, kept = [], []
            for i, ch in enumerate(text):
                if not ch.isascii():
                    if INVISIBLE_RE.match(ch):
                        continue
                    ch = _VISIBLE_LOOKALIKES.get(ch, ch)
                chars.append(ch)
                kept.append(i)
            self.visible, self.visible_index = "".join(chars), kept

    def from_visible(self, findings):
        """Findings made on `visible`, with their offsets and text in the original."""
        for f in findings:
            if self.visible_index is not None:
                start, end = self.visible_index[f.start], self.visible_index[f.end - 1] + 1
                f = replace(f, start=start, end=end, text=self.text[start:end])
            yield f

    def orig_span(self, fstart: int, fend: int) -> tuple[int, int]:
        return self.index[fstart], self.index[fend - 1] + 1

    def word(self, t: int) -> str:
        s, e = self.tokens[t]
        return self.folded[s:e]

    def capitalised(self, t: int) -> bool:
        s, _ = self.tokens[t]
        return self.text[self.index[s]].isupper()

    def all_caps(self, t: int) -> bool:
        s, e = self.orig_span(*self.tokens[t])
        letters = [c for c in self.text[s:e] if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)

    def sentence_start(self, t: int) -> bool:
        s, _ = self.orig_span(*self.tokens[t])
        window = self.text[max(0, s - 80) : s]
        if self.visible_index is not None:
            window = strip_invisible(window)
        before = window.rstrip(" \t\r\n*_#>-\"'“‘([`•")
        if not before or window.endswith("\n\n"):
            return True
        if before[-1] == ".":
            title = _LAST_WORD_RE.search(before[:-1])
            return not (title and title.group(0).casefold() in TITLES)
        return before[-1] in "!?:;"

    def joined(self, a: int, b: int) -> bool:
        """Tokens a and b (b == a + 1) are adjacent parts of one name."""
        gap = self.folded[self.tokens[a][1] : self.tokens[b][0]]
        return bool(_JOINER_RE.fullmatch(gap)) and gap != ". "

    def possessive_end(self, t: int) -> int:
        """Folded end of token t, extended over a following possessive 's or '."""
        e = self.tokens[t][1]
        rest = self.folded[e : e + 3]
        if rest.startswith("'s") and (len(rest) < 3 or not rest[2].isalnum()):
            return e + 2
        if (
            rest.startswith("'")
            and self.folded[e - 1] == "s"
            and (len(rest) < 2 or not rest[1].isalnum())
        ):
            return e + 1
        return e


def check(text: str, registry: Registry, consented=()) -> list[Finding]:
    """Every way `text` reveals a protected participant: a list of Findings in text order."""
    if not text:
        return []
    matcher = registry.matcher()
    consented_keys = set()
    for name in consented:
        key = fold_phrase(name or "")
        consented_keys.add(key)
        while key and key[0] in TITLES:  # "Dr Patel" consents as Patel
            key = key[1:]
            consented_keys.add(key)
    exempt: set[str] = set()
    for identity, keys in (*matcher.person_keys.items(), *matcher.org_keys.items()):
        if consented_keys & keys:
            exempt.add(identity)
    doc = _Text(text)
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    for f in doc.from_visible(_contacts(doc.visible, matcher)):
        findings.append(f)
        taken.append((f.start, f.end))

    n = len(doc.tokens)
    starts = matcher.starts
    hashed_starts = matcher.hashed_starts
    digests: dict[str, str] = {}  # one hash per distinct word, however often it occurs
    folded = doc.folded
    t = 0
    while t < n:
        s, e = doc.tokens[t]
        if folded[s:e] not in starts and not (
            hashed_starts and matcher.digest(folded[s:e], digests) in hashed_starts
        ):
            t += 1
            continue
        match = _longest_match(doc, matcher, t, exempt, digests)
        if match is None:
            t += 1
            continue
        length, entry, fstart, fend, possessive = match
        start, end = doc.orig_span(fstart, fend)
        if entry.identity in exempt:
            taken.append((start, end))  # consented: neither a finding nor an unknown name
        elif not any(s < end and start < e for s, e in taken):
            kind = "organisation" if entry.kind == "organisation" else "person"
            findings.append(
                Finding(
                    start,
                    end,
                    text[start:end],
                    BLOCK,
                    kind,
                    entry.identity,
                    _suggest_possessive(entry.suggestion, possessive),
                )
            )
            taken.append((start, end))
        t += length
    findings = _merge_adjacent(text, findings)
    findings.extend(doc.from_visible(_unregistered(doc.visible, matcher, taken, doc.visible_index)))
    findings.extend(_small_groups(doc, matcher, taken))
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


def _merge_adjacent(text: str, findings: list[Finding]) -> list[Finding]:
    """One finding for "Mary Quigley" when the member is Mary Ann Quigley, not two."""
    findings.sort(key=lambda f: (f.start, f.end))
    merged: list[Finding] = []
    for f in findings:
        last = merged[-1] if merged else None
        if (
            last
            and last.identity == f.identity
            and last.kind == f.kind
            and f.kind in ("person", "organisation")
            and not text[last.end : f.start].strip(" \t\r\n*_-")
        ):
            merged[-1] = Finding(
                last.start,
                f.end,
                text[last.start : f.end],
                last.severity,
                last.kind,
                last.identity,
                f.suggestion,
            )
        else:
            merged.append(f)
    return merged


def _longest_match(doc: _Text, matcher: _Matcher, t: int, exempt: set[str], digests: dict):
    n = len(doc.tokens)
    words: list[str] = []
    best = None
    for length in range(1, min(matcher.max_len, n - t) + 1):
        j = t + length - 1
        if length > 1 and not doc.joined(j - 1, j):
            break
        words.append(doc.word(j))
        entries = matcher.lookup(tuple(words), digests)
        if not entries:
            continue
        # Common first names have dozens of entries; the decision depends only on the entry's
        # kind and flags and on whether the neighbouring words are the person's own, so it is
        # made once per distinct combination.
        decided: dict[tuple, tuple | None] = {}
        if exempt:  # someone else of the same name still blocks: consented ones come last
            entries = sorted(entries, key=lambda e: e.identity in exempt)
        for entry in entries:
            if entry.own_digests:  # a former participant: which neighbours are their name
                own = {
                    doc.word(k)
                    for k in (t - 1, j + 1)
                    if 0 <= k < n and matcher.digest(doc.word(k), digests) in entry.own_digests
                }
            else:
                own = matcher.name_tokens.get(entry.identity, ())
            key = (
                entry.kind,
                entry.strength,
                entry.common,
                entry.distinctive,
                t > 0 and doc.word(t - 1) in own,
                j + 1 < n and doc.word(j + 1) in own,
            )
            if key not in decided:
                decided[key] = _decide(doc, t, j, entry, own)
            decision = decided[key]
            if decision is not None:
                fstart, fend, possessive = decision
                best = (length, entry, fstart, fend, possessive)
                break
    return best


def _decide(doc: _Text, t: int, j: int, entry: _Entry, own: frozenset | set = frozenset()):
    """Whether tokens t..j, which spell a protected phrase, name the participant here."""
    fend = doc.possessive_end(j)
    possessive = fend != doc.tokens[j][1]
    fstart = doc.tokens[t][0]
    titled = (
        t > 0
        and doc.word(t - 1) in TITLES
        and doc.capitalised(t - 1)
        and (doc.joined(t - 1, t) or doc.folded[doc.tokens[t - 1][1] : doc.tokens[t][0]] == ". ")
    )
    if titled:
        fstart = doc.tokens[t - 1][0]
    n = len(doc.tokens)
    caps = [doc.capitalised(k) for k in range(t, j + 1)]
    # words that need a capital: not function words, not the tail of a hyphenated word
    sig_caps = [
        c
        for k, c in zip(range(t, j + 1), caps, strict=True)
        if doc.word(k) not in FUNCTION_WORDS and (k == t or doc.folded[doc.tokens[k][0] - 1] != "-")
    ]

    if entry.kind == "organisation":
        if entry.distinctive and len(doc.word(t)) > 2 and t == j and not entry.common:
            # a single distinctive word (a place name): capitalised, or any case if all caps
            return (fstart, fend, possessive) if caps[0] else None
        if entry.distinctive and not entry.common and j > t:
            return fstart, fend, possessive
        if j - t >= 3 and not entry.distinctive:
            return fstart, fend, possessive  # four words or more: not there by chance
        if all(sig_caps) and sig_caps:
            if (
                t == j
                and doc.sentence_start(t)
                and not possessive
                and not doc.all_caps(t)
                and doc.word(t) in SENTENCE_OPENERS
            ):
                # a lone ordinary word opening a sentence: only as the subject of speech
                nxt = doc.word(t + 1) if t + 1 < n else ""
                return (fstart, fend, possessive) if nxt in SPEECH_VERBS else None
            if (
                not possessive
                and j + 1 < n
                and doc.joined(j, j + 1)
                and doc.capitalised(j + 1)
                and doc.word(j + 1) not in ORG_GENERIC
                and len(doc.word(j + 1)) > 1
            ):
                return None  # part of another proper noun: "Open Door Policy", "Hilltop Farm"
            return fstart, fend, possessive
        return None

    if entry.strength in ("full", "alias") and j > t:
        if not entry.common or all(sig_caps) or titled:
            return fstart, fend, possessive
        return None

    # a single token: a first name, a surname or a one-word alias
    if titled or entry.strength == "slug":
        return fstart, fend, possessive
    if not caps[0]:
        return None
    if entry.strength == "first" and doc.word(t) in TITLES:
        return None
    # another capitalised word joined to this one (an initial does not count: "Fatima N.")
    nxt_capital_other = (
        t + 1 < n
        and doc.joined(t, t + 1)
        and doc.capitalised(t + 1)
        and not possessive
        and len(doc.word(t + 1)) > 1
        and doc.word(t + 1) not in own
    )
    prev_capital_other = (
        t > 0
        and doc.joined(t - 1, t)
        and doc.capitalised(t - 1)
        and not doc.sentence_start(t)
        and len(doc.word(t - 1)) > 1
        and doc.word(t - 1) not in own
    )
    if entry.strength == "first" and nxt_capital_other:
        return None  # someone else's full name: "Mark Carney" when the member is Mark Ellis
    if entry.strength == "surname" and prev_capital_other:
        return None  # "Adam Smith" when the member is Jo Smith
    if (
        entry.strength in ("surname", "alias")
        and not possessive
        and _CITATION_RE.match(doc.folded, doc.tokens[t][1])
    ):
        return None  # a citation of an author: "Stone (2019)", "(Stone, 2019)", "Stone et al."
    if not entry.common:
        return fstart, fend, possessive
    # an ordinary word that is also a name: only in name-like context
    prev = doc.word(t - 1) if t > 0 else ""
    nxt = doc.word(t + 1) if t + 1 < n else ""
    if doc.word(t) in CALENDAR and (
        prev in DATE_WORDS or prev.isdigit() or nxt.isdigit() or _ORDINAL_RE.fullmatch(prev)
    ):
        return None  # a date: "in May", "14 June", "April 2026"
    if prev in DETERMINERS and not doc.sentence_start(t):
        return None  # "the Bill", "a Young Foundation grant"
    if possessive:
        return fstart, fend, possessive
    if nxt in ADVERBS and t + 2 < n:
        nxt = doc.word(t + 2)  # "Hope also described..."
    if nxt in SPEECH_VERBS and nxt != "and":
        return fstart, fend, possessive
    if _APPOSITIVE_RE.match(doc.folded, doc.tokens[t][1]):
        return fstart, fend, possessive  # "Hope, who runs the trust, ..."
    if doc.all_caps(t):
        return None
    if not doc.sentence_start(t):
        if nxt_capital_other or prev_capital_other:
            return None  # a title-case heading or another proper noun
        return fstart, fend, possessive
    return None


def _contacts(text: str, matcher: _Matcher):
    spans: list[tuple[int, int]] = []

    def free(s, e):
        return not any(a < e and s < b for a, b in spans)

    for m in URL_RE.finditer(text):
        url = m.group(0).rstrip(".,;:!?")
        if url.casefold().rstrip("/") in matcher.allowed:
            continue
        identity = None
        for seg in url_segments(url):
            if seg in matcher.slugs:
                identity = matcher.slugs[seg]
                break
            identity = matcher.hashed_slugs and matcher.hashed_slugs.get(matcher.digest(seg, {}))
            if identity:
                break
        if identity:
            spans.append((m.start(), m.start() + len(url)))
            yield Finding(
                m.start(),
                m.start() + len(url),
                url,
                BLOCK,
                "profile link",
                identity,
                CONTACT_SUGGESTION,
            )
    for m in EMAIL_RE.finditer(text):
        email = m.group(0)
        if email.casefold() in matcher.allowed or not free(m.start(), m.end()):
            continue
        spans.append(m.span())
        yield Finding(
            m.start(),
            m.end(),
            email,
            BLOCK,
            "email",
            matcher.emails.get(email.casefold()),
            CONTACT_SUGGESTION,
        )
    for m in HANDLE_RE.finditer(text):
        handle = m.group(0)
        if handle.casefold() in matcher.allowed or not free(m.start(), m.end()):
            continue
        spans.append(m.span())
        yield Finding(
            m.start(),
            m.end(),
            handle,
            BLOCK,
            "handle",
            matcher.handles.get(handle.casefold()),
            CONTACT_SUGGESTION,
        )
    for m in PHONE_RE.finditer(text):
        phone = m.group(0).rstrip(" -(")
        digits = phone_digits(phone)
        if not 10 <= len(digits) <= 11 or digits in matcher.allowed_digits:
            continue
        if not free(m.start(), m.start() + len(phone)):
            continue
        spans.append((m.start(), m.start() + len(phone)))
        yield Finding(
            m.start(), m.start() + len(phone), phone, BLOCK, "phone", None, CONTACT_SUGGESTION
        )


_UNREGISTERED_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor)\.? "
    r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?"
)


_SPOKEN_NAME_RE = re.compile(
    r"\b([A-Z][a-z]+ [A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?)(?= (?:said|says|told|asked|argued|"
    r"explained|described|suggested|noted|added|shared|presented)\b)"
)


def _unregistered(text: str, matcher: _Matcher, taken, index: list[int] | None):
    """Names of people not in the registry (titled, or two capitalised words before a verb of
    speech): a warning for the convener to decide, never a block. Found in the visible
    `text`; `taken` holds spans of the original, which `index` maps to."""
    spans = [(m.start(), m.end()) for m in _UNREGISTERED_RE.finditer(text)]
    for m in _SPOKEN_NAME_RE.finditer(text):
        words = fold_phrase(m.group(1))
        if words in matcher.quasi:
            continue  # a place or a role, not a person: "North West said"
        if not any(w in FUNCTION_WORDS or w in ORG_GENERIC or w in DETERMINERS for w in words):
            spans.append(m.span(1))
    for start, end in sorted(set(spans)):
        original = (index[start], index[end - 1] + 1) if index is not None else (start, end)
        if any(s < original[1] and original[0] < e for s, e in taken):
            continue
        taken.append(original)
        yield Finding(start, end, text[start:end], WARN, "unregistered name", None, "a participant")


_SENTENCE_END_RE = re.compile(r"[.!?](?: |$)")


def _small_groups(doc: _Text, matcher: _Matcher, taken):
    """A sentence that combines two or more quasi-identifiers (a place, an organisation type, a
    role) shared by fewer than three members re-identifies them: warn (never block), on the
    most specific of them."""
    if not matcher.group_sizes:
        return
    tokens, folded = doc.tokens, doc.folded
    words = [folded[s:e] for s, e in tokens]
    found: list[tuple[int, str, str, int, int]] = []  # (sentence start, kind, value, span)
    sentence_starts: list[int] | None = None
    t = 0
    while t < len(words):
        if words[t] not in matcher.quasi_starts:
            t += 1
            continue
        for length in range(min(matcher.quasi_max, len(words) - t), 0, -1):
            trait = matcher.quasi.get(tuple(words[t : t + length]))
            if trait:
                fstart, fend = tokens[t][0], tokens[t + length - 1][1]
                if sentence_starts is None:
                    sentence_starts = [0, *(m.end() for m in _SENTENCE_END_RE.finditer(folded))]
                sentence = sentence_starts[bisect.bisect_right(sentence_starts, fstart) - 1]
                found.append((sentence, *trait, fstart, fend))
                t += length - 1
                break
        t += 1
    by_sentence: dict[int, list] = {}
    for sentence, kind, value, fstart, fend in found:
        by_sentence.setdefault(sentence, []).append((kind, value, fstart, fend))
    for traits in by_sentence.values():
        kinds = {kind: [] for kind, *_ in traits}
        for kind, value, fstart, fend in traits:
            kinds[kind].append((value, fstart, fend))
        if len(kinds) < 2:
            continue
        smallest = None
        for choice in itertools.product(*kinds.values()):
            group = frozenset(
                (kind, value) for kind, (value, _, _) in zip(kinds, choice, strict=True)
            )
            size = matcher.group_sizes.get(group, 0)
            if 0 < size < 3 and (smallest is None or size < smallest[0]):
                smallest = (size, dict(zip(kinds, choice, strict=True)))
        if smallest is None:
            continue
        size, chosen = smallest
        kind = next(k for k in ("place", "role", "type") if k in chosen)
        value, fstart, fend = chosen[kind]
        start, end = doc.orig_span(fstart, fend)
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        yield Finding(
            start,
            end,
            doc.text[start:end],
            WARN,
            "small group",
            f"{size} member(s) share " + ", ".join(v for v, _, _ in chosen.values()),
            SMALL_GROUP_SUGGESTION[kind],
        )


SMALL_GROUP_SUGGESTION = {
    "place": "one area",
    "role": "a practitioner",
    "type": "a participating organisation",
}
