"""The non-attribution check (attribution/check.py) and its command-line contract."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.check import BLOCK, WARN, Registry, check, fold
from tests.hiding import WAYS, hide

DATA = Path(__file__).parent / "data" / "attribution_devset.json"
ROOT = Path(__file__).resolve().parents[2]
DEVSET = json.loads(DATA.read_text(encoding="utf-8"))
DEV_REGISTRY = Registry.from_dict(DEVSET["registry"])

REGISTRY = Registry.from_dict(
    {
        "people": [
            {"name": "Grace Williams", "organisation": "Equal Care Co-op", "role": "Director"},
            {"name": "Will Young", "organisation": "Making Space"},
            {
                "name": "Rose Sharp",
                "aliases": ["@rosesharp", "https://www.linkedin.com/in/rose-sharp-9"],
                "emails": ["rose@sharp.example"],
            },
            {"name": "Zoë O'Brien", "organisation": "Kirklees Council", "emails": None},
            {"name": "Faith Adebayo", "organisation": "Northfield Trust"},
            {"name": "Priya Raman", "organisation": None, "unknown": "ignored"},
            {"name": "Will Young-Adebayo"},
            {"name": "May Okafor", "organisation": "Northfield Trust"},
            {"name": "Mary Ann Quigley"},
        ],
        "organisations": [
            {"name": "Equal Care Co-op", "aliases": ["Equal Care"], "type": "care_cooperative"},
            {"name": "Making Space", "aliases": None},
            {"name": "Kirklees Council", "type": "council", "region": "Yorkshire"},
            {"name": "Northfield Trust", "type": "charity"},
            {
                "name": "Brightwater Community Business",
                "aliases": ["Brightwater"],
                "type": "community_business",
            },
        ],
        "allowed_contacts": ["hello@practicecommons.example", "0300 123 4567", "@practicecommons"],
    }
)


def blocks(text, registry=REGISTRY, consented=()):
    return [f for f in check(text, registry, consented) if f.severity == BLOCK]


def assert_offsets(text, findings):
    for f in findings:
        assert text[f.start : f.end] == f.text


# --- the dev set ------------------------------------------------------------------------------


def occurrences(text, needle):
    start = 0
    while (i := text.find(needle, start)) != -1:
        yield i, i + len(needle)
        start = i + 1


def test_devset_recall_is_one_and_nothing_clean_is_blocked():
    found = total = false_blocks = 0
    for case in DEVSET["cases"]:
        findings = check(case["text"], DEV_REGISTRY, case["consented"])
        assert_offsets(case["text"], findings)
        hard = [f for f in findings if f.severity == BLOCK]
        if case["expect"] == "block":
            for mention in case["mentions"]:
                for s, e in occurrences(case["text"], mention):
                    total += 1
                    found += any(f.start < e and s < f.end for f in hard)
        elif hard:
            false_blocks += 1
    assert total and found == total
    assert false_blocks == 0


# --- what blocks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("Grace Williams ran the session.", "Grace Williams", "person"),
        ("GRACE WILLIAMS ran it.", "GRACE WILLIAMS", "person"),
        ("thanks to grace   williams for this", "grace   williams", "person"),
        ("Input from Grace\nWilliams today.", "Grace\nWilliams", "person"),
        ("Chaired by *Grace Williams*.", "Grace Williams", "person"),
        ("Chaired by [Grace Williams](https://example.org).", "Grace Williams", "person"),
        ("Grace said the rota works.", "Grace", "person"),
        ("It was Grace who raised it.", "Grace", "person"),
        ("Grace's idea was adopted.", "Grace's", "person"),
        ("Grace’s idea was adopted.", "Grace’s", "person"),
        ("Ms Williams asked about pay.", "Ms Williams", "person"),
        ("Cllr Young asked about pay.", "Cllr Young", "person"),
        ("Mrs. Williams asked about pay.", "Mrs. Williams", "person"),
        ("May said the rota works.", "May", "person"),
        ("Mary Quigley agreed.", "Mary Quigley", "person"),
        ("Grace also described the rota.", "Grace", "person"),
        ("Grace, who runs the co-op, agreed.", "Grace", "person"),
        ("We thanked May for the notes.", "May", "person"),
        ("Will Young chaired.", "Will Young", "person"),
        ("Thanks to Rose Sharp for the notes.", "Rose Sharp", "person"),
        ("ROSE SHARP", "ROSE SHARP", "person"),
        ("Priya shared the template.", "Priya", "person"),
        ("The notes from Raman were clear.", "Raman", "person"),
        ("Zoe O'Brien spoke.", "Zoe O'Brien", "person"),
        ("ZOË O’BRIEN spoke.", "ZOË O’BRIEN", "person"),
        ("We heard from O'Brien.", "O'Brien", "person"),
        ("Equal Care's model pays well.", "Equal Care's", "organisation"),
        ("Making Space runs a café.", "Making Space", "organisation"),
        ("Grants from Making Space Trust helped.", "Making Space", "organisation"),
        ("grants from the equal care co-op helped", "equal care co-op", "organisation"),
        ("In Kirklees, the council pays for outcomes.", "Kirklees", "organisation"),
        ("kirklees council was mentioned", "kirklees council", "organisation"),
        ("Brightwater runs a café.", "Brightwater", "organisation"),
        ("Brightwater’s café opened.", "Brightwater’s", "organisation"),
        ("Write to rose@sharp.example today.", "rose@sharp.example", "email"),
        ("Write to anyone@else.example today.", "anyone@else.example", "email"),
        ("Ring 0161 496 0000 now.", "0161 496 0000", "phone"),
        ("Ring 07700 900123 now.", "07700 900123", "phone"),
        ("Ring +44 (0)20 7946 0000 now.", "+44 (0)20 7946 0000", "phone"),
        ("Ring 020-7946-0000 now.", "020-7946-0000", "phone"),
        ("Follow @rosesharp for more.", "@rosesharp", "handle"),
        ("Follow @someone_else for more.", "@someone_else", "handle"),
        (
            "See https://www.linkedin.com/in/rose-sharp-9 for more.",
            "https://www.linkedin.com/in/rose-sharp-9",
            "profile link",
        ),
        ("See https://twitter.com/rosesharp.", "https://twitter.com/rosesharp", "profile link"),
        ("See linkedin.com/in/priya-raman.", "linkedin.com/in/priya-raman", "profile link"),
        ("Tagged #PriyaRaman today.", "PriyaRaman", "person"),
        ("Notes by P Raman and Priya R. here.", "Raman", "person"),
        ("Notes by P Raman and Priya R. here.", "Priya", "person"),
    ],
)
def test_blocks(text, expected, kind):
    findings = check(text, REGISTRY)
    assert_offsets(text, findings)
    hits = [f for f in findings if f.severity == BLOCK and f.kind == kind]
    start = text.index(expected)
    end = start + len(expected)
    assert any(f.start <= start and end <= f.end for f in hits), findings


@pytest.mark.parametrize(
    "text",
    [
        "There is a grace period of 30 days.",
        "Members will review it next time.",
        "Young people and families were involved.",
        "Prices rose sharply in 2023.",
        "We are making space for change.",
        "The principle is equal care for all.",
        "Faith groups were represented; hope was high.",
        "Will there be funding next year?",
        "Hope is not a strategy.",
        "Mark the date: 14 March at 10.30, or 10:30 on 14/03/2026.",
        "Prices went from £12.50 to £14 an hour, a ratio of 3:1, up 7.5%.",
        "Call the helpline on 0300 123 4567 or write to hello@practicecommons.example.",
        "Follow @practicecommons for news.",
        "As Wenger (1998) argues, communities of practice need a domain.",
        "Will Hutton and the Young Foundation were cited; Grace Hopper too.",
        "As Williams (2019) and (Raman, 2020) and Raman et al. found, it works.",
        "See https://www.linkedin.com/company/skills-for-care for the framework.",
        "A council commissioner described its approach; one co-operative agreed.",
        '"It helped me benchmark our approach." - community of practice member',
        "Stone-built halls on a hilltop by the greenway can host care hubs.",
        "Frank discussion followed about the kirklees-style model.",
        "The Care Act 2014 and NHS England's guidance were shared.",
        "See https://www.gov.uk/government/publications/care-act-2014 for details.",
        "A Grace Period For Providers",
        "The Making Space Festival and the Equal Care Standard were cited.",
        "the rose sharp and sudden",
        "The next session is in May.",
        "On 14 May, and again in May 2026, we met.",
        "May we suggest a different approach?",
        "The Bill was passed in the spring.",
    ],
)
def test_does_not_block(text):
    assert blocks(text) == []


def test_suggestions_use_role_language_by_organisation_type():
    by_text = {
        f.text: f
        for f in check(
            "Zoe O'Brien of Kirklees Council, Grace Williams of Equal Care, Priya Raman, "
            "Northfield Trust and Brightwater.",
            REGISTRY,
        )
    }
    assert by_text["Zoe O'Brien"].suggestion == "a council commissioner"
    assert by_text["Kirklees Council"].suggestion == "a council"
    assert by_text["Grace Williams"].suggestion == "a member of a care co-operative"
    assert by_text["Equal Care"].suggestion == "a care co-operative"
    assert by_text["Priya Raman"].suggestion == "a member"
    assert by_text["Northfield Trust"].suggestion == "a charity"
    assert by_text["Brightwater"].suggestion == "a community business"
    assert by_text["Zoe O'Brien"].identity == "Zoë O'Brien"


def test_consent_exempts_only_the_consenting_person():
    text = "Grace Williams and Will Young led the workshop."
    hits = blocks(text, consented=["Grace Williams"])
    assert [f.text for f in hits] == ["Will Young"]


def test_consent_by_alias_or_organisation():
    assert blocks("Dr Patel noted it.", DEV_REGISTRY, consented=["Dr Patel"]) == []
    assert blocks("Greenway's pilot.", DEV_REGISTRY, consented=["Greenway Hub"]) == []
    assert blocks("Seán offered.", DEV_REGISTRY, consented=["Sean Murphy"]) == []


def test_unregistered_titled_name_warns_but_never_blocks():
    findings = check("Dr Smith's research was cited.", REGISTRY)
    assert findings and all(f.severity == WARN for f in findings)
    assert findings[0].kind == "unregistered name"
    spoken = check("John Smith said it works; the Care Council said no.", REGISTRY)
    assert [(f.text, f.severity) for f in spoken] == [("John Smith", WARN)]


def test_small_group_warns_but_never_blocks():
    reg = Registry.from_dict(
        {
            "people": [
                {"name": "Ann Lee", "organisation": "Lee Co-op"},
                {"name": "Bo Ek", "organisation": "Eastfold Council"},
                {"name": "Cy Ek", "organisation": "Eastfold Council"},
                {"name": "Di Ek", "organisation": "Eastfold Council"},
            ],
            "organisations": [
                {"name": "Lee Co-op", "type": "care_cooperative", "region": "Cornwall"},
                {"name": "Eastfold Council", "type": "council", "region": "North West"},
            ],
        }
    )
    text = "A co-operative in Cornwall described it."
    findings = check(text, reg)
    assert [(f.text, f.severity, f.kind) for f in findings] == [("Cornwall", WARN, "small group")]
    assert check("A council in the North West agreed.", reg) == []


GROUPS = Registry.from_dict(
    {
        "people": [
            {"name": "Ann Lee", "organisation": "Lee Co-op", "role": "Care coordinator"},
            {"name": "Bo Ek", "organisation": "Eastfold Council", "role": "Commissioning manager"},
            {"name": "Cy Ek", "organisation": "Eastfold Council", "role": "Social worker"},
            {"name": "Di Ek", "organisation": "Eastfold Council", "role": "Social worker"},
            {"name": "Ed Ek", "organisation": "Westfold Council", "role": "Social worker"},
        ],
        "organisations": [
            {"name": "Lee Co-op", "type": "care_cooperative", "region": "Cornwall"},
            {"name": "Eastfold Council", "type": "council", "region": "North West"},
            {"name": "Westfold Council", "type": "council", "region": "North West"},
        ],
    }
)


@pytest.mark.parametrize(
    "text, flagged, suggestion",
    [
        # place + role: one commissioning manager in the North West
        (
            "The commissioning manager from the North West shared a template.",
            "North West",
            "one area",
        ),
        # type + role: one care coordinator at a co-operative
        (
            "A care coordinator at a co-operative explained rotas.",
            "care coordinator",
            "a practitioner",
        ),
    ],
)
def test_two_quasi_identifiers_that_fit_fewer_than_three_members_warn(text, flagged, suggestion):
    (finding,) = check(text, GROUPS)
    assert (finding.text, finding.severity, finding.kind, finding.suggestion) == (
        flagged,
        WARN,
        "small group",
        suggestion,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Social workers in the North West agreed.",  # three members share it
        "A council in the North West agreed.",  # four members of that type there
        "Someone in Cornwall said so.",  # one identifier alone
        "The commissioning manager shared a template. The North West is big.",  # two sentences
        "A care coordinator in Yorkshire spoke.",  # nobody in the registry fits: nothing to reveal
    ],
)
def test_combinations_shared_by_three_or_more_do_not_warn(text):
    assert check(text, GROUPS) == []


def test_a_consented_name_is_neither_blocked_nor_warned_about():
    reg = Registry.from_dict({"people": [{"name": "Nina Kowalczyk"}, {"name": "Nina Patel"}]})
    assert check("Nina Kowalczyk said the rota worked.", reg, ["Nina Kowalczyk"]) == []
    # the other Nina is still protected where the text could mean her
    assert [f.text for f in check("Nina Patel said so.", reg, ["Nina Kowalczyk"])] == ["Nina Patel"]


def test_an_ampersand_reads_as_and_both_ways():
    reg = Registry.from_dict(
        {
            "organisations": [
                {"name": "Hearth and Home Care Co-operative"},
                {"name": "Bread & Roses Trust"},
            ]
        }
    )
    assert [f.text for f in check("Hearth & Home Care Co-operative told us.", reg)] == [
        "Hearth & Home Care Co-operative"
    ]
    assert [f.text for f in check("Bread and Roses Trust told us.", reg)] == [
        "Bread and Roses Trust"
    ]


def test_registry_from_dict_tolerates_missing_fields_and_rejects_nameless():
    reg = Registry.from_dict({"people": [{"name": "Ann Lee"}]})
    assert reg.people[0].aliases == () and reg.organisations == ()
    with pytest.raises(ValueError):
        Registry.from_dict({"people": [{"aliases": []}]})
    with pytest.raises(ValueError):
        Registry.from_dict([])


def test_matcher_is_compiled_once_per_registry():
    reg = Registry.from_dict(DEVSET["registry"])
    assert reg.matcher() is reg.matcher()


def test_fold_maps_back_to_original_indices():
    text = "Seán  O’Brien\n**x**"
    folded, index = fold(text)
    assert folded == "sean o'brien x"
    assert [text[i] for i in index][:4] == ["S", "e", "á", "n"]


# --- property tests ---------------------------------------------------------------------------

# Names with at least one word that is not an ordinary word: found in any case. (A name made
# only of ordinary words, like Rose Sharp, needs capitals: see test_blocks.)
NAMES = ["Grace Williams", "Zoë O'Brien", "Priya Raman", "Faith Adebayo", "Will Young-Adebayo"]


def _case(draw, word):
    style = draw(st.sampled_from(["title", "upper", "lower"]))
    if style == "upper":
        return word.upper()
    if style == "lower":
        return word.lower()
    return word


@st.composite
def name_variants(draw):
    name = draw(st.sampled_from(NAMES))
    first, last = name.split(" ")
    first, last = _case(draw, first), _case(draw, last)
    if draw(st.booleans()):
        first, last = (x.replace("ë", "e") for x in (first, last))
    if draw(st.booleans()):
        last = last.replace("'", "’")
    sep = draw(st.sampled_from([" ", "  ", "\n", " \n "]))
    variant = first + sep + last
    if draw(st.booleans()):
        variant += draw(st.sampled_from(["'s", "’s"]))
    mark = draw(st.sampled_from(["", "*", "**", "_"]))
    variant = f"{mark}{variant}{mark}"
    prefix = draw(st.sampled_from(["", "Notes by ", "We thanked ", "(", "- "]))
    suffix = draw(st.sampled_from(["", ".", " said so.", ") and others", ", again."]))
    return prefix + variant + suffix, variant.strip("*_")


@settings(
    max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None, derandomize=True
)
@given(name_variants())
def test_generated_name_variants_are_found(case):
    text, variant = case
    findings = check(text, REGISTRY)
    assert_offsets(text, findings)
    start = text.index(variant)
    hits = [f for f in findings if f.severity == BLOCK]
    assert any(f.start < start + len(variant) and start < f.end for f in hits), (text, findings)


# No verbs of speech: "Young agreed" at a sentence start is a person, by rule.
ORDINARY = (
    "the a an one council co-operative commissioner member members group people young will "
    "grace period rose sharply making space for change equal care all hope stone mark frank "
    "faith open door common ground care providers pay hours outcomes budget budgets personal "
    "direct payments market shaping workforce recruitment was were is are has had with about "
    "from to of in on and or but because after before last next week month year "
    "how what why where community business trust hub fair sharp wage rota"
).split()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(ORDINARY), min_size=3, max_size=25), st.booleans())
def test_ordinary_sentences_without_names_pass(words, capitalise):
    sentence = " ".join(words)
    if capitalise:
        sentence = sentence[0].upper() + sentence[1:]
    sentence += "."
    assert blocks(sentence) == [], sentence


# --- the command-line contract ----------------------------------------------------------------


def run_cli(tmp_path, lines, registry=None):
    reg = tmp_path / "registry.json"
    reg.write_text(json.dumps(registry if registry is not None else DEVSET["registry"]))
    inp = tmp_path / "input.jsonl"
    inp.write_text(lines, encoding="utf-8")
    return subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "check_attribution",
            "--registry",
            str(reg),
            "--jsonl",
            str(inp),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_exit_0_when_all_publishable(tmp_path):
    proc = run_cli(
        tmp_path, json.dumps({"id": "a", "text": "One council agreed.", "consented": []}) + "\n"
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip())
    assert out == {"id": "a", "publishable": True, "findings": []}


def test_cli_exit_1_with_findings(tmp_path):
    lines = "".join(
        json.dumps(x) + "\n"
        for x in [
            {"id": 1, "text": "Fatima Noor spoke.", "consented": []},
            {"id": 2, "text": "Nothing here.", "consented": []},
        ]
    )
    proc = run_cli(tmp_path, lines)
    assert proc.returncode == 1, proc.stderr
    results = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [r["id"] for r in results] == [1, 2]
    assert results[0]["publishable"] is False
    finding = results[0]["findings"][0]
    assert set(finding) == {"start", "end", "text", "severity", "kind", "identity", "suggestion"}
    assert finding["text"] == "Fatima Noor" and finding["severity"] == "block"


def test_cli_exit_2_on_bad_json(tmp_path):
    proc = run_cli(tmp_path, '{"id": 1, "text": \n')
    assert proc.returncode == 2
    assert "not JSON" in proc.stderr


def test_cli_exit_2_on_bad_registry(tmp_path):
    proc = run_cli(tmp_path, json.dumps({"id": 1, "text": "x"}) + "\n", registry=[1, 2])
    assert proc.returncode == 2
    assert "registry" in proc.stderr


def test_cli_exit_2_on_missing_file(tmp_path):
    proc = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "check_attribution",
            "--registry",
            str(tmp_path / "nope.json"),
            "--jsonl",
            str(tmp_path / "nope.jsonl"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2


def test_cli_readable_report_for_a_plain_file(tmp_path):
    reg = tmp_path / "registry.json"
    reg.write_text(json.dumps(DEVSET["registry"]))
    doc = tmp_path / "notes.md"
    doc.write_text("Notes\n\nDr Patel noted it.\n", encoding="utf-8")
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check_attribution", "--registry", str(reg), str(doc)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert "notes.md:3:1: BLOCK person (Ravi Patel)" in proc.stdout
    assert "NOT publishable" in proc.stdout


@pytest.mark.django_db
def test_dump_registry_from_the_database():
    from tests.factories import MemberFactory, OrganisationFactory

    org = OrganisationFactory(
        name="Westmoor Borough Council", type="council", aliases="Westmoor BC"
    )
    MemberFactory(display_name="Mark Ellis", organisation=org, aliases="@markellis\nM. Ellis")
    out = io.StringIO()
    call_command("check_attribution", "--dump-registry", stdout=out)
    data = json.loads(out.getvalue())
    person = next(p for p in data["people"] if p["name"] == "Mark Ellis")
    assert person["organisation"] == "Westmoor Borough Council"
    assert "@markellis" in person["aliases"]
    council = next(o for o in data["organisations"] if o["name"] == "Westmoor Borough Council")
    assert "Westmoor" in council["aliases"] and council["type"] == "council"
    registry = Registry.from_dict(data)
    assert [
        f.text for f in check("In Westmoor, Mark said so.", registry) if f.severity == BLOCK
    ] == ["Westmoor", "Mark"]


NOISE = st.text(
    alphabet=st.sampled_from(list("aeiouGWRYZ  \n\t*_[]()'’-.,@0123456789ëé")),
    max_size=60,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(NOISE, st.sampled_from(NAMES)), max_size=8))
def test_offsets_always_index_the_original_text(parts):
    text = "".join(parts)
    for f in check(text, REGISTRY):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text


# --- names hidden by invisible or look-alike characters ----------------------------------------

PROTECTED = [p.name for p in REGISTRY.people] + [o.name for o in REGISTRY.organisations]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("name", PROTECTED)
def test_a_name_hidden_by_invisible_or_look_alike_characters_still_blocks(name, way):
    try:
        hidden = hide(name, way)
    except AssertionError:
        pytest.skip(f"{name} has no letter that {way} can replace")
    text = f"We learned a lot from {hidden}, who runs the service."
    plain = blocks(text.replace(hidden, name))
    found = blocks(text)
    assert found, text
    assert [f.identity for f in found] == [f.identity for f in plain]
    assert_offsets(text, found)  # suggestions and redactions apply them to the original
    assert found[0].start == text.index(hidden) and found[0].end == text.index(hidden) + len(
        hidden
    ), found


def test_a_hidden_email_or_phone_number_still_blocks_at_its_place():
    text = (
        "Write to rose\u00ad@sharp.example or r\u043ese@sh\u0430rp.example, or call "
        "0161\u200b 496 0000."
    )
    found = blocks(text)
    assert [(f.kind, f.text) for f in found] == [
        ("email", "rose\u00ad@sharp.example"),
        ("email", "r\u043ese@sh\u0430rp.example"),
        ("phone", "0161\u200b 496 0000"),
    ]
    assert_offsets(text, found)


def test_look_alikes_are_read_only_in_words_with_a_letter_from_another_script():
    """The confusables skeleton folds "rn" into "m" and l, I and 1 together: applied to plain
    English, ordinary words would start to block."""
    registry = Registry.from_dict({"people": [{"name": "Rhiannon Moss"}, {"name": "Ian Iles"}]})
    assert blocks("Мoss said so.", registry)  # a Cyrillic capital Em
    assert blocks("Іan said so.", registry)  # a Ukrainian capital I
    assert not blocks("Rnoss said so.", registry)
    assert not blocks("lan said so. The 1les were late.", registry)
    assert not blocks("Η ομάδα μίλησε για τη φροντίδα στο σπίτι.", registry)  # Greek prose


def test_fold_drops_invisible_characters_and_reads_look_alikes_keeping_the_map():
    text = "Rhi\u00adаnnon"
    folded, index = fold(text)
    assert folded == "rhiannon"
    assert index == [0, 1, 2, 4, 5, 6, 7, 8]
