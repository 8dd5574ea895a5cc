from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AreaOfActionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired_at__isnull=True)


class AreaOfAction(models.Model):
    """One of the priority areas of the constituent document. Staff may reorder, rename and
    retire areas; a retired area keeps its links to old content but is not offered any more."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    retired_at = models.DateTimeField(_("retired on"), null=True, blank=True)

    objects = AreaOfActionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("area of action")
        verbose_name_plural = _("areas of action")

    def __str__(self):
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def retire(self):
        self.retired_at = timezone.now()
        self.save(update_fields=["retired_at"])


# The workflow's step log lives with the workflow; importing it here registers the model.
from rialgender.workflow import Transition  # noqa: E402, F401
