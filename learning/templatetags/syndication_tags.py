from django import template

from learning.syndication import page_meta as public_page_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Open Graph and schema.org metadata for the page being rendered, or None when the page is
    not public (members-only or unpublished): then the page emits none."""
    return public_page_meta(context.get("page"), context.get("request"), context.get("theme"))
