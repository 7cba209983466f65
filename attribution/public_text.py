"""What a page shows the public: whether anyone can read it, and all its text.

"All text" is everything a reader or a crawler could get from the page: title, slug, search
description and SEO title, every text, rich text and StreamField field (every block, link URLs
included), its themes, images' alt text and captions, and the titles and file names of
documents it offers or links to. The gate checks it before a page goes public; the last check
and search read it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import StreamField
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageViewRestriction
from wagtail.rich_text import RichText

from members.params import MAX_ID

from .html_text import parse_fragment, tree_text

# Page fields that hold no words a reader sees (or that Wagtail manages itself).
_SKIPPED = frozenset(
    {
        "path",
        "url_path",
        "draft_title",
        "content_type",
        "locale",
        "translation_key",
        "latest_revision",
        "live_revision",
        "owner",
        "locked_by",
        "alias_of",
        "page_ptr",
    }
)


def _row_id(value: str | None) -> int | None:
    """A link's row id, or None: a larger id is no row, and the database would refuse it."""
    if value and value.isascii() and value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    return None


@dataclass(frozen=True)
class PageText:
    """One piece of a page's public text: which field it came from, and the words."""

    field: str  # the form field to show a finding on ("title", "body", "themes"...)
    label: str  # where it is, for people: "Body", "Document title"...
    text: str


# --- what is public --------------------------------------------------------------------------


def is_publicly_visible(page: Page, parent: Page | None = None) -> bool:
    """Whether anyone could read the page without signing in, with no view restriction on it or
    its ancestors (under `parent` instead of its current parent, for a page being moved)."""
    if parent is None:
        if not page.path:
            return False  # not in the tree yet: it has no parent to take privacy from
        paths = ancestor_paths(page.path)
    else:
        paths = [*ancestor_paths(parent.path)]
        if page.pk:
            paths.append(page.path)  # its own restriction moves with it
    return not PageViewRestriction.objects.filter(page__path__in=paths).exists()


def ancestor_paths(path: str) -> list[str]:
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


# --- all the text of a page ------------------------------------------------------------------


def page_texts(page: Page) -> list[PageText]:
    """Everything a reader could get from this page (its in-memory state, unsaved edits too)."""
    page = page.specific_deferred if type(page) is Page else page
    out: list[PageText] = []
    private = set(getattr(page, "gate_private_fields", ()))  # kept from readers by the page
    for model_field in page._meta.concrete_fields:
        if model_field.name in _SKIPPED or model_field.remote_field is not None:
            continue
        if isinstance(model_field, models.CharField | models.TextField | StreamField):
            out.extend(
                field_texts(
                    model_field.name, _label(model_field), getattr(page, model_field.attname)
                )
            )
    for m2m in page._meta.many_to_many:
        if m2m.name != "themes" and m2m.name not in private and hasattr(page, m2m.name):
            names = [str(item) for item in getattr(page, m2m.name).all()]
            if names:
                out.append(PageText(m2m.name, _label(m2m), ", ".join(names)))
    themes = getattr(page, "themes", None)
    if themes is not None:
        names = [tag.name for tag in themes.all()]
        if names:
            out.append(PageText("themes", "Themes", ", ".join(names)))
    for relation in get_all_child_relations(page):
        if relation.get_accessor_name() == COMMENTS_RELATION_NAME:
            continue  # editors' comments stay in the admin: readers never see them
        for child in getattr(page, relation.get_accessor_name()).all():
            for child_field in child._meta.concrete_fields:
                if isinstance(child_field, models.CharField | models.TextField):
                    value = getattr(child, child_field.attname)
                    if value and child_field.name not in ("sort_order",):
                        out.append(
                            PageText(
                                relation.get_accessor_name(),
                                f"{relation.related_model._meta.verbose_name}",
                                str(value),
                            )
                        )
            document = getattr(child, "document", None)
            if document is not None:
                out.extend(_document_texts(relation.get_accessor_name(), document))
    return [t for t in out if t.text.strip()]


# A table block's layout settings: not text a reader sees.
_TABLE_SETTINGS = frozenset(
    {
        "cell",
        "mergeCells",
        "first_row_is_table_header",
        "first_col_is_header",
        "table_header_choice",
    }
)


def field_texts(name: str, label: str, value) -> list[PageText]:
    """The words in one field's value: plain text, rich text, or a StreamField's blocks."""
    out: list[PageText] = []
    if value is None:
        return out
    if isinstance(value, StreamValue):
        for child in value:
            out.extend(field_texts(name, f"{label} › {child.block.label}", child.value))
    elif isinstance(value, StructValue):
        for key, item in value.items():
            out.extend(field_texts(name, f"{label} › {key.replace('_', ' ')}", item))
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            out.extend(field_texts(name, label, item))
    elif isinstance(value, dict):  # a table block's value: its cells, caption and settings
        for key, item in value.items():
            if key not in _TABLE_SETTINGS:
                out.extend(field_texts(name, label, item))
    elif isinstance(value, RichText):
        out.extend(_rich_text_texts(name, label, value.source))
    elif isinstance(value, str):
        if "<" in value and ">" in value:
            out.extend(_rich_text_texts(name, label, value))
        else:
            out.append(PageText(name, label, value))
    elif hasattr(value, "file") and hasattr(value, "title"):  # a document or an image
        out.extend(_document_texts(name, value))
    return out


def _rich_text_texts(name: str, label: str, source: str) -> list[PageText]:
    # Parsed as a browser parses it: any text at all reads as something, never an error.
    tree = parse_fragment(source)
    out = [PageText(name, label, tree_text(tree))]
    links = [
        node.attributes.get(attr) for node in tree.css("[href], [src]") for attr in ("href", "src")
    ]
    if any(links):
        out.append(PageText(name, f"{label} (links)", "\n".join(filter(None, links))))
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    doc_ids = [_row_id(a.attributes.get("id")) for a in tree.css('a[linktype="document"]')]
    for document in get_document_model().objects.filter(pk__in=[i for i in doc_ids if i]):
        out.extend(_document_texts(name, document))
    for embed in tree.css('embed[embedtype="image"]'):
        alt = embed.attributes.get("alt")
        if alt:
            out.append(PageText(name, f"{label} (image alt text)", alt))
        image_id = _row_id(embed.attributes.get("id"))
        image = get_image_model().objects.filter(pk=image_id or 0).first()
        if image is not None:
            out.extend(_document_texts(name, image))
    return out


def _document_texts(name: str, item) -> list[PageText]:
    """A document's or an image's title, file name and any description (an image's alt)."""
    kind = "Image" if hasattr(item, "width") else "Document"
    out = [PageText(name, f"{kind} title", item.title)]
    file_name = (item.file.name or "").rsplit("/", 1)[-1]
    if file_name:
        out.append(PageText(name, f"{kind} file name", file_name))
    description = getattr(item, "description", "")
    if description:
        out.append(PageText(name, f"{kind} alt text", description))
    return out


def _label(model_field) -> str:
    return str(model_field.verbose_name).capitalize()
