"""The admin as the Secretariat's workplace: the network's tools first, in the order people
use them, and the technical modules (accounts, scheduled tasks, history) grouped last."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# The network's tools, in this order; anything not listed comes after them, as technical.
TOOLS_ORDER = ["portfolio", "dialogues", "docs_center", "cooperation", "newsletter", "members",
               "rialgender"]  # fmt: skip


class PortalAdminSite(admin.AdminSite):
    site_header = _("RIAL/GENDER Secretariat")
    site_title = _("RIAL/GENDER administration")
    index_title = _("The Secretariat's workplace")
    index_template = "admin/portal_index.html"
    # The list of every model beside each page repeats the home page and leaves a review
    # queue's columns too little room at 1366 px.
    enable_nav_sidebar = False

    def login(self, request, extra_context=None):
        """One way in: this form signs nobody in. It sends visitors to the site's login
        (allauth: its rate limits, then the second factor) with the page they wanted; a
        signed-in person without access to the admin is refused."""
        return secure_admin_login(super().login)(request, extra_context)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: i for i, label in enumerate(TOOLS_ORDER)}
        for app in apps:
            app["is_tool"] = app["app_label"] in rank
        return sorted(apps, key=lambda a: (rank.get(a["app_label"], len(rank)), a["name"]))

    def index(self, request, extra_context=None):
        from rialgender import todo

        apps = self.get_app_list(request)
        context = {
            "tasks": todo.tasks(),
            "tool_apps": [app for app in apps if app["is_tool"]],
            "technical_apps": [app for app in apps if not app["is_tool"]],
            **(extra_context or {}),
        }
        return super().index(request, context)
