"""Keep auth groups derived from memberships, whichever way a membership changes; connected in
MembersConfig.ready()."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_delete, post_migrate, post_save

from .models import Membership
from .services import roles_ensure, user_sync_groups


def membership_changed(sender, instance, **kwargs):
    user_sync_groups(instance.member.user)


def ensure_role_groups(sender, app_config=None, **kwargs):
    # Once per migrate. Apps later in INSTALLED_APPS get their permissions after this signal,
    # so create them all first (idempotent) rather than depend on the order.
    if app_config and app_config.label == "members":
        for config in apps.get_app_configs():
            create_permissions(config, verbosity=0)
        roles_ensure()


def connect() -> None:
    post_save.connect(membership_changed, sender=Membership, dispatch_uid="members:joined")
    post_delete.connect(membership_changed, sender=Membership, dispatch_uid="members:left")
    post_migrate.connect(ensure_role_groups, dispatch_uid="members:role-groups")
