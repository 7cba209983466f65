"""Keep auth groups derived from memberships, whichever way a membership changes."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from .models import Membership
from .services import roles_ensure, user_sync_groups


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance, **kwargs):
    user_sync_groups(instance.member.user)


@receiver(post_migrate)
def ensure_role_groups(sender, app_config=None, **kwargs):
    # Once per migrate. Apps later in INSTALLED_APPS get their permissions after this signal,
    # so create them all first (idempotent) rather than depend on the order.
    if app_config and app_config.label == "members":
        for config in apps.get_app_configs():
            create_permissions(config, verbosity=0)
        roles_ensure()
