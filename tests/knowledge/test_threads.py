"""Challenge threads from the outside: members open, reply, edit and withdraw; the author or a
convener moves the thread along; the convener records its learning; other communities and the
public never get in."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from knowledge.models import ChallengeThread, Reply, ReplyVersion, ThreadFollow
from themes.models import Theme

from ..factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

ISFS = "Individual service funds (ISFs)"


@pytest.fixture
def other_member(programme):
    """A second member of the same community."""
    from members.services import membership_add

    member = MemberFactory(
        user=UserFactory(username="other", email="other@example.org"), display_name="Priya Shah"
    )
    membership_add(community=programme.community, member=member)
    return member


def thread_of(programme) -> ChallengeThread:
    return programme.pages["thread"]


def url(thread, route=""):
    return thread.url + route


def body(response) -> str:
    return response.content.decode()


def post_reply(client, thread, text, member=None):
    return client.post(url(thread), {"body": text})


def make_reply(thread, member, text="We pooled budgets across two wards."):
    return Reply.objects.create(thread=thread, author=member, body=text)


# Opening a thread -----------------------------------------------------------------------


def open_data(**overrides):
    data = {
        "title": "How do we pay for outcomes?",
        "question": "We **tried** hourly rates.",
        "themes": [Theme.objects.get(name=ISFS).pk],
    }
    data.update(overrides)
    return data


def test_member_opens_a_thread_published_and_followed(programme, client_for):
    client = client_for(programme.member)
    new_url = programme.section.url + "threads/new/"
    assert client.get(new_url).status_code == 200

    response = client.post(new_url, open_data(), follow=True)

    thread = ChallengeThread.objects.get(title="How do we pay for outcomes?")
    assert response.redirect_chain[-1][0] == thread.url
    assert thread.live and thread.status == "open"
    assert thread.owner == programme.member.user
    assert thread.get_parent().pk == programme.section.pk
    assert thread.revisions.count() == 1
    assert [t.name for t in thread.themes.all()] == [ISFS]
    assert ThreadFollow.objects.filter(thread=thread, member=programme.member).exists()
    page = body(response)
    assert "<strong>tried</strong>" in page
    assert "Asked by Amina Okafor" in page
    assert "You follow this thread" in page


def test_preview_shows_rendered_markdown_and_saves_nothing(programme, client_for):
    client = client_for(programme.member)
    before = ChallengeThread.objects.count()

    response = client.post(programme.section.url + "threads/new/", {**open_data(), "preview": "1"})

    assert response.status_code == 200
    assert ChallengeThread.objects.count() == before
    page = body(response)
    assert "Preview: not saved yet" in page
    assert "<strong>tried</strong>" in page
    assert 'value="How do we pay for outcomes?"' in page
    assert "We **tried** hourly rates.</textarea>" in page
    assert "There is a problem" not in page


@pytest.mark.parametrize(
    "overrides, field_id, message",
    [
        ({"title": "   "}, "id_title", "Enter a title for your thread."),
        ({"themes": []}, "id_themes_0", "Choose at least one theme."),
        ({"title": "x" * 300}, "id_title", "at most 255 characters"),
    ],
)
def test_open_thread_errors_keep_every_word(programme, client_for, overrides, field_id, message):
    client = client_for(programme.member)
    data = open_data(question="A long *question* I must not lose.", **overrides)

    response = client.post(programme.section.url + "threads/new/", data)

    assert response.status_code == 200
    page = body(response)
    assert "There is a problem" in page
    assert f'href="#{field_id}"' in page
    assert message in page
    assert "A long *question* I must not lose.</textarea>" in page
    if overrides.get("title", "").startswith("x"):
        assert "x" * 300 in page
    assert not ChallengeThread.objects.filter(question__startswith="A long").exists()


def test_thread_slug_avoids_the_section_routes(programme, client_for):
    client_for(programme.member).post(
        programme.section.url + "threads/new/", open_data(title="Themes")
    )
    assert ChallengeThread.objects.get(title="Themes").slug == "themes-page"


def test_community_home_and_thread_link_to_opening_a_thread(programme, client_for):
    page = body(client_for(programme.member).get(thread_of(programme).url))
    assert f'href="{programme.section.url}threads/new/"' in page
    assert "Open a challenge thread" in page


# Replying -------------------------------------------------------------------------------


def test_member_replies_and_sees_it_in_order(programme, client_for, other_member):
    thread = thread_of(programme)
    make_reply(thread, other_member, "First, from Priya.")
    client = client_for(programme.member)

    response = client.post(url(thread), {"body": "Second, *from* Amina."}, follow=True)

    reply = Reply.objects.get(body="Second, *from* Amina.")
    assert reply.author == programme.member
    assert response.redirect_chain[-1][0] == f"{thread.url}#reply-{reply.pk}"
    page = body(response)
    assert "Your reply is posted." in page
    assert page.index("First, from Priya.") < page.index("Second, <em>from</em> Amina.")
    assert "Priya Shah" in page and "Amina Okafor" in page


def test_reply_preview_saves_nothing(programme, client_for):
    thread = thread_of(programme)
    response = client_for(programme.member).post(
        url(thread), {"body": "Try **this**", "preview": "1"}
    )
    assert response.status_code == 200
    assert "<strong>this</strong>" in body(response)
    assert "Try **this**</textarea>" in body(response)
    assert not Reply.objects.exists()


def test_empty_reply_shows_error_summary(programme, client_for):
    response = client_for(programme.member).post(url(thread_of(programme)), {"body": "  "})
    assert response.status_code == 200
    page = body(response)
    assert "There is a problem" in page
    assert 'href="#id_body"' in page
    assert "Enter your reply." in page
    assert not Reply.objects.exists()


def test_over_long_reply_is_kept_with_an_error(programme, client_for):
    text = "word " * 2500
    response = client_for(programme.member).post(url(thread_of(programme)), {"body": text})
    page = body(response)
    assert "at most 10000 characters" in page
    assert text.strip() in page
    assert "maxlength" not in page  # the browser must never cut off pasted words
    assert not Reply.objects.exists()


def test_hostile_markdown_in_replies_is_rendered_safe(programme, client_for):
    thread = thread_of(programme)
    hostile = (
        "<script>alert('x')</script>\n\n"
        '<img src=x onerror="alert(1)">\n\n'
        "[click](javascript:alert(1)) and [ok](https://example.org)"
    )
    client = client_for(programme.member)
    client.post(url(thread), {"body": hostile})

    page = body(client.get(url(thread)))
    assert "<script>alert" not in page
    assert "onerror" not in page
    assert "javascript:" not in page
    assert 'href="https://example.org"' in page

    preview = body(client.post(url(thread), {"body": hostile, "preview": "1"}))
    assert "<script>alert" not in preview.split("</textarea>")[0].split("Preview")[-1]
    assert "javascript:alert" not in preview.replace("(javascript:alert(1))", "")


def test_replies_do_not_add_queries(
    programme, client_for, other_member, django_assert_max_num_queries
):
    """The thread page costs the same with 3 replies as with 30 (authors and versions
    prefetched), so a long thread stays fast."""
    thread = thread_of(programme)
    client = client_for(programme.member)

    def add_replies(count):
        for number in range(count):
            reply = make_reply(thread, other_member if number % 2 else programme.member)
            ReplyVersion.objects.create(reply=reply, body="earlier", written_at=reply.created_at)
            reply.edited_at = reply.created_at
            reply.save()

    add_replies(3)
    client.get(url(thread))  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(thread)).status_code == 200

    add_replies(27)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url(thread))
    assert body(response).count("Earlier versions (1)") == 30


# Editing and withdrawing ----------------------------------------------------------------


def test_author_edits_reply_and_history_is_kept(programme, client_for):
    thread = thread_of(programme)
    reply = make_reply(thread, programme.member, "First wording.")
    client = client_for(programme.member)
    edit_url = url(thread, f"replies/{reply.pk}/edit/")

    assert "First wording.</textarea>" in body(client.get(edit_url))
    response = client.post(edit_url, {"body": "Second wording."}, follow=True)

    reply.refresh_from_db()
    assert reply.body == "Second wording." and reply.edited_at is not None
    assert list(reply.versions.values_list("body", flat=True)) == ["First wording."]
    page = body(response)
    assert "Your reply is updated." in page
    assert "(edited" in page
    assert "Earlier versions (1)" in page and "First wording." in page


def test_edit_errors_keep_text_and_preview_saves_nothing(programme, client_for):
    thread = thread_of(programme)
    reply = make_reply(thread, programme.member, "Original.")
    client = client_for(programme.member)
    edit_url = url(thread, f"replies/{reply.pk}/edit/")

    assert "Enter your reply." in body(client.post(edit_url, {"body": ""}))
    preview = body(client.post(edit_url, {"body": "New *idea*", "preview": "1"}))
    assert "<em>idea</em>" in preview and "New *idea*</textarea>" in preview
    reply.refresh_from_db()
    assert reply.body == "Original." and not reply.versions.exists()


def test_only_the_author_edits_or_withdraws(programme, client_for, other_member):
    thread = thread_of(programme)
    reply = make_reply(thread, programme.member)
    for who in (other_member, programme.convener):
        client = client_for(who)
        for route in ("edit", "withdraw"):
            reply_url = url(thread, f"replies/{reply.pk}/{route}/")
            assert client.get(reply_url).status_code == 403
            assert client.post(reply_url, {"body": "Hijacked"}).status_code == 403
    reply.refresh_from_db()
    assert reply.body == "We pooled budgets across two wards." and reply.withdrawn_at is None


def test_withdraw_confirms_then_removes_words_and_history(programme, client_for, other_member):
    thread = thread_of(programme)
    reply = make_reply(thread, programme.member, "Words I regret.")
    ReplyVersion.objects.create(reply=reply, body="Older regret.", written_at=reply.created_at)
    client = client_for(programme.member)
    withdraw_url = url(thread, f"replies/{reply.pk}/withdraw/")

    confirm = body(client.get(withdraw_url))
    assert "Withdraw your reply?" in confirm and "Withdraw my reply" in confirm
    reply.refresh_from_db()
    assert reply.withdrawn_at is None  # GET only asks

    response = client.post(withdraw_url, follow=True)

    reply.refresh_from_db()
    assert reply.body == "" and reply.withdrawn_at is not None
    assert not ReplyVersion.objects.filter(reply=reply).exists()
    for reader in (programme.member, other_member):
        page = body(client_for(reader).get(url(thread)))
        assert "This reply was withdrawn by its author." in page
        assert "regret" not in page
    assert "Your reply is withdrawn" in body(response)
    # A withdrawn reply cannot be edited, or withdrawn again.
    client = client_for(programme.member)
    assert client.get(url(thread, f"replies/{reply.pk}/edit/")).status_code == 403
    assert client.post(url(thread, f"replies/{reply.pk}/edit/"), {"body": "x"}).status_code == 403
    assert client.post(withdraw_url).status_code == 403


def test_reply_of_another_thread_is_not_found(programme, client_for):
    from ..factories import ChallengeThreadFactory

    other = ChallengeThreadFactory(parent=programme.section, title="Another")
    programme.publish(other)
    reply = make_reply(other, programme.member)
    response = client_for(programme.member).get(
        url(thread_of(programme), f"replies/{reply.pk}/edit/")
    )
    assert response.status_code == 404


# Status, learning and summary -----------------------------------------------------------


def test_thread_author_and_convener_change_status_through_revisions(
    programme, client_for, other_member
):
    thread = thread_of(programme)
    thread.owner = programme.member.user
    thread.save()
    revisions = thread.revisions.count()

    response = client_for(programme.member).post(
        url(thread, "status/"), {"status": "exploring"}, follow=True
    )
    assert "The thread is now marked Exploring." in body(response)
    thread.refresh_from_db()
    assert thread.status == "exploring"
    assert thread.revisions.count() == revisions + 1
    assert thread.live_revision == thread.latest_revision

    client_for(programme.convener).post(url(thread, "status/"), {"status": "answered"})
    thread.refresh_from_db()
    assert thread.status == "answered"

    assert (
        client_for(other_member).post(url(thread, "status/"), {"status": "open"}).status_code == 403
    )
    thread.refresh_from_db()
    assert thread.status == "answered"


def test_status_form_shown_only_to_those_who_may(programme, client_for, other_member):
    thread = thread_of(programme)
    assert "Change status" in body(client_for(programme.convener).get(url(thread)))
    assert "Change status" not in body(client_for(other_member).get(url(thread)))


def test_convener_marks_one_learning_reply(programme, client_for, other_member):
    thread = thread_of(programme)
    first = make_reply(thread, programme.member, "First idea.")
    second = make_reply(thread, other_member, "Second idea.")
    client = client_for(programme.convener)

    client.post(url(thread, f"replies/{first.pk}/learning/"))
    response = client.post(url(thread, f"replies/{second.pk}/learning/"), follow=True)

    assert list(Reply.objects.filter(is_learning=True)) == [second]
    page = body(response)
    assert page.count("Marked as the learning by the convener") == 1
    assert page.index("Marked as the learning by the convener") > page.index("First idea.")

    client.post(url(thread, f"replies/{second.pk}/learning/"), {"action": "unmark"})
    assert not Reply.objects.filter(is_learning=True).exists()


def test_members_cannot_mark_the_learning(programme, client_for):
    thread = thread_of(programme)
    reply = make_reply(thread, programme.member)
    client = client_for(programme.member)
    assert client.post(url(thread, f"replies/{reply.pk}/learning/")).status_code == 403
    assert "Mark as the learning" not in body(client.get(url(thread)))
    reply.refresh_from_db()
    assert not reply.is_learning


def test_convener_writes_the_summary_as_a_published_revision(programme, client_for):
    thread = thread_of(programme)
    client = client_for(programme.convener)
    summary_url = url(thread, "summary/")
    revisions = thread.revisions.count()

    assert client.get(summary_url).status_code == 200
    response = client.post(
        summary_url, {"summary": "A council found outcome pay works."}, follow=True
    )

    thread.refresh_from_db()
    assert thread.summary == "A council found outcome pay works."
    assert thread.revisions.count() == revisions + 1
    page = body(response)
    assert "The summary is saved." in page
    assert "A council found outcome pay works." in page


def test_over_long_summary_is_kept_with_an_error(programme, client_for):
    text = "s" * 5001
    response = client_for(programme.convener).post(
        url(thread_of(programme), "summary/"), {"summary": text}
    )
    assert 'href="#id_summary"' in body(response) and text in body(response)


def test_members_cannot_write_the_summary(programme, client_for):
    thread = thread_of(programme)
    client = client_for(programme.member)
    assert client.get(url(thread, "summary/")).status_code == 403
    assert client.post(url(thread, "summary/"), {"summary": "Mine"}).status_code == 403
    thread.refresh_from_db()
    assert thread.summary != "Mine"


# Following and email --------------------------------------------------------------------


def test_follow_toggles_and_shows_state(programme, client_for):
    thread = thread_of(programme)
    client = client_for(programme.member)
    assert "Follow this thread</button>" in body(client.get(url(thread)))

    response = client.post(url(thread, "follow/"), follow=True)
    assert ThreadFollow.objects.filter(thread=thread, member=programme.member).exists()
    assert "Stop following</button>" in body(response)

    client.post(url(thread, "follow/"))
    assert not ThreadFollow.objects.filter(thread=thread, member=programme.member).exists()


def test_followers_but_not_the_author_get_an_email_without_the_reply(
    programme, client_for, other_member, django_capture_on_commit_callbacks
):
    thread = thread_of(programme)
    ThreadFollow.objects.create(thread=thread, member=programme.member)
    ThreadFollow.objects.create(thread=thread, member=other_member)

    with django_capture_on_commit_callbacks(execute=True):
        client_for(other_member).post(url(thread), {"body": "Secret practice detail."})

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [programme.member.user.email]
    assert "Paying for outcomes" in email.subject
    assert thread.full_url in email.body
    assert "Secret practice detail" not in email.body
    assert "Priya" not in email.body


# Who may reach any of this --------------------------------------------------------------

POST_ROUTES = ["", "status/", "follow/", "summary/", "replies/{id}/edit/",
               "replies/{id}/withdraw/", "replies/{id}/learning/"]  # fmt: skip


def route_urls(programme):
    thread = thread_of(programme)
    reply = make_reply(thread, programme.member)
    urls = [url(thread, route.format(id=reply.pk)) for route in POST_ROUTES]
    return [programme.section.url + "threads/new/", *urls]


def test_anonymous_is_sent_to_sign_in_from_every_route(programme, client_for):
    client = client_for(None)
    for target in route_urls(programme):
        for method in (client.get, client.post):
            response = method(target, {"body": "x", "status": "answered", "title": "x"})
            assert response.status_code == 302, target
            assert urlsplit(response["Location"]).path == "/accounts/login/"
    assert Reply.objects.count() == 1
    assert not ChallengeThread.objects.filter(title="x").exists()


def test_member_of_another_community_is_refused_every_route(programme, client_for):
    client = client_for(programme.outsider)
    for target in route_urls(programme):
        for method in (client.get, client.post):
            response = method(target, {"body": "x", "status": "answered", "title": "x"})
            assert response.status_code == 403, target
            assert "This page is for another community" in body(response)
    assert Reply.objects.count() == 1
    assert not ThreadFollow.objects.filter(member=programme.outsider).exists()


@pytest.mark.parametrize("route", ["status/", "follow/", "replies/{id}/learning/"])
def test_post_only_routes_refuse_get(programme, client_for, route):
    thread = thread_of(programme)
    reply = make_reply(thread, programme.member)
    response = client_for(programme.convener).get(url(thread, route.format(id=reply.pk)))
    assert response.status_code == 405


def test_posts_need_a_csrf_token(programme):
    client = Client(enforce_csrf_checks=True)
    client.force_login(programme.member.user)
    response = client.post(url(thread_of(programme)), {"body": "No token"})
    assert response.status_code == 403
    assert not Reply.objects.exists()


def test_a_title_of_only_invisible_characters_is_asked_for_again(programme, client_for):
    """Found by tests/test_fuzz.py: the title was accepted, then emptied on saving (500)."""
    response = client_for(programme.member).post(
        programme.section.url + "threads/new/", open_data(title="\ufeff\u200b")
    )
    assert response.status_code == 200
    assert "Enter a title for your thread." in response.content.decode()
    assert not ChallengeThread.objects.filter(title="").exists()
