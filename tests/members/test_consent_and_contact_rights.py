"""Who may record consent to be named, and who may approve a public contact (issue 16, item 5).

A consent is recorded only by a convener of a community the person (or one of the
organisation's members) belongs to, or by a site admin; public contacts are the programme's own
addresses, proposed by conveners and approved by site admins only."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from attribution.gate import gate_check
from knowledge.models import AboutPage
from members.models import NamingConsent, PublicContact
from members.permissions import may_record_consent

from ..factories import InsightFactory, MemberFactory, OrganisationFactory, UserFactory

CONSENTS_ADD = "wagtailsnippets_members_namingconsent:add"
CONTACTS_ADD = "wagtailsnippets_members_publiccontact:add"
CONTACTS_LIST = "wagtailsnippets_members_publiccontact:list"
CONTACTS_EDIT = "wagtailsnippets_members_publiccontact:edit"
ADDRESS = "enquiries@practicecommons.org.uk"


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def _theirs(programme):
    """A page of the other community, which its convener may record consents for."""
    return InsightFactory(parent=programme.other_section, title="Commissioners' notes")


def _organisation_options(html):
    import re

    select = re.search(r'<select name="organisation".*?</select>', html, re.S).group(0)
    return {int(value) for value in re.findall(r'<option value="(\d+)"', select)}


# --- consent: the rule ----------------------------------------------------------------------


def test_the_rule_in_one_function(programme, other_convener, superuser):
    convener, other = programme.convener.user, other_convener.user
    member, organisation = programme.member, programme.member.organisation
    assert may_record_consent(convener, member=member)
    assert may_record_consent(convener, organisation=organisation)
    assert not may_record_consent(other, member=member)
    assert not may_record_consent(other, organisation=organisation)
    assert may_record_consent(other, member=other_convener)
    assert may_record_consent(member.user, member=member)  # one's own consent
    assert not may_record_consent(member.user, organisation=organisation)  # not a convener
    loner = OrganisationFactory(name="In no community")
    assert not may_record_consent(convener, organisation=loner)
    assert may_record_consent(superuser, member=member)
    assert may_record_consent(superuser, organisation=loner)


def test_the_service_refuses_a_convener_of_another_community(programme, other_convener):
    theirs = _theirs(programme)
    with pytest.raises(PermissionDenied):
        NamingConsent.give(
            output=theirs, by=other_convener.user, organisation=programme.member.organisation
        )
    with pytest.raises(PermissionDenied):
        NamingConsent.give(output=theirs, by=other_convener.user, member=programme.member)
    assert not NamingConsent.objects.exists()


# --- consent: over HTTP ---------------------------------------------------------------------


def test_another_communitys_convener_cannot_record_an_organisations_consent(
    programme, other_convener, client_for
):
    client = client_for(other_convener)
    offered = _organisation_options(client.get(reverse(CONSENTS_ADD)).content.decode())
    assert programme.member.organisation.pk not in offered
    assert other_convener.organisation.pk in offered

    response = client.post(
        reverse(CONSENTS_ADD),
        {
            "organisation": programme.member.organisation.pk,
            "output": _theirs(programme).pk,
        },
    )
    assert response.status_code == 200
    assert "Choose an organisation with a member in a community you convene" in (
        response.content.decode()
    )
    assert not NamingConsent.objects.exists()


def test_the_communitys_convener_is_offered_and_records_its_organisations(
    programme, other_convener, client_for
):
    client = client_for(programme.convener)
    offered = _organisation_options(client.get(reverse(CONSENTS_ADD)).content.decode())
    assert programme.member.organisation.pk in offered
    assert other_convener.organisation.pk not in offered

    response = client.post(
        reverse(CONSENTS_ADD),
        {
            "organisation": programme.member.organisation.pk,
            "output": programme.pages["case_study"].pk,
        },
    )
    assert response.status_code == 302
    assert NamingConsent.objects.get().organisation == programme.member.organisation


def test_a_superuser_records_any_organisations_consent(programme, superuser, client):
    loner = OrganisationFactory(name="In no community")
    client.force_login(superuser)
    offered = _organisation_options(client.get(reverse(CONSENTS_ADD)).content.decode())
    assert {loner.pk, programme.member.organisation.pk} <= offered

    theirs = _theirs(programme)
    for organisation in (loner, programme.member.organisation):
        response = client.post(
            reverse(CONSENTS_ADD), {"organisation": organisation.pk, "output": theirs.pk}
        )
        assert response.status_code == 302
    assert NamingConsent.objects.count() == 2
    assert NamingConsent.give(output=theirs, by=superuser, member=programme.member)


# --- public contacts ------------------------------------------------------------------------


def _contact_page():
    return AboutPage(title="Contact", body=f"<p>Write to {ADDRESS}.</p>")


def test_a_convener_proposes_a_contact_that_still_blocks_until_a_superuser_approves(
    programme, superuser, client_for, client
):
    response = client_for(programme.convener).post(
        reverse(CONTACTS_ADD),
        {"value": ADDRESS, "description": "The programme's inbox", "approved": "on"},
    )
    assert response.status_code == 302
    contact = PublicContact.objects.get()
    assert not contact.approved  # the convener's "approved" is ignored
    assert contact.proposed_by == programme.convener.user
    assert contact.approved_by is None
    assert not gate_check(_contact_page()).publishable
    html = client_for(programme.convener).get(reverse(CONTACTS_LIST)).content.decode()
    assert "Proposed" in html

    client.force_login(superuser)
    response = client.post(
        reverse(CONTACTS_EDIT, args=[contact.pk]),
        {
            "value": ADDRESS,
            "description": "The programme's inbox",
            "approved": "on",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.approved and contact.approved_by == superuser and contact.approved_at
    assert gate_check(_contact_page()).publishable
    assert "Approved" in client.get(reverse(CONTACTS_LIST)).content.decode()


def test_a_convener_changing_an_approved_contacts_value_withdraws_the_approval(
    programme, superuser, client_for
):
    contact = PublicContact.objects.create(
        value=ADDRESS, description="Inbox", approved=True, approved_by=superuser
    )
    assert gate_check(_contact_page()).publishable  # an approved row keeps working
    client = client_for(programme.convener)
    client.post(
        reverse(CONTACTS_EDIT, args=[contact.pk]),
        {"value": "hello@practicecommons.org.uk", "description": "Inbox"},
    )
    contact.refresh_from_db()
    assert contact.value == "hello@practicecommons.org.uk"
    assert not contact.approved and contact.approved_by is None


def test_existing_contacts_are_marked_approved_by_the_migration(db):
    PublicContact.objects.create(value=ADDRESS, description="Inbox")
    migration = importlib.import_module("members.migrations.0004_publiccontact_approval")
    migration.approve_existing(django_apps, None)
    assert PublicContact.objects.get().approved
    assert gate_check(_contact_page()).publishable


def test_a_member_of_no_community_is_recorded_only_by_a_superuser(programme, superuser):
    loner = MemberFactory(display_name="Nobody Yet")
    assert not may_record_consent(programme.convener.user, member=loner)
    assert may_record_consent(superuser, member=loner)
