"""The issue's "done": a convener curates three insights into outputs in the admin, publishes
them, and a reader who is not signed in finds them by theme, by feed and by API, with no member,
organisation or members-only text anywhere on the way."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from learning.models import PublicOutputPage

from ..factories import InsightFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ISFS = "Individual service funds (ISFs)"

# What the members wrote (members-only) and what the convener publishes (public), per insight.
INSIGHTS = [
    (
        "One ward first",
        "Amina started with one ward at Kindred Care.",
        "Starting with one ward let the provider and the council learn the paperwork together.",
    ),
    (
        "Budgets people can see",
        "Rachel showed us her council's budget statement.",
        "A one-page budget statement helped people see what their fund could pay for.",
    ),
    (
        "Reviews that listen",
        "Tom's team rewrote their review letters.",
        "Review letters written with people, not for them, drew more replies.",
    ),
]


def curate_and_publish(client, insight, public_text) -> PublicOutputPage:
    """What the convener does: "Create public output", then write and publish it."""
    client.post(reverse("knowledge_curate", args=[insight.pk]), {"action": "create"})
    output = PublicOutputPage.objects.get(sources=insight)
    data = nested_form_data(
        {
            "title": output.title,
            "slug": output.slug,
            "kind": output.kind,
            "summary": output.summary,
            "body": rich_text(f"<p>{public_text}</p>"),
            "themes": f'"{ISFS}"',
            "licence": output.licence,
            "files": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[output.pk]),
        {**data, "sources": [insight.pk]},
    )
    assert response.status_code == 302, response.context["form"].errors
    return PublicOutputPage.objects.get(pk=output.pk)


def test_three_curated_insights_reach_readers_by_theme_feed_and_api(programme, hub, client):
    programme.member.organisation = OrganisationFactory(name="Kindred Care Co-operative")
    programme.member.save()
    insights = []
    for title, members_text, _ in INSIGHTS:
        insight = InsightFactory(
            parent=programme.section,
            title=title,
            learning=members_text,
            summary=f"{title}: what members found, in role language.",
        )
        insight.themes.add(ISFS)
        insights.append(programme.publish(insight))

    client.force_login(programme.convener.user)
    outputs = [
        curate_and_publish(client, insight, public)
        for insight, (_, _, public) in zip(insights, INSIGHTS, strict=True)
    ]
    client.logout()

    assert all(output.live for output in outputs)
    theme_page = client.get("/learning/themes/isfs/").content.decode()
    rss = client.get("/learning/feed/").content.decode()
    api = client.get("/api/outputs/?theme=isfs").json()
    for output in outputs:
        assert output.title in theme_page
        assert output.full_url in rss
    assert {item["title"] for item in api["results"]} == {o.title for o in outputs}

    pages = [client.get(output.url) for output in outputs]
    responses = [theme_page, rss, str(api), *(page.content.decode() for page in pages)]
    forbidden = [
        "Amina",
        "Okafor",
        "Rachel",
        "Hughes",
        "Tom Reilly",
        "Kindred",
        *(members_text for _, members_text, _ in INSIGHTS),
    ]
    for text in responses:
        for words in forbidden:
            assert words not in text
