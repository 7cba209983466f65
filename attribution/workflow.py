"""The "Non-attribution review" workflow task: a reviewer cannot approve a page that names
someone and would be public.

Wagtail's own group approval task lets a reviewer approve anything, and approving the last task
publishes the page's latest revision. The save guard in signals.py would then refuse the publish
with a server error. This task asks the gate first: while the latest revision blocks, it offers
only "Request changes", and an approval that arrives anyway (a stale form, a race with an edit)
is turned into a rejection that says why. People with publish permission bypass workflows
altogether, which is why the save guard, not this task, is what makes the rule hold.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page

from .gate import GateResult, gate_check, log_blocked
from .public_text import is_publicly_visible

REJECTION_COMMENT = (
    "Not approved: this page would be public, and it names a participant, their organisation "
    "or their contact details ({where}). Edit it to use role language (“a council "
    "commissioner”, “one co-operative”), or record their consent to be named, then submit it "
    "again."
)


def review_refusal(obj) -> GateResult | None:
    """What blocks the latest revision of this page (the one an approval would publish), or
    None if it may be approved: it passes the gate, or it would not be public anyway."""
    if not isinstance(obj, Page) or not is_publicly_visible(obj):
        return None
    result = gate_check(obj.get_latest_revision_as_object())
    return None if result.publishable else result


class NonAttributionReviewTask(AbstractGroupApprovalTask):
    """A group approval that cannot approve what the Chatham House gate would refuse."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and review_refusal(obj) is not None:
            # Both "Approve" and "Approve with comment" are named "approve"; approving with
            # edits in the editor runs the same action.
            return [("reject", _("Request changes (it names someone)"), True)]
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            # Checked again here, on the page as it is now: it may have been edited since the
            # actions were shown (and the workflow state may hold an older copy of it).
            page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
            result = review_refusal(page)
            if result is not None:
                log_blocked(page, result, reason="workflow approval", user=user)
                where = ", ".join(sorted({w.field.replace("_", " ") for w, _f in result.blocks}))
                comment = REJECTION_COMMENT.format(where=where)
                given = kwargs.get("comment")
                if given:
                    comment = f"{comment}\n\nThe reviewer's comment: {given}"
                task_state.reject(user=user, comment=comment)
                return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups review the page under the Chatham House rule. They "
            "cannot approve it while it would be public and names a participant, their "
            "organisation or their contact details."
        )

    class Meta:
        db_table = "knowledge_nonattributionreviewtask"  # kept when it moved from knowledge/
        verbose_name = _("Non-attribution review")
        verbose_name_plural = _("Non-attribution reviews")
