"""Members' contributions: recording an insight, sharing a tool, and the convener's review.

Members are practitioners, not CMS editors, so they contribute through front-end forms. What
they write lands as a DRAFT child of their community's section, owned by them, with a revision
saved in their name; the convener reviews it and publishes it (here or in the admin). Shared
files are checked by their content, not just their name, and kept as documents in the
community's members-only collection.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page

from members.uploads import upload_problem

from ..models import Insight, SharedTool, SharedToolFile
from ..permissions import may_review
from ..selectors import contributions_awaiting_review, source_pages_for


def _draft_add(*, section, page, user) -> None:
    """Add `page` under `section` as a draft owned by `user`, with a revision in their name."""
    page.live = False
    page.owner = user
    page.slug = section.free_slug(page.title)
    section.add_child(instance=page)
    page.save_revision(user=user, log_action=True)


@transaction.atomic
def insight_record(
    *, section, user, title: str, learning: str, themes, source: str = "", source_page=None
) -> Insight:
    """A member's insight, as a draft in their section for the convener to review."""
    if source_page is not None and not source_pages_for(section).filter(pk=source_page.pk).exists():
        raise ValidationError("The source page must be a session, thread or case study here.")
    insight = Insight(title=title, learning=learning, source=source, source_page=source_page)
    insight.themes.set(list(themes))
    _draft_add(section=section, page=insight, user=user)
    return insight


@transaction.atomic
def tool_share(
    *,
    section,
    user,
    title: str,
    description: str,
    how_to_use: str,
    licence: str,
    themes,
    files,
) -> SharedTool:
    """A member's tool and its files, as a draft in their section for the convener to review.

    Each file becomes a document in the community's members-only collection, so only the
    community can download it, even by its direct link.
    """
    problems = [p for f in files if (p := upload_problem(name=f.name, file=f))]
    if problems:
        raise ValidationError(problems)
    if not files:
        raise ValidationError("Choose at least one file.")
    collection = section.community.documents_collection
    Document = get_document_model()
    documents = []
    for upload in files:
        document = Document(
            title=upload.name, file=upload, collection=collection, uploaded_by_user=user
        )
        document._set_document_file_metadata()  # size and hash, as Wagtail's own upload does
        document.save()
        documents.append(document)
    tool = SharedTool(title=title, description=description, how_to_use=how_to_use, licence=licence)
    tool.themes.set(list(themes))
    tool.files.set([SharedToolFile(document=document) for document in documents])
    _draft_add(section=section, page=tool, user=user)
    return tool


@transaction.atomic
def contribution_publish(*, section, page_id: int, user) -> Page:
    """Publish the latest revision of a draft contribution in `section`, as `user`."""
    if not may_review(section=section, user=user):
        raise PermissionDenied
    page = contributions_awaiting_review(section=section).filter(pk=page_id).first()
    if page is None:
        raise ValidationError("That contribution is no longer waiting for review.")
    page.get_latest_revision().publish(user=user)
    return page.specific
