from .models import Community


def my_communities(request):
    """The communities the signed-in reader belongs to, for the site navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_communities": []}
    return {"my_communities": Community.objects.for_user(user).with_live_section()}
