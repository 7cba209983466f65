"""Which documents and images a page may offer: the rules every form that accepts their ids asks.

Two rules, whatever id is posted:

- the editor may choose it: Wagtail's collection permissions ("choose"), the same ones its
  chooser lists from, so a posted id cannot reach further than the chooser shows;
- a public page offers only files from a public collection (no view restriction on it or above
  it): a community's members-only collection is never served to the wider sector.

A document the editor may not choose is never named in an error (its title could be another
community's); one they may choose is named, so they know which to replace.
"""

from __future__ import annotations

import copy
import re

from django.db.models import Q
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText

NOT_YOURS = "Choose a document from a collection you may use: the one chosen is not open to you."
NOT_YOURS_IMAGE = (
    "Choose an image from a collection you may use: the one chosen is not open to you."
)

_DOC_LINK_RE = re.compile(r"""<a\b[^>]*\blinktype=["']document["'][^>]*\bid=["'](\d+)["']""")
_IMAGE_EMBED_RE = re.compile(r"""<embed\b[^>]*\bembedtype=["']image["'][^>]*\bid=["'](\d+)["']""")


def _doc_link_re(pk: int):
    return re.compile(
        rf"""<a\b[^>]*\blinktype=["']document["'][^>]*\bid=["']{pk}["'][^>]*>(.*?)</a>""", re.S
    )


def _image_embed_re(pk: int):
    return re.compile(rf"""<embed\b[^>]*\bembedtype=["']image["'][^>]*\bid=["']{pk}["'][^>]*/?>""")


def is_image(item) -> bool:
    return isinstance(item, get_image_model())


def in_public_collection(item) -> bool:
    """Whether anyone may download this document or image: no view restriction on its
    collection or the collections above it."""
    return not item.collection.get_view_restrictions().exists()


def members_only_collection_ids() -> set[int]:
    """The collections under a view restriction (on them or above them): never a public page's.
    For readers' pages, which leave out a file put there before these rules (two queries)."""
    restricted = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not restricted:
        return set()
    under = Q()
    for path in restricted:
        under |= Q(path__startswith=path)
    return set(Collection.objects.filter(under).values_list("pk", flat=True))


def may_choose(user, item) -> bool:
    if user is None:
        return False
    policy = policy_registry.get_by_type(type(item))
    return policy.user_has_permission_for_instance(user, "choose", item)


def choice_problem(user, item, *, public: bool, kept: bool = False) -> str | None:
    """Why this editor may not offer this document or image on the page, or None if they may.
    One the page already offered (`kept`) is not the editor's choice: only the public rule
    applies, so a convener can still edit a page a site admin gave a file they may not choose."""
    if not kept and not may_choose(user, item):
        return NOT_YOURS_IMAGE if is_image(item) else NOT_YOURS
    if public and not in_public_collection(item):
        return public_problem(item)
    return None


def public_problem(item, *, named: bool = True) -> str:
    """What to tell an editor who put a members-only file on a public page."""
    kind = "image" if is_image(item) else "file"
    which = f"‘{item.title}’ is" if named else f"This {kind} is"
    return (
        f"{which} in a members-only collection, so readers of a public page could not have it. "
        f"Choose a {kind} from a public collection, or upload a checked public version to one."
    )


def linked_items(value) -> list:
    """The documents and images a field's value offers: chosen (a document or image field, a
    chooser block in a StreamField), linked or embedded in rich text."""
    chosen: dict[tuple, object] = {}
    doc_ids: set[int] = set()
    image_ids: set[int] = set()
    for part in _parts(value):
        if isinstance(part, str):
            doc_ids.update(int(i) for i in _DOC_LINK_RE.findall(part))
            image_ids.update(int(i) for i in _IMAGE_EMBED_RE.findall(part))
        else:
            chosen[(type(part), part.pk)] = part
    if doc_ids:
        for item in get_document_model().objects.filter(pk__in=doc_ids):
            chosen.setdefault((type(item), item.pk), item)
    if image_ids:
        for item in get_image_model().objects.filter(pk__in=image_ids):
            chosen.setdefault((type(item), item.pk), item)
    return list(chosen.values())


def _parts(value):
    """Documents, images and the strings that could link to them, in a value (StreamField
    blocks, struct and list blocks walked through)."""
    if isinstance(value, get_document_model() | get_image_model()):
        yield value
    elif isinstance(value, RichText):
        yield value.source
    elif isinstance(value, str):
        if "linktype" in value or "embedtype" in value:
            yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _parts(child.value)
    elif isinstance(value, dict):  # a struct block's value
        for item in value.values():
            yield from _parts(item)
    elif isinstance(value, list | tuple | ListValue):
        for item in value:
            yield from _parts(item)


def form_check_documents(form, *, public: bool) -> None:
    """In a page form's clean: every document or image it would offer, in its child forms
    (files) and its rich text and StreamFields, against the editor's permissions (and the public
    collections, for a public page). Problems become errors on the field that holds them.
    Called before the form writes its values to the page, so the page still holds the old."""
    user = form.for_user
    page = form.instance
    for name, value in list(form.cleaned_data.items()):
        items = linked_items(value)
        if not items:
            continue
        before = {(type(i), i.pk) for i in linked_items(getattr(page, name, None))}
        problems = {}
        for item in items:
            kept = (type(item), item.pk) in before
            problems[item] = choice_problem(user, item, public=public, kept=kept)
        hidden = [
            item for item, problem in problems.items() if problem in (NOT_YOURS, NOT_YOURS_IMAGE)
        ]
        if hidden:
            _unlink(form, name, value, hidden)
        for problem in sorted({p for p in problems.values() if p}):
            form.add_error(name, problem)
    for name, formset in form.formsets.items():
        if name == "comments":
            continue
        for child in formset.forms:
            child.is_valid()  # cleans it: its instance now holds what was posted
            item_field = next((f for f in ("document", "image") if f in child.fields), None)
            item_id = getattr(child.instance, f"{item_field}_id", None) if item_field else None
            if item_id is None or child.cleaned_data.get("DELETE"):
                continue
            item = getattr(child.instance, item_field)
            kept = item_field not in child.changed_data and child.instance.pk is not None
            problem = choice_problem(user, item, public=public, kept=kept)
            if problem:
                child.errors.pop(item_field, None)  # the model's own, less specific, refusal
                child.add_error(item_field, problem)
                if problem in (NOT_YOURS, NOT_YOURS_IMAGE):
                    # The chooser would show its title when the form comes back: not theirs.
                    _data_set(child, item_field, "")


def _data_set(form, name: str, value: str) -> None:
    """Change what the form shows again for one field (the request's data is immutable)."""
    if not getattr(form.data, "_mutable", True):
        form.data = form.data.copy()
    form.data[form.add_prefix(name)] = value


def _unlink(form, name: str, value, items) -> None:
    """Show the field again without its links to documents the editor may not choose (and
    images they may not), keeping the linked words: the chooser would otherwise print the file's
    title and name. The field is shown from this value rather than from what was posted."""

    def strip(source: str) -> str:
        for item in items:
            if is_image(item):
                source = _image_embed_re(item.pk).sub("", source)
            else:
                source = _doc_link_re(item.pk).sub(r"\1", source)
        return source

    if isinstance(value, str):
        value = strip(value)
    else:  # rich text inside a StreamField: each RichText rewritten where it is
        for part in _rich_texts(value):
            part.source = strip(part.source)
    field = form.fields[name]  # the form's own copy of the field
    field.widget = copy.copy(field.widget)
    field.widget.value_from_datadict = lambda data, files, html_name: value


def _rich_texts(value):
    if isinstance(value, RichText):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _rich_texts(child.value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _rich_texts(item)
    elif isinstance(value, list | tuple | ListValue):
        for item in value:
            yield from _rich_texts(item)
