"""The gate's one model: the workflow task that cannot approve what the gate would refuse."""

from .workflow import NonAttributionReviewTask

__all__ = ["NonAttributionReviewTask"]
