"""Where members-only content may live: the one rule behind copy, move and alias guards.

A community's knowledge stays inside that community's section. Moving or copying it anywhere
else would hand it to other readers (another community, or the public), so it is refused.
"""

from wagtail.models import Page


def section_of(page: Page) -> Page | None:
    """The community section a page sits in (itself, if it is one), or None if outside all."""
    from .models import CommunityHomePage

    return (
        CommunityHomePage.objects.filter(path__in=_ancestor_paths(page)).first() if page else None
    )


def _ancestor_paths(page: Page) -> list[str]:
    steplen = Page.steplen
    return [page.path[:i] for i in range(steplen, len(page.path) + 1, steplen)]


def placement_refusal(page: Page, destination: Page) -> str | None:
    """Why `page` may not be placed under `destination`, or None if it may."""
    source_section = section_of(page)
    if source_section is None:
        return None
    if section_of(destination) != source_section:
        return (
            f"'{page.title}' belongs to {source_section.title}'s members-only section and "
            "cannot be moved or copied outside it."
        )
    return None
