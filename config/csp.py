"""The Content-Security-Policy header: the strict public policy, or the admin's looser one.

settings.CONTENT_SECURITY_POLICY is what the public and members' pages get: no inline script or
style, and no nonce (the public page cache replays one response to every reader, so a nonce
would be shared). The Wagtail admin needs inline styles and scripts, so requests under
settings.CSP_ADMIN_PATHS get settings.CONTENT_SECURITY_POLICY_ADMIN instead. A view's own
django-csp decorator still wins over both.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class PathPolicyCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(tuple(getattr(settings, "CSP_ADMIN_PATHS", ())))
        ):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts
