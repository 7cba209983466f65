"""A convener of one community never sees another community's pages or people in the admin:
not in the choosers, the listings and their filters, the reports, bulk actions, revision
comparisons or a page reference's choices (knowledge/admin_scope.py, views/admin.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from knowledge.admin_scope import REFERENCE_REFUSAL
from knowledge.models import Insight
from learning.curation import learning_hub_open_to_conveners
from learning.models import PublicOutputPage
from members.models import Membership

from ..factories import ChallengeThreadFactory, InsightFactory, SessionNoteFactory

pytestmark = pytest.mark.django_db

SECRET = "Zebra crossing plan"  # the other community's insight
THREAD = "Yak shaving thread"  # and its thread, locked by its member


@pytest.fixture
def theirs(programme):
    """Pages of the other community, owned, edited, published and locked by its member."""
    user = programme.outsider.user
    insight = InsightFactory(parent=programme.other_section, title=SECRET, owner=user)
    insight.save_revision(user=user, log_action=True).publish(
        user=user, skip_permission_checks=True
    )
    insight.title = f"{SECRET}, revised"
    insight.save_revision(user=user, log_action=True)
    thread = ChallengeThreadFactory(parent=programme.other_section, title=THREAD, owner=user)
    thread.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    Page.objects.filter(pk=thread.pk).update(locked=True, locked_by=user)
    return insight


def nothing_of_theirs(programme, html: str) -> None:
    for name in (
        SECRET,
        THREAD,
        programme.other_section.title,
        programme.outsider.user.username,
        programme.outsider.display_name,
    ):
        assert name not in html, name


def test_page_chooser_offers_only_pages_the_convener_may_see(programme, theirs, client_for):
    client = client_for(programme.convener)
    own = client.get(reverse("wagtailadmin_choose_page_child", args=[programme.section.pk]))
    assert programme.pages["insight"].title in own.content.decode()

    for url in [
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[programme.home.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=Zebra",
        reverse("wagtailadmin_choose_page_search") + "?q=Commissioners",
        reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={theirs.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        nothing_of_theirs(programme, response.content.decode())

    # Browsing into their section finds nothing, not even its title.
    response = client.get(
        reverse("wagtailadmin_choose_page_child", args=[programme.other_section.pk])
    )
    assert response.status_code == 404
    nothing_of_theirs(programme, response.content.decode())


def test_every_page_address_refuses_another_communitys_page(programme, theirs, client_for):
    client = client_for(programme.convener)
    page, section = theirs.pk, programme.other_section.pk
    revision = theirs.revisions.order_by("pk").first().pk
    urls = [
        f"/admin/pages/{page}/",
        f"/admin/pages/{section}/",
        f"/admin/pages/{page}/results/",
        *(
            f"/admin/pages/{page}/{view}/"
            for view in [
                "edit",
                "edit/preview",
                "view_draft",
                "usage",
                "delete",
                "unpublish",
                "copy",
                "move",
                "convert_alias",
                "privacy",
                "revisions",
                "history",
                "history/results",
                "workflow_history",
                f"revisions/{revision}/view",
                f"revisions/{revision}/revert",
                "revisions/compare/earliest...latest",
                f"move/{programme.section.pk}/confirm",
            ]
        ),
        f"/admin/pages/{programme.pages['insight'].pk}/move/{section}/confirm/",
        f"/admin/pages/{section}/add_subpage/",
        f"/admin/pages/add/knowledge/insight/{section}/",
        f"/admin/pages/workflow/confirm_cancellation/{page}/",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.redirect_chain or response.status_code in (403, 404), url
        nothing_of_theirs(programme, response.content.decode())
    # Nothing was left behind for the next page to show (a message naming the page).
    nothing_of_theirs(programme, client.get("/admin/").content.decode())


def test_reports_and_listing_filters_name_nothing_of_another_community(
    programme, theirs, client_for
):
    client = client_for(programme.convener)
    usage = client.get("/admin/reports/page-types-usage/").content.decode()
    assert programme.pages["insight"].title in usage  # their latest insight is not followed
    for url in [
        "/admin/reports/page-types-usage/",
        "/admin/reports/site-history/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        f"/admin/pages/{programme.section.pk}/",
        "/admin/pages/usage/knowledge/insight/",
        "/admin/pages/search/?q=Zebra",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        nothing_of_theirs(programme, response.content.decode())


def test_site_history_lists_only_the_conveners_own_pages_and_people(programme, theirs, client_for):
    programme.pages["insight"].save_revision(user=programme.convener.user, log_action=True)
    html = client_for(programme.convener).get("/admin/reports/site-history/").content.decode()
    assert programme.pages["insight"].title in html
    assert 'name="user"' in html and programme.convener.user.username in html
    nothing_of_theirs(programme, html)


def test_site_history_lists_only_the_conveners_own_communitys_people(programme, theirs, client_for):
    for membership in Membership.objects.all():
        log(instance=membership, action="wagtail.create", user=None)
    html = client_for(programme.convener).get("/admin/reports/site-history/").content.decode()
    assert f"{programme.member.display_name} in {programme.community.name}" in html
    nothing_of_theirs(programme, html)


def test_bulk_action_confirmations_list_no_page_of_another_community(programme, theirs, client_for):
    client = client_for(programme.convener)
    for action in ["delete", "publish", "unpublish", "move"]:
        for query in [f"id={theirs.pk}", "id=all", f"id=all&childOf={programme.other_section.pk}"]:
            response = client.get(f"/admin/bulk/wagtailcore/page/{action}/?{query}", follow=True)
            nothing_of_theirs(programme, response.content.decode())
    own = client.get(f"/admin/bulk/wagtailcore/page/publish/?id={programme.pages['insight'].pk}")
    assert programme.pages["insight"].title in own.content.decode()


def test_revision_comparison_names_no_source_the_editor_may_not_see(
    programme, hub, theirs, client_for
):
    learning_hub_open_to_conveners(hub)
    output = hub.add_child(instance=PublicOutputPage(title="Paying for outcomes", summary="x"))
    output.sources.set([theirs])
    output.save_revision()
    output.summary = "Outcomes, in two wards."
    output.sources.set([theirs, programme.pages["insight"]])
    output.save_revision()

    response = client_for(programme.convener).get(
        reverse("wagtailadmin_pages:revisions_compare", args=[output.pk, "earliest", "latest"])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert programme.pages["insight"].title in html  # the source they may see
    nothing_of_theirs(programme, html)


def _insight_data(page, **fields):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "learning": "Start with one provider.",
            "source": "",
            "summary": "",
            "themes": "",
            "comments": inline_formset([]),
            **fields,
        }
    )


def test_an_insight_may_not_cite_another_communitys_page(programme, theirs, client_for):
    client = client_for(programme.convener)
    insight = programme.pages["insight"]
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[insight.pk]),
        _insight_data(insight, source_page=theirs.pk),
    )
    assert response.status_code == 200
    assert REFERENCE_REFUSAL in response.context["form"].errors["source_page"]
    nothing_of_theirs(programme, response.content.decode())
    assert Insight.objects.get(pk=insight.pk).get_latest_revision_as_object().source_page is None

    new = Insight(title="Pool budgets", slug="pool-budgets")
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["knowledge", "insight", programme.section.pk]),
        _insight_data(new, source_page=theirs.pk),
    )
    assert response.status_code == 200
    assert REFERENCE_REFUSAL in response.context["form"].errors["source_page"]
    assert not Insight.objects.filter(slug="pool-budgets").exists()

    # Every other path checks it too (code, imports, the front end's own form).
    insight.source_page = theirs
    with pytest.raises(ValidationError) as refused:
        insight.full_clean()
    assert refused.value.message_dict["source_page"] == [REFERENCE_REFUSAL]
    insight.source_page = programme.pages["session"]
    insight.full_clean()


def test_members_only_text_may_not_link_to_another_communitys_page(programme, theirs, client_for):
    case = programme.pages["case_study"]
    text = {
        name: rich_text(f"<p>{name}</p>")
        for name in ["context", "challenge", "approach", "outcomes", "learning"]
    }
    data = {
        "title": case.title,
        "slug": case.slug,
        "summary": "",
        "themes": "",
        "comments": inline_formset([]),
        **text,
    }
    url = reverse("wagtailadmin_pages:edit", args=[case.pk])
    client = client_for(programme.convener)

    own_link = rich_text(f'<p><a linktype="page" id="{programme.pages["session"].pk}">ours</a></p>')
    assert client.post(url, nested_form_data({**data, "approach": own_link})).status_code == 302

    their_link = rich_text(f'<p><a linktype="page" id="{theirs.pk}">see</a></p>')
    response = client.post(url, nested_form_data({**data, "approach": their_link}))
    assert response.status_code == 200
    assert response.context["form"].errors["approach"] == [REFERENCE_REFUSAL]


def test_a_members_insight_may_not_cite_another_communitys_page(programme, theirs, client_for):
    theirs_session = SessionNoteFactory(parent=programme.other_section, title="Session 9: Hartley")
    programme.publish(theirs_session)
    client = client_for(programme.member)
    url = programme.section.url + "insights/new/"
    form = client.get(url)
    nothing_of_theirs(programme, form.content.decode())
    assert "Session 9" not in form.content.decode()
    response = client.post(
        url,
        {
            "title": "Pool budgets",
            "learning": "Pool them.",
            "source_page": theirs_session.pk,
            "themes": ["isfs"],
        },
    )
    assert response.status_code == 200
    assert "Session 9" not in response.content.decode()
    assert not Insight.objects.filter(title="Pool budgets").exists()


def test_a_session_note_offers_only_its_communitys_people_as_attendees(programme, client_for):
    session = programme.pages["session"]
    html = (
        client_for(programme.convener)
        .get(reverse("wagtailadmin_pages:edit", args=[session.pk]))
        .content.decode()
    )
    assert programme.member.display_name in html
    assert programme.outsider.display_name not in html

    form_class = type(session).get_edit_handler().get_form_class()
    form = form_class(instance=session, for_user=programme.convener.user)
    assert programme.outsider not in form.fields["attendees"].queryset


def test_site_admins_still_see_the_whole_programme(programme, theirs, admin_client):
    for url in [
        reverse("wagtailadmin_choose_page_child", args=[programme.other_section.pk]),
        "/admin/reports/page-types-usage/",
        f"/admin/pages/{programme.other_section.pk}/",
        f"/admin/pages/{theirs.pk}/edit/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert SECRET in response.content.decode(), url
