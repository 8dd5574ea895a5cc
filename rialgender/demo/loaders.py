"""`load_demo_data` loads the network core, then each app's demo data: an app that has demo
data has a module `<app>/demo.py` with a function `load(stdout)`, run in INSTALLED_APPS order.
Every loader is idempotent."""

import importlib
import importlib.util

from django.apps import apps

from rialgender.apps_list import PORTAL_APPS


def run_app_loaders(stdout) -> None:
    for config in apps.get_app_configs():
        # The core's own data (rialgender/demo/) is the command's first step, not a loader.
        if config.name == "rialgender" or config.name not in PORTAL_APPS:
            continue
        if importlib.util.find_spec(f"{config.name}.demo"):
            importlib.import_module(f"{config.name}.demo").load(stdout)
