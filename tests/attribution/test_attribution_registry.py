"""The registry of protected names as the database keeps it: former participants kept as
keyed hashes, approved public contacts, consents, and a cache that notices every change."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.check import BLOCK, FORMER_IDENTITY, FormerPerson, Person, Registry, check
from attribution.registry import (
    consented_names,
    registry_cached,
    registry_changed,
    registry_dump,
)
from members.models import FormerParticipant, NamingConsent, PublicContact
from tests.factories import MemberFactory, OrganisationFactory
from tests.hiding import WAYS, hide

KEY = b"k" * 32
FATIMA = Person(
    name="Fatima Noor",
    aliases=("@fatnoor", "https://www.linkedin.com/in/fatima-noor"),
    emails=("fatima.noor@westmoor.gov.uk",),
)


def blocked(text, registry, consented=()):
    return [f.text for f in check(text, registry, consented) if f.severity == BLOCK]


def former_registry(person=FATIMA, key=KEY, suggestion="a council commissioner"):
    return Registry(former=(FormerPerson.from_person(person, key, suggestion),), hash_key=key)


# --- former participants: protected by hash, never stored -------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Fatima Noor said the pilot worked.", "Fatima Noor"),
        ("FATIMA  NOOR\nsaid so", "FATIMA  NOOR"),
        ("We used Ms Noor's template.", "Ms Noor's"),
        ("Fatima explained the budget.", "Fatima"),
        ("**Fátima** Noor shared it", "Fátima** Noor"),
        ("Follow #FatimaNoor for more", "FatimaNoor"),
        (
            "See https://www.linkedin.com/in/fatima-noor for her work",
            "https://www.linkedin.com/in/fatima-noor",
        ),
    ],
)
def test_a_former_participant_is_still_caught(text, expected):
    findings = [f for f in check(text, former_registry()) if f.severity == BLOCK]
    assert [f.text for f in findings] == [expected]
    assert findings[0].identity.startswith(FORMER_IDENTITY)


def test_a_former_participant_gets_role_language_not_a_name():
    (finding,) = check("Fatima Noor said so.", former_registry())
    assert finding.suggestion == "a council commissioner"


def test_the_hashed_record_holds_no_part_of_the_name():
    record = json.dumps(former_registry().former[0].as_dict()).casefold()
    for part in ("fatima", "noor", "westmoor", "linkedin", "fatnoor"):
        assert part not in record


def test_hashes_need_the_key_they_were_made_with():
    made = FormerPerson.from_person(FATIMA, KEY)
    wrong_key = Registry(former=(made,), hash_key=b"x" * 32)
    assert blocked("Fatima Noor said so.", wrong_key) == []


def test_ordinary_words_in_a_former_name_stay_ordinary():
    registry = former_registry(Person(name="Grace Young"))
    assert blocked("A grace period helps young people.", registry) == []
    assert blocked("Grace Young said it helps.", registry) == ["Grace Young"]


LIVE = Registry(
    people=tuple(
        Person(name=n)
        for n in (
            "Grace Williams",
            "Zoë O'Brien",
            "Priya Raman",
            "Will Young-Adebayo",
            "Rose Sharp",
        )
    )
)
FORMER = Registry(former=tuple(FormerPerson.from_person(p, KEY) for p in LIVE.people), hash_key=KEY)
WORDS = (
    "Grace",
    "Williams",
    "grace",
    "Zoë",
    "Zoe",
    "O'Brien",
    "O’Brien's",
    "priya",
    "RAMAN",
    "Will",
    "will",
    "Young-Adebayo",
    "Rose",
    "rose",
    "Sharp",
    "sharply",
    "Ms",
    "Dr",
    "said",
    "the",
    "period",
    "young",
    "people",
    "agreed",
    "*",
    "**",
    "\n",
    ".",
    ",",
    "#GraceWilliams",
    "budgets",
    "and",
)


@settings(
    max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None, derandomize=True
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_a_former_participant_is_caught_exactly_where_the_member_was(words):
    text = " ".join(words)
    live = [(f.start, f.end, f.severity) for f in check(text, LIVE) if f.kind == "person"]
    former = [(f.start, f.end, f.severity) for f in check(text, FORMER) if f.kind == "person"]
    assert former == live, text


# --- from the database ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_member_who_is_erased_stays_protected_without_their_personal_data():
    council = OrganisationFactory(name="Westmoor Borough Council", type="council")
    member = MemberFactory(display_name="Fatima Noor", organisation=council, aliases="@fatnoor")
    member.user.delete()  # erasure: the user and their member profile go

    registry = registry_cached()
    assert "Fatima Noor" not in [p.name for p in registry.people]
    (finding,) = [
        f for f in check("Thanks to Fatima Noor and @fatnoor.", registry) if f.kind == "person"
    ]
    assert finding.identity.startswith(FORMER_IDENTITY)
    assert finding.suggestion == "a council commissioner"
    stored = json.dumps(list(FormerParticipant.objects.values_list("variants", flat=True)))
    assert "fatima" not in stored.casefold() and "noor" not in stored.casefold()


@pytest.mark.django_db
@pytest.mark.parametrize("way", WAYS)
def test_an_erased_members_name_hidden_any_way_still_blocks(way):
    """Former participants are matched by hashes of folded words: folded the same way."""
    MemberFactory(display_name="Fatima Noor").user.delete()
    text = f"Thanks to {hide('Fatima Noor', way)}, who runs the service."
    (finding,) = [f for f in check(text, registry_cached()) if f.severity == BLOCK]
    assert finding.identity.startswith(FORMER_IDENTITY)
    assert text[finding.start : finding.end] == hide("Fatima Noor", way)


@pytest.mark.django_db
def test_a_name_a_member_no_longer_uses_stays_protected():
    member = MemberFactory(display_name="Sarah Jones", aliases="Sal Jones")
    member.display_name = "Sarah Whitfield"
    member.aliases = ""
    member.save()
    assert blocked("Ms Jones said so. Sal Jones agreed.", registry_cached()) == [
        "Ms Jones",
        "Sal Jones",
    ]
    assert blocked("Sarah Whitfield said so.", registry_cached()) == ["Sarah Whitfield"]


@pytest.mark.django_db
def test_a_dumped_registry_still_protects_former_participants(tmp_path):
    from django.core.management import call_command

    MemberFactory(display_name="Fatima Noor").user.delete()
    registry_file = tmp_path / "registry.json"
    registry_file.write_text(json.dumps(registry_dump()))
    notes = tmp_path / "notes.md"
    notes.write_text("Fatima Noor said so.\n")
    with pytest.raises(SystemExit) as exit_:
        call_command("check_attribution", "--registry", str(registry_file), str(notes))
    assert exit_.value.code == 1


@pytest.mark.django_db
def test_approved_public_contacts_do_not_block_and_others_do():
    PublicContact.objects.create(
        value="hello@practicecommons.org.uk", description="The programme's address", approved=True
    )
    PublicContact.objects.create(value="0800 123 4567", description="Helpline", approved=True)
    PublicContact.objects.create(value="jo@example.org", description="Proposed, not approved")
    text = (
        "Write to hello@practicecommons.org.uk or call 0800 123 4567, "
        "not jo@example.org or 07700 900123."
    )
    assert blocked(text, registry_cached()) == ["jo@example.org", "07700 900123"]


@pytest.mark.django_db
def test_consent_for_a_page_lets_that_page_name_them_and_no_other(programme):
    insight, thread = programme.pages["insight"], programme.pages["thread"]
    consent = NamingConsent.give(member=programme.member, output=insight, by=programme.member.user)
    registry = registry_cached()
    text = "Amina Okafor showed how it works."
    assert blocked(text, registry, consented_names(insight)) == []
    assert blocked(text, registry, consented_names(thread)) == ["Amina Okafor"]
    consent.withdraw()
    assert blocked(text, registry_cached(), consented_names(insight)) == ["Amina Okafor"]


@pytest.mark.django_db
def test_an_organisations_consent_covers_its_name():
    org = OrganisationFactory(name="Calder Valley Care Co-op", type="care_cooperative")
    from knowledge.models import HomePage

    page = HomePage.objects.get()
    NamingConsent.give(organisation=org, output=page, by=None)
    assert (
        blocked("Calder Valley Care Co-op led it.", registry_cached(), consented_names(page)) == []
    )


# --- the cache -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_registry_is_built_once_and_then_costs_one_query(django_assert_num_queries):
    MemberFactory(display_name="Fatima Noor")
    first = registry_cached()
    with django_assert_num_queries(1):
        assert registry_cached() is first


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        "member",
        "rename",
        "organisation",
        "contact",
        "consent",
        "guest",
        "erasure",
        "email",
    ],
)
def test_every_change_to_who_is_protected_rebuilds_the_registry(change, programme):
    before = registry_cached()
    if change == "member":
        MemberFactory(display_name="Priya Raman")
    elif change == "rename":
        programme.member.display_name = "Amina Bello"
        programme.member.save()
    elif change == "organisation":
        OrganisationFactory(name="Calder Valley Care Co-op")
    elif change == "contact":
        PublicContact.objects.create(value="hello@practicecommons.org.uk", description="Us")
    elif change == "consent":
        NamingConsent.give(member=programme.member, output=programme.pages["insight"], by=None)
    elif change == "guest":
        from knowledge.models import SessionGuest
        from tests.factories import SessionNoteFactory

        note = SessionNoteFactory(parent=programme.section, title="Guest session")
        SessionGuest.objects.create(session=note, name="Dr Helen Marsh")
    elif change == "erasure":
        programme.outsider.user.delete()
    elif change == "email":
        programme.member.user.email = "amina@newco.example"
        programme.member.user.save()
    assert registry_cached() is not before


@pytest.mark.django_db
def test_signing_in_does_not_throw_the_registry_away(client, programme):
    before = registry_cached()
    client.force_login(programme.member.user)
    assert registry_cached() is before


@pytest.mark.django_db
def test_a_change_stamped_elsewhere_is_noticed():
    before = registry_cached()
    registry_changed()
    assert registry_cached() is not before
