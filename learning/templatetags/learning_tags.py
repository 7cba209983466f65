"""The learning hub on other public pages: the home page shows its latest outputs."""

from django import template

register = template.Library()


@register.inclusion_tag("components/learning_teaser.html", takes_context=True)
def learning_teaser(context, count: int = 3):
    """The live public learning hub and its `count` latest outputs (two queries), or nothing."""
    from learning.models import LearningHubPage

    hub = LearningHubPage.objects.live().public().first()
    return {
        "request": context.get("request"),
        "hub": hub,
        "outputs": list(hub.outputs()[:count]) if hub else [],
    }
