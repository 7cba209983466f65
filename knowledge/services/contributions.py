"""Members' contributions: recording an insight, sharing a tool, and the convener's review.

Members are practitioners, not CMS editors, so they contribute through front-end forms. What
they write lands as a DRAFT child of their community's section, owned by them, with a revision
saved in their name; the convener reviews it and publishes it (here or in the admin). Shared
files are checked by their content, not just their name, and kept as documents in the
community's members-only collection.
"""

import codecs
import os

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page

from ..models import Insight, SharedTool, SharedToolFile
from ..permissions import may_review
from ..selectors import contributions_awaiting_review, source_pages_for

# Each uploaded file may be at most this big: enough for a toolkit with pictures, small enough
# for a members' wiki on modest storage.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# Extension -> (what members call it, the type `filetype` must detect; None for text formats).
ALLOWED_UPLOADS = {
    "pdf": ("a PDF", "pdf"),
    "docx": ("a Word document", "docx"),
    "xlsx": ("an Excel spreadsheet", "xlsx"),
    "pptx": ("a PowerPoint presentation", "pptx"),
    "odt": ("an OpenDocument text file", "odt"),
    "ods": ("an OpenDocument spreadsheet", "ods"),
    "csv": ("a CSV file", None),
    "txt": ("a plain text file", None),
}
ALLOWED_UPLOADS_TEXT = (
    "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods), "
    "CSV or plain text (.txt)"
)
# How detected types read in a message ("it looks like ...").
_DETECTED_NAMES = {
    "exe": "a Windows program",
    "elf": "a Linux program",
    "zip": "a ZIP archive",
    "png": "a PNG image",
    "jpg": "a JPEG image",
    "gif": "a GIF image",
    "doc": "an old-style Word document (.doc)",
    "xls": "an old-style Excel spreadsheet (.xls)",
    "ppt": "an old-style PowerPoint presentation (.ppt)",
    **{extension: name for extension, (name, _) in ALLOWED_UPLOADS.items()},
}


def size_display(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def upload_problem(*, name: str, file) -> str | None:
    """Why this uploaded file may not be shared, or None if it may.

    The type is decided by the content (`filetype` for binary formats; valid UTF-8 without NUL
    bytes for CSV and text) and must agree with the extension, so a program renamed to .pdf is
    refused. Empty and oversized files are refused too.
    """
    size = file.size
    if not size:
        return f"‘{name}’ is empty."
    if size > MAX_UPLOAD_BYTES:
        return (
            f"‘{name}’ is {size_display(size)}: each file can be at most "
            f"{size_display(MAX_UPLOAD_BYTES)}."
        )
    extension = os.path.splitext(name)[1].lstrip(".").lower()
    if extension not in ALLOWED_UPLOADS:
        return f"‘{name}’ is not a kind of file we accept. Share {ALLOWED_UPLOADS_TEXT}."
    expected_name, expected_type = ALLOWED_UPLOADS[extension]
    file.seek(0)
    if expected_type is None:
        problem = (
            None
            if _is_utf8_text(file)
            else (
                f"‘{name}’ is not {expected_name}: it is not plain text. "
                "Save it as UTF-8 text (for a spreadsheet, ‘CSV UTF-8’) and try again."
            )
        )
    else:
        kind = filetype.guess(file.read(8192))
        detected = kind.extension if kind else None
        if detected == expected_type:
            problem = None
        else:
            looks_like = (
                _DETECTED_NAMES.get(detected, f"a .{detected} file")
                if detected
                else "a kind of file we do not recognise"
            )
            problem = f"‘{name}’ is not {expected_name}: it looks like {looks_like}."
    file.seek(0)
    return problem


def _is_utf8_text(file) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    for chunk in file.chunks():
        if b"\x00" in chunk:
            return False
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


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
