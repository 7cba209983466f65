"""What members see on each kind of page, and where each kind of page may live in the tree."""

import datetime
import re

from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase

from knowledge.models import (
    AboutPage,
    CaseStudy,
    ChallengeThread,
    CommunityHomePage,
    HomePage,
    Insight,
    SessionGuest,
    SessionNote,
    SharedTool,
)
from learning.models import LearningHubPage, LearningReportPage, PublicOutputPage
from members.services import membership_add

from ..factories import (
    ChallengeThreadFactory,
    CommunityFactory,
    OrganisationFactory,
    SessionNoteFactory,
)

KNOWLEDGE_TYPES = {SessionNote, Insight, SharedTool, CaseStudy, ChallengeThread}


def _fresh(page):
    """The page as stored (fixture pages hold in-memory cluster state from before publishing)."""
    return Page.objects.get(pk=page.pk).specific


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _record_session(programme):
    session = _fresh(programme.pages["session"])
    session.format = SessionNote.Format.FACE_TO_FACE
    session.agenda = "Welcome and updates\nISF contracts"
    session.record = [
        ("updates", RichText("<p>Two members moved home care contracts to outcomes.</p>")),
        ("discussion", RichText("<p>Members compared direct payment audits.</p>")),
        ("actions", RichText("<p>Share the ISF clause template.</p>")),
    ]
    session.attendees = [programme.member, programme.convener]
    session.guests = [SessionGuest(name="Grace Adeyemi", role="Speaker", organisation="TLAP")]
    session.save_revision().publish()
    return session


def test_session_note_shows_its_record_and_who_was_there(programme, client_for):
    session = _record_session(programme)

    html = _html(client_for(programme.member), session.url)
    assert "Session 3: ISFs" in html
    assert '<time datetime="2025-05-06">6 May 2025</time>, face to face' in html
    assert ">Agenda</h2>" in html
    assert "Welcome and updates<br>ISF contracts" in html
    record = [
        "Two members moved home care contracts to outcomes.",
        "Members compared direct payment audits.",
        "Share the ISF clause template.",
    ]
    positions = [html.index(text) for text in record]
    assert positions == sorted(positions)
    assert "Amina Okafor" in html and "Rachel Hughes" in html
    assert "Grace Adeyemi, Speaker, TLAP (guest)" in html
    assert "Never share who attended" in html
    assert 'name="robots" content="noindex, nofollow"' in html


def test_session_note_record_sections_have_their_headings(programme, client_for):
    session = _record_session(programme)
    html = _html(client_for(programme.member), session.url)
    assert "<h2></h2>" not in html
    for heading in ("Updates since last time", "Discussion", "Actions"):
        assert re.search(rf"<h2[^>]*>\s*{heading}\s*</h2>", html), heading


def test_shared_tool_links_its_files_through_the_documents_view(programme, client_for):
    html = _html(client_for(programme.member), programme.pages["tool"].url)
    document = programme.document
    assert f'<a href="{document.url}">{document.title}</a>' in html
    assert document.url.startswith("/documents/")
    assert "/media/" not in html
    assert "(TXT)" in html
    assert "A contract clause template." in html
    assert "Licence: CC BY-NC-SA 4.0" in html


def test_case_study_shows_each_section(programme, client_for):
    html = _html(client_for(programme.member), programme.pages["case_study"].url)
    for heading, text in (
        ("Context", "A rural county."),
        ("Challenge", "Recruitment."),
        ("Approach", "A co-operative."),
        ("Outcomes", "Better retention."),
        ("Learning", "Pay matters."),
    ):
        assert f'<h2 id="{heading.lower()}">{heading}</h2><p>{text}</p>' in html


def test_case_study_marks_an_organisation_not_to_be_named(programme, client_for):
    case_study = _fresh(programme.pages["case_study"])
    case_study.organisation = OrganisationFactory(name="Hillside Care Co-op")
    case_study.save_revision().publish()
    html = _html(client_for(programme.member), case_study.url)
    assert "Hillside Care Co-op (not to be named outside this community)" in html


def test_thread_renders_its_question_as_safe_markdown_with_its_status(programme, client_for):
    thread = _fresh(programme.pages["thread"])
    thread.question = (
        "How do we move **home care** from time and task to outcomes?\n\n"
        "- contracts\n- audits\n\n<script>alert('x')</script>"
    )
    thread.status = ChallengeThread.Status.EXPLORING
    thread.save_revision().publish()

    html = _html(client_for(programme.member), thread.url)
    assert "How do we move <strong>home care</strong>" in html
    assert "<li>contracts</li>" in html
    assert "alert('x')" not in html
    assert '<span class="status status--exploring">Exploring</span>' in html


def test_insight_renders_learning_summary_and_themes(programme, client_for):
    html = _html(client_for(programme.member), programme.pages["insight"].url)
    assert "<p>Start with one provider and one ward.</p>" in html
    assert "Non-attributed summary" in html
    assert "A member described what worked." in html
    theme_link = f'href="{programme.section.url}themes/isfs/"'
    assert theme_link in html and "Individual service funds (ISFs)" in html


def test_community_home_shows_activity_sessions_threads_themes_and_directory(programme, client_for):
    today = timezone.localdate()
    SessionNoteFactory(
        parent=programme.section,
        title="Session 4: outcomes",
        date=today + datetime.timedelta(days=14),
        format=SessionNote.Format.WEBINAR,
    )
    ChallengeThreadFactory(
        parent=programme.section,
        title="Settled question",
        status=ChallengeThread.Status.ANSWERED,
    )

    html = _html(client_for(programme.member), programme.section.url)
    latest = html.split('id="latest"', 1)[1].split("</section>", 1)[0]
    for page in programme.pages.values():
        assert page.title in latest

    upcoming = html.split('id="upcoming"', 1)[1].split("Open challenges", 1)[0]
    assert "Session 4: outcomes" in upcoming
    assert "(webinar)" in upcoming
    assert "Session 3: ISFs" not in upcoming  # in the past

    open_threads = html.split("Open challenges", 1)[1].split("</section>", 1)[0]
    assert "Paying for outcomes" in open_threads
    assert "Settled question" not in open_threads

    themes = html.split('id="themes"', 1)[1].split("</section>", 1)[0]
    assert re.search(
        r"Individual service funds \(ISFs\) <span class=\"count\">\(5\)</span>", themes
    )
    assert "Commissioning" not in themes
    assert f'href="{programme.section.url}members/"' in html
    assert 'name="robots" content="noindex, nofollow"' in html


def test_community_home_without_content_says_so(programme, client_for):
    html = _html(client_for(programme.outsider), programme.other_section.url)
    assert "Nothing here yet." in html
    assert "No session is scheduled yet." in html
    assert "No open challenges." in html
    assert "Nothing is tagged yet." in html
    for page in programme.pages.values():
        assert page.title not in html


def test_directory_lists_members_with_organisation_and_roles(programme, client_for):
    programme.member.organisation = OrganisationFactory(name="Northfield Care Co-operative")
    programme.member.role_in_organisation = "Operations lead"
    programme.member.save()

    html = _html(client_for(programme.member), programme.section.url + "members/")
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row) for row in rows[1:]]
    assert cells == [
        ["Amina Okafor", "Northfield Care Co-operative", "Operations lead", "Member"],
        ["Rachel Hughes", programme.convener.organisation.name, "Director", "Convener"],
    ]
    assert "Tom Reilly" not in html
    assert 'name="robots" content="noindex, nofollow"' in html


def test_home_page_works_for_a_member_of_a_community_without_a_section_yet(programme, client_for):
    membership_add(community=CommunityFactory(name="New Circle"), member=programme.member)
    client = client_for(programme.member)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 200
    assert programme.community.name in response.content.decode()


class TestTreeRules(WagtailPageTestCase):
    """Knowledge lives only in a community's section; sections only under the public home."""

    def test_knowledge_pages_only_under_a_community_home(self):
        for model in KNOWLEDGE_TYPES:
            self.assertAllowedParentPageTypes(model, {CommunityHomePage})
            self.assertAllowedSubpageTypes(model, set())
            self.assertCanCreateAt(CommunityHomePage, model)
            self.assertCanNotCreateAt(HomePage, model)
            self.assertCanNotCreateAt(AboutPage, model)
            self.assertCanNotCreateAt(Page, model)

    def test_community_homes_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(CommunityHomePage, {HomePage})
        self.assertAllowedSubpageTypes(CommunityHomePage, KNOWLEDGE_TYPES)
        self.assertCanNotCreateAt(CommunityHomePage, CommunityHomePage)
        self.assertCanNotCreateAt(Page, CommunityHomePage)

    def test_home_page_holds_about_pages_community_homes_and_the_learning_hub(self):
        self.assertAllowedSubpageTypes(HomePage, {AboutPage, CommunityHomePage, LearningHubPage})
        self.assertAllowedParentPageTypes(AboutPage, {HomePage})
        self.assertAllowedSubpageTypes(AboutPage, set())

    def test_public_outputs_live_only_in_the_learning_hub(self):
        self.assertAllowedSubpageTypes(LearningHubPage, {PublicOutputPage, LearningReportPage})
        for output in (PublicOutputPage, LearningReportPage):
            self.assertAllowedParentPageTypes(output, {LearningHubPage})
            self.assertAllowedSubpageTypes(output, set())
