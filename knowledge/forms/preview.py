"""A members' form with a Markdown field and a preview of it (templates/components/
markdown_form.html shows both): what was typed is never lost, and Markdown the form would
refuse is never rendered."""

from django import forms

from ..markdown import markdown_problem, render_markdown


def typed_values(data, form_class) -> dict:
    """What a member typed, as a form's initial values (lists for multiple choices), so a
    preview can show it all again without showing errors for a form not yet submitted."""
    multiple = {
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    }
    return {name: data.getlist(name) if name in multiple else data.get(name) for name in data}


def form_or_preview(request, form_class, *, markdown_field: str, initial=None, **kwargs):
    """The form for this request, and a preview when the member asked for one.

    GET: a fresh form. POST with "preview": what was typed, unbound (no errors yet), and its
    Markdown rendered as it would appear; but Markdown the form would refuse is never rendered
    (it could stall the site): the bound form comes back instead, saying why. Any other POST:
    the bound form, ready to validate.
    """
    if request.method != "POST":
        return form_class(initial=initial, **kwargs), None
    if "preview" in request.POST:
        text = request.POST.get(markdown_field, "")
        limit = form_class.base_fields[markdown_field].max_length
        if markdown_problem(text, limit) is None:
            typed = typed_values(request.POST, form_class)
            return form_class(initial=typed, **kwargs), render_markdown(text)
        form = form_class(request.POST, **kwargs)
        if markdown_field not in form.errors:  # the form checks the same; never let it pass
            form.add_error(markdown_field, markdown_problem(text, limit))
        return form, None
    return form_class(request.POST, **kwargs), None


def is_submitted(form, preview) -> bool:
    """A real submission (not a preview or a first view) that passed validation."""
    return preview is None and form.is_bound and form.is_valid()
