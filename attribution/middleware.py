"""The last friendly door of the Chatham House gate.

The admin asks the gate before publishing, moving or copying, but Wagtail's privacy dialog
cannot be asked first: lifting a view restriction over pages that name someone is refused by
the guard in knowledge/signal_handlers.py, in the middle of Wagtail's view. This turns such a
refusal, there or on any other admin path nobody foresaw, into the refusal's own words instead
of a server error. The change itself was already rolled back with the refusal.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import resolve
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin.modal_workflow import render_modal_workflow

from .gate import GateRefusal, log_blocked


class GateRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, GateRefusal) or not request.user.is_authenticated:
            return None
        message = " ".join(exception.messages)
        if resolve(request.path_info).url_name == "set_privacy":
            for page, result in getattr(exception, "refused", ()):
                log_blocked(page, result, reason="privacy change", user=request.user)
            # the privacy dialog shows what its step returns: say no inside the dialog
            return render_modal_workflow(
                request,
                "attribution/gate_refused_modal.html",
                None,
                {"message": message},
                json_data={"step": "set_privacy"},
            )
        if not request.path_info.startswith("/admin/"):
            return None
        messages.error(request, message)
        back = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = "wagtailadmin_home"
        return redirect(back)
