"""Parameters that cannot reach a query: out of range, not a number or carrying a NUL byte is a
400 (or a form message), never a server error, on every database (members/params.py)."""

import pytest

from knowledge.selectors import KINDS
from themes.models import Theme

pytestmark = pytest.mark.django_db

TOO_BIG = "9223372036854775808"  # 2**63: one past the largest id or integer the database holds
REFUSED = [
    ("year", "99999999999999999999"),
    ("year", "²"),
    ("year", TOO_BIG),
    ("theme", "\x00"),
    ("content_type", "a\x00b"),
    ("community", "\x00"),
]


@pytest.mark.parametrize("name, value", REFUSED)
def test_search_refuses_a_filter_it_cannot_use(client, programme, hub, name, value):
    response = client.get("/search/", {"q": "care", name: value})
    assert response.status_code == 400


def test_search_with_a_good_year_still_searches(client, programme, hub):
    assert client.get("/search/", {"q": "care", "year": "2025"}).status_code == 200


@pytest.mark.parametrize("name, value", REFUSED)
def test_member_search_refuses_a_filter_it_cannot_use(client_for, programme, name, value):
    response = client_for(programme.member).get("/search/members/", {"q": "care", name: value})
    assert response.status_code == 400


def test_the_api_refuses_a_theme_with_a_nul_byte_and_says_why(client, programme, hub):
    response = client.get("/api/outputs/", {"theme": "\x00"})
    assert response.status_code == 400
    assert "theme" in response.json()["errors"]


def test_an_output_id_past_the_database_is_not_found(client, programme, hub):
    assert client.get(f"/api/outputs/{TOO_BIG}/").status_code == 404


@pytest.mark.parametrize("kind", list(KINDS)[:1])
def test_a_listing_refuses_a_theme_with_a_nul_byte(client_for, programme, kind):
    response = client_for(programme.member).get(
        f"{programme.section.url}{kind}/", {"theme": "\x00"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("theme", [TOO_BIG, "-" + TOO_BIG, "99999999999999999999999"])
def test_a_thread_with_an_impossible_theme_is_a_message_and_keeps_the_question(
    client_for, programme, theme
):
    isfs = Theme.objects.get(name="Individual service funds (ISFs)").pk
    response = client_for(programme.member).post(
        programme.section.url + "threads/new/",
        {"title": "Odd theme", "question": "We tried hourly rates.", "themes": [isfs, theme]},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose themes from the list." in page
    assert "We tried hourly rates." in page


@pytest.mark.parametrize("sent", [TOO_BIG, "99999999999999999999", "²", "١٢", "-1", "x"])
def test_an_id_posted_to_a_form_is_read_before_any_query(programme, hub, client_for, sent):
    """An id out of the database's range, or in other digits, is nothing chosen: the form
    says so, as for an id that does not exist (it was a server error in the query)."""
    from django.urls import reverse

    client = client_for(programme.convener)
    client.raise_request_exception = False
    insight = programme.pages["insight"]
    answers = [
        client.post(
            reverse("knowledge_curate", args=[insight.pk]), {"action": "add", "output": sent}
        ),
        client.post(programme.section.url + "review/", {"page": sent}),
        client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": sent}),
    ]
    assert all(response.status_code < 500 for response in answers), [
        response.status_code for response in answers
    ]
