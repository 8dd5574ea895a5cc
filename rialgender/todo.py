"""The Secretariat's to-do across every tool, shown first on the admin's home page.

Each tool contributes what waits for the Secretariat through a registry, so the core never
imports the apps:

- every admin of a publishable model (`PublishableAdmin`) contributes its review queue and
  its published items whose translation must be brought up to date, on its own;
- anything else is registered from the app's AppConfig.ready():

      from rialgender import todo
      todo.register("newsletter.editions", editions_to_approve)

  where the function returns a list of `Task` (usually one aggregate query).

The home page lists the tasks oldest first, each a link to the filtered list.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q
from django.urls import reverse


@dataclass(frozen=True)
class Task:
    tool: str  # the tool's name (its app's verbose name)
    label: str  # what waits: "Programs awaiting review"
    count: int
    url: str  # the filtered list where it is done
    since: datetime | None = None  # the oldest item's date


_SOURCES: dict[str, Callable[[], list[Task]]] = {}


def register(key: str, fetch: Callable[[], list[Task]]) -> None:
    _SOURCES[key] = fetch


def tasks() -> list[Task]:
    """Every task with something to do, oldest first (undated ones last)."""
    found = [task for fetch in _SOURCES.values() for task in fetch() if task.count]
    return sorted(found, key=lambda t: (t.since is None, t.since or datetime.min, t.tool))


def changelist_url(model, **filters) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    if filters:
        url += "?" + "&".join(f"{key}={value}" for key, value in filters.items())
    return url


def publishable_tasks(model) -> list[Task]:
    """The review queue of a publishable model and its published items whose translation is
    missing or outdated (1 query)."""
    from django.utils.text import capfirst
    from django.utils.translation import gettext

    from rialgender.workflow import State

    submitted = Q(state=State.SUBMITTED)
    outdated = Q(state=State.PUBLISHED, translation_complete=False)
    figures = model.objects.aggregate(
        submitted=Count("pk", filter=submitted),
        submitted_since=Min("submitted_at", filter=submitted),
        outdated=Count("pk", filter=outdated),
        outdated_since=Min("updated_at", filter=outdated),
    )
    tool = str(model._meta.app_config.verbose_name)
    names = capfirst(model._meta.verbose_name_plural)
    return [
        Task(
            tool=tool,
            label=gettext("%(names)s awaiting review") % {"names": names},
            count=figures["submitted"],
            url=changelist_url(model, state__exact=State.SUBMITTED),
            since=figures["submitted_since"],
        ),
        Task(
            tool=tool,
            label=gettext("%(names)s with a translation to update") % {"names": names},
            count=figures["outdated"],
            url=changelist_url(model, state__exact=State.PUBLISHED, translation_complete__exact=0),
            since=figures["outdated_since"],
        ),
    ]
