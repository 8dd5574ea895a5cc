"""Each app that has demo data registers a loader here, so `load_demo_data` stays one command."""

import importlib

# Modules with a `load(stdout)` function, run in this order after the network core.
APP_LOADERS: list[str] = []


def run_app_loaders(stdout) -> None:
    for dotted in APP_LOADERS:
        importlib.import_module(dotted).load(stdout)
