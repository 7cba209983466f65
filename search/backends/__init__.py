"""Search engines behind one interface (search/backends/base.py), chosen by settings in the
manner of Django's caches: SEARCH_BACKENDS = {"default": {"BACKEND": "dotted.path.Class",
...options}}. Views call `search.backends.get_search_backend()` and never ask which it is."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import SearchBackend


@cache
def _backend(alias: str) -> SearchBackend:
    config = dict(settings.SEARCH_BACKENDS[alias])
    backend_class = import_string(config.pop("BACKEND"))
    return backend_class(alias=alias, **config)


def get_search_backend(alias: str = "default") -> SearchBackend:
    return _backend(alias)


def get_search_backends() -> list[SearchBackend]:
    """Every configured engine: indexing keeps each in step (a fallback must be current)."""
    return [_backend(alias) for alias in settings.SEARCH_BACKENDS]


def reset_search_backends() -> None:
    """Forget the configured engines (tests that change SEARCH_BACKENDS call this)."""
    _backend.cache_clear()
