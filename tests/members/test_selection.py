"""Conveners select members from the applications to their own communities: they score them,
see the balance of the group so far, and accept (an invitation follows) or decline with a
message. Nobody else sees an application."""

import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from members.models import Application, Member, Membership, Organisation

pytestmark = pytest.mark.django_db

ANSWERS = {
    "name": "Grace Mensah",
    "email": "grace@northfield-care.coop",
    "job_title": "Co-ordinator",
    "organisation_name": "Northfield Care Co-op",
    "address": "1 Mill Lane",
    "organisation_type": Organisation.Type.CARE_COOPERATIVE,
    "region": "north_east",
    "service_model": "home_care",
    "charitable_purpose": "need",
    "main_area_of_impact": "Home care",
    "plans": "Offer individual service funds.",
}


def _submitted(community, **changes):
    application = Application.objects.create(
        community=community,
        **{
            "status": Application.Status.SUBMITTED,
            "submitted_at": timezone.now(),
            **ANSWERS,
            **changes,
        },
    )
    application.letter_of_support.save("letter.pdf", ContentFile(b"%PDF-1.4 letter"))
    return application


def _admin(client_for, member):
    return client_for(member)


def test_the_convener_sees_scores_and_accepts_and_the_nominee_joins(
    programme, client_for, client, django_capture_on_commit_callbacks
):
    application = _submitted(programme.community)
    _submitted(programme.community, status=Application.Status.DRAFT, name="Still drafting")
    convener = client_for(programme.convener)

    listing = convener.get("/admin/applications/").content.decode()
    assert "Northfield Care Co-op" in listing and "Still drafting" not in listing
    page = convener.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "Offer individual service funds." in page and "Care co-operative" in page
    letter = convener.get(f"/admin/applications/{application.pk}/letter/")
    assert b"".join(letter.streaming_content) == b"%PDF-1.4 letter"

    convener.post(
        f"/admin/applications/{application.pk}/", {"score": "1", "score-0": "4", "score-1": "5"}
    )
    application.refresh_from_db()
    assert application.scores == {"Service delivery": 4, "The nominee's experience": 5}

    with django_capture_on_commit_callbacks(execute=True):
        convener.post(
            f"/admin/applications/{application.pk}/",
            {"accept": "1", "message": "We would love you to join us in May."},
        )
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    member = Member.objects.get(user__email=ANSWERS["email"])
    assert member.organisation.name == "Northfield Care Co-op"
    assert member.organisation.type == Organisation.Type.CARE_COOPERATIVE
    assert Membership.objects.filter(member=member, community=programme.community).exists()
    [message] = mail.outbox
    assert "We would love you to join us in May." in message.body
    balance = convener.get(f"/admin/applications/{application.pk}/").content.decode()
    assert re.search(r"<td>Care co-operative</td><td>1</td>", balance)

    client.logout()
    link = re.search(r"/account/invitation/\S+/", message.body).group(0)
    assert "Welcome, Grace Mensah" in client.get(link).content.decode()


def test_an_organisation_already_on_the_site_is_left_for_a_site_admin(
    programme, client_for, django_capture_on_commit_callbacks
):
    Organisation.objects.create(name="Northfield Care Co-op", type=Organisation.Type.CHARITY)
    application = _submitted(programme.community)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(programme.convener).post(
            f"/admin/applications/{application.pk}/", {"accept": "1", "message": ""}
        )
    application.refresh_from_db()
    member = Member.objects.get(user__email=ANSWERS["email"])
    assert member.organisation is None and application.organisation_to_confirm
    assert Organisation.objects.filter(name="Northfield Care Co-op").count() == 1
    page = client_for(programme.convener).get(f"/admin/applications/{application.pk}/")
    assert "already on the site" not in page.content.decode()  # the convener learns nothing


def test_declining_needs_a_message_and_sends_it(
    programme, client_for, django_capture_on_commit_callbacks
):
    application = _submitted(programme.community)
    convener = client_for(programme.convener)
    convener.post(f"/admin/applications/{application.pk}/", {"decline": "1", "message": " "})
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        convener.post(
            f"/admin/applications/{application.pk}/",
            {"decline": "1", "message": "This round is full; please apply again in spring."},
        )
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert "please apply again in spring" in mail.outbox[0].body
    assert not Member.objects.filter(user__email=ANSWERS["email"]).exists()


@pytest.mark.parametrize("who", ["anonymous", "member", "other convener"])
def test_nobody_else_sees_or_decides_an_application(
    programme, client_for, client, other_convener, who
):
    application = _submitted(programme.community)
    # Only the one asked for signs in: the clients share one session.
    visitor = {
        "anonymous": lambda: client.logout() or client,
        "member": lambda: client_for(programme.member),
        "other convener": lambda: client_for(other_convener),
    }[who]()
    listing = visitor.get("/admin/applications/")  # their own communities' (none), or refused
    assert b"Northfield" not in listing.content
    for url in (
        f"/admin/applications/{application.pk}/",
        f"/admin/applications/{application.pk}/letter/",
    ):
        response = visitor.get(url)
        assert response.status_code in (302, 403, 404), url
        assert b"Northfield" not in b"".join(getattr(response, "streaming_content", [])) + (
            b"" if response.streaming else response.content
        )
    visitor.post(f"/admin/applications/{application.pk}/", {"accept": "1", "message": ""})
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_diversity_answers_play_no_part_and_follow_the_accepted_member(
    programme, client_for, django_capture_on_commit_callbacks
):
    from members.models import DiversityAnswers

    application = _submitted(programme.community)
    DiversityAnswers.objects.create(application=application, age_band="35_44", caring="yes")
    convener = client_for(programme.convener)
    review = convener.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "35 to 44" not in review and "caring" not in review.lower()

    with django_capture_on_commit_callbacks(execute=True):
        convener.post(f"/admin/applications/{application.pk}/", {"accept": "1", "message": ""})
    member = Member.objects.get(user__email=ANSWERS["email"])
    assert member.diversity.age_band == "35_44"


def test_a_score_is_kept_between_0_and_5(programme, client_for):
    application = _submitted(programme.community)
    client_for(programme.convener).post(
        f"/admin/applications/{application.pk}/", {"score": "1", "score-0": "9", "score-1": "x"}
    )
    application.refresh_from_db()
    assert application.scores == {"Service delivery": 5}
