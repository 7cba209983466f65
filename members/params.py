"""Query parameters read before they reach a query (search, the API, section listings).

A filter goes straight into SQL or a search engine's query, where a year past 64 bits, a
superscript digit or a NUL byte (PostgreSQL refuses it in text) was a server error. Each
parameter is read by a form field first; anything it refuses is a 400 that says which
parameter and why, before any query runs.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import BadRequest
from django.http import QueryDict

MAX_ID = 2**63 - 1  # the largest primary key the database holds
MAX_FILTER_LENGTH = 200  # no theme slug, content type or community name comes near


def id_from(value) -> int | None:
    """A database id sent as text, or None: ASCII digits only (int() also reads Arabic-Indic
    digits) and within the database's range (a larger one is a server error in the query)."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_ID:
        return None
    return int(text)


class BadParameters(BadRequest):
    """Parameters a view cannot use: `errors` maps each one to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))


def text_param() -> forms.CharField:
    """A text filter: a slug or a name. Django's CharField refuses NUL bytes already."""
    return forms.CharField(required=False, max_length=MAX_FILTER_LENGTH, strip=False)


def year_param() -> forms.IntegerField:
    """A calendar year, in ASCII digits (IntegerField reads only those)."""
    return forms.IntegerField(required=False, min_value=1, max_value=9999)


def read_params(params: QueryDict, **fields: forms.Field) -> dict[str, str]:
    """The given parameters that were sent, checked by their fields, as text; BadParameters
    naming every one refused. Parameters not named here are left to the view."""
    form = type("Params", (forms.Form,), dict(fields))(params)
    if not form.is_valid():
        raise BadParameters({name: " ".join(errors) for name, errors in form.errors.items()})
    return {
        name: str(value) for name, value in form.cleaned_data.items() if value not in (None, "")
    }
