"""The 400 page, without Django's CSRF check in front of it.

Django's own `bad_request` view carries `requires_csrf_token`, which reads the form data again.
When the form data is the reason for the 400 (a form POST that declares `charset=latin-1` or
`utf-16`: Django reads forms only in UTF-8), that second read raised inside the error handler,
and the reader got a 500. This view never reads the request's body.
"""

from django.core.exceptions import BadRequest
from django.shortcuts import render


def bad_request(request, exception):
    # A BadRequest's message is written for the reader (which parameter, which encoding);
    # other 400s (a suspicious operation) say nothing of why.
    reason = str(exception) if isinstance(exception, BadRequest) else ""
    return render(request, "400.html", {"reason": reason}, status=400)
