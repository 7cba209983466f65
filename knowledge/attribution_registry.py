"""The registry of protected identities, built from the database for knowledge.attribution.

Members (display name, aliases, organisation, role), organisations (name, aliases including a
council's place name, type, region) and session guests who have not consented to be named.
Not cached yet: build it once per request or command (see docs/attribution.md).
"""

from knowledge.attribution import Organisation, Person, Registry, _council_place


def registry_from_database() -> Registry:
    from knowledge.models import SessionGuest
    from members.models import Member
    from members.models import Organisation as OrganisationModel

    organisations = []
    for org in OrganisationModel.objects.order_by("name"):
        aliases = list(org.alias_list)
        if org.type == OrganisationModel.Type.COUNCIL:
            place = _council_place(org.name)
            if place and place.casefold() not in {a.casefold() for a in aliases}:
                aliases.append(place)
        organisations.append(Organisation(
            name=org.name, aliases=tuple(aliases), type=org.type or None,
            region=org.region or None,
        ))
    people = []
    members = Member.objects.select_related("organisation", "user").order_by("display_name")
    for member in members:
        handles = [a for a in member.alias_list if "@" in a and not a.startswith("@")]
        emails = [e for e in [getattr(member.user, "email", ""), *handles] if e]
        people.append(Person(
            name=member.display_name,
            aliases=tuple(a for a in member.alias_list if a not in handles),
            emails=tuple(emails),
            organisation=member.organisation.name if member.organisation else None,
            role=member.role_in_organisation or None,
        ))
    known = {p.name.casefold() for p in people}
    for guest in SessionGuest.objects.filter(consents_to_be_named=False).order_by("name"):
        if guest.name.casefold() in known:
            continue
        known.add(guest.name.casefold())
        people.append(Person(name=guest.name, organisation=guest.organisation or None,
                             role=guest.role or None))
    return Registry(tuple(people), tuple(organisations))


def registry_dump() -> dict:
    """The database's registry in the registry file format (see check_attribution)."""
    return registry_from_database().as_dict()
