"""The core's text search configurations (rialgender.search): their own migration, on a
fresh database and on one migrated before they moved out of the portfolio."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from rialgender.search import CONFIGS

ROOT = Path(__file__).resolve().parents[2]


def test_configurations_ignore_accents_in_both_languages(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector(%s, 'trabajadoras domésticas') @@ to_tsquery(%s, 'domesticas'),"
            " to_tsvector(%s, 'Café workers') @@ to_tsquery(%s, 'cafe'), rg_unaccent('Ñandú')",
            [CONFIGS["es"], CONFIGS["es"], CONFIGS["en"], CONFIGS["en"]],
        )
        assert cursor.fetchone() == (True, True, "Nandu")
        cursor.execute("SELECT provolatile FROM pg_proc WHERE proname = 'rg_unaccent'")
        assert cursor.fetchone() == ("i",)  # IMMUTABLE: usable in an index expression


@pytest.fixture
def scratch_database(db):
    """An empty database of its own, dropped afterwards; yields a function that runs
    `manage.py migrate <args>` on it and one that runs SQL on it."""
    name = f"rg_migrate_{uuid.uuid4().hex[:8]}"
    db_settings = settings.DATABASES["default"]
    conninfo = {
        "host": db_settings["HOST"], "port": db_settings["PORT"], "user": db_settings["USER"],
        "password": db_settings["PASSWORD"] or None,
    }  # fmt: skip
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def migrate(*args):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rialgender.settings.test", "DB_NAME": name}
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", *args],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def sql(query):
        with psycopg.connect(dbname=name, autocommit=True, **conninfo) as conn:
            cursor = conn.execute(query)
            return cursor.fetchall() if cursor.description else None

    yield migrate, sql
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


OBJECTS = """
    SELECT (SELECT count(*) FROM pg_ts_config WHERE cfgname IN ('rg_english', 'rg_spanish')),
           (SELECT count(*) FROM pg_proc WHERE proname = 'rg_unaccent')
"""


def test_migrations_make_the_configurations_on_a_fresh_database(scratch_database):
    migrate, sql = scratch_database
    migrate()
    assert sql(OBJECTS) == [(2, 1)]


def test_migrations_keep_a_database_migrated_before_the_move(scratch_database):
    migrate, sql = scratch_database
    # The state of a database before the configurations moved to the core: the portfolio's
    # 0002 made them (and, as it was then, nothing else), the core stopped at 0003.
    migrate("rialgender", "0003")
    migrate("portfolio", "0007")
    sql("DROP FUNCTION rg_unaccent(text)")
    assert sql(OBJECTS) == [(2, 0)]
    output = migrate()
    assert "rialgender.0004_text_search... OK" in output
    assert sql(OBJECTS) == [(2, 1)]
    assert sql("SELECT to_tsvector('rg_spanish', 'domésticas')::text") == [("'domest':1",)]
