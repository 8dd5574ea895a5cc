"""What the benchmarks share: the project-local services, a free port, the SMTP sink, and a
PostgreSQL cluster of their own that keeps production's durability.

The development cluster under var/pg runs with `fsync=off` and `synchronous_commit=off`
(fine for development and tests, and set on its command line, which ALTER SYSTEM cannot
override). A commit there costs almost nothing, which would hide what the sending engine's
commit per message costs in production. So the mail benchmarks run against a second
cluster, var/pg-bench, started with `fsync=on`, `synchronous_commit=on` and
`full_page_writes=on` (PostgreSQL's defaults, written out), on its own socket and port;
`durable_cluster()` creates it the first time, starts it, checks those settings and returns
the environment that points Django at it.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_PG = ROOT / "var/pg-bench"
BENCH_PG_PORT = 5434
DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}


def bare_connection(*, autocommit: bool = True):
    """A psycopg connection to Django's database, without Django: the benches' "bare" side."""
    import psycopg
    from django.db import connection

    db = connection.settings_dict
    return psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"],
        autocommit=autocommit, **db["OPTIONS"],
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sink(port: int, out: Path) -> subprocess.Popen:
    """The local SMTP sink (bench/smtp_sink.py, a process of its own) writing each recipient
    it accepts to `out`; returns once it listens."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench/smtp_sink.py"), str(port), str(out)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout.readline().strip() == "ready"
    return process


def start_services_and_database(name: str, *, host: str | None = None, port: int = 5433) -> None:
    """Start the project-local PostgreSQL and Redis, and create database `name` if needed
    (in the cluster at `host`/`port`: the development one by default)."""
    import psycopg

    subprocess.run([str(ROOT / "scripts/services.sh"), "start"], check=True)
    with psycopg.connect(
        host=host or str(ROOT / "var/pg/run"), port=port, user="rialgender", dbname="postgres",
        autocommit=True,
    ) as conn:  # fmt: skip
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _pg_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parts)
    if not versions:
        raise SystemExit("PostgreSQL's pg_ctl was not found: run scripts/bootstrap.sh first.")
    return versions[-1].parent


def _as_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, **kwargs)


def _data_dir() -> Path:
    """var/pg-bench, or (as root, where the postgres user cannot reach var/) a folder under
    /var/tmp that var/pg-bench points to, as scripts/services.sh does for var/pg."""
    BENCH_PG.parent.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0 and not BENCH_PG.exists():
        reachable = (
            subprocess.run(
                ["runuser", "-u", "postgres", "--", "test", "-x", str(BENCH_PG.parent)]
            ).returncode
            == 0
        )
        if not reachable:
            import hashlib

            elsewhere = Path("/var/tmp") / (
                "rialgender-pg-bench-" + hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
            )
            elsewhere.mkdir(parents=True, exist_ok=True)
            BENCH_PG.symlink_to(elsewhere)
    for sub in ("run", "log"):
        (BENCH_PG / sub).mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "postgres:postgres", str(BENCH_PG.resolve())], check=True)
    return BENCH_PG


def durable_cluster(database: str) -> dict:
    """Start the benchmarks' own cluster (durable: fsync and synchronous_commit on), create
    `database` in it, and return the environment variables that point Django there."""
    import psycopg

    pg_bin, base = _pg_bin(), _data_dir()
    data, run, log = base / "data", (base / "run").resolve(), base / "log/postgres.log"
    if not (data / "PG_VERSION").exists():
        _as_postgres([str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                      "--encoding=UTF8", "--locale=C.UTF-8"], stdout=subprocess.DEVNULL)  # fmt: skip
    running = subprocess.run(
        (["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else [])
        + [str(pg_bin / "pg_ctl"), "-D", str(data), "status"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    ).returncode == 0  # fmt: skip
    if not running:
        options = " ".join(
            [f"-c listen_addresses='' -c unix_socket_directories='{run}' -p {BENCH_PG_PORT}",
             "-c max_connections=50", *(f"-c {k}={v}" for k, v in DURABLE.items())]
        )  # fmt: skip
        _as_postgres([str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                      "start", "-o", options], stdout=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            conn = psycopg.connect(host=str(run), port=BENCH_PG_PORT, user="postgres",
                                   dbname="postgres", autocommit=True)  # fmt: skip
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    with conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'rialgender'").fetchone():
            conn.execute("CREATE ROLE rialgender LOGIN CREATEDB")
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            conn.execute(f'CREATE DATABASE "{database}" OWNER rialgender')
        shown = {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in DURABLE}
    if shown != DURABLE:
        raise SystemExit(f"The benchmark cluster is not durable: {shown}")
    return {"DB_HOST": str(run), "DB_PORT": str(BENCH_PG_PORT), "DB_NAME": database}


def durability_line(env: dict) -> str:
    """What the cluster the benchmark ran against promises, read back from it."""
    import psycopg

    with psycopg.connect(host=env["DB_HOST"], port=int(env["DB_PORT"]), user="rialgender",
                         dbname=env["DB_NAME"]) as conn:  # fmt: skip
        shown = {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in DURABLE}
    return "PostgreSQL: " + ", ".join(f"{k}={v}" for k, v in shown.items())
