"""Members give, see and withdraw their own consent to be named in one page at a time."""

import re

from django.urls import reverse

from members.models import NamingConsent

from ..factories import InsightFactory, UserFactory

CONSENT_URL = "/account/consent/"


def _html(response):
    return response.content.decode()


def _options(html):
    """The pages offered in the consent form, by id."""
    select = re.search(r'<select name="output".*?</select>', html, re.S).group(0)
    return {int(value) for value in re.findall(r'<option value="(\d+)"', select)}


def _give(client, page):
    return client.post(CONSENT_URL, {"output": page.pk}, follow=True)


def test_the_page_lives_at_account_consent():
    assert reverse("members:consent") == CONSENT_URL


def test_anonymous_readers_are_sent_to_sign_in(db, client):
    response = client.get(CONSENT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    response = client.post(CONSENT_URL, {"output": 1})
    assert response.status_code == 302
    assert not NamingConsent.objects.exists()


def test_the_page_says_plainly_what_consent_means(programme, client_for):
    html = _html(client_for(programme.member).get(CONSENT_URL))
    assert "<h1>Your consent to be named</h1>" in html
    assert "that page only" in html
    assert "withdraw your consent at any time" in html
    assert "withdrawing may unpublish the page" in html
    assert '<label for="id_output">Page</label>' in html


def test_signed_in_members_find_the_page_in_the_navigation(programme, client_for):
    html = _html(client_for(programme.member).get("/"))
    assert f'href="{CONSENT_URL}">Your consent</a>' in html


def test_a_member_is_offered_their_communitys_pages_and_the_public_ones(programme, client_for):
    draft = InsightFactory(parent=programme.section, title="Our draft learning", live=False)
    html = _html(client_for(programme.member).get(CONSENT_URL))
    offered = _options(html)
    assert {page.pk for page in programme.pages.values()} <= offered
    assert draft.pk in offered
    assert "Our draft learning (insight, draft)" in html
    about = programme.home.get_children().get(slug="about")
    assert about.pk in offered
    assert programme.home.pk not in offered
    assert programme.section.pk not in offered
    assert programme.other_section.pk not in offered
    assert "Care Enterprise Circle (members only)" in html
    assert "Public pages" in html


def test_a_member_of_another_community_is_not_offered_its_pages(programme, client_for):
    html = _html(client_for(programme.outsider).get(CONSENT_URL))
    offered = _options(html)
    assert not {page.pk for page in programme.pages.values()} & offered
    assert programme.pages["insight"].title not in html
    assert programme.home.get_children().get(slug="about").pk in offered


def test_a_member_consents_to_be_named_and_sees_it_listed(programme, client_for):
    insight = programme.pages["insight"]
    response = _give(client_for(programme.member), insight)
    html = _html(response)

    assert response.redirect_chain == [(CONSENT_URL, 302)]
    assert "You consented to be named in “Start small with ISFs”." in html
    assert f'<a href="{insight.url}">Start small with ISFs</a>' in html
    assert 'Withdraw<span class="visually-hidden"> your consent for ‘Start small with ISFs’' in html
    consent = NamingConsent.objects.get()
    assert (consent.member, consent.output_id, consent.given_by) == (
        programme.member,
        insight.pk,
        programme.member.user,
    )
    assert consent.withdrawn_at is None


def test_giving_consent_twice_is_one_consent(programme, client_for):
    client = client_for(programme.member)
    _give(client, programme.pages["insight"])
    _give(client, programme.pages["insight"])
    assert NamingConsent.objects.count() == 1


def test_a_draft_is_listed_but_not_linked(programme, client_for):
    draft = InsightFactory(parent=programme.section, title="Our draft learning", live=False)
    html = _html(_give(client_for(programme.member), draft))
    assert "<td>Our draft learning</td>" in html
    assert f'href="{draft.url}"' not in html


def test_a_page_of_another_community_is_refused_and_nothing_saved(programme, client_for):
    theirs = InsightFactory(parent=programme.other_section, title="Commissioners' secret")
    response = client_for(programme.member).post(CONSENT_URL, {"output": theirs.pk})
    html = _html(response)
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "you can consent for pages in your own communities and on the public site only" in html
    assert "Commissioners' secret" not in html
    assert not NamingConsent.objects.exists()


def test_the_site_home_page_is_refused(programme, client_for):
    response = client_for(programme.member).post(CONSENT_URL, {"output": programme.home.pk})
    assert response.status_code == 200
    assert "There is a problem" in _html(response)
    assert not NamingConsent.objects.exists()


def test_a_page_can_be_chosen_in_advance(programme, client_for):
    tool = programme.pages["tool"]
    html = _html(client_for(programme.member).get(CONSENT_URL, {"output": tool.pk}))
    assert f'<option value="{tool.pk}" selected>' in html


def test_withdrawing_keeps_the_history(programme, client_for):
    client = client_for(programme.member)
    insight = programme.pages["insight"]
    _give(client, insight)
    consent = NamingConsent.objects.get()

    response = client.post(reverse("members:consent_withdraw", args=[consent.pk]), follow=True)
    html = _html(response)

    assert "You withdrew your consent for “Start small with ISFs”." in html
    assert "Withdrawn on" in html
    assert "your consent for ‘Start small with ISFs’" not in html  # no Withdraw button left
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert not NamingConsent.objects.for_output(insight).exists()

    _give(client, insight)  # consenting again is a new consent; the withdrawn one stays
    assert NamingConsent.objects.filter(member=programme.member, output=insight).count() == 2
    assert NamingConsent.objects.for_output(insight).count() == 1


def test_withdrawing_needs_a_form_post(programme, client_for):
    client = client_for(programme.member)
    _give(client, programme.pages["insight"])
    consent = NamingConsent.objects.get()
    response = client.get(reverse("members:consent_withdraw", args=[consent.pk]))
    assert response.status_code == 405
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_a_member_cannot_withdraw_someone_elses_consent(programme, client_for):
    consent = NamingConsent.give(
        output=programme.pages["insight"], by=programme.convener.user, member=programme.convener
    )
    response = client_for(programme.member).post(
        reverse("members:consent_withdraw", args=[consent.pk])
    )
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_a_member_sees_their_organisations_consents_read_only(programme, client_for):
    organisation = programme.member.organisation
    NamingConsent.give(
        output=programme.pages["case_study"], by=programme.convener.user, organisation=organisation
    )
    html = _html(client_for(programme.member).get(CONSENT_URL))
    assert f"Consents for {organisation.name}" in html
    assert "Your convener records these" in html
    assert "A co-op in a rural county" in html
    assert "your consent for ‘A co-op in a rural county’" not in html  # nothing to withdraw
    assert "You have not consented to be named in any page." in html


def test_an_account_without_a_member_profile_is_told_consent_is_for_members(db, client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    response = client.get(CONSENT_URL)
    assert response.status_code == 403
    assert "Consent to be named is for members" in _html(response)
    assert client.post(CONSENT_URL, {"output": 1}).status_code == 403
    assert not NamingConsent.objects.exists()


# Shared lists (issue 16): a page outside every community's section is listed only once it has
# passed the gate (live, with no view restriction), so a draft public output's title, copied
# from one community's thread, never reaches members of the others.


def _draft_output(hub, title="Fatima Begum's rota fix"):
    """A public output curated from a member's thread, not yet through the gate."""
    from learning.models import PublicOutputPage

    return hub.add_child(
        instance=PublicOutputPage(title=title, slug="draft-output", summary="Rotas.", live=False)
    )


def test_a_draft_public_page_is_not_offered_to_members(programme, hub, client_for):
    draft = _draft_output(hub)
    for member in (programme.member, programme.outsider):
        html = _html(client_for(member).get(CONSENT_URL))
        assert draft.pk not in _options(html)
        assert "Fatima Begum" not in html


def test_a_draft_public_page_is_refused_when_posted(programme, hub, client_for):
    draft = _draft_output(hub)
    response = client_for(programme.outsider).post(CONSENT_URL, {"output": draft.pk})
    assert "There is a problem" in _html(response)
    assert "Fatima Begum" not in _html(response)
    assert not NamingConsent.objects.exists()


def test_a_restricted_page_outside_the_sections_is_not_offered(programme, client_for):
    from wagtail.models import PageViewRestriction

    about = programme.home.get_children().get(slug="about")
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    html = _html(client_for(programme.member).get(CONSENT_URL))
    assert about.pk not in _options(html)


def test_a_consent_for_a_page_the_member_may_not_see_hides_its_title(programme, hub, client_for):
    draft = _draft_output(hub)
    NamingConsent.give(
        output=draft, by=programme.convener.user, organisation=programme.member.organisation
    )
    html = _html(client_for(programme.member).get(CONSENT_URL))
    assert "Fatima Begum" not in html
    assert "A page that is not public yet" in html
