"""A section's listings: one type, one section, newest first, 20 to a page, members only."""

import datetime
import re
from urllib.parse import urlsplit

import pytest

from knowledge.models import LISTING_PAGE_SIZE, ChallengeThread, Reply, ThemedPage
from themes.models import Theme

from ..factories import (
    CaseStudyFactory,
    ChallengeThreadFactory,
    InsightFactory,
    SessionNoteFactory,
    SharedToolFactory,
    tagged_insights,
)

# kind -> (the fixture page of that kind, a factory for more)
KINDS = {
    "threads": ("thread", ChallengeThreadFactory),
    "insights": ("insight", InsightFactory),
    "tools": ("tool", SharedToolFactory),
    "sessions": ("session", SessionNoteFactory),
    "case-studies": ("case_study", CaseStudyFactory),
}
NEWEST = datetime.datetime(2025, 6, 30, 9, 0, tzinfo=datetime.UTC)


def make_pages(section, kind, count, *, prefix, theme=None, oldest_first=False):
    """`count` live pages of this kind in `section`, one day apart, number 01 the newest.

    Created newest first, so tree order is listing order, unless `oldest_first`."""
    factory = KINDS[kind][1]
    pages = []
    numbers = range(1, count + 1)
    for number in reversed(numbers) if oldest_first else numbers:
        extra = {}
        if kind == "sessions":
            extra["date"] = datetime.date(2025, 6, 30) - datetime.timedelta(days=number - 1)
        page = factory(
            parent=section,
            title=f"{prefix} {number:02d}",
            first_published_at=NEWEST - datetime.timedelta(days=number - 1),
            **extra,
        )
        if theme is not None:
            ThemedPage.objects.create(content_object=page, tag=theme)
        pages.append(page)
    return pages


def listing_url(section, kind):
    return f"{section.url}{kind}/"


def card_titles(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]*">([^<]*)</a></h2>', html)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("kind", list(KINDS))
def test_listing_shows_only_its_type_from_only_this_section(programme, client_for, kind):
    make_pages(programme.section, kind, 2, prefix="Here")
    make_pages(programme.other_section, kind, 2, prefix="Elsewhere")
    html = _get(client_for(programme.member), listing_url(programme.section, kind))

    titles = card_titles(html)
    fixture_page = programme.pages[KINDS[kind][0]]
    assert sorted(titles) == sorted(["Here 01", "Here 02", fixture_page.title])
    other_titles = {p.title for name, p in programme.pages.items() if name != KINDS[kind][0]}
    assert not other_titles & set(titles)
    assert "Elsewhere" not in html
    assert 'name="robots" content="noindex, nofollow"' in html


@pytest.mark.parametrize("kind", list(KINDS))
def test_listing_shows_newest_first(programme, client_for, kind):
    # Created oldest first, so the tree's order is the reverse: the listing must sort.
    make_pages(programme.section, kind, 5, prefix="Item", oldest_first=True)
    html = _get(client_for(programme.member), listing_url(programme.section, kind))
    titles = [t for t in card_titles(html) if t.startswith("Item")]
    assert titles == ["Item 01", "Item 02", "Item 03", "Item 04", "Item 05"]


def test_sessions_are_ordered_by_meeting_date_not_publication(programme, client_for):
    section = programme.section
    SessionNoteFactory(
        parent=section,
        title="Met last, written up first",
        date=datetime.date(2025, 9, 1),
        first_published_at=NEWEST - datetime.timedelta(days=300),
    )
    SessionNoteFactory(
        parent=section,
        title="Met first, written up last",
        date=datetime.date(2025, 1, 1),
        first_published_at=NEWEST,
    )
    html = _get(client_for(programme.member), listing_url(section, "sessions"))
    titles = card_titles(html)
    assert titles.index("Met last, written up first") < titles.index("Met first, written up last")
    assert '<time datetime="2025-09-01">1 September 2025</time>' in html


@pytest.mark.parametrize("kind", list(KINDS))
def test_listing_paginates_at_twenty(programme, client_for, kind):
    # The fixture page plus 24: 25 in all, so page 2 holds the 5 oldest.
    make_pages(programme.section, kind, 24, prefix="Item")
    client = client_for(programme.member)
    url = listing_url(programme.section, kind)

    first = _get(client, url)
    assert len(card_titles(first)) == LISTING_PAGE_SIZE == 20
    assert "Item 01" in card_titles(first)[:2]  # the fixture's page may be newer
    assert "Page 1 of 2" in first
    assert 'href="?page=2" rel="next"' in first

    second = _get(client, url + "?page=2")
    assert len(card_titles(second)) == 5
    assert "Item 24" in card_titles(second)
    assert "Page 2 of 2" in second
    assert not set(card_titles(first)) & set(card_titles(second))


def test_page_number_past_the_end_gives_the_last_page(programme, client_for):
    make_pages(programme.section, "insights", 24, prefix="Item")
    client = client_for(programme.member)
    url = listing_url(programme.section, "insights")
    assert "Page 2 of 2" in _get(client, url + "?page=99")
    assert "Page 1 of 2" in _get(client, url + "?page=not-a-number")


def test_empty_listing_says_so(programme, client_for):
    ChallengeThread.objects.filter(pk=programme.pages["thread"].pk).delete()
    html = _get(client_for(programme.member), listing_url(programme.section, "threads"))
    assert "No challenge threads here yet." in html


def test_draft_pages_are_not_listed(programme, client_for):
    (draft,) = make_pages(programme.section, "insights", 1, prefix="Draft")
    draft.live = False
    draft.save()
    html = _get(client_for(programme.member), listing_url(programme.section, "insights"))
    assert "Draft 01" not in html


def test_thread_cards_show_status_and_replies_not_counting_withdrawn(programme, client_for):
    thread = programme.pages["thread"]
    ChallengeThread.objects.filter(pk=thread.pk).update(status=ChallengeThread.Status.EXPLORING)
    for body in ("One", "Two", "Three"):
        Reply.objects.create(thread=thread, author=programme.member, body=body)
    Reply.objects.create(thread=thread, author=programme.member, body="Gone", withdrawn_at=NEWEST)
    (quiet,) = make_pages(programme.section, "threads", 1, prefix="Quiet")
    Reply.objects.create(thread=quiet, author=programme.member, body="Only one")

    html = _get(client_for(programme.member), listing_url(programme.section, "threads"))
    assert re.search(
        r"Paying for outcomes</a></h2>\s*<p class=\"meta\"><span class=\"status "
        r"status--exploring\">Exploring</span>, 3 replies</p>",
        html,
    )
    assert re.search(
        r"Quiet 01</a></h2>\s*<p class=\"meta\"><span class=\"status "
        r"status--open\">Open</span>, 1 reply</p>",
        html,
    )


def test_cards_show_summary_date_and_themes_linking_to_theme_pages(programme, client_for):
    html = _get(client_for(programme.member), listing_url(programme.section, "insights"))
    insight = programme.pages["insight"]
    assert insight.summary in html
    assert f'<time datetime="{insight.first_published_at.isoformat()}"' in html
    theme_link = f'href="{programme.section.url}themes/isfs/">Individual service funds (ISFs)</a>'
    assert theme_link in html


def test_theme_filter_narrows_the_listing(programme, client_for):
    governance = Theme.objects.get(slug="governance")
    isfs = Theme.objects.get(slug="isfs")
    tagged_insights(programme.section, governance, 2, prefix="Governance insight")
    tagged_insights(programme.section, isfs, 1, prefix="ISF extra")
    client = client_for(programme.member)
    url = listing_url(programme.section, "insights")

    html = _get(client, url + "?theme=governance")
    assert sorted(card_titles(html)) == ["Governance insight 01", "Governance insight 02"]
    assert "Insights: Governance" in html
    assert client.get(url + "?theme=no-such-theme").status_code == 404


@pytest.mark.parametrize("kind", list(KINDS))
def test_members_may_read_every_listing(programme, client_for, kind):
    url = listing_url(programme.section, kind)
    assert client_for(programme.convener).get(url).status_code == 200
    assert client_for(programme.member).get(url).status_code == 200


@pytest.mark.parametrize("kind", list(KINDS))
def test_anonymous_reader_is_sent_to_sign_in(programme, client_for, kind):
    url = listing_url(programme.section, kind)
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/login/"


@pytest.mark.parametrize("kind", list(KINDS))
def test_member_of_another_community_is_refused(programme, client_for, kind):
    make_pages(programme.section, kind, 1, prefix="Secret")
    response = client_for(programme.outsider).get(listing_url(programme.section, kind))
    assert response.status_code == 403
    assert "Secret 01" not in response.content.decode()


def test_theme_filter_survives_pagination(programme, client_for):
    governance = Theme.objects.get(slug="governance")
    tagged_insights(programme.section, governance, 21, prefix="Governance insight")
    url = listing_url(programme.section, "insights") + "?theme=governance"
    html = _get(client_for(programme.member), url)
    assert "Page 1 of 2" in html
    assert 'href="?theme=governance&amp;page=2" rel="next"' in html
