from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, with the portal's site (rialgender/admin_site.py) as the default."""

    default_site = "rialgender.admin_site.PortalAdminSite"
