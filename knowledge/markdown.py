"""Markdown written by members, rendered to HTML that is safe to show to other members.

python-markdown renders; nh3 (the Rust ammonia sanitiser) then keeps only an allow-list of tags
and attributes, so raw HTML, scripts, event handlers and javascript: or data: links never reach
the page. Images are dropped too: members-only content links to files, never embeds them.

Rendering is bounded. python-markdown takes quadratic time on some inputs (2,000 inline links
in a 10,000-character reply took 9 s), and no Markdown parser promises linear time, so:
every Markdown field has a length limit, text whose structure makes rendering blow up is
refused with a message saying what to change (`markdown_problem`), and text is rendered once,
when it is saved, into a stored `*_html` field that pages print as is (`StoredMarkdown`).
The `render_markdown` command re-renders stored text when this renderer changes.
bench/markdown_bounds.py times the pathological inputs at each field's limit.
"""

import re

import markdown as markdown_lib
import nh3
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr",
    "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Length limits of the Markdown fields, in characters (a long reply is about 1,500 words).
QUESTION_MAX = 10_000
REPLY_MAX = 10_000
LEARNING_MAX = 5_000
DESCRIPTION_MAX = 10_000
HOW_TO_USE_MAX = 10_000

# python-markdown's time grows with the product of the text's length and the number of some
# marks in it: links, images, autolinks and raw HTML tags most of all (2,000 links in 10,000
# characters took 9 s; each link costs about 6 ms in a text of 10,000), then emphasis and
# backtick runs, quotes nested deep, and lines that start a block (headings, quotes, list
# items, table rows). These caps keep every text within its field's limit under 200 ms
# (bench/markdown_bounds.py) and are above what real replies use; a long list of links belongs in a
# shared tool.
MAX_LINKS = 20
MAX_QUOTE_DEPTH = 10
MAX_EMPHASIS_MARKS = 200
MAX_CODE_MARKS = 100
MAX_MARKED_LINES = 100
_LINK_OPENINGS = re.compile(r"\]\(|<[A-Za-z/!?]")
_EMPHASIS_MARKS = re.compile(r"[*_]+")
_CODE_MARKS = re.compile(r"`+")
_DEEP_QUOTE = re.compile(rf"^[ \t]*(?:>[ \t]*){{{MAX_QUOTE_DEPTH + 1}}}", re.MULTILINE)
_MARKED_LINES = re.compile(r"^[ \t]*(?:[#>\[|=*+-]|\d+[.)])", re.MULTILINE)

# Text saved before these limits existed (questions could be 20,000 characters) is still
# rendered, but never parsed as Markdown when it breaks them: it is shown as plain text.
RENDER_MAX = 20_000


def markdown_problem(text: str, limit: int | None = None) -> str | None:
    """Why members' Markdown cannot be accepted, in words the member can act on; or None."""
    text = text or ""
    if limit is not None and len(text) > limit:
        return (
            f"This is {len(text):,} characters long: it can be at most {limit:,}. "
            "Shorten it, or share a long document as a tool."
        )
    links = len(_LINK_OPENINGS.findall(text))
    if links > MAX_LINKS:
        return (
            f"This has {links:,} links, images or HTML tags: it can have at most {MAX_LINKS}. "
            "Remove some, or share a long list of links as a tool."
        )
    emphasis_marks = len(_EMPHASIS_MARKS.findall(text))
    if emphasis_marks > MAX_EMPHASIS_MARKS:
        return (
            f"This has {emphasis_marks:,} emphasis marks (* or _): it can have at most "
            f"{MAX_EMPHASIS_MARKS}, enough for {MAX_EMPHASIS_MARKS // 2} emphasised phrases. "
            "Remove some."
        )
    code_marks = len(_CODE_MARKS.findall(text))
    if code_marks > MAX_CODE_MARKS:
        return (
            f"This has {code_marks:,} backtick (`) marks: it can have at most "
            f"{MAX_CODE_MARKS}, enough for {MAX_CODE_MARKS // 2} pieces of code. Remove some."
        )
    if _DEEP_QUOTE.search(text):
        return (
            f"This has quotes (>) nested more than {MAX_QUOTE_DEPTH} deep: it can have at most "
            f"{MAX_QUOTE_DEPTH}. Remove some of the > marks."
        )
    marked_lines = len(_MARKED_LINES.findall(text))
    if marked_lines > MAX_MARKED_LINES:
        return (
            f"This has {marked_lines:,} lines that start with a heading, quote, list or table "
            f"mark (#, >, -, *, +, |, [, = or a number): it can have at most "
            f"{MAX_MARKED_LINES}. Join some lines, or share a long list as a tool."
        )
    return None


def validate_markdown(text: str) -> None:
    """A form field validator for the structure; the field's max_length checks the length."""
    problem = markdown_problem(text)
    if problem:
        raise ValidationError(problem, code="markdown")


def render_markdown(text: str) -> SafeString:
    """Members' Markdown as sanitised HTML. Called when text is saved or previewed, never
    when a page is viewed: see the module docstring."""
    text = text or ""
    if markdown_problem(text, RENDER_MAX):
        return mark_safe(linebreaks(escape(text)))  # noqa: S308  (escaped on this line)
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308  (sanitised by nh3 on the line above)


class StoredMarkdown:
    """For a model with Markdown fields: each field's HTML is rendered when it is cleaned or
    saved and kept in `<field>_html`, so viewing a page never runs the renderer.

    `markdown_fields` maps each Markdown field to its length limit. clean() refuses what
    markdown_problem refuses, so the admin says why; it also renders, because Wagtail builds
    revisions and previews from the cleaned instance before (or without) saving it.
    """

    markdown_fields: dict[str, int] = {}

    def markdown_render(self, names=None) -> list[str]:
        """Render Markdown fields (all, or those named) into their stored HTML fields; the
        names of the HTML fields."""
        names = list(self.markdown_fields) if names is None else names
        for name in names:
            setattr(self, f"{name}_html", render_markdown(getattr(self, name)))
        return [f"{name}_html" for name in names]

    def clean(self):
        super().clean()
        errors = {
            name: problem
            for name, limit in self.markdown_fields.items()
            if (problem := markdown_problem(getattr(self, name), limit))
        }
        if errors:
            raise ValidationError(errors)
        self.markdown_render()

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None:
            self.markdown_render()
        else:  # a partial save renders only the text it saves
            changed = [name for name in self.markdown_fields if name in update_fields]
            update_fields = {*update_fields, *self.markdown_render(changed)}
        return super().save(*args, update_fields=update_fields, **kwargs)

    def serve_preview(self, request, *args, **kwargs):
        # Wagtail previews drafts from revisions, which may predate their HTML fields or the
        # current renderer; only editors preview, so render for them rather than show nothing.
        self.markdown_render()
        return super().serve_preview(request, *args, **kwargs)


def stored_html():
    """Where a Markdown field's rendered HTML is kept (see StoredMarkdown above)."""
    return models.TextField(blank=True, editable=False)


def rerender_stored(queryset, names, *, batch_size: int = 200):
    """Render the Markdown fields `names` of every row into their stored HTML, in batches;
    yields how many rows are done so far. For the render_markdown command and migrations
    (which pass historical models, so this cannot rely on StoredMarkdown's methods)."""
    html_names = [f"{name}_html" for name in names]
    batch, done = [], 0
    for row in queryset.only("pk", *names).order_by("pk").iterator(chunk_size=batch_size):
        for name, html_name in zip(names, html_names, strict=True):
            setattr(row, html_name, render_markdown(getattr(row, name)))
        batch.append(row)
        if len(batch) == batch_size:
            queryset.model.objects.bulk_update(batch, html_names)
            done += len(batch)
            batch = []
            yield done
    if batch:
        queryset.model.objects.bulk_update(batch, html_names)
        done += len(batch)
    yield done
