from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from rialgender.apps_list import PORTAL_APPS

# The Secretariat manages every app's content in the admin, and the schedules of beat.
SECRETARIAT_APPS = [*PORTAL_APPS, "django_celery_beat"]


def ensure_groups(**kwargs):
    """The role groups exist in every database, and the Secretariat holds every permission of
    the portal's apps (new models included: this runs after each migrate)."""
    from django.contrib.auth.models import Group, Permission

    from rialgender.permissions import MEMBERS_GROUP, SECRETARIAT_GROUP

    Group.objects.get_or_create(name=MEMBERS_GROUP)
    secretariat, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    secretariat.permissions.set(
        Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    )


class RialgenderConfig(AppConfig):
    name = "rialgender"
    verbose_name = _("Network core")

    def ready(self):
        from rialgender import (
            checks,  # noqa: F401 (registers the system checks)
            pagecache,
        )
        from rialgender.models import AreaOfAction

        # Public pages are forgotten when what they show changes: every publishable model
        # feeds its app's topic; the areas of action feed "network".
        pagecache.watch_publishables()
        pagecache.watch(AreaOfAction, "network")
        # Connected without a sender so it runs once every app's permissions exist.
        post_migrate.connect(ensure_groups, dispatch_uid="rialgender.ensure_groups")
