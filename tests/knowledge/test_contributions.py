"""Members contribute insights and tools from the front end; conveners review and publish them."""

import html
import io
import zipfile
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from knowledge.models import Insight, SharedTool
from knowledge.services import contributions

FORBIDDEN_TEXT = "This page is for another community"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CSV = b"Outcome,Measure\nIndependence,Hours of support chosen by the person\n"


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return html.unescape(response.content.decode())


def _upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _insight_data(**overrides):
    data = {
        "title": "Agree outcomes before hours",
        "learning": "Providers *and* people agree the outcomes first.",
        "source": "Session 3, table discussion",
        "themes": ["isfs", "commissioning"],
    }
    return {**data, **overrides}


def _tool_data(*files, **overrides):
    data = {
        "title": "Outcomes plan template",
        "description": "A one-page plan for **outcomes-based** support.",
        "how_to_use": "Fill it in with the person.",
        "licence": "CC-BY-4.0",
        "themes": ["isfs"],
        "files": list(files),
    }
    return {**data, **overrides}


def _routes(p):
    return {
        "insight": p.section.url + "insights/new/",
        "tool": p.section.url + "tools/new/",
        "review": p.section.url + "review/",
    }


# Recording an insight


def test_member_records_an_insight_as_a_draft_for_the_convener(programme, client_for):
    client = client_for(programme.member)
    session = programme.pages["session"]
    response = client.post(
        _routes(programme)["insight"], _insight_data(source_page=session.pk), follow=True
    )
    assert "your convener, who will review it" in _text(response)

    insight = Insight.objects.get(title="Agree outcomes before hours")
    assert not insight.live
    assert insight.get_parent().pk == programme.section.pk
    assert insight.owner == programme.member.user
    assert insight.source_page.pk == session.pk
    revision = insight.get_latest_revision()
    assert revision.user == programme.member.user
    assert sorted(t.slug for t in revision.as_object().themes.all()) == ["commissioning", "isfs"]
    # A draft is not on the site yet, even for members.
    assert client.get(insight.url).status_code == 404


def test_the_form_offers_this_sections_sessions_threads_and_case_studies(programme, client_for):
    body = _text(client_for(programme.member).get(_routes(programme)["insight"]))
    assert body.count("<h1") == 1
    for name in ("session", "thread", "case_study"):
        assert programme.pages[name].title in body
    assert "Start small with ISFs" not in body  # an insight is not a source
    assert '<fieldset class="field' in body and "<legend>Themes</legend>" in body


def test_source_page_from_another_section_is_refused(programme, client_for):
    elsewhere = type(programme.pages["session"])(title="Their session", date="2025-01-01")
    programme.other_section.add_child(instance=elsewhere)
    elsewhere.save_revision().publish()
    response = client_for(programme.member).post(
        _routes(programme)["insight"], _insight_data(source_page=elsewhere.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert not Insight.objects.filter(title="Agree outcomes before hours").exists()


def test_preview_renders_sanitised_markdown_and_saves_nothing(programme, client_for):
    data = _insight_data(
        learning="Ask *first*.<script>alert(1)</script>", preview="1", themes=["governance"]
    )
    response = client_for(programme.member).post(_routes(programme)["insight"], data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<em>first</em>" in body
    assert "<script>alert" not in body
    assert 'value="Agree outcomes before hours"' in body  # everything typed is kept
    assert 'value="governance" id="id_themes_' in body and "checked" in body
    assert "There is a problem" not in body  # a preview is not a submission
    assert not Insight.objects.filter(title="Agree outcomes before hours").exists()


def test_missing_theme_is_an_error_that_keeps_what_was_typed(programme, client_for):
    response = client_for(programme.member).post(
        _routes(programme)["insight"], _insight_data(themes=[])
    )
    body = _text(response)
    assert response.status_code == 200
    assert "There is a problem" in body
    assert 'href="#id_themes_0"' in body  # the summary links to the first checkbox
    assert "Choose at least one theme." in body
    assert 'value="Agree outcomes before hours"' in body
    assert "Providers *and* people agree the outcomes first." in body
    assert not Insight.objects.filter(title="Agree outcomes before hours").exists()


def test_unknown_theme_is_refused(programme, client_for):
    response = client_for(programme.member).post(
        _routes(programme)["insight"], _insight_data(themes=["astrology"])
    )
    assert "‘astrology’ is not one of the programme's themes." in _text(response)
    assert not Insight.objects.filter(title="Agree outcomes before hours").exists()


def test_missing_title_and_learning_are_errors(programme, client_for):
    response = client_for(programme.member).post(
        _routes(programme)["insight"], _insight_data(title="", learning="")
    )
    body = _text(response)
    assert 'href="#id_title"' in body and 'href="#id_learning"' in body
    assert "Session 3, table discussion" in body


# Sharing a tool


def test_member_shares_a_tool_with_a_pdf_and_a_csv(programme, client_for):
    client = client_for(programme.member)
    form = _text(client.get(_routes(programme)["tool"]))
    assert 'enctype="multipart/form-data"' in form and "multiple" in form
    response = client.post(
        _routes(programme)["tool"],
        _tool_data(_upload("plan.pdf", PDF), _upload("measures.csv", CSV, "text/csv")),
        follow=True,
    )
    assert "your convener, who will review it" in _text(response)

    tool = SharedTool.objects.get(title="Outcomes plan template")
    assert not tool.live and tool.owner == programme.member.user
    assert tool.licence == "CC-BY-4.0"
    assert tool.get_latest_revision().user == programme.member.user
    documents = [file.document for file in tool.files.all()]
    assert sorted(d.title for d in documents) == ["measures.csv", "plan.pdf"]
    for document in documents:
        assert document.collection_id == programme.community.documents_collection_id
        assert document.uploaded_by_user == programme.member.user
        assert document.file_size


def test_a_docx_is_accepted(programme, client_for):
    client_for(programme.member).post(
        _routes(programme)["tool"], _tool_data(_upload("clause.docx", _docx()))
    )
    assert SharedTool.objects.filter(title="Outcomes plan template").exists()


def test_shared_files_are_served_only_to_the_community(programme, client_for, client):
    client_for(programme.member).post(
        _routes(programme)["tool"], _tool_data(_upload("plan.pdf", PDF))
    )
    document = get_document_model().objects.get(title="plan.pdf")
    assert b"".join(client.get(document.url).streaming_content) == PDF
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/login/"
    assert client_for(programme.outsider).get(document.url).status_code == 403


EXE = b"MZ\x90\x00" + b"\x00" * 60
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 60
ZIP = b"PK\x03\x04" + b"\x00" * 60


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", EXE, "‘setup.pdf’ is not a PDF: it looks like a Windows program."),
        ("photo.pdf", PNG, "‘photo.pdf’ is not a PDF: it looks like a PNG image."),
        ("plan.docx", PDF, "‘plan.docx’ is not a Word document: it looks like a PDF."),
        ("sums.xlsx", ZIP, "‘sums.xlsx’ is not an Excel spreadsheet: it looks like a ZIP"),
        ("notes.txt", b"Hello\x00world", "‘notes.txt’ is not a plain text file"),
        ("data.csv", "Café".encode("latin-1"), "‘data.csv’ is not a CSV file"),
        ("tool.exe", EXE, "‘tool.exe’ is not a kind of file we accept."),
        ("empty.pdf", b"", "‘empty.pdf’ is empty."),
    ],
)
def test_files_are_checked_by_content(programme, client_for, name, content, message):
    response = client_for(programme.member).post(
        _routes(programme)["tool"], _tool_data(_upload("plan.pdf", PDF), _upload(name, content))
    )
    body = _text(response)
    assert response.status_code == 200
    assert "There is a problem" in body and 'href="#id_files"' in body
    assert message in body
    assert "Choose your files again" in body
    assert 'value="Outcomes plan template"' in body  # text fields are kept
    assert "A one-page plan for **outcomes-based** support." in body
    assert not SharedTool.objects.filter(title="Outcomes plan template").exists()
    assert not get_document_model().objects.filter(title="plan.pdf").exists()


def test_oversize_file_is_refused_with_its_size(programme, client_for, monkeypatch):
    monkeypatch.setattr("members.uploads.MAX_UPLOAD_BYTES", 2048)
    response = client_for(programme.member).post(
        _routes(programme)["tool"], _tool_data(_upload("big.pdf", PDF + b"0" * 4096))
    )
    assert "‘big.pdf’ is 4 KB: each file can be at most 2 KB." in _text(response)
    assert not SharedTool.objects.filter(title="Outcomes plan template").exists()


def test_no_file_is_an_error(programme, client_for):
    response = client_for(programme.member).post(_routes(programme)["tool"], _tool_data())
    assert "Choose at least one file." in _text(response)


def test_other_errors_say_the_files_must_be_chosen_again(programme, client_for):
    response = client_for(programme.member).post(
        _routes(programme)["tool"], _tool_data(_upload("plan.pdf", PDF), title="")
    )
    body = _text(response)
    assert 'href="#id_title"' in body and "Choose your files again" in body
    assert not get_document_model().objects.filter(title="plan.pdf").exists()


# The convener's review


def test_convener_reviews_and_publishes_a_contribution(programme, client_for):
    client_for(programme.member).post(_routes(programme)["insight"], _insight_data())
    insight = Insight.objects.get(title="Agree outcomes before hours")

    client = client_for(programme.convener)
    body = _text(client.get(_routes(programme)["review"]))
    assert "Agree outcomes before hours" in body and "Amina Okafor" in body
    assert f"/admin/pages/{insight.pk}/edit/" in body
    assert "Start small with ISFs" not in body  # live pages are not waiting

    response = client.post(_routes(programme)["review"], {"page": insight.pk}, follow=True)
    assert "Published ‘Agree outcomes before hours’" in _text(response)
    insight.refresh_from_db()
    assert insight.live
    assert insight.get_latest_revision().user == programme.member.user
    assert "Nothing is waiting for review." in _text(client.get(_routes(programme)["review"]))

    member_view = client_for(programme.member).get(insight.url)
    assert member_view.status_code == 200
    assert "<em>and</em>" in member_view.content.decode()


def test_review_lists_shared_tools_too(programme, client_for):
    client_for(programme.member).post(
        _routes(programme)["tool"], _tool_data(_upload("plan.pdf", PDF))
    )
    body = _text(client_for(programme.convener).get(_routes(programme)["review"]))
    assert "Outcomes plan template" in body and "Shared tool" in body


def test_convener_cannot_publish_another_sections_draft(programme, client_for):
    draft = Insight(title="Their draft", learning="Theirs.", live=False)
    programme.other_section.add_child(instance=draft)
    draft.save_revision()
    response = client_for(programme.convener).post(
        _routes(programme)["review"], {"page": draft.pk}, follow=True
    )
    assert "no longer waiting for review" in _text(response)
    draft.refresh_from_db()
    assert not draft.live


def test_a_member_cannot_review_or_publish(programme, client_for):
    client_for(programme.member).post(_routes(programme)["insight"], _insight_data())
    insight = Insight.objects.get(title="Agree outcomes before hours")
    client = client_for(programme.member)
    response = client.get(_routes(programme)["review"])
    assert response.status_code == 403
    assert "Reviewing contributions is for conveners" in _text(response)
    assert client.post(_routes(programme)["review"], {"page": insight.pk}).status_code == 403
    insight.refresh_from_db()
    assert not insight.live


def test_superuser_may_review(programme, admin_client):
    assert admin_client.get(_routes(programme)["review"]).status_code == 200


# Nobody outside the community reaches any of it


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", ["insight", "tool", "review"])
def test_anonymous_readers_are_sent_to_sign_in(programme, client_for, route, method):
    url = _routes(programme)[route]
    response = getattr(client_for(None), method)(url, _insight_data() if method == "post" else {})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/login/"
    assert not Insight.objects.filter(title="Agree outcomes before hours").exists()


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", ["insight", "tool", "review"])
def test_members_of_another_community_are_refused(programme, client_for, route, method):
    url = _routes(programme)[route]
    data = _insight_data() if method == "post" else {}
    if route == "tool" and method == "post":
        data = _tool_data(_upload("plan.pdf", PDF))
    response = getattr(client_for(programme.outsider), method)(url, data)
    assert response.status_code == 403
    assert FORBIDDEN_TEXT in _text(response)
    assert not Insight.objects.filter(title="Agree outcomes before hours").exists()
    assert not SharedTool.objects.filter(title="Outcomes plan template").exists()


def test_outsider_cannot_publish_a_draft(programme, client_for):
    client_for(programme.member).post(_routes(programme)["insight"], _insight_data())
    insight = Insight.objects.get(title="Agree outcomes before hours")
    client = client_for(programme.outsider)
    assert client.post(_routes(programme)["review"], {"page": insight.pk}).status_code == 403
    insight.refresh_from_db()
    assert not insight.live


def test_two_insights_with_one_title_get_their_own_addresses(programme):
    """A title that repeats, or names one of the section's own pages, still gets a free slug."""
    for _ in range(2):
        contributions.insight_record(
            section=programme.section,
            user=programme.member.user,
            title="Tools",
            learning="Share the template first.",
            source="",
            source_page=None,
            themes=[],
        )
    slugs = sorted(
        Page.objects.child_of(programme.section)
        .filter(title="Tools")
        .values_list("slug", flat=True)
    )
    assert slugs == ["tools-page", "tools-page-1"]


def test_a_page_cannot_take_the_address_of_a_section_route(programme):
    insight = programme.pages["insight"]
    insight.slug = "review"
    with pytest.raises(ValidationError, match="section's own pages"):
        insight.full_clean()
