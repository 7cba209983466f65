"""Curation from the outside: a convener turns members' knowledge into draft public outputs that
carry only the non-attributed summary and themes; members see what their contributions became;
nobody else can curate, and an output's sources are never shown to the public."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from knowledge.models import ChallengeThread
from learning import curation
from learning.models import LearningHubPage, PublicOutputPage
from members.models import Membership
from members.services import membership_add

from ..factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

ISFS = "Individual service funds (ISFs)"


@pytest.fixture
def other_convener(programme):
    """A convener, but of the other community."""
    member = MemberFactory(user=UserFactory(username="convener2"), display_name="Joe Bloggs")
    membership_add(
        community=programme.other_community, member=member, role=Membership.Role.CONVENER
    )
    return member


def curate_url(page) -> str:
    return reverse("knowledge_curate", args=[page.pk])


def text(response) -> str:
    return response.content.decode()


def answered(programme) -> ChallengeThread:
    thread = programme.pages["thread"]
    thread.status = ChallengeThread.Status.ANSWERED
    thread.summary = "Commissioners moved two wards to outcomes over a year."
    return programme.publish(thread)


# Creating an output ------------------------------------------------------------------------


def test_convener_curates_an_insight_into_a_draft_output(programme, hub, client_for):
    insight = programme.pages["insight"]
    client = client_for(programme.convener)

    response = client.post(curate_url(insight), {"action": "create"})

    output = PublicOutputPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[output.pk])
    assert output.get_parent().pk == hub.pk
    assert not output.live
    assert output.title == insight.title
    assert output.kind == PublicOutputPage.Kind.INSIGHT
    assert output.summary == insight.summary
    assert [theme.name for theme in output.themes.all()] == [ISFS]
    assert [page.pk for page in output.sources.all()] == [insight.pk]
    assert output.licence == "CC-BY-NC-SA-4.0"


def test_the_convener_lands_in_the_editor_with_the_source_listed(programme, hub, client_for):
    insight = programme.pages["insight"]
    response = client_for(programme.convener).post(
        curate_url(insight), {"action": "create"}, follow=True
    )

    assert response.status_code == 200  # conveners may edit outputs in the hub
    assert f"Draft public output created from “{insight.title}”" in text(response)
    assert "check it reads without attribution, then publish." in text(response)
    assert "Sources (members only)" in text(response)
    assert response.context["form"]["sources"].value() == [insight.pk]


def test_the_output_has_its_own_history_and_none_of_the_members_text(programme, hub, client_for):
    """Members-only body text never reaches a public draft: only the summary and themes."""
    insight = programme.pages["insight"]
    insight.learning = "Amina found that starting with one ward worked."
    programme.publish(insight)
    client_for(programme.convener).post(curate_url(insight), {"action": "create"})

    output = PublicOutputPage.objects.get()
    convener = programme.convener.user
    assert output.owner == convener
    assert output.body == ""
    assert [revision.user for revision in output.revisions.all()] == [convener]
    assert "Amina" not in str(output.latest_revision.content)
    entries = PageLogEntry.objects.filter(page=output)
    assert entries.exists()
    assert {entry.user for entry in entries} == {convener}
    assert output.latest_revision.created_at > insight.latest_revision.created_at


def test_an_answered_thread_becomes_an_answered_challenge(programme, hub, client_for):
    thread = answered(programme)
    client_for(programme.convener).post(curate_url(thread), {"action": "create"})

    output = PublicOutputPage.objects.get()
    assert output.kind == PublicOutputPage.Kind.ANSWERED_CHALLENGE
    assert output.summary == "Commissioners moved two wards to outcomes over a year."
    assert thread.question not in str(output.latest_revision.content)


def test_an_open_thread_is_refused_with_a_reason(programme, hub, client_for):
    thread = programme.pages["thread"]
    client = client_for(programme.convener)

    response = client.post(
        curate_url(thread), {"action": "create", "next": thread.url}, follow=True
    )

    assert not PublicOutputPage.objects.exists()
    assert response.redirect_chain[-1][0] == thread.url
    assert "only an answered challenge thread can become a public output" in text(response)


def test_a_shared_tool_keeps_its_files_members_only(programme, hub, client_for):
    tool = programme.pages["tool"]
    client = client_for(programme.convener)
    page = client.get(curate_url(tool))
    assert "Its files stay in the community’s members-only collection" in text(page)

    client.post(curate_url(tool), {"action": "create"})

    output = PublicOutputPage.objects.get()
    assert output.kind == PublicOutputPage.Kind.SHARED_TOOL
    assert not output.files.exists()


def test_without_a_learning_hub_nothing_is_created(programme, client_for):
    insight = programme.pages["insight"]
    response = client_for(programme.convener).post(
        curate_url(insight), {"action": "create", "next": insight.url}, follow=True
    )

    assert not PublicOutputPage.objects.exists()
    assert "There is no learning hub to hold public outputs yet" in text(response)


def test_a_hub_created_in_the_admin_is_open_to_conveners(programme, admin_client):
    """Conveners create, edit and publish outputs in the hub without waiting for a grant."""
    add = reverse("wagtailadmin_pages:add", args=["learning", "learninghubpage", programme.home.pk])
    admin_client.post(
        add,
        nested_form_data(
            {
                "title": "Learning",
                "slug": "learning",
                "intro": rich_text(""),
                "comments": inline_formset([]),
            }
        ),
    )
    hub = LearningHubPage.objects.get()

    permissions = hub.permissions_for_user(programme.convener.user)
    assert permissions.can_add_subpage() and permissions.can_publish_subpage()
    assert not programme.home.permissions_for_user(programme.convener.user).can_edit()


# Who may curate ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "outsider", "other_convener", None])
def test_only_the_communitys_conveners_curate(programme, hub, client_for, request, who):
    reader = (
        request.getfixturevalue("other_convener")
        if who == "other_convener"
        else getattr(programme, who)
        if who
        else None
    )
    insight = programme.pages["insight"]
    client = client_for(reader)

    shown = client.get(curate_url(insight))
    posted = client.post(curate_url(insight), {"action": "create"})

    assert shown.status_code in (302, 403)
    assert posted.status_code in (302, 403)
    assert "/pages/" not in posted.get("Location", "")
    assert not PublicOutputPage.objects.exists()


def test_a_superuser_may_curate(programme, hub, client):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    client.post(curate_url(programme.pages["case_study"]), {"action": "create"})

    assert PublicOutputPage.objects.get().kind == PublicOutputPage.Kind.CASE_STUDY


def test_the_editor_offers_create_public_output_to_the_convener(programme, hub, client_for):
    insight = programme.pages["insight"]
    edit = reverse("wagtailadmin_pages:edit", args=[insight.pk])

    assert curate_url(insight) in text(client_for(programme.convener).get(edit))
    thread_edit = reverse("wagtailadmin_pages:edit", args=[programme.pages["thread"].pk])
    assert curate_url(programme.pages["thread"]) not in text(
        client_for(programme.convener).get(thread_edit)
    )


def test_the_knowledge_page_offers_curation_to_conveners_only(programme, hub, client_for):
    insight = programme.pages["insight"]

    assert curate_url(insight) in text(client_for(programme.convener).get(insight.url))
    assert curate_url(insight) not in text(client_for(programme.member).get(insight.url))


# Several sources ----------------------------------------------------------------------------


def test_a_second_source_joins_a_draft_output(programme, hub, client_for):
    insight, case_study = programme.pages["insight"], programme.pages["case_study"]
    case_study.themes.add("Governance")
    programme.publish(case_study)
    client = client_for(programme.convener)
    client.post(curate_url(insight), {"action": "create"})
    output = PublicOutputPage.objects.get()
    output_edit = reverse("wagtailadmin_pages:edit", args=[output.pk])

    offered = client.get(case_study.url)
    assert output.title in text(offered) and "Add to an existing draft output" in text(offered)
    response = client.post(curate_url(case_study), {"action": "add", "output": output.pk})

    assert response["Location"] == output_edit
    output = PublicOutputPage.objects.get()
    draft = output.get_latest_revision_as_object()
    assert {page.pk for page in draft.sources.all()} == {insight.pk, case_study.pk}
    assert {page.pk for page in output.sources.all()} == {insight.pk, case_study.pk}
    assert {theme.name for theme in draft.themes.all()} == {ISFS, "Governance"}
    assert output.revisions.count() == 2
    assert output.summary == insight.summary  # the convener's summary stays theirs
    assert set(case_study.public_outputs.all()) == {output}


def test_a_source_feeds_several_outputs(programme, hub, client_for):
    insight = programme.pages["insight"]
    client = client_for(programme.convener)
    client.post(curate_url(insight), {"action": "create"})
    client.post(curate_url(insight), {"action": "create"})

    assert PublicOutputPage.objects.filter(sources=insight).count() == 2
    assert len({output.slug for output in PublicOutputPage.objects.all()}) == 2


def test_an_output_never_takes_one_of_the_hubs_own_addresses(programme, hub):
    insight = programme.pages["insight"]
    insight.title = "Themes"
    programme.publish(insight)

    output = curation.output_curate(source=insight, by=programme.convener.user)

    assert output.slug == "themes-output"


def test_a_published_output_takes_no_more_sources(programme, hub, client_for):
    insight, session = programme.pages["insight"], programme.pages["session"]
    client = client_for(programme.convener)
    client.post(curate_url(insight), {"action": "create"})
    output = PublicOutputPage.objects.get()
    output.save_revision().publish()

    response = client.post(
        curate_url(session),
        {"action": "add", "output": output.pk, "next": session.url},
        follow=True,
    )

    assert "is already published" in text(response)
    assert [page.pk for page in PublicOutputPage.objects.get().sources.all()] == [insight.pk]


# What members see ----------------------------------------------------------------------------


def test_members_see_what_their_contribution_was_curated_into(programme, hub, client_for):
    insight = programme.pages["insight"]
    client_for(programme.convener).post(curate_url(insight), {"action": "create"})
    output = PublicOutputPage.objects.get()
    member = client_for(programme.member)

    assert "Curated into public outputs" not in text(member.get(insight.url))  # a draft

    output.save_revision().publish()
    output.refresh_from_db()
    page = text(member.get(insight.url))
    assert "Curated into public outputs" in page
    assert f'href="{output.url}"' in page
    assert output.first_published_at.strftime("%Y-%m-%d") in page


def test_outsiders_never_see_the_source_page(programme, hub, client_for):
    insight = programme.pages["insight"]
    client_for(programme.convener).post(curate_url(insight), {"action": "create"})
    PublicOutputPage.objects.get().save_revision().publish()
    client = client_for(programme.outsider)

    assert client.get(insight.url).status_code == 403


def test_sources_are_visible_to_members_and_conveners_only(programme, hub, other_convener):
    insight = programme.pages["insight"]
    output = curation.output_curate(source=insight, by=programme.convener.user)
    output.save_revision().publish()

    assert curation.sources_visible_to(output, AnonymousUser()) == []
    assert curation.sources_visible_to(output, programme.outsider.user) == []
    assert curation.sources_visible_to(output, other_convener.user) == []
    assert [p.pk for p in curation.sources_visible_to(output, programme.member.user)] == [
        insight.pk
    ]
    assert [p.pk for p in curation.sources_visible_to(output, programme.convener.user)] == [
        insight.pk
    ]


def test_the_sources_component_renders_for_members_only(programme, hub, other_convener, rf):
    """templates/components/output_sources.html, as the public output page includes it."""
    from django.template.loader import render_to_string

    insight = programme.pages["insight"]
    output = curation.output_curate(source=insight, by=programme.convener.user)
    output.save_revision().publish()

    def rendered(user):
        request = rf.get(output.url)
        request.user = user
        return render_to_string(
            "components/output_sources.html", {"page": output, "request": request}
        )

    assert insight.title in rendered(programme.member.user)
    assert f'href="{insight.url}"' in rendered(programme.convener.user)
    for outsider in (AnonymousUser(), programme.outsider.user, other_convener.user):
        assert rendered(outsider).strip() == ""


# The Sources tab ------------------------------------------------------------------------------


@pytest.fixture
def shared_output(programme, hub, other_convener):
    """A draft output drawing on one insight from each community, as two conveners made it."""
    from ..factories import InsightFactory

    theirs = InsightFactory(parent=programme.other_section, title="Co-op tenders up north")
    programme.publish(theirs)
    output = curation.output_curate(source=programme.pages["insight"], by=programme.convener.user)
    return curation.output_source_add(output=output, source=theirs, by=other_convener.user), theirs


def test_the_sources_tab_offers_only_the_editors_own_communities(
    programme, shared_output, client_for
):
    output, theirs = shared_output
    response = client_for(programme.convener).get(
        reverse("wagtailadmin_pages:edit", args=[output.pk])
    )

    offered = {page.pk for page in response.context["form"].fields["sources"].queryset}
    assert programme.pages["insight"].pk in offered
    assert theirs.pk not in offered
    assert theirs.title not in text(response)


def test_saving_keeps_the_sources_the_editor_cannot_see(programme, shared_output, client_for):
    output, theirs = shared_output
    mine = programme.pages["insight"]
    data = nested_form_data(
        {
            "title": output.title,
            "slug": output.slug,
            "kind": output.kind,
            "summary": "Starting with one ward made the change manageable.",
            "body": rich_text(""),
            "themes": f'"{ISFS}"',
            "licence": output.licence,
            "files": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    client_for(programme.convener).post(
        reverse("wagtailadmin_pages:edit", args=[output.pk]), {**data, "sources": [mine.pk]}
    )

    draft = PublicOutputPage.objects.get(pk=output.pk).get_latest_revision_as_object()
    assert draft.summary == "Starting with one ward made the change manageable."
    assert {page.pk for page in draft.sources.all()} == {mine.pk, theirs.pk}


def test_an_unknown_theme_on_an_output_is_an_error_not_dropped(programme, hub, client_for):
    output = curation.output_curate(source=programme.pages["insight"], by=programme.convener.user)
    data = nested_form_data(
        {
            "title": output.title,
            "slug": output.slug,
            "kind": output.kind,
            "summary": output.summary,
            "body": rich_text(""),
            "licence": output.licence,
            "themes": f'"{ISFS}", "Hospital discharge"',
            "files": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client_for(programme.convener).post(
        reverse("wagtailadmin_pages:edit", args=[output.pk]), data
    )

    assert response.status_code == 200
    assert "Not one of the programme&#x27;s themes: &#x27;Hospital discharge&#x27;" in text(
        response
    )
    assert response.context["form"].data["themes"] == f'"{ISFS}", "Hospital discharge"'


def test_a_title_pasted_with_soft_hyphens_is_copied_without_them(programme, hub, client_for):
    """Members paste from Word and PDFs; the public copy of the title keeps no invisible
    characters (the check reads through them anyway)."""
    insight = programme.pages["insight"]
    insight.title = "Start\u00ad small with indi\u00advidual ser\u200bvice funds"
    programme.publish(insight)

    client_for(programme.convener).post(curate_url(insight), {"action": "create"})

    output = PublicOutputPage.objects.get(sources=insight)
    assert output.title == "Start small with individual service funds"
    assert output.get_latest_revision().content["title"] == output.title
    assert output.slug == "start-small-with-individual-service-funds"


# The check on what curation copies (issue 16) -----------------------------------------------


def named_thread(programme):
    """An answered thread whose title and summary name a participant (a protected member)."""
    thread = programme.pages["thread"]
    thread.title = "Amina Okafor's way to pay for outcomes"
    thread.status = ChallengeThread.Status.ANSWERED
    thread.summary = "Commissioners moved two wards to outcomes, as Amina Okafor suggested."
    return programme.publish(thread)


def test_the_curation_form_shows_the_findings_before_anything_is_saved(programme, hub, client_for):
    thread = named_thread(programme)
    html = text(client_for(programme.convener).get(curate_url(thread)))

    assert "“Amina Okafor” names a participant" in html
    assert "Write “" in html  # the suggestion, as the page editor gives it
    assert not PublicOutputPage.objects.exists()


def test_posting_a_copy_that_names_someone_saves_no_draft(programme, hub, client_for):
    thread = named_thread(programme)
    response = client_for(programme.convener).post(
        curate_url(thread),
        {
            "action": "create",
            "title": thread.title,
            "summary": "Commissioners moved two wards, as Amina Okafor suggested, and it held.",
        },
    )

    assert response.status_code == 200
    html = text(response)
    assert "“Amina Okafor” names a participant" in html
    assert "and it held." in html  # what the convener typed comes back
    assert not PublicOutputPage.objects.exists()


def test_the_front_end_button_lands_on_the_findings_not_a_draft(programme, hub, client_for):
    thread = named_thread(programme)
    response = client_for(programme.convener).post(
        curate_url(thread), {"action": "create", "next": thread.url}
    )

    assert response.status_code == 200
    assert "“Amina Okafor” names a participant" in text(response)
    assert not PublicOutputPage.objects.exists()


def test_once_edited_the_draft_is_saved_with_the_conveners_words(programme, hub, client_for):
    thread = named_thread(programme)
    response = client_for(programme.convener).post(
        curate_url(thread),
        {
            "action": "create",
            "title": "Paying for outcomes, one ward at a time",
            "summary": "Commissioners moved two wards to outcomes, as a member suggested.",
        },
    )

    output = PublicOutputPage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[output.pk])
    assert output.title == "Paying for outcomes, one ward at a time"
    assert output.summary == "Commissioners moved two wards to outcomes, as a member suggested."
    assert "Amina" not in str(output.latest_revision.content)


def test_the_suggestions_can_be_written_in_before_saving(programme, hub, client_for):
    thread = named_thread(programme)
    response = client_for(programme.convener).post(
        curate_url(thread),
        {
            "action": "create",
            "apply": "1",
            "title": thread.title,
            "summary": thread.summary,
        },
    )

    assert response.status_code == 200
    assert not PublicOutputPage.objects.exists()
    form = response.context["form"]
    assert "Amina" not in form["title"].value()
    assert "Amina" not in form["summary"].value()
    assert "names a participant" not in text(response)


def test_the_service_refuses_a_copy_that_names_someone(programme, hub):
    from django.core.exceptions import ValidationError

    thread = named_thread(programme)
    with pytest.raises(ValidationError):
        curation.output_curate(source=thread, by=programme.convener.user)
    assert not PublicOutputPage.objects.exists()
