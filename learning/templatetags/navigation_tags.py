"""The site's header and footer links (learning/navigation.py)."""

from django import template

from learning.navigation import site_links as links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def site_links(context):
    request = context.get("request")
    return links_for(request) if request is not None else []
