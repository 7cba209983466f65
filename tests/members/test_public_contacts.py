"""In the admin, conveners propose contacts for public pages (site admins approve them) and
record organisations' consent to be named; plain members cannot reach either."""

from django.urls import reverse

from members.models import NamingConsent, PublicContact

from ..factories import InsightFactory

CONTACTS_ADD = "wagtailsnippets_members_publiccontact:add"
CONTACTS_LIST = "wagtailsnippets_members_publiccontact:list"
CONSENTS_ADD = "wagtailsnippets_members_namingconsent:add"
CONSENTS_LIST = "wagtailsnippets_members_namingconsent:list"


def test_convener_proposes_a_public_contact(programme, client_for):
    client = client_for(programme.convener)
    response = client.post(
        reverse(CONTACTS_ADD),
        {"value": " enquiries@practicecommons.org.uk ", "description": "The programme's inbox"},
    )
    assert response.status_code == 302
    contact = PublicContact.objects.get()
    assert contact.value == "enquiries@practicecommons.org.uk"
    assert contact.proposed_by == programme.convener.user
    assert not contact.approved and contact.approved_by is None  # a site admin approves

    html = client.get(reverse(CONTACTS_LIST)).content.decode()
    assert "enquiries@practicecommons.org.uk" in html
    assert "Public contacts" in html


def test_a_value_that_is_not_a_contact_shows_the_error_and_keeps_what_was_typed(
    programme, client_for
):
    response = client_for(programme.convener).post(
        reverse(CONTACTS_ADD), {"value": "ring Sandra", "description": "The helpline"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This is not an email address, a UK phone number" in html
    assert 'value="ring Sandra"' in html
    assert 'value="The helpline"' in html
    assert not PublicContact.objects.exists()


def test_a_plain_member_cannot_reach_the_admin_snippets(programme, client_for):
    client = client_for(programme.member)
    for name in (CONTACTS_LIST, CONTACTS_ADD, CONSENTS_LIST, CONSENTS_ADD):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    client.post(reverse(CONTACTS_ADD), {"value": "0161 496 0000", "description": "Mine"})
    assert not PublicContact.objects.exists()


def test_convener_records_an_organisations_consent(programme, client_for):
    organisation = programme.member.organisation
    case_study = programme.pages["case_study"]
    client = client_for(programme.convener)
    response = client.post(
        reverse(CONSENTS_ADD), {"organisation": organisation.pk, "output": case_study.pk}
    )
    assert response.status_code == 302
    consent = NamingConsent.objects.get()
    assert (consent.organisation, consent.member, consent.output_id, consent.given_by) == (
        organisation,
        None,
        case_study.pk,
        programme.convener.user,
    )

    html = client.get(reverse(CONSENTS_LIST)).content.decode()
    assert f"{organisation.name} consents to be named in “A co-op in a rural county”" in html
    # The member sees it on their own consent page.
    member_html = client_for(programme.member).get("/account/consent/").content.decode()
    assert "A co-op in a rural county" in member_html


def test_recording_it_twice_is_refused_with_a_clear_error(programme, client_for):
    organisation = programme.member.organisation
    case_study = programme.pages["case_study"]
    NamingConsent.give(output=case_study, by=programme.convener.user, organisation=organisation)
    response = client_for(programme.convener).post(
        reverse(CONSENTS_ADD), {"organisation": organisation.pk, "output": case_study.pk}
    )
    assert response.status_code == 200
    assert "has already consented to be named in this page" in response.content.decode()
    assert NamingConsent.objects.count() == 1


def test_convener_cannot_record_consent_for_another_communitys_page(programme, client_for):
    theirs = InsightFactory(parent=programme.other_section, title="Commissioners' secret")
    response = client_for(programme.convener).post(
        reverse(CONSENTS_ADD),
        {"organisation": programme.member.organisation.pk, "output": theirs.pk},
    )
    assert response.status_code == 200
    assert "Choose a page in a community you convene, or a public page" in (
        response.content.decode()
    )
    assert not NamingConsent.objects.exists()


def test_convener_does_not_see_consents_for_another_communitys_pages(programme, client_for):
    theirs = InsightFactory(parent=programme.other_section, title="Commissioners' secret")
    NamingConsent.give(output=theirs, by=programme.outsider.user, member=programme.outsider)
    NamingConsent.give(
        output=programme.pages["insight"], by=programme.member.user, member=programme.member
    )
    html = client_for(programme.convener).get(reverse(CONSENTS_LIST)).content.decode()
    assert "Start small with ISFs" in html
    assert "Commissioners' secret" not in html


def test_a_consent_is_not_edited_in_the_admin_only_inspected(programme, client_for):
    consent = NamingConsent.give(
        output=programme.pages["insight"], by=programme.member.user, member=programme.member
    )
    edit = reverse("wagtailsnippets_members_namingconsent:edit", args=[consent.pk])
    inspect = reverse("wagtailsnippets_members_namingconsent:inspect", args=[consent.pk])
    client = client_for(programme.convener)

    response = client.get(edit)
    assert response.status_code == 302  # back to the dashboard: "permission denied"
    client.post(
        edit,
        {"organisation": programme.member.organisation.pk, "output": programme.pages["tool"].pk},
    )
    consent.refresh_from_db()
    assert (consent.member, consent.output_id) == (programme.member, programme.pages["insight"].pk)

    response = client.get(inspect)
    assert response.status_code == 200
    assert "Amina Okafor" in response.content.decode()


def test_convener_withdraws_an_organisations_consent_and_the_record_stays(programme, client_for):
    organisation = programme.member.organisation
    consent = NamingConsent.give(
        organisation=organisation, output=programme.pages["case_study"], by=None
    )
    client = client_for(programme.convener)
    listing = client.get(reverse(CONSENTS_LIST)).content.decode()
    url = reverse("members_consent_withdraw", args=[consent.pk])
    assert url in listing
    assert "Withdraw consent" in client.get(url).content.decode()  # asks first

    response = client.post(url, follow=True)

    assert "consent to be named in “A co-op in a rural county” is withdrawn" in (
        response.content.decode()
    )
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert client.post(url).status_code == 404  # once is enough


def test_withdrawing_is_for_conveners_of_that_page(programme, client_for):
    consent = NamingConsent.give(
        organisation=programme.member.organisation, output=programme.pages["case_study"], by=None
    )
    url = reverse("members_consent_withdraw", args=[consent.pk])
    assert client_for(programme.member).post(url).status_code == 302  # no admin for members
    member_consent = NamingConsent.give(
        member=programme.member, output=programme.pages["insight"], by=None
    )
    own_url = reverse("members_consent_withdraw", args=[member_consent.pk])
    assert client_for(programme.convener).post(own_url).status_code == 404  # theirs to withdraw
    consent.refresh_from_db()
    member_consent.refresh_from_db()
    assert consent.withdrawn_at is None and member_consent.withdrawn_at is None
