"""What the benchmarks share: the project-local services and a database of their own."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_services_and_database(name: str) -> None:
    """Start the project-local PostgreSQL and Redis, and create database `name` if needed."""
    import psycopg

    subprocess.run([str(ROOT / "scripts/services.sh"), "start"], check=True)
    with psycopg.connect(
        host=str(ROOT / "var/pg/run"), port=5433, user="rialgender", dbname="postgres",
        autocommit=True,
    ) as conn:  # fmt: skip
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
