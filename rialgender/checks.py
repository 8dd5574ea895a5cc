"""System checks of what every app must declare to use the shared core."""

from django.apps import apps
from django.core import checks


@checks.register()
def check_publishable_authorship(app_configs=None, **kwargs):
    """Every concrete publishable model says who authors it, with foreign keys to Ministry."""
    from rialgender.workflow import Authorship, Publishable

    errors = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        label = model._meta.label
        authorship = getattr(model, "authorship", None)
        if not isinstance(authorship, Authorship):
            errors.append(
                checks.Error(
                    f"{label} does not declare who authors it.",
                    hint="Set `authorship = Authorship.ministry()`, `.ministries(...)` or "
                    "`.secretariat()` on the model.",
                    obj=model,
                    id="rialgender.E001",
                )
            )
            continue
        for name in authorship.fields:
            try:
                field = model._meta.get_field(name)
            except Exception:  # FieldDoesNotExist
                field = None
            related = getattr(field, "related_model", None)
            if related is None or related._meta.label != "members.Ministry":
                errors.append(
                    checks.Error(
                        f"{label}.authorship names “{name}”, which is not a foreign key to "
                        "members.Ministry.",
                        obj=model,
                        id="rialgender.E002",
                    )
                )
    return errors
