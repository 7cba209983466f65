"""What empties the public page cache (learning/public_cache.py `purge_needed`): a change an
anonymous reader could see, and nothing else. Every member's draft used to empty it, so the
hub was re-rendered all day long while members wrote."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from knowledge.services.sections import community_section_create
from learning.models import PublicOutputPage

from ..factories import CommunityFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _served_from_cache(client, url) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) == 0


def test_a_members_draft_insight_leaves_the_public_pages_cached(programme, hub, client_for, client):
    client.get(hub.url)
    assert _served_from_cache(client, hub.url)
    member = client_for(programme.member)
    response = member.post(
        programme.section.url + "insights/new/",
        {
            "title": "Agree outcomes before hours",
            "learning": "Providers agree outcomes first.",
            "source": "Session 3",
            "themes": ["isfs"],
        },
    )
    assert response.status_code == 302  # saved as a draft for the convener
    member.logout()
    assert _served_from_cache(client, hub.url)


def test_a_draft_output_leaves_the_hub_cached_and_publishing_it_purges_it(hub, client):
    client.get(hub.url)
    output = hub.add_child(
        instance=PublicOutputPage(
            title="Paying for outcomes", summary="What members learned.", live=False
        )
    )
    output.save_revision()
    assert _served_from_cache(client, hub.url)
    output.save_revision().publish()
    assert b"Paying for outcomes" in client.get(hub.url).content


def test_a_section_going_live_purges_the_home_page(programme, client):
    client.get("/")
    assert _served_from_cache(client, "/")
    community_section_create(
        community=CommunityFactory(name="Peer Support Circle"), home=programme.home
    )
    assert not _served_from_cache(client, "/")


def test_a_convener_publishing_members_only_knowledge_leaves_the_public_pages_cached(
    programme, hub, client
):
    client.get(hub.url)
    insight = programme.pages["insight"]
    insight.title = "Start small with ISFs, then grow"
    insight.save_revision().publish()
    assert _served_from_cache(client, hub.url)


def test_a_members_draft_tool_with_its_file_leaves_the_public_pages_cached(
    programme, hub, client_for, client
):
    """Its file goes to the community's members-only collection: on no public page."""
    client.get(hub.url)
    member = client_for(programme.member)
    response = member.post(
        programme.section.url + "tools/new/",
        {
            "title": "Outcomes plan template",
            "description": "A one-page plan.",
            "licence": "CC-BY-4.0",
            "themes": ["isfs"],
            "files": [SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")],
        },
    )
    assert response.status_code == 302
    member.logout()
    assert _served_from_cache(client, hub.url)


def test_a_public_document_changed_purges_the_cache(hub, client):
    client.get(hub.url)
    document = get_document_model().objects.create(
        title="Outcomes plan", file=ContentFile(PDF, name="plan.pdf")
    )
    assert not _served_from_cache(client, hub.url)
    client.get(hub.url)
    document.title = "Outcomes plan (2026)"
    document.save()
    assert not _served_from_cache(client, hub.url)
