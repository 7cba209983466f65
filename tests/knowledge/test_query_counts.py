"""The number of SQL queries a page makes does not grow with its content.

Each page is requested with 3 items and again with 30 (cards in a listing, pages in a section,
attendees of a session, replies on a thread): cold (after clearing the cache) and warm, the query
counts must be equal. Timings belong in bench/pages.py, never here.
"""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from knowledge.models import Reply, SessionGuest, ThemedPage
from themes.models import Theme

from ..factories import MemberFactory, SessionNoteFactory, tagged_insights
from .test_listings import KINDS, make_pages

FEW, MANY = 3, 30


def _themes():
    return Theme.objects.get(slug="isfs"), Theme.objects.get(slug="governance")


def _count(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def measure(client, url) -> dict:
    for cache in caches.all():
        cache.clear()
    cold, cold_sql = _count(client, url)
    warm, warm_sql = _count(client, url)
    return {"cold": cold, "warm": warm, "warm_sql": warm_sql}


def assert_same(few, many):
    if (few["cold"], few["warm"]) != (many["cold"], many["warm"]):
        extra = [sql for sql in many["warm_sql"] if sql not in few["warm_sql"]]
        pytest.fail(
            f"queries grew from {FEW} to {MANY} items: cold {few['cold']} -> {many['cold']}, "
            f"warm {few['warm']} -> {many['warm']}; e.g. {extra[:3]}"
        )


def _grow_and_measure(programme, client_for, grow, url):
    """Measure `url` with FEW items, grow to MANY, measure again."""
    client = client_for(programme.member)
    grow(FEW, start=0)
    few = measure(client, url)
    grow(MANY - FEW, start=FEW)
    many = measure(client, url)
    return few, many


@pytest.mark.parametrize("kind", list(KINDS))
def test_listing_queries_do_not_grow_with_cards(programme, client_for, kind):
    isfs, governance = _themes()

    def grow(count, *, start):
        pages = make_pages(programme.section, kind, count, prefix=f"Batch {start}", theme=isfs)
        for page in pages:
            ThemedPage.objects.create(content_object=page, tag=governance)
            if kind == "threads":
                Reply.objects.create(thread=page, author=programme.member, body="Try this.")

    few, many = _grow_and_measure(programme, client_for, grow, f"{programme.section.url}{kind}/")
    assert_same(few, many)
    # The listing's own share is 3 (COUNT, the page with its reply counts, the cards' themes);
    # the rest is serving a members-only page: site, routing, session, view restrictions,
    # navigation and the user bar.
    assert many["warm"] <= 22, many["warm_sql"]


def test_theme_page_queries_do_not_grow_with_pages(programme, client_for):
    isfs, _ = _themes()

    def grow(count, *, start):
        tagged_insights(programme.section, isfs, count, prefix=f"Batch {start}")

    few, many = _grow_and_measure(
        programme, client_for, grow, f"{programme.section.url}themes/isfs/"
    )
    assert_same(few, many)


def test_community_home_queries_do_not_grow_with_content(programme, client_for):
    isfs, governance = _themes()
    today = timezone.localdate()

    def grow(count, *, start):
        tagged_insights(programme.section, isfs, count, prefix=f"Insight batch {start}")
        tagged_insights(programme.section, governance, count, prefix=f"Governance {start}")
        for page in make_pages(programme.section, "threads", count, prefix=f"Thread {start}"):
            Reply.objects.create(thread=page, author=programme.member, body="Try this.")
        for number in range(count):
            SessionNoteFactory(
                parent=programme.section,
                title=f"Upcoming {start + number}",
                date=today + datetime.timedelta(days=start + number + 1),
                first_published_at=timezone.now(),
            )

    few, many = _grow_and_measure(programme, client_for, grow, programme.section.url)
    assert_same(few, many)


def test_session_note_queries_do_not_grow_with_attendees(programme, client_for):
    session = programme.pages["session"]

    def grow(count, *, start):
        members = [MemberFactory(display_name=f"Attendee {start + n}") for n in range(count)]
        session.attendees.add(*members)
        session.save()
        SessionGuest.objects.bulk_create(
            SessionGuest(session=session, name=f"Guest {start + n}", role="Speaker")
            for n in range(count)
        )

    few, many = _grow_and_measure(programme, client_for, grow, session.url)
    assert_same(few, many)


def test_session_note_queries_do_not_grow_with_the_section(programme, client_for):
    isfs, _ = _themes()

    def grow(count, *, start):
        tagged_insights(programme.section, isfs, count, prefix=f"Batch {start}")
        make_pages(programme.section, "sessions", count, prefix=f"Session batch {start}")

    few, many = _grow_and_measure(programme, client_for, grow, programme.pages["session"].url)
    assert_same(few, many)


def test_thread_page_queries_do_not_grow_with_replies(programme, client_for):
    thread = programme.pages["thread"]
    authors = [programme.member, programme.convener]

    def grow(count, *, start):
        for n in range(count):
            Reply.objects.create(
                thread=thread, author=authors[n % 2], body=f"Reply {start + n}: try **this**."
            )

    few, many = _grow_and_measure(programme, client_for, grow, thread.url)
    assert_same(few, many)
