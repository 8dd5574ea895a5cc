"""The apps are listed once (rialgender/apps_list.py); the import contracts that `make test`
checks with lint-imports name every one of them, so a new tool cannot slip past its layer."""

import tomllib
from pathlib import Path

from django.conf import settings

from rialgender.apps_list import PORTAL_APPS

CONFIG = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
IMPORTLINTER = CONFIG["tool"]["importlinter"]


def _layered() -> set[str]:
    (layers,) = [c["layers"] for c in IMPORTLINTER["contracts"] if c["type"] == "layers"]
    return {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}


def test_every_portal_app_is_installed_and_under_the_import_contracts():
    assert [app for app in settings.INSTALLED_APPS if app in PORTAL_APPS] == PORTAL_APPS
    assert set(IMPORTLINTER["root_packages"]) == set(PORTAL_APPS)
    assert _layered() == set(PORTAL_APPS)


def test_the_secretariat_group_covers_every_portal_app():
    from rialgender.apps import SECRETARIAT_APPS

    assert set(PORTAL_APPS) <= set(SECRETARIAT_APPS)
