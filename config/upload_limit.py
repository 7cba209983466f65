"""Refuse a request whose declared size is over the limit, before a byte of its body is read.

Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count uploaded files, and a form only refuses a
file once it has been received: a 60 MB upload was read in full, to disk, and then refused. The
Content-Length a client declares is known before the body is read, so anything over
settings.MAX_REQUEST_BYTES is answered 413 at once: an HTML page for browsers, one line of text
for anything else. The reverse proxy should refuse the same (docs/deployment.md), and alone
sees a body sent without a Content-Length (chunked).

Outside the public page cache and the non-attribution check, which read the form data of a
POST: the request is refused before either sees it.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

TEMPLATE = "request_too_large.html"


def declared_size_over_limit(request) -> int | None:
    """The size the request says its body is, when that is over the limit; else None."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None  # Django's own parsing refuses a malformed length
    return declared if declared > settings.MAX_REQUEST_BYTES else None


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = declared_size_over_limit(request)
        if declared is None:
            return self.get_response(request)
        size, limit = megabytes(declared), megabytes(settings.MAX_REQUEST_BYTES)
        if request.accepts("text/html"):
            response = render(request, TEMPLATE, {"size": size, "limit": limit}, status=413)
        else:
            response = HttpResponse(
                f"This request is {size}: the most one request may send is {limit}.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        patch_cache_control(response, no_store=True)
        return response
