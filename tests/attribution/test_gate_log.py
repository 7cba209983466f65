"""The gate's log in the admin: readable messages, never the refused words, for conveners."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.timezone import localtime
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from attribution.gate import (
    BLOCKED,
    CONSENT_USED,
    GATE_ACTIONS,
    REDACTED,
    UNPUBLISHED,
    WARNINGS_ACCEPTED,
)
from knowledge.models import AboutPage
from members.models import SITE_ADMINS, NamingConsent

from ..factories import InsightFactory, UserFactory

LOG_URL = "/admin/reports/non-attribution-log/"
SECRET = "Wilhelmina Quarrington"  # what a careless caller might try to store: never shown


@pytest.fixture
def about(programme):
    return AboutPage.objects.get(slug="about")


def blocked(page, path="bulk publish", user=None):
    return log(
        page,
        BLOCKED,
        user=user,
        data={
            "path": path,
            "blocks": [
                {"field": "title", "kind": "person", "text": SECRET},
                {"field": "body", "kind": "email"},
                {"field": "body", "kind": "person"},
            ],
            "warnings": [{"field": "body", "kind": "unregistered name"}],
            "excerpt": f"…told us that {SECRET} said…",
        },
    )


def consent_for(programme, page):
    return NamingConsent.give(output=page, by=programme.member.user, member=programme.member)


def given(consent):
    return date_format(localtime(consent.given_at), "j M Y")


# --- messages ----------------------------------------------------------------------------------


def test_every_gate_action_has_a_label_and_a_message(programme, about):
    consent = consent_for(programme, about)
    entries = [
        blocked(about),
        log(
            about,
            WARNINGS_ACCEPTED,
            data={
                "reason": "A fictional name in a case example",
                "warnings": [{"field": "body", "kind": "small group"}],
            },
        ),
        log(about, CONSENT_USED, data={"consent": consent.pk}),
        log(
            about,
            UNPUBLISHED,
            data={"consent": consent.pk, "blocks": [{"field": "body", "kind": "person"}]},
        ),
        log(about, REDACTED, data={"removed_words": {"body": 2}, "why": "it identified someone"}),
    ]
    assert [entry.action for entry in entries] == list(GATE_ACTIONS)
    messages = [str(entry.message) for entry in entries]
    assert messages[0] == (
        "Publication refused by the non-attribution check (bulk publish): 3 findings in Title, "
        "Body (person, email); 1 warning too"
    )
    assert messages[1] == (
        "Warnings accepted: 1 warning in Body (small group); "
        "reason ‘A fictional name in a case example’"
    )
    assert messages[2] == f"Relied on consent #{consent.pk} (Amina Okafor, given {given(consent)})"
    assert messages[3].startswith("Unpublished: a consent it relied on was withdrawn")
    assert f"consent #{consent.pk} (Amina Okafor" in messages[3]
    assert messages[3].endswith("1 finding in Body (person)")
    assert messages[4] == "Public text removed: 2 words from Body, because it identified someone"
    assert all(SECRET not in message for message in messages)
    assert all(entry.formatter.label.startswith("Non-attribution check") for entry in entries[:4])


def test_a_withdrawn_or_deleted_consent_says_so(programme, about):
    consent = consent_for(programme, about)
    consent.withdraw()
    entry = log(about, CONSENT_USED, data={"consent": consent.pk})
    withdrawn = date_format(localtime(consent.withdrawn_at), "j M Y")
    assert f"given {given(consent)}, withdrawn {withdrawn})" in entry.message
    pk = consent.pk
    consent.delete()
    message = PageLogEntry.objects.get(pk=entry.pk).message
    assert message == f"Relied on consent #{pk} (since deleted)"


def test_field_names_read_as_the_editor_sees_them(programme):
    insight = programme.pages["insight"]
    entry = log(
        insight,
        BLOCKED,
        data={
            "path": "publish",
            "blocks": [
                {"field": "search_description", "kind": "phone"},
                {"field": "themes", "kind": "organisation"},
                {"field": "made_up_field", "kind": "handle"},
            ],
        },
    )
    assert entry.message == (
        "Publication refused by the non-attribution check (publish): 3 findings in Meta "
        "description, Themes, Made up field (phone, organisation, handle)"
    )


def test_page_history_and_site_history_show_the_messages_not_the_words(
    programme, about, admin_client
):
    blocked(about, path="privacy change")
    message = "Publication refused by the non-attribution check (privacy change): 3 findings"
    for url in (f"/admin/pages/{about.pk}/history/", "/admin/reports/site-history/"):
        response = admin_client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        assert message in content, url
        assert SECRET not in content, url


def test_the_convener_reads_the_history_of_their_communitys_page(programme, client_for):
    insight = programme.pages["insight"]
    blocked(insight, path="move")
    response = client_for(programme.convener).get(f"/admin/pages/{insight.pk}/history/")
    assert response.status_code == 200
    assert "refused by the non-attribution check (move)" in response.content.decode()


# --- who may read the log ----------------------------------------------------------------------


def test_the_log_lives_under_reports():
    assert reverse("knowledge_gate_log") == LOG_URL


def test_a_convener_reads_the_log_and_finds_it_in_the_menu(programme, about, client_for):
    blocked(about, user=programme.convener.user)
    client = client_for(programme.convener)
    response = client.get(LOG_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Non-attribution log" in content
    assert "Publication refused by the non-attribution check (bulk publish)" in content
    assert f'href="/admin/pages/{about.pk}/edit/"' in content
    assert PageLogEntry.objects.get(action=BLOCKED).user_display_name in content  # who
    assert SECRET not in content
    assert LOG_URL in client.get("/admin/").content.decode()  # Reports › Non-attribution log


def test_a_plain_member_cannot(programme, client_for):
    response = client_for(programme.member).get(LOG_URL)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not response["Location"].startswith(LOG_URL)


def test_anyone_signed_out_is_sent_to_sign_in(client):
    response = client.get(LOG_URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_admin_access_alone_is_not_enough(programme, client):
    # An editor with admin access who is neither convener nor site admin: not a curator.
    user = UserFactory(username="editor")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    response = client.get(LOG_URL)
    assert response.status_code in (302, 403)
    assert LOG_URL not in client.get("/admin/").content.decode()


def test_a_convener_sees_their_communitys_pages_and_the_public_site_only(
    programme, about, client_for
):
    blocked(about, path="publish")
    blocked(programme.pages["insight"], path="move")
    other = InsightFactory(parent=programme.other_section, title="Elsewhere")
    blocked(other, path="privacy change")
    content = client_for(programme.convener).get(LOG_URL).content.decode()
    assert "(publish)" in content and "(move)" in content
    assert "(privacy change)" not in content and "Elsewhere" not in content


def test_site_admins_and_superusers_see_every_entry(programme, about, client, admin_client):
    other = InsightFactory(parent=programme.other_section, title="Elsewhere")
    blocked(other, path="privacy change")
    site_admin = UserFactory(username="site-admin")
    site_admin.groups.add(Group.objects.get(name=SITE_ADMINS))
    client.force_login(site_admin)
    for reader in (client, admin_client):
        response = reader.get(LOG_URL)
        assert response.status_code == 200
        assert "(privacy change)" in response.content.decode()


# --- the listing ----------------------------------------------------------------------------------


def test_newest_first_with_which_consent(programme, about, admin_client):
    consent = consent_for(programme, about)
    blocked(about, path="scheduled publishing")
    log(about, CONSENT_USED, data={"consent": consent.pk})
    response = admin_client.get(LOG_URL)
    entries = list(response.context["object_list"])
    assert [entry.action for entry in entries] == [CONSENT_USED, BLOCKED]
    assert entries[0].consent == f"consent #{consent.pk} (Amina Okafor, given {given(consent)})"
    content = response.content.decode()
    assert f"/admin/snippets/members/namingconsent/inspect/{consent.pk}/" in content
    assert content.index("Relied on consent") < content.index("(scheduled publishing)")


def test_filter_by_what_happened(programme, about, admin_client):
    consent = consent_for(programme, about)
    blocked(about)
    log(about, CONSENT_USED, data={"consent": consent.pk})
    log(about, WARNINGS_ACCEPTED, data={"reason": "checked", "warnings": []})
    response = admin_client.get(LOG_URL, {"action": [CONSENT_USED]})
    assert [entry.action for entry in response.context["object_list"]] == [CONSENT_USED]
    response = admin_client.get(LOG_URL, {"action": [BLOCKED, WARNINGS_ACCEPTED]})
    assert {entry.action for entry in response.context["object_list"]} == {
        BLOCKED,
        WARNINGS_ACCEPTED,
    }
    results = admin_client.get(reverse("knowledge_gate_log_results"), {"action": [BLOCKED]})
    assert results.status_code == 200
    assert "Relied on consent" not in results.content.decode()


def test_only_the_gates_entries(programme, about, admin_client):
    programme.publish(about)  # a wagtail.publish entry: site history's, not ours
    blocked(about)
    actions = {e.action for e in admin_client.get(LOG_URL).context["object_list"]}
    assert actions == {BLOCKED}


def test_an_entry_for_a_deleted_page_keeps_its_title(programme, admin_client):
    page = programme.pages["thread"]
    blocked(page)
    page.delete()
    response = admin_client.get(LOG_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Paying for outcomes" in content and "deleted" in content


def test_fifty_a_page(programme, about, admin_client):
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            page=about,
            content_type_id=about.content_type_id,
            label=about.title,
            action=BLOCKED,
            data={"path": "publish", "blocks": []},
            timestamp=timezone.now(),
        )
        for _ in range(51)
    )
    assert len(admin_client.get(LOG_URL).context["object_list"]) == 50
    assert len(admin_client.get(LOG_URL, {"p": 2}).context["object_list"]) == 1


def test_csv_export(programme, about, admin_client):
    consent = consent_for(programme, about)
    blocked(about)
    log(about, CONSENT_USED, data={"consent": consent.pk})
    response = admin_client.get(LOG_URL, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["When", "Page", "Page ID", "What", "Who", "Consent"]
    assert rows[1][3].startswith("Relied on consent") and rows[1][5].startswith("consent #")
    assert rows[2][3].startswith("Publication refused")
    assert SECRET not in str(rows)


def _entries(programme, about, count, users):
    consents = [consent_for(programme, page) for page in (about, programme.pages["insight"])]
    for i in range(count):
        page = about if i % 2 else programme.pages["insight"]
        user = users[i % len(users)]
        match i % 4:
            case 0:
                blocked(page, user=user)
            case 1:
                log(page, CONSENT_USED, user=user, data={"consent": consents[i % 2].pk})
            case 2:
                log(page, WARNINGS_ACCEPTED, user=user, data={"reason": "ok", "warnings": []})
            case 3:
                log(page, UNPUBLISHED, data={"consent": consents[i % 2].pk, "blocks": []})


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LOG_URL)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["object_list"])


@pytest.mark.parametrize("reader", ["convener", "superuser"])
def test_queries_do_not_grow_with_the_entries(programme, about, client_for, admin_user, reader):
    users = [programme.convener.user, programme.member.user, admin_user]
    client = client_for(programme.convener) if reader == "convener" else client_for(None)
    if reader == "superuser":
        client.force_login(admin_user)
    _entries(programme, about, 5, users)
    _queries(client)  # warm the caches (content types, permissions) once
    few, shown = _queries(client)
    assert shown == 5
    _entries(programme, about, 20, users)
    many, shown = _queries(client)
    assert shown == 25
    assert many == few
