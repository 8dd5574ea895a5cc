"""The URL x persona table's framework (the test is tests/rialgender/test_url_access.py).

Each app keeps its rows in `tests/<app>/url_access.py`:

    def objects(world) -> dict        # this app's objects, owned by world.own_ministry
    ROWS = {"<namespace>:<name>": Row(...), ...}

A `Row` states, for each of the five personas, the status a GET (and/or a POST) answers, in
English and in Spanish. For a POST, every persona that is refused (sent to the login page,
400, 403, 404, 405) must leave `snapshot(objects)` as it was: nothing changed.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

PERSONAS = ("anonymous", "own", "other", "committee", "secretariat")
APPS = ["rialgender", "members", "portfolio", "newsletter", "dialogues", "docs_center",
        "cooperation"]  # fmt: skip
REFUSED = {400, 403, 404, 405}


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


ALL_200 = every(200)
# Members' pages: the public is asked to log in; every member and the Secretariat see them.
MEMBERS = {"anonymous": 302, "own": 200, "other": 200, "committee": 200, "secretariat": 200}
# A workspace object of the owning ministry: its authors and the Secretariat; 404 for others.
OWNERS = {"anonymous": 302, "own": 200, "other": 404, "committee": 404, "secretariat": 200}
# The Secretariat's own pages.
SECRETARIAT = {"anonymous": 302, "own": 404, "other": 404, "committee": 404, "secretariat": 200}


@dataclass(frozen=True)
class Row:
    get: dict[str, int] | None = None
    post: dict[str, int] | None = None
    kwargs: Callable[[dict], dict] | None = None
    data: Callable[[dict], dict] | None = None
    snapshot: Callable[[dict], Any] | None = None
    # A query string for the GET (e.g. a feed's filter), without "?".
    query: str = ""

    def __post_init__(self):
        if self.get is None and self.post is None:
            raise ValueError("A row states what GET or POST answers.")
        if self.post is not None and self.snapshot is None:
            raise ValueError("A POST row needs a snapshot, to show refusals change nothing.")


def make_world():
    """The five personas and their ministries (the owning one is Argentina's)."""
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.factories import (
        MemberFactory,
        MinistryFactory,
        make_secretariat,
        make_steering_member,
    )

    own_ministry = MinistryFactory(country="AR")
    other_ministry = MinistryFactory(country="CL")
    committee_ministry = MinistryFactory(country="CR")
    secretariat = make_secretariat()
    TOTP.activate(secretariat, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    own = MemberFactory(ministry=own_ministry)
    return SimpleNamespace(
        own_ministry=own_ministry,
        other_ministry=other_ministry,
        committee_ministry=committee_ministry,
        own_member=own,
        users={
            "anonymous": None,
            "own": own.user,
            "other": MemberFactory(ministry=other_ministry).user,
            "committee": make_steering_member(committee_ministry).user,
            "secretariat": secretariat,
        },
    )


def load_tables() -> dict[str, tuple]:
    """Every app's rows: {url name: (the app's url_access module, its Row)}."""
    tables = {}
    for app in APPS:
        try:
            module = importlib.import_module(f"tests.{app}.url_access")
        except ModuleNotFoundError as error:
            if error.name not in (f"tests.{app}", f"tests.{app}.url_access"):
                raise
            continue
        for name, row in module.ROWS.items():
            assert name not in tables, f"{name} has two rows"
            tables[name] = (module, row)
    return tables
