from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocsCenterConfig(AppConfig):
    name = "docs_center"
    verbose_name = _("Documentation center")
