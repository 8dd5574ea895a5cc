from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RialgenderConfig(AppConfig):
    name = "rialgender"
    verbose_name = _("Network core")
