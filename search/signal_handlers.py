"""The changes that reach the search index (indexing.py's docstring says which, and why)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .backends import get_search_backends
from .indexing import remove, update


def _subtree(page_or_path, model=Page) -> list[int]:
    path = page_or_path if isinstance(page_or_path, str) else page_or_path.path
    return list(model.objects.filter(path__startswith=path).values_list("pk", flat=True))


def page_changed(sender, instance, **kwargs):
    update([instance.pk])


def page_deleted(sender, instance, **kwargs):
    remove([instance.pk])


def page_moved(sender, instance, **kwargs):
    moved = Page.objects.filter(pk=instance.pk).only("path").first()
    if moved is not None:
        update(_subtree(moved))


def restriction_changed(sender, instance, origin=None, **kwargs):
    """A restriction added or lifted changes who may read the public outputs beneath it (the
    members' pages beneath a section are members-only whatever their restrictions)."""
    from learning.models import PublicOutputPage

    if isinstance(origin, Page):
        return  # deleted with its page: the page's own deletion re-indexes
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        update(_subtree(page, PublicOutputPage))


def _theme_pages(theme) -> list[int]:
    from knowledge.models import ThemedPage
    from learning.models import ThemedOutput

    return [
        *ThemedPage.objects.filter(tag=theme).values_list("content_object_id", flat=True),
        *ThemedOutput.objects.filter(tag=theme).values_list("content_object_id", flat=True),
    ]


def theme_saved(sender, instance, created=False, **kwargs):
    if not created:
        update(_theme_pages(instance))


def theme_deleting(sender, instance, **kwargs):
    instance._search_pages = _theme_pages(instance)


def theme_deleted(sender, instance, **kwargs):
    update(getattr(instance, "_search_pages", ()))


def community_saving(sender, instance, **kwargs):
    if instance.pk:
        instance._search_old_name = (
            type(instance).objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        )


def community_saved(sender, instance, created=False, **kwargs):
    from knowledge.models import CommunityHomePage

    old = getattr(instance, "_search_old_name", None)
    if created or old is None or old == instance.name:
        return
    for section in CommunityHomePage.objects.filter(community=instance).only("path"):
        update(_subtree(section))


def reply_changed(sender, instance, **kwargs):
    update([instance.thread_id])


def glossary_changed(sender, instance, **kwargs):
    """Engines whose analyzers hold the glossary (Elasticsearch's synonym graph) are sent it
    again once the edit commits; the others read it at each search."""
    from .synonyms import synonym_groups

    def send():
        groups = synonym_groups()
        for engine in get_search_backends():
            if hasattr(engine, "glossary_changed"):
                engine.glossary_changed(groups)

    transaction.on_commit(send, robust=True)


def connect() -> None:
    from knowledge.models import Reply
    from members.models import Community
    from themes.models import GlossaryTerm, Theme

    page_published.connect(page_changed, dispatch_uid="search:published")
    page_unpublished.connect(page_changed, dispatch_uid="search:unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search:moved")
    # Sent for the Page row of every deleted page, whatever its type and however deleted.
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="search:deleted")
    post_save.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search:restricted"
    )
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search:unrestricted"
    )
    post_save.connect(theme_saved, sender=Theme, dispatch_uid="search:theme")
    pre_delete.connect(theme_deleting, sender=Theme, dispatch_uid="search:theme-deleting")
    post_delete.connect(theme_deleted, sender=Theme, dispatch_uid="search:theme-deleted")
    pre_save.connect(community_saving, sender=Community, dispatch_uid="search:community-saving")
    post_save.connect(community_saved, sender=Community, dispatch_uid="search:community")
    post_save.connect(reply_changed, sender=Reply, dispatch_uid="search:reply")
    post_delete.connect(reply_changed, sender=Reply, dispatch_uid="search:reply-deleted")
    post_save.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid="search:glossary")
    post_delete.connect(
        glossary_changed, sender=GlossaryTerm, dispatch_uid="search:glossary-deleted"
    )
