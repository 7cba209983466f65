"""Pages reached by a private link: anonymous requests that belong to the person holding the link.

An invitation, a password set-up, an application's draft (and later an unsubscribe or a
calendar link) arrive without a session, so the last check on anonymous responses reads them
(attribution/last_check.py); but the page is that person's own, and shows their name, their
organisation and their email address back to them. Such a view, in any app (this module is
low in the layers so that every app can use it):

- is wrapped in `private_link_page`, so its response is never cached by the site, a proxy or
  a CDN (`Cache-Control: private, no-store`), whatever the link holder's browser asks;
- says whose page it is with `shown_to(request, ...)` once it has found the link valid, and the
  last check then sets aside that holder's own entries in the registry (their name, their
  organisation, their email address) and nobody else's: any other participant the page named
  would still be refused.

A link that is not valid shows nobody's name, so nothing is set aside for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.utils.cache import patch_cache_control


@dataclass(frozen=True)
class LinkHolder:
    """Whose page this is: the registry identities (a person's display name, their
    organisation's name) and email addresses that are theirs to see."""

    names: frozenset[str]
    emails: frozenset[str]


def private_link_page(view):
    """For a view reached by a private link: its responses are never stored anywhere."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapper


def shown_to(request, *, name: str, organisation: str | None = None, email: str | None = None):
    """This response is the link holder's own page: what the last check sets aside."""
    request.link_holder = LinkHolder(
        names=frozenset(filter(None, (name, organisation))),
        emails=frozenset(filter(None, ((email or "").casefold(),))),
    )


def link_holder(request) -> LinkHolder | None:
    return getattr(request, "link_holder", None)
