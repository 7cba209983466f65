"""Documents a form accepts (issue 16): a page's files and document links must be documents the
editor may choose, and a public page's must be in a public collection, whatever id is posted."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from learning import curation
from learning.models import PublicOutputPage

pytestmark = pytest.mark.django_db

ISFS = "Individual service funds (ISFs)"


def _document(title, collection, name):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(name, ContentFile(b"Some words."))
    document.save()
    return document


@pytest.fixture
def output(programme, hub):
    return curation.output_curate(source=programme.pages["insight"], by=programme.convener.user)


@pytest.fixture
def theirs(programme):
    """A file in the other community's members-only collection."""
    return _document(
        "Hartley Council commissioning plan",
        programme.other_community.documents_collection,
        "hartley-plan.txt",
    )


@pytest.fixture
def public_document(programme):
    collection = Collection.get_first_root_node().add_child(name="Public downloads")
    return _document("Outcomes toolkit", collection, "outcomes-toolkit.txt")


def _edit(client, output, *, files=(), body="", publish=False):
    data = nested_form_data(
        {
            "title": output.title,
            "slug": output.slug,
            "kind": output.kind,
            "summary": output.summary,
            "body": rich_text(body),
            "themes": f'"{ISFS}"',
            "licence": output.licence,
            "files": inline_formset([{"document": document.pk} for document in files]),
            "comments": inline_formset([]),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[output.pk]), data)


def _files(output):
    draft = PublicOutputPage.objects.get(pk=output.pk).get_latest_revision_as_object()
    return [f.document_id for f in draft.files.all()]


@pytest.mark.parametrize("publish", [False, True])
def test_another_communitys_private_document_is_refused(
    programme, output, theirs, client_for, publish
):
    response = _edit(client_for(programme.convener), output, files=[theirs], publish=publish)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a document from a collection you may use" in html
    assert "Hartley" not in html and "hartley-plan" not in html
    assert theirs.pk not in _files(output)
    assert not PublicOutputPage.objects.get(pk=output.pk).live


def test_the_communitys_own_private_document_is_refused_on_a_public_page(
    programme, output, client_for
):
    response = _edit(client_for(programme.convener), output, files=[programme.document])

    assert response.status_code == 200
    html = response.content.decode()
    assert "‘ISF contract clause’ is in a members-only collection" in html
    assert programme.document.pk not in _files(output)


def test_a_document_link_to_another_communitys_file_is_refused(
    programme, output, theirs, client_for
):
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    features = ["link", "document-link"]
    body = ContentstateConverter(features).from_database_format(
        f'<p><a linktype="document" id="{theirs.pk}">the plan</a></p>'
    )
    data = nested_form_data(
        {
            "title": output.title,
            "slug": output.slug,
            "kind": output.kind,
            "summary": output.summary,
            "body": body,
            "themes": f'"{ISFS}"',
            "licence": output.licence,
            "files": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    client = client_for(programme.convener)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[output.pk]), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a document from a collection you may use" in html
    assert "Hartley" not in html and "hartley-plan" not in html
    assert "the plan" in html  # the linked words are kept
    draft = PublicOutputPage.objects.get(pk=output.pk).get_latest_revision_as_object()
    assert f'id="{theirs.pk}"' not in draft.body


def test_a_public_document_the_editor_may_choose_is_attached(
    programme, output, public_document, client_for
):
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupCollectionPermission

    GroupCollectionPermission.objects.create(
        group=programme.community.conveners_group,
        collection=public_document.collection,
        permission=Permission.objects.get(codename="choose_document"),
    )
    response = _edit(client_for(programme.convener), output, files=[public_document])

    assert response.status_code == 302
    assert _files(output) == [public_document.pk]


def test_the_model_refuses_a_members_only_file_on_a_public_output(programme, output, theirs):
    from django.core.exceptions import ValidationError

    from learning.models import PublicOutputFile

    with pytest.raises(ValidationError) as refused:
        PublicOutputFile(output=output, document=theirs).full_clean()
    assert "Hartley" not in str(refused.value)


def test_the_public_page_and_api_never_show_a_refused_document(
    programme, output, theirs, client_for, client
):
    _edit(client_for(programme.convener), output, files=[theirs], publish=True)
    client.logout()
    page = PublicOutputPage.objects.get(pk=output.pk)
    for url in (page.url or "/learning/", f"/api/outputs/{page.pk}/"):
        html = client.get(url).content.decode()
        assert "Hartley" not in html and "hartley-plan" not in html


def test_the_chooser_lists_only_documents_the_convener_may_choose(programme, theirs, client_for):
    response = client_for(programme.convener).get(reverse("wagtaildocs_chooser:choose"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ISF contract clause" in html
    assert "Hartley" not in html


def test_a_shared_tool_refuses_another_communitys_file_without_naming_it(
    programme, theirs, client_for
):
    tool = programme.pages["tool"]
    existing = tool.files.get()
    data = nested_form_data(
        {
            "title": tool.title,
            "slug": tool.slug,
            "description": tool.description,
            "how_to_use": "",
            "licence": tool.licence,
            "summary": tool.summary,
            "themes": f'"{ISFS}"',
            "files": inline_formset(
                [
                    {"id": existing.pk, "document": programme.document.pk, "ORDER": "1"},
                    {"id": "", "document": theirs.pk, "ORDER": "2"},
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    response = client_for(programme.convener).post(
        reverse("wagtailadmin_pages:edit", args=[tool.pk]), data
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a document from a collection you may use" in html
    assert "Hartley" not in html and "hartley-plan" not in html
    assert [f.document_id for f in tool.get_latest_revision_as_object().files.all()] == [
        programme.document.pk
    ]


def test_a_members_only_file_attached_before_these_rules_is_not_shown(
    programme, output, theirs, client
):
    """Readers' pages leave out a members-only file a page already offered (old data)."""
    from learning.models import PublicOutputFile

    PublicOutputFile.objects.create(output=output, document=theirs)
    page = PublicOutputPage.objects.get(pk=output.pk)
    page.save_revision().publish()
    for url in (page.url, f"/api/outputs/{page.pk}/", "/api/outputs/"):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Hartley" not in html and "hartley-plan" not in html


def test_a_report_sections_link_to_another_communitys_file_is_refused(
    programme, hub, theirs, client_for
):
    """A StreamField's rich text: the link is refused, and the file's name is not shown."""
    from wagtail.test.utils.form_data import streamfield

    from learning.curation import learning_hub_open_to_conveners
    from learning.models import LearningReportPage

    learning_hub_open_to_conveners(hub)
    link = f'<p>See <a linktype="document" id="{theirs.pk}">their plan</a>.</p>'
    data = nested_form_data(
        {
            "title": "Phase one",
            "slug": "phase-one",
            "summary": "What phase one learned.",
            "body": rich_text(""),
            "conclusion": rich_text(""),
            "themes": f'"{ISFS}"',
            "publication_date": "2026-05-04",
            "licence": "CC-BY-4.0",
            "sections": streamfield(
                [
                    (
                        "section",
                        {
                            "heading": "Starting small",
                            "content": streamfield([("paragraph", rich_text(link))]),
                            "summary_points": {"count": "0"},
                        },
                    )
                ]
            ),
            "files": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    add = reverse("wagtailadmin_pages:add", args=["learning", "learningreportpage", hub.pk])
    response = client_for(programme.convener).post(add, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a document from a collection you may use" in html
    assert "Hartley" not in html and "hartley-plan" not in html
    assert not LearningReportPage.objects.exists()


def test_chosen_and_linked_documents_are_found_in_a_stream(programme, theirs):
    from wagtail import blocks
    from wagtail.documents.blocks import DocumentChooserBlock

    from attribution.document_choices import linked_items

    block = blocks.StreamBlock(
        [
            ("file", DocumentChooserBlock()),
            ("text", blocks.RichTextBlock()),
            ("files", blocks.ListBlock(DocumentChooserBlock())),
        ]
    )
    link = f'<p><a linktype="document" id="{programme.document.pk}">clause</a></p>'
    value = block.to_python(
        [
            {"type": "file", "value": theirs.pk},
            {"type": "text", "value": link},
            {"type": "files", "value": [theirs.pk]},
        ]
    )
    assert {item.pk for item in linked_items(value)} == {theirs.pk, programme.document.pk}


def test_a_session_record_link_to_another_communitys_file_is_refused(programme, theirs, client_for):
    """Members-only StreamField text: the link is refused, and the file's name is not shown."""
    from wagtail.test.utils.form_data import streamfield

    session = programme.pages["session"]
    data = nested_form_data(
        {
            "title": session.title,
            "slug": session.slug,
            "date": "2025-05-06",
            "format": session.format,
            "agenda": "",
            "summary": session.summary,
            "themes": f'"{ISFS}"',
            "record": streamfield(
                [
                    (
                        "discussion",
                        rich_text(
                            f'<p>See <a linktype="document" id="{theirs.pk}">their plan</a>.</p>'
                        ),
                    )
                ]
            ),
            "guests": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client_for(programme.convener).post(
        reverse("wagtailadmin_pages:edit", args=[session.pk]), data
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a document from a collection you may use" in html
    assert "Hartley" not in html and "hartley-plan" not in html
    assert f'id="{theirs.pk}"' not in str(session.get_latest_revision_as_object().record)
