"""The demo programme behind `make run`: complete, private, idempotent, scalable.

One scale-1 load is shared by the module (inside a transaction rolled back at the end); each
test runs in its own savepoint on top of it, so tests that load more leave nothing behind.
"""

import datetime
import html
import re
import unicodedata
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from attribution.check import check
from attribution.gate import AttributionBlocked, gate_check
from attribution.public_text import page_texts
from attribution.registry import registry_cached
from demo import build as demo
from demo.content import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    GATE_DEMO_DRAFT,
    LEARNING_REPORT,
    PUBLIC_EMAIL,
    PUBLIC_OUTPUT_DRAFT,
    SITE_ADMIN,
)
from knowledge.markdown import render_markdown
from knowledge.models import (
    AboutPage,
    CaseStudy,
    ChallengeThread,
    CommunityHomePage,
    Insight,
    KnowledgePage,
    Reply,
    SessionGuest,
    SessionNote,
    SharedTool,
    ThemedPage,
)
from learning.models import LearningHubPage, LearningReportPage, PublicOutputPage
from members.models import Community, Member, Membership, Organisation

PER_COMMUNITY = {SessionNote: 12, ChallengeThread: 40, SharedTool: 20, CaseStudy: 8, Insight: 60}
MEMBER_1, MEMBER_2, CONVENER_1 = (username for _, username in DEMO_LOGINS)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def sections(loaded, db):
    return {
        section.community.slug: section
        for section in CommunityHomePage.objects.select_related("community")
    }


def counts_by_type(section):
    return {model: model.objects.child_of(section).count() for model in PER_COMMUNITY}


def snapshot():
    models = [
        get_user_model(),
        Member,
        Organisation,
        Community,
        Membership,
        Page,
        Revision,
        PageLogEntry,
        ThemedPage,
        SessionGuest,
        ReferenceIndex,
        get_document_model(),
        SessionNote.attendees.through,
        Reply,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_two_communities_of_about_thirty_members(sections):
    assert Community.objects.count() == 2
    assert Member.objects.count() == 30
    assert Organisation.objects.count() == 15
    assert set(Organisation.objects.values_list("type", flat=True)) >= {
        "council",
        "care_cooperative",
        "community_business",
        "charity",
        "nhs_body",
    }
    council = Organisation.objects.get(name="Calderbrook Metropolitan Borough Council")
    assert "Calderbrook" in council.alias_list
    for community in Community.objects.all():
        assert community.conveners.count() == 1
        assert community.section.live
    assert Member.objects.filter(display_name="Zoë Hartley").exists()  # diacritics kept
    assert not Member.objects.filter(organisation__isnull=True).exists()
    assert not get_user_model().objects.filter(email="").exists()


def test_each_community_has_its_knowledge_tagged_and_live(sections):
    for section in sections.values():
        assert counts_by_type(section) == PER_COMMUNITY
    knowledge = KnowledgePage.objects.all()
    assert knowledge.count() == 2 * sum(PER_COMMUNITY.values())
    assert not knowledge.filter(live=False).exists()
    assert not knowledge.filter(themed_items__isnull=True).exists()
    assert not knowledge.filter(summary="").exists()
    assert not knowledge.exclude(live_revision__isnull=False).exists()
    assert Page.find_problems() == ([], [], [], [], [])


def test_sessions_threads_and_tools_look_real(sections):
    today = datetime.date.today()
    for section in sections.values():
        sessions = SessionNote.objects.child_of(section)
        assert sessions.filter(date__gte=today).count() >= 2  # upcoming work on the home page
        past = sessions.filter(date__lt=today)
        assert all(session.record and session.attendees.exists() for session in past)
        threads = ChallengeThread.objects.child_of(section)
        assert set(threads.values_list("status", flat=True)) == {"open", "exploring", "answered"}
        for tool in SharedTool.objects.child_of(section):
            documents = [file.document for file in tool.files.all()]
            assert documents
            assert {d.collection_id for d in documents} == {
                section.community.documents_collection_id
            }
            assert documents[0].file.read()
    assert SessionGuest.objects.exists()
    assert not Insight.objects.filter(source_page__isnull=True).exists()


def fold(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def names_pattern():
    """Any member's or guest's name or alias, or any organisation's name or alias."""
    names = set()
    for member in Member.objects.select_related("user", "organisation"):
        names |= {member.display_name, member.user.get_full_name(), *member.alias_list}
    for organisation in Organisation.objects.all():
        names |= {organisation.name, *organisation.alias_list}
    names |= set(SessionGuest.objects.values_list("name", flat=True))
    return re.compile(r"\b(" + "|".join(re.escape(fold(n)) for n in names) + r")\b")


def test_summaries_name_no_participant_or_organisation(sections):
    pattern = names_pattern()
    leaks = [
        (page.title, found.group())
        for page in KnowledgePage.objects.all()
        if (found := pattern.search(fold(page.summary)))
    ]
    assert leaks == []


def test_every_thread_has_replies_from_other_members_of_its_community(sections):
    today = datetime.date.today()
    for section in sections.values():
        community = section.community
        threads = ChallengeThread.objects.child_of(section)
        assert threads.count() == PER_COMMUNITY[ChallengeThread]
        for thread in threads.prefetch_related("replies"):
            replies = list(thread.replies.all())
            assert 2 <= len(replies) <= 6, thread.title
            learning = [reply for reply in replies if reply.is_learning]
            assert len(learning) == (1 if thread.status == "answered" else 0), thread.title
            for reply in replies:
                assert reply.author.user_id != thread.owner_id
                assert reply.author.memberships.filter(community=community).exists()
                assert thread.first_published_at < reply.created_at
                assert reply.created_at.date() < today
                assert reply.body.strip() and "lorem" not in reply.body.casefold()
                assert reply.edited_at is None and reply.withdrawn_at is None
    assert Reply.objects.filter(body__contains="\n- ").exists()  # a few carry a list


def test_demo_markdown_is_stored_rendered_as_saving_would(sections):
    """Pages print the stored HTML (knowledge.markdown), so the bulk loader must render it."""
    for model, name in [
        (ChallengeThread, "question"),
        (Insight, "learning"),
        (SharedTool, "description"),
        (Reply, "body"),
    ]:
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            assert getattr(row, f"{name}_html") == render_markdown(getattr(row, name)), row


def test_replies_name_no_participant_or_organisation(sections):
    pattern = names_pattern()
    leaks = [
        (reply.pk, found.group())
        for reply in Reply.objects.all()
        if (found := pattern.search(fold(reply.body)))
    ]
    assert leaks == []


def test_replies_are_added_only_to_threads_without_any(sections):
    thread = ChallengeThread.objects.child_of(sections["community-businesses-in-care"]).first()
    thread.replies.all().delete()
    before = Reply.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO(), no_progress=True)
    assert 2 <= Reply.objects.count() - before <= 6
    assert f"{Reply.objects.count() - before} replies" in out.getvalue()
    after = Reply.objects.count()
    call_command("load_demo", verbosity=0)
    assert Reply.objects.count() == after


def test_sections_are_restricted_to_their_community(sections, client):
    for section in sections.values():
        response = client.get(section.url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_demo_logins_sign_in_with_the_demo_password(sections, client):
    mine = sections["community-businesses-in-care"]
    theirs = sections["commissioning-care-co-operatives"]

    assert client.login(username=MEMBER_1, password=DEMO_PASSWORD)
    assert client.get(mine.url).status_code == 200
    assert client.get(theirs.url).status_code == 403
    response = client.get(mine.url)
    assert list(response.context["upcoming_sessions"])
    thread = ChallengeThread.objects.child_of(mine).first()
    assert client.get(thread.url).status_code == 200

    assert client.login(username=MEMBER_2, password=DEMO_PASSWORD)
    assert client.get(theirs.url).status_code == 200
    assert client.get(mine.url).status_code == 403

    assert client.login(username=CONVENER_1, password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200
    session = SessionNote.objects.child_of(mine).first()
    assert client.get(f"/admin/pages/{session.pk}/edit/").status_code == 200

    assert client.login(username=SITE_ADMIN[0], password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_running_again_changes_nothing(sections):
    before = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    assert snapshot() == before
    printed = out.getvalue()
    assert "already loaded" in printed
    assert DEMO_PASSWORD in printed
    assert all(username in printed for _, username in DEMO_LOGINS)
    assert "http://127.0.0.1:8000/admin/" in printed


def test_scale_two_doubles_the_knowledge_once(sections):
    people = {name: count for name, count in snapshot().items() if name in ("User", "Member")}
    call_command("load_demo", scale=2, verbosity=0)
    for section in sections.values():
        assert counts_by_type(section) == {model: 2 * n for model, n in PER_COMMUNITY.items()}
        titles = list(Page.objects.child_of(section).values_list("title", flat=True))
        assert len(titles) == len(set(titles))
        threads = ChallengeThread.objects.child_of(section)
        assert not threads.filter(replies__isnull=True).exists()
    assert Page.find_problems() == ([], [], [], [], [])
    assert not KnowledgePage.objects.filter(themed_items__isnull=True).exists()
    archived = Insight.objects.filter(title__endswith="(archive 2)").first()
    assert archived.live_revision.as_object().themes.exists()
    assert Page.objects.search("individual service fund").count() > 0
    after = snapshot()
    assert {name: after[name] for name in people} == people

    call_command("load_demo", scale=2, verbosity=0)
    assert snapshot() == after


def test_bulk_add_child_pages_continues_the_tree(sections):
    section = sections["community-businesses-in-care"]
    last = Page.objects.child_of(section).order_by("-path").first()
    pages = demo.bulk_add_child_pages(
        section,
        [
            Insight(title="Ask for the specific rule", slug="ask-rule", learning="Ask."),
            ChallengeThread(title="Who covers at Christmas?", slug="christmas", question="?"),
        ],
    )
    assert [page.path for page in pages] == [last._inc_path(), pages[0]._inc_path()]
    section.refresh_from_db()
    assert section.numchild == Page.objects.child_of(section).count()
    assert Page.find_problems() == ([], [], [], [], [])
    thread = ChallengeThread.objects.get(slug="christmas")
    assert thread.live and thread.url_path == f"{section.url_path}christmas/"
    assert thread.revisions.count() == 1


def test_the_plan_is_deterministic():
    today = datetime.date(2026, 3, 10)
    assert demo.build_plan(scale=2, today=today) == demo.build_plan(scale=2, today=today)


def test_every_live_public_page_passes_the_non_attribution_check(sections):
    public = Page.objects.live().public().filter(depth__gt=1).specific()
    assert {type(page).__name__ for page in public} >= {"HomePage", "AboutPage"}
    refused = {page.title: gate_check(page).summary() for page in public}
    assert {title: found for title, found in refused.items() if found["blocks"]} == {}


def test_a_draft_public_page_that_names_a_member_waits_to_show_the_check(sections):
    page = AboutPage.objects.get(slug=GATE_DEMO_DRAFT["slug"])
    assert page.get_parent().specific_class.__name__ == "HomePage"
    assert not page.live and page.live_revision is None
    assert page.get_view_restrictions().count() == 0  # public, once published
    draft = page.get_latest_revision_as_object()
    result = gate_check(draft)
    assert not result.publishable
    kinds = {finding.kind for _, finding in result.blocks}
    assert {"person", "organisation"} <= kinds
    assert all(where.field == "body" for where, _ in result.blocks)  # the title is clean
    paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", draft.body, re.S)]
    clean = [p for p in paragraphs if not check(p, registry_cached())]
    assert clean  # one paragraph already says it in role language
    assert page.owner.username == SITE_ADMIN[0]


def test_the_draft_is_created_once_and_never_published(sections):
    call_command("load_demo", verbosity=0)
    drafts = AboutPage.objects.filter(slug=GATE_DEMO_DRAFT["slug"])
    assert drafts.count() == 1
    assert not drafts.get().live


def test_the_report_pdf_links_to_the_address_the_demo_is_served_on(sections):
    """It said "Read it online: http://localhost/..." when the site's address was set after
    the PDF was made."""
    report = LearningReportPage.objects.live().get()
    with report.pdf.file.open("rb") as file:
        text = "\n".join(page.extract_text() for page in PdfReader(file).pages)
    assert "Read it online: http://127.0.0.1:8000/" in text
    assert "localhost" not in text


@override_settings(SETTINGS_MODULE="config.settings.production")
def test_refuses_production_settings(db):
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", verbosity=0)


# The public side: the learning hub, its outputs and the public information pages ------------


def live_outputs():
    return PublicOutputPage.objects.live().public().prefetch_related("themes", "sources")


def test_the_learning_hub_is_live_at_learning_with_outputs_across_the_themes(sections):
    hub = LearningHubPage.objects.get()
    assert hub.live and hub.url == "/learning/"
    assert hub.get_view_restrictions().count() == 0
    outputs = list(live_outputs())
    assert len(outputs) >= 15
    assert all(output.get_parent().pk == hub.pk for output in outputs)
    themes = {theme.name for output in outputs for theme in output.themes.all()}
    assert themes >= {
        "Individual service funds (ISFs)",
        "Personal budgets and direct payments",
        "Self-management",
        "Governance",
        "Commissioning",
    }
    assert len(themes) == 12  # every theme has something to read
    words = " ".join(f"{o.title} {o.summary} {o.body}" for o in outputs).casefold()
    for topic in (
        "individual service fund",
        "direct payment",
        "home care",
        "self-management",
        "co-operative",
    ):
        assert topic in words, topic
    assert {output.kind for output in outputs} == set(PublicOutputPage.Kind.values)
    assert len({output.first_published_at.date() for output in outputs}) == len(outputs)


def test_conveners_curate_in_the_demo_hub(sections, client):
    output = live_outputs().first()
    assert client.login(username=CONVENER_1, password=DEMO_PASSWORD)
    assert client.get(f"/admin/pages/{output.pk}/edit/").status_code == 200


def test_conveners_choose_public_downloads_for_their_outputs(sections, client):
    """A public output's files come from a public collection: the demo's conveners may use
    its public downloads, as a site admin would let them."""
    tool = PublicOutputPage.objects.live().get(kind=PublicOutputPage.Kind.SHARED_TOOL)
    document = tool.files.get().document
    assert client.login(username=CONVENER_1, password=DEMO_PASSWORD)
    html = client.get("/admin/documents/chooser/").content.decode()
    assert document.title in html


def test_outputs_link_to_the_members_only_pages_they_came_from(sections):
    outputs = list(live_outputs())
    assert all(output.sources.all() for output in outputs)
    for output in outputs:
        for source in output.sources.all():
            section = source.specific.community_section()
            assert section is not None and source.get_view_restrictions().exists()


def test_one_output_is_a_shared_tool_with_a_public_download(sections, client):
    tool = PublicOutputPage.objects.live().get(kind=PublicOutputPage.Kind.SHARED_TOOL)
    document = tool.files.get().document
    assert document.collection.get_view_restrictions().count() == 0
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"INDIVIDUAL SERVICE FUND" in b"".join(response.streaming_content)
    html = client.get(tool.url).content.decode()
    assert document.url in html and tool.licence_url in html


def test_the_public_information_pages_say_how_to_join_and_how_data_is_used(sections, client):
    pages = {page.slug: page for page in AboutPage.objects.live().public()}
    assert {"about", "how-to-join", "accessibility", "privacy"} <= set(pages)
    assert PUBLIC_EMAIL in pages["how-to-join"].body
    assert "WCAG" in pages["accessibility"].body and "2.2" in pages["accessibility"].body
    assert "Equality Advisory" in pages["accessibility"].body
    assert "Chatham House rule" in pages["privacy"].body
    assert (
        "consent" in pages["privacy"].body and "Information Commissioner" in pages["privacy"].body
    )
    for slug in ("how-to-join", "accessibility", "privacy"):
        assert client.get(pages[slug].url).status_code == 200
    home = client.get("/").content.decode()
    header, footer = home[: home.index("</header>")], home[home.index("<footer") :]
    assert 'href="/learning/"' in header and 'href="/how-to-join/"' in header
    for slug in ("learning", "about", "how-to-join", "accessibility", "privacy"):
        assert f'href="/{slug}/"' in footer


def test_anyone_reads_the_demo_learning_and_never_who_published_it(sections, client):
    output = live_outputs().first()
    theme = output.themes.first()
    for url in ("/learning/", f"/learning/themes/{theme.slug}/", output.url):
        html = client.get(url).content.decode()
        assert output.title in html, url
    html = client.get(output.url).content.decode()
    assert "Published by the convener" in html
    assert output.owner.username not in html and output.owner.last_name not in html
    for source in output.sources.all():
        assert source.url not in html


def test_every_public_output_and_hub_passes_the_non_attribution_check(sections):
    public = [LearningHubPage.objects.get(), *live_outputs(), *AboutPage.objects.live().public()]
    assert len(public) >= 20
    refused = {page.title: gate_check(page).summary() for page in public}
    assert {title: found for title, found in refused.items() if found["blocks"]} == {}
    pattern = names_pattern()
    leaks = [
        (output.title, found.group())
        for output in live_outputs()
        if (found := pattern.search(fold(f"{output.title} {output.summary} {output.body}")))
    ]
    assert leaks == []


def test_a_draft_output_that_names_a_member_waits_for_the_gate(sections):
    draft = PublicOutputPage.objects.get(slug=PUBLIC_OUTPUT_DRAFT["slug"])
    assert not draft.live and draft.live_revision is None
    assert draft.get_parent().pk == LearningHubPage.objects.get().pk
    revision = draft.latest_revision
    result = gate_check(revision.as_object())
    assert not result.publishable
    assert {"person", "organisation"} <= {finding.kind for _, finding in result.blocks}
    with pytest.raises(AttributionBlocked):
        revision.publish()
    assert not PublicOutputPage.objects.get(pk=draft.pk).live
    assert draft.title not in {o.title for o in live_outputs()}


def test_the_public_pages_are_created_once(sections):
    call_command("load_demo", verbosity=0)
    assert LearningHubPage.objects.count() == 1
    assert PublicOutputPage.objects.filter(slug=PUBLIC_OUTPUT_DRAFT["slug"]).count() == 1
    assert AboutPage.objects.filter(slug="privacy").count() == 1
    assert demo.missing_page_count(demo.build_plan()) == 0


# The learning report -------------------------------------------------------------------------


def test_the_demo_has_one_live_report_built_from_its_outputs(sections, client):
    report = LearningReportPage.objects.live().public().get()
    hub = LearningHubPage.objects.get()
    assert report.slug == LEARNING_REPORT["slug"] and report.get_parent().pk == hub.pk
    assert report.kind == PublicOutputPage.Kind.REPORT
    assert report.owner.username == CONVENER_1
    assert report.publication_date == report.first_published_at.date()
    assert {theme.name for theme in report.themes.all()} == set(LEARNING_REPORT["themes"])
    assert report.body and report.conclusion and report.sources.exists()
    # Published the way a convener publishes, through the gate: a revision, then a publish.
    assert report.live_revision is not None
    assert PageLogEntry.objects.filter(page=report, action="wagtail.publish").exists()

    report_sections = [section.value for section in report.sections]
    assert len(report_sections) == 3
    assert all(len(section["summary_points"]) >= 2 for section in report_sections)
    blocks = [child for section in report_sections for child in section["content"]]
    kinds = [child.block_type for child in blocks]
    for kind in ("paragraph", "quote", "curated_output"):
        assert kinds.count(kind) == 3, kind
    assert kinds.count("table") == 1 and kinds.count("participating_organisations") == 1
    curated = [child.value for child in blocks if child.block_type == "curated_output"]
    assert all(value["output"].live for value in curated)
    [frozen] = [value for value in curated if value["freeze"]]
    output = frozen["output"].specific
    assert (frozen["frozen_title"], frozen["frozen_summary"]) == (output.title, output.summary)
    curated_sources = {
        source.pk for value in curated for source in value["output"].specific.sources.all()
    }
    assert {source.pk for source in report.sources.all()} == curated_sources

    page = client.get(report.url).content.decode()
    assert f"<h1>{report.title}</h1>" in page and "Published by the convener on" in page
    for section in report_sections:
        assert section["heading"] in page
        for point in section["summary_points"]:
            assert html.escape(point) in page
    assert page.count("<h3>Summary points</h3>") == 3
    assert report.owner.username not in page and report.owner.last_name not in page
    assert "<caption>Organisations that took part in the first phase, by type</caption>" in page
    assert report.url in client.get("/learning/").content.decode()

    # The PDF is made when the report is published (learning/report_pdf.py).
    assert report.pdf_problem == ""  # nothing stopped the PDF, the gate included
    assert f'href="{report.pdf.url}"' in page
    response = client.get(report.pdf.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_demo_report_names_no_participant_or_organisation(sections):
    report = LearningReportPage.objects.get()
    assert gate_check(report).summary() == {"blocks": [], "warnings": []}
    pattern = names_pattern()
    text = " ".join(where.text for where in page_texts(report))
    assert "a council commissioner" in text  # quotes by role
    assert pattern.search(fold(text)) is None


def test_the_demos_learning_can_be_searched_at_once(sections, client):
    """load_demo fills the site's search index as it goes: the sector's words find the
    outputs, and its acronyms find the same."""

    def found(q):
        return re.findall(
            r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>',
            client.get("/search/", {"q": q}).content.decode(),
        )

    assert found("individual service funds")
    assert set(found("ISF")) == set(found("individual service fund"))


def test_the_first_community_is_recruiting_with_an_application_at_each_stage(sections, client):
    from members.joining import recruiting
    from members.models import Application

    community = recruiting().get()
    statuses = set(Application.objects.filter(community=community).values_list("status", flat=True))
    assert statuses == set(Application.Status.values)
    page = client.get(f"/join/{community.slug}/").content.decode()
    assert "First, can you apply?" in page
