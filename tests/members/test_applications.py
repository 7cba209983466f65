"""Applying to join a recruiting community: the dates, eligibility up front with its reasons, a
draft saved section by section and reached again by a private link, and no submission while a
required answer is missing."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from attribution.registry import registry_cached
from members.joining import RULES, SECTIONS
from members.models import Application

pytestmark = pytest.mark.django_db

ELIGIBLE = {
    "based_in_england": "yes",
    "applying_as": "organisation",
    "religious_purpose_only": "no",
    "charitable_purpose": "yes",
    "delivers_care": "yes",
    "name": "Grace Mensah",
    "email": "grace@northfield-care.coop",  # no NHS address: any will do
}
COMPLETE = {
    "about-you": {"name": "Grace Mensah", "email": ELIGIBLE["email"], "job_title": "Co-ordinator"},
    "organisation": {
        "organisation_name": "Northfield Care Co-op",
        "address": "1 Mill Lane, Northfield",
        "organisation_type": "care_cooperative",
        "region": "north_east",
        "service_model": "home_care",
        "charitable_purpose": "need",
        "main_area_of_impact": "Home care in rural villages",
    },
    "community": {
        "locally_rooted": "Owned by people in three villages.",
        "accountable": "Members elect the board.",
        "trading_for_community": "Surpluses pay for a minibus.",
        "broad_impact": "Fewer people go into residential care.",
    },
    "plans": {"plans": "Offer individual service funds."},
    "support": {
        "experience_care": "Ten years running home care.",
        "experience_sector": "Five years in co-operatives.",
        "experience_business": "Tendered twice for council contracts.",
        "will_bring": "A rota that carers set themselves.",
        "hope_to_gain": "How to price outcomes.",
        "services_and_funding": "Home care, funded by personal budgets.",
        "turnover_share": "over_75",
    },
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def recruiting(programme):
    community = programme.community
    now = timezone.now()
    community.applications_open_at = now - datetime.timedelta(days=1)
    community.applications_close_at = now + datetime.timedelta(days=7)
    community.save()
    return community


def _start(client, community, capture, **answers):
    with capture(execute=True):
        return client.post(f"/join/{community.slug}/", {**ELIGIBLE, **answers})


def _link(message) -> str:
    return re.search(r"http://[^\s]+(/join/application/[^\s]+/)", message.body).group(1)


def test_a_community_that_does_not_recruit_has_no_public_page(programme, client):
    response = client.get(f"/join/{programme.other_community.slug}/")
    assert response.status_code == 404
    assert programme.other_community.name not in response.content.decode()


def test_a_community_not_yet_recruiting_says_when_it_opens(programme, client):
    community = programme.community
    community.applications_open_at = timezone.now() + datetime.timedelta(days=3)
    community.save()
    html = client.get(f"/join/{community.slug}/").content.decode()
    assert "Applications open on" in html and "<form" not in html.split("</header>")[-1]
    client.post(f"/join/{community.slug}/", ELIGIBLE)
    assert not Application.objects.exists()


def test_after_closing_a_draft_can_no_longer_be_submitted(
    recruiting, client, django_capture_on_commit_callbacks
):
    _start(client, recruiting, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    recruiting.applications_close_at = timezone.now() - datetime.timedelta(minutes=1)
    recruiting.save()

    assert "is not taking applications" in client.get(f"/join/{recruiting.slug}/").content.decode()
    html = client.get(link).content.decode()
    assert "can no longer be changed or submitted" in html
    client.post(link)
    assert Application.objects.get().status == Application.Status.DRAFT
    assert client.get(link + "about-you/").status_code == 302  # back to the overview


@pytest.mark.parametrize("rule", RULES, ids=[rule.question for rule in RULES])
def test_each_eligibility_rule_stops_an_applicant_with_its_reason(
    recruiting, client, rule, django_capture_on_commit_callbacks
):
    failing = {"yes": "no", "no": "yes", "organisation": "sole_trader"}[rule.eligible]
    response = _start(
        client, recruiting, django_capture_on_commit_callbacks, **{rule.question: failing}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "cannot apply" in html and rule.reason.replace("'", "&#x27;") in html
    assert not Application.objects.exists() and mail.outbox == []

    setattr(recruiting, rule.switch, False)  # another programme, without this rule
    recruiting.save()
    assert rule.question not in client.get(f"/join/{recruiting.slug}/").content.decode()
    response = _start(
        client, recruiting, django_capture_on_commit_callbacks, **{rule.question: failing}
    )
    assert response.status_code == 302 and Application.objects.count() == 1


def test_an_applicant_starts_leaves_returns_by_the_link_and_submits(
    recruiting, client, django_capture_on_commit_callbacks
):
    response = _start(client, recruiting, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [ELIGIBLE["email"]]
    link = _link(message)
    assert response["Location"] == link + "about-you/"

    first = client.get(response["Location"])
    assert first.status_code == 200  # their own email address, to them: not refused
    assert ELIGIBLE["email"] in first.content.decode()
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]

    # Part of a section, then away: it is kept.
    client.post(link + "organisation/", {"organisation_name": "Northfield Care Co-op"})
    client.cookies.clear()
    page = client.get(link + "organisation/").content.decode()
    assert 'value="Northfield Care Co-op"' in page

    # Submitting with answers missing: told which, with links to them; still a draft.
    refused = client.post(link).content.decode()
    assert "There is a problem" in refused
    assert f'href="{link}organisation/#id_address"' in refused
    assert f'href="{link}support/#id_letter_of_support"' in refused
    assert Application.objects.get().status == Application.Status.DRAFT

    for section in SECTIONS:
        data = dict(COMPLETE[section.slug])
        if section.slug == "support":
            data["letter_of_support"] = SimpleUploadedFile("letter.pdf", PDF)
        assert client.post(f"{link}{section.slug}/", data).status_code == 302
    overview = client.get(link).content.decode()
    assert overview.count("complete") >= len(SECTIONS)
    done = client.post(link)
    assert done.status_code == 302
    application = Application.objects.get()
    assert application.status == Application.Status.SUBMITTED
    assert application.letter_of_support.read() == PDF
    assert "Submitted on" in client.get(link).content.decode()


def test_a_letter_that_is_not_what_it_says_is_refused_and_the_answers_kept(
    recruiting, client, django_capture_on_commit_callbacks
):
    _start(client, recruiting, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    data = {
        **COMPLETE["support"],
        "letter_of_support": SimpleUploadedFile("letter.pdf", b"MZ\x90\x00" + b"\x00" * 200),
    }
    response = client.post(link + "support/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "is not a PDF" in html
    assert "Ten years running home care." in html  # what they typed is still there
    assert not Application.objects.get().letter_of_support


def test_a_tampered_link_opens_nothing(recruiting, client, django_capture_on_commit_callbacks):
    _start(client, recruiting, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    response = client.get(link[:-4] + "abc/")
    assert response.status_code == 404 and "Grace Mensah" not in response.content.decode()


def test_an_applicants_name_protects_nothing_until_they_are_accepted(
    recruiting, client, django_capture_on_commit_callbacks
):
    _start(client, recruiting, django_capture_on_commit_callbacks)
    assert all(person.name != "Grace Mensah" for person in registry_cached().people)


def test_declined_applications_and_abandoned_drafts_are_deleted_when_due(recruiting, settings):
    from django.core.management import call_command

    long_ago = timezone.now() - settings.APPLICATION_RETENTION - datetime.timedelta(days=1)
    kinds = {
        "declined long ago": {"status": Application.Status.DECLINED, "decided_at": long_ago},
        "declined lately": {"status": Application.Status.DECLINED, "decided_at": timezone.now()},
        "abandoned draft": {"status": Application.Status.DRAFT},
        "accepted long ago": {"status": Application.Status.ACCEPTED, "decided_at": long_ago},
    }
    for name, fields in kinds.items():
        Application.objects.create(community=recruiting, name=name, email="a@example.org", **fields)
    Application.objects.filter(name="abandoned draft").update(updated_at=long_ago)

    call_command("apply_retention", verbosity=0)

    assert set(Application.objects.values_list("name", flat=True)) == {
        "declined lately",
        "accepted long ago",
    }


def test_an_applicant_answers_the_diversity_questions_apart_from_the_application(
    recruiting, client, django_capture_on_commit_callbacks
):
    from members.models import DiversityAnswers

    _start(client, recruiting, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    assert f"{link}diversity/" in client.get(link).content.decode()
    page = client.get(link + "diversity/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "they play no part in selection" in page.content.decode()

    client.post(link + "diversity/", {"age_band": "35_44"})
    answers = DiversityAnswers.objects.get()
    assert answers.application.name == "Grace Mensah" and answers.member is None
