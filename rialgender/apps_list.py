"""The portal's own apps, listed once.

Settings install them (after Django's and the libraries' apps), the Secretariat's group gets
every permission of their models (`rialgender.apps.ensure_groups`) and `load_demo_data` runs
their `<app>/demo.py`. A new tool is added here, given a prefix in `rialgender/urls.py` and
a row in the import contracts (`[tool.importlinter]` in pyproject.toml; a test checks that
every app has one). Plain strings, no imports: the settings read this module.
"""

# The core first: the apps depend on it, never the other way round.
PORTAL_APPS = [
    "rialgender",
    "members",
    "portfolio",
    "dialogues",
    "docs_center",
    "newsletter",
    "cooperation",
]
