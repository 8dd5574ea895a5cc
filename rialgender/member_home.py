"""The member's home after signing in: what awaits me and my ministry in every tool, my
ministry's content by state, and a link to each tool's workspace.

The core never imports the apps: each app registers, from its AppConfig.ready(),

    member_home.register_workspace("portfolio", _("Programs"), "portfolio:workspace",
                                   model=Program)
    member_home.register_awaiting("portfolio", programs_awaiting)

`model` (a publishable model authored by ministries) gives the "content by state" counts;
`programs_awaiting(user, ministry)` returns the `Awaiting` items of that tool (returned with
comments, a yearly confirmation due, questions to answer...), from one query or two.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count


@dataclass(frozen=True)
class Workspace:
    key: str
    label: object  # a lazy translated string
    url_name: str
    model: type | None = None
    order: int = 50


@dataclass(frozen=True)
class Awaiting:
    tool: str
    label: str  # what awaits, naming the item: "“Choferas” was returned with comments"
    url: str  # where it is done
    since: datetime | None = None


_WORKSPACES: dict[str, Workspace] = {}
_AWAITING: dict[str, Callable] = {}


def register_workspace(key: str, label, url_name: str, *, model=None, order: int = 50) -> None:
    _WORKSPACES[key] = Workspace(key, label, url_name, model, order)


def register_awaiting(key: str, fetch: Callable) -> None:
    _AWAITING[key] = fetch


def workspaces() -> list[Workspace]:
    return sorted(_WORKSPACES.values(), key=lambda w: (w.order, w.key))


def awaiting(user, ministry) -> list[Awaiting]:
    """Everything that awaits this person or their ministry, oldest first."""
    items = [item for fetch in _AWAITING.values() for item in fetch(user, ministry)]
    return sorted(items, key=lambda a: (a.since is None, a.since or datetime.min))


def content_by_state(ministry) -> list[tuple[Workspace, dict[str, int]]]:
    """For each workspace with a model: how many of the ministry's items are in each state
    (one query for every tool: the counts of each model, joined by a UNION)."""
    from django.db.models import CharField, Value

    with_model = [w for w in workspaces() if w.model is not None]
    if not with_model:
        return []
    counts = [
        workspace.model.objects.for_ministry(ministry)
        .order_by()
        .values("state")
        .annotate(tool=Value(workspace.key, output_field=CharField()), n=Count("pk"))
        .values_list("tool", "state", "n")
        for workspace in with_model
    ]
    found: dict[str, dict[str, int]] = {w.key: {} for w in with_model}
    rows = counts[0].union(*counts[1:], all=True) if len(counts) > 1 else counts[0]
    for tool, state, n in rows:
        found[tool][state] = n
    return [(workspace, found[workspace.key]) for workspace in with_model]
