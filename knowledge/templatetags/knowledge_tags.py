from django import template

from knowledge.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Members' Markdown, rendered and sanitised."""
    return render_markdown(text)
