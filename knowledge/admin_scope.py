"""What one admin user may see of the page tree and the people behind it: one rule for every
admin view, chooser and form.

A convener sees the pages outside every community's section (the public site) and the sections
of the communities they convene, with everything in them. Another community's section, its
pages and its people do not exist for them: not a title, not a name. Site admins and superusers
see the whole programme.
"""

import functools
import json
import operator
import re
from functools import reduce

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.admin import compare
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageLogEntry

from members.models import SITE_ADMINS, Community, Membership, is_site_admin
from members.permissions import within_reach


def hidden_section_paths(user) -> list[str]:
    """The tree paths of the community sections this user does not convene."""
    from .models import CommunityHomePage

    if not user.is_authenticated:
        return list(CommunityHomePage.objects.values_list("path", flat=True))
    if is_site_admin(user):
        return []
    return list(
        CommunityHomePage.objects.exclude(
            community__in=Community.objects.convened_by(user)
        ).values_list("path", flat=True)
    )


def pages_visible_in_admin(user, pages=None):
    """These pages (every page by default), less those inside another community's section."""
    pages = Page.objects.all() if pages is None else pages
    hidden = hidden_section_paths(user)
    if not hidden:
        return pages
    return pages.exclude(reduce(operator.or_, (Q(path__startswith=p) for p in hidden)))


def page_visible_in_admin(user, page) -> bool:
    return not any(page.path.startswith(path) for path in hidden_section_paths(user))


def users_visible_in_admin(user):
    """The people this user may see named in the admin: the members of the communities they
    convene, the site's own staff (site admins, superusers), and themselves."""
    User = get_user_model()
    if is_site_admin(user):
        return User.objects.all()
    convened = Community.objects.convened_by(user)
    return User.objects.filter(
        Q(pk=user.pk)
        | Q(is_superuser=True)
        | Q(groups__name=SITE_ADMINS)
        | Q(pk__in=Membership.objects.filter(community__in=convened).values("member__user"))
    ).distinct()


def log_entries_visible_in_admin(log_model, user):
    """The entries of one log model this user may read in site history: Wagtail's own rule
    (the model permission), then only entries about pages they may see, or objects their
    permission policy puts within their reach (a community's people: members/permissions.py)."""
    entries = log_model.objects.viewable_by_user(user)
    if is_site_admin(user):
        return entries
    if issubclass(log_model, PageLogEntry):
        return entries.filter(page__in=pages_visible_in_admin(user).values("pk"))
    allowed = Q(pk__in=[])
    for content_type_id in entries.values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        within = within_reach(user, model)
        allowed |= Q(
            content_type_id=content_type_id,
            object_id__in=within.annotate(key=Cast("pk", CharField())).values("key"),
        )
    return entries.filter(allowed)


REFERENCE_REFUSAL = (
    "Choose a page from this community's section or the public site. The page chosen belongs "
    "to another community, whose readers alone may see it."
)


def page_reference_refusal(section, target) -> str | None:
    """Why a page in `section` (None: outside every section) may not point at `target`: a
    reference shows its target's title to every reader of the page, so it stays within the
    pages those readers share (its own section and the public site)."""
    from .privacy import section_of

    target_section = section_of(target) if target is not None else None
    if target_section is None or (section is not None and target_section.pk == section.pk):
        return None
    return REFERENCE_REFUSAL


class _PagesInScopeComparison:
    """For a revision comparison: the pages the editor may not see are not named (a source from
    another community, kept on a shared page, stays unseen)."""

    user = None
    UNSEEN = "a page you cannot see"

    def _visible(self, pages) -> set[int]:
        ids = [page.pk for page in pages if page is not None]
        return set(
            pages_visible_in_admin(self.user, Page.objects.filter(pk__in=ids)).values_list(
                "pk", flat=True
            )
        )


class PagesInScopeM2MComparison(_PagesInScopeComparison, compare.M2MFieldComparison):
    def get_items(self):
        items_a, items_b = super().get_items()
        visible = self._visible([*items_a, *items_b])
        return (
            [item for item in items_a if item.pk in visible],
            [item for item in items_b if item.pk in visible],
        )


class PagesInScopeForeignObjectComparison(_PagesInScopeComparison, compare.ForeignObjectComparison):
    def get_objects(self):
        objects = super().get_objects()
        visible = self._visible(objects)
        return tuple(obj if obj is None or obj.pk in visible else self.UNSEEN for obj in objects)


class PageReferencePanel(FieldPanel):
    """A field pointing at pages, whose revision comparisons name only pages the editor may
    see."""

    class BoundPanel(FieldPanel.BoundPanel):
        def get_comparison(self):
            comparisons = super().get_comparison()
            if not comparisons:
                return comparisons
            base = (
                PagesInScopeM2MComparison
                if self.panel.db_field.many_to_many
                else PagesInScopeForeignObjectComparison
            )
            scoped = type(base.__name__, (base,), {"user": self.request.user})
            return [functools.partial(scoped, self.panel.db_field)]


_TAG = re.compile(r"<a\b[^>]*>")
_PAGE_LINK = re.compile(r"""\blinktype=\\?["']page\\?["']""")
_PAGE_ID = re.compile(r"""\bid=\\?["'](\d+)\\?["']""")


def linked_page_ids(value) -> set[int]:
    """The ids of the pages a field's value links to in rich text (a rich text field, or rich
    text anywhere in a StreamField)."""
    if hasattr(value, "get_prep_value"):  # a StreamField's value
        value = json.dumps(value.get_prep_value())
    if not isinstance(value, str):
        return set()
    return {
        int(match.group(1))
        for tag in _TAG.findall(str(value))
        if _PAGE_LINK.search(tag)
        for match in [_PAGE_ID.search(tag)]
        if match
    }


def linked_pages_refusal(section, value) -> str | None:
    """Why a page in `section` may not link to the pages its rich text links to, if one is
    another community's (see page_reference_refusal)."""
    ids = linked_page_ids(value)
    linked = Page.objects.filter(pk__in=ids).only("path") if ids else []
    if any(page_reference_refusal(section, page) for page in linked):
        return REFERENCE_REFUSAL
    return None
