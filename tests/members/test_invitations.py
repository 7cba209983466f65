"""A convener invites someone in one step: the account, the member, the membership and an email
whose private link lets them choose a password. The link's page is theirs alone: it greets them
by name past the last check on anonymous responses, and is never cached."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.http import HttpRequest, HttpResponse

from attribution.last_check import response_blocks
from learning.public_cache import public_cache
from members.models import Member, Membership, Organisation
from members.private_links import shown_to

pytestmark = pytest.mark.django_db

INVITEE = {
    "name": "Grace Mensah",
    "email": "grace@northfield-care.coop",
    "organisation_name": "Northfield Care Co-op",
    "organisation_type": Organisation.Type.CARE_COOPERATIVE,
    "role_in_organisation": "Co-ordinator",
    "role": Membership.Role.MEMBER,
}


def _invite_url(programme):
    return programme.section.url + "members/invite/"


def _invite(programme, client_for, capture, **changes):
    with capture(execute=True):
        response = client_for(programme.convener).post(
            _invite_url(programme), {**INVITEE, **changes}
        )
    return response


def _link(message) -> str:
    return re.search(r"http://[^\s]+/account/invitation/[^\s]+/", message.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_a_convener_invites_someone_who_sets_a_password_and_reads_the_community(
    programme, client_for, client, django_capture_on_commit_callbacks
):
    response = _invite(programme, client_for, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    member = Member.objects.get(display_name="Grace Mensah")
    assert member.user.email == INVITEE["email"] and not member.user.has_usable_password()
    assert member.organisation.name == "Northfield Care Co-op"
    assert Membership.objects.filter(member=member, community=programme.community).exists()
    directory = client_for(programme.convener).get(response["Location"]).content.decode()
    assert "Grace Mensah is invited" in directory and "Grace Mensah" in directory
    [message] = mail.outbox
    assert message.to == [INVITEE["email"]] and programme.community.name in message.subject

    client.logout()
    link = _path(_link(message))
    page = client.get(link)
    assert page.status_code == 200  # her own name, to her: not refused by the last check
    assert "Welcome, Grace Mensah" in page.content.decode()
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]

    password = "a long ISF ledger"
    done = client.post(link, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302
    assert client.get(programme.section.url).status_code == 200  # signed in, and a member
    client.logout()
    assert client.login(username=INVITEE["email"], password=password)
    client.logout()
    again = client.get(link)  # the link works once
    assert again.status_code == 404 and "no longer works" in again.content.decode()


def test_a_tampered_or_expired_link_shows_nobody(
    programme, client_for, client, settings, django_capture_on_commit_callbacks
):
    _invite(programme, client_for, django_capture_on_commit_callbacks)
    link = _path(_link(mail.outbox[0]))
    client.logout()

    tampered = client.get(link[:-3] + "xx/")
    assert tampered.status_code == 404 and "Grace Mensah" not in tampered.content.decode()
    settings.INVITATION_MAX_AGE = -1
    expired = client.get(link)
    assert expired.status_code == 404 and "Grace Mensah" not in expired.content.decode()


def test_the_invitation_page_is_never_stored_in_the_public_cache(
    programme, client_for, client, django_capture_on_commit_callbacks
):
    _invite(programme, client_for, django_capture_on_commit_callbacks)
    link = _path(_link(mail.outbox[0]))
    client.logout()
    cache = public_cache()
    with mock.patch.object(cache, "set", wraps=cache.set) as stored:
        client.get(link)
        client.get(link)
    pages_stored = [
        call.args[0] for call in stored.call_args_list if call.args[0].startswith("public:")
    ]
    assert pages_stored == []  # (the header's links are cached, as on every page)


def test_someone_already_a_member_elsewhere_is_added_and_told_to_sign_in(
    programme, client_for, django_capture_on_commit_callbacks
):
    outsider = programme.outsider
    response = _invite(
        programme,
        client_for,
        django_capture_on_commit_callbacks,
        name="T. Reilly",
        email=outsider.user.email,
    )

    assert response.status_code == 302
    assert Member.objects.filter(user__email=outsider.user.email).count() == 1
    assert Membership.objects.filter(member=outsider, community=programme.community).exists()
    assert "/accounts/login/" in mail.outbox[0].body and "invitation" not in mail.outbox[0].body
    directory = client_for(programme.convener).get(response["Location"]).content.decode()
    assert "T. Reilly is invited" in directory  # the name the convener typed, nothing of theirs


def test_inviting_someone_already_in_the_community_says_so_and_keeps_what_was_typed(
    programme, client_for, django_capture_on_commit_callbacks
):
    response = _invite(
        programme, client_for, django_capture_on_commit_callbacks, email=programme.member.user.email
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Amina Okafor is already in Care Enterprise Circle" in html
    assert 'value="Northfield Care Co-op"' in html
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["anonymous", "member", "other convener"])
def test_only_the_communitys_conveners_may_invite(
    programme, client_for, client, other_convener, who
):
    # Only the one asked for signs in: the clients share one session.
    visitor = {
        "anonymous": lambda: client.logout() or client,
        "member": lambda: client_for(programme.member),
        "other convener": lambda: client_for(other_convener),
    }[who]()
    assert visitor.get(_invite_url(programme)).status_code in (302, 403)
    visitor.post(_invite_url(programme), INVITEE)
    assert not Member.objects.filter(display_name="Grace Mensah").exists()
    assert mail.outbox == []


def test_the_last_check_sets_aside_the_link_holders_own_entries_and_nobody_elses(programme):
    member = programme.member
    member.organisation.name = "Northfield Care Co-op"
    member.organisation.save()
    member.user.email = "amina@northfield-care.coop"
    member.user.save()
    text = "<p>Welcome, Amina Okafor of Northfield Care Co-op (amina@northfield-care.coop).</p>"
    request = HttpRequest()
    shown_to(
        request,
        name="Amina Okafor",
        organisation="Northfield Care Co-op",
        email="amina@northfield-care.coop",
    )
    assert response_blocks(request, HttpResponse(text)) == []
    assert response_blocks(HttpRequest(), HttpResponse(text))  # anyone else's page: refused

    others = response_blocks(request, HttpResponse(text + "<p>Rachel Hughes says hello.</p>"))
    assert [finding.identity for _, finding in others] == ["Rachel Hughes"]


def test_an_invitation_never_accepted_is_deleted_after_the_retention_period(
    programme, client_for, settings, django_capture_on_commit_callbacks
):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from members.models import FormerParticipant

    _invite(programme, client_for, django_capture_on_commit_callbacks)
    _invite(
        programme,
        client_for,
        django_capture_on_commit_callbacks,
        name="Joe Bloggs",
        email="joe@example.org",
    )
    grace, joe = (Member.objects.get(display_name=n).user for n in ("Grace Mensah", "Joe Bloggs"))
    joe.set_password("accepted and used")
    joe.save()
    long_ago = timezone.now() - settings.INVITATION_RETENTION - datetime.timedelta(days=1)
    type(grace).objects.filter(pk__in=[grace.pk, joe.pk]).update(date_joined=long_ago)

    call_command("apply_retention", verbosity=0)

    assert not Member.objects.filter(display_name="Grace Mensah").exists()
    assert Member.objects.filter(display_name="Joe Bloggs").exists()  # he accepted
    assert FormerParticipant.objects.exists()  # her name stays protected
