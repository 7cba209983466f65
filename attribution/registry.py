"""The registry of protected identities, built from the database for attribution.check.

Members (display name, aliases, email, organisation, role), organisations (name, aliases, a
council's place name, type, region), session guests who have not consented to be named, the
public contacts site admins approved, and former participants as keyed hashes only.

Building it for 10,000 members takes a good part of a second, so each process keeps the last
one it built with the RegistryVersion number it was built at; every change to who is protected
bumps that number (`registry_changed`, called from each app's signal receivers), so every
process rebuilds on its next check.
"""

import gc
import hashlib
import threading
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings

from attribution.check import (
    DEFAULT_ROLE,
    ROLE_BY_TYPE,
    FormerPerson,
    Organisation,
    Person,
    Registry,
    _council_place,
)


def hash_key() -> bytes:
    """The key for former participants' name hashes. Changing it forgets them: set
    ATTRIBUTION_HASH_KEY once and keep it, even when SECRET_KEY is rotated."""
    secret = settings.ATTRIBUTION_HASH_KEY or settings.SECRET_KEY
    return hashlib.sha256(f"practice-commons.former-names:{secret}".encode()).digest()


# People other apps know of and the registry cannot (knowledge's session guests who have not
# consented to be named): each app registers a function returning them (its AppConfig.ready()).
_people_sources: list[Callable[[], Iterable[Person]]] = []


def register_people_source(source: Callable[[], Iterable[Person]]) -> None:
    """Protect the people `source()` returns too, asked on every rebuild. A change to them must
    call `registry_changed()`, as every change to who is protected does."""
    if source not in _people_sources:
        _people_sources.append(source)


def registry_from_database() -> Registry:
    from members.models import FormerParticipant, Member, PublicContact
    from members.models import Organisation as OrganisationModel
    from themes.aliases import split_aliases

    organisations = []
    org_rows = OrganisationModel.objects.order_by("name").values_list(
        "name", "aliases", "type", "region"
    )
    for name, aliases, org_type, region in org_rows:
        alias_list = split_aliases(aliases)
        if org_type == OrganisationModel.Type.COUNCIL:
            place = _council_place(name)
            if place and place.casefold() not in {a.casefold() for a in alias_list}:
                alias_list.append(place)
        organisations.append(
            Organisation(
                name=name,
                aliases=tuple(alias_list),
                type=org_type or None,
                region=region or None,
            )
        )
    member_rows = Member.objects.order_by("display_name", "pk").values_list(
        "display_name", "aliases", "user__email", "organisation__name", "role_in_organisation"
    )
    people = [member_person(*row) for row in member_rows]
    known = {p.name.casefold() for p in people}
    for source in _people_sources:
        for person in source():
            if person.name.casefold() not in known:
                known.add(person.name.casefold())
                people.append(person)
    return Registry(
        people=tuple(people),
        organisations=tuple(organisations),
        allowed_contacts=tuple(PublicContact.objects.approved().values_list("value", flat=True)),
        former=tuple(
            FormerPerson.from_dict(v)
            for v in FormerParticipant.objects.order_by("pk").values_list("variants", flat=True)
        ),
        hash_key=hash_key(),
    )


def member_person(name, aliases, email, organisation=None, role=None) -> Person:
    """How the registry sees a member: an address-like alias is an email, an @ one a handle."""
    from themes.aliases import split_aliases

    alias_list = split_aliases(aliases)
    emails = [a for a in alias_list if "@" in a and not a.startswith("@") and "/" not in a]
    return Person(
        name=name,
        aliases=tuple(a for a in alias_list if a not in emails),
        emails=tuple(e for e in [email, *emails] if e),
        organisation=organisation or None,
        role=role or None,
    )


_cached: tuple[uuid.UUID | None, Registry] | None = None
_lock = threading.Lock()


def registry_version() -> uuid.UUID | None:
    from members.models import RegistryVersion

    return RegistryVersion.objects.filter(pk=1).values_list("stamp", flat=True).first()


def registry_cached() -> Registry:
    """The database's registry, with its matcher compiled, rebuilt only when it has changed."""
    global _cached
    version = registry_version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        registry = registry_from_database()
        registry.matcher()
        # Hundreds of thousands of long-lived objects: left to the cyclic garbage collector,
        # every full collection would walk them all (0.1 to 0.2 s, in the middle of a request).
        gc.collect()
        gc.freeze()
        _cached = (version, registry)
        return registry


def registry_changed() -> None:
    """Someone's protection changed: every process's cached registry is now stale. Stamped in
    the database inside the caller's transaction, so a rollback takes the change back too."""
    from members.models import RegistryVersion

    global _cached
    _cached = None
    RegistryVersion.objects.update_or_create(pk=1, defaults={"stamp": uuid.uuid4()})


def former_record(person: Person, organisation_type: str | None) -> dict:
    """The hashed record of a person who is leaving: FormerParticipant.variants."""
    suggestion = ROLE_BY_TYPE.get(organisation_type, DEFAULT_ROLE)[0]
    return FormerPerson.from_person(person, hash_key(), suggestion).as_dict()


def consented_names(page) -> list[str]:
    """The names that may appear in this page because their owners consented to it."""
    from members.models import NamingConsent

    return [
        c.named
        for c in NamingConsent.objects.for_output(page).select_related("member", "organisation")
    ]


def registry_dump() -> dict:
    """The database's registry in the registry file format (see check_attribution)."""
    return registry_from_database().as_dict()
