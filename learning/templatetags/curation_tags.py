"""Curation on pages: what a members-only page was curated into, and whose eyes an output's
sources are for (the rules are in learning/curation.py)."""

from django import template

from learning import curation

register = template.Library()


@register.simple_tag(takes_context=True)
def curation_for(context, page):
    """{% curation_for page as curation %}: the live outputs made from a members-only page and,
    for its community's conveners, whether and where it can be curated."""
    section = context.get("section")
    return curation.curation_for(
        page,
        context["request"].user,
        community_id=getattr(section, "community_id", None),
    )


@register.simple_tag(takes_context=True)
def sources_visible_to(context, output):
    """{% sources_visible_to page as sources %}: the output's members-only sources the reader
    may see; always empty for anonymous readers and members of other communities."""
    request = context.get("request")
    if request is None:
        return []
    return curation.sources_visible_to(output, request.user)
