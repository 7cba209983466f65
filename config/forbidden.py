"""The 403 page: it says why, and speaks of another community only when that is the reason.

Refusals on a community's pages (knowledge.members_only.REFUSAL) get the page that explains
the Chatham House rule and who to ask. Every other refusal (an action this member may not take,
a page only conveners edit) shows its own reason: the community page once answered them all,
and told a member of the right community that the page was for another.
"""

from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from knowledge.members_only import REFUSAL


@requires_csrf_token
def forbidden(request, exception=None):
    reason = str(exception) if exception is not None else ""
    context = {"reason": reason, "other_community": reason == REFUSAL}
    return render(request, "403.html", context, status=403)
