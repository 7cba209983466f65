from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(name="sanitised")
def sanitised_filter(html):
    """A `*_html` field: members' Markdown, rendered and sanitised when it was saved.

    Pages never render Markdown as they are viewed (see knowledge.markdown): they print this.
    """
    return mark_safe(html or "")  # noqa: S308  (sanitised by nh3 in knowledge.markdown)
