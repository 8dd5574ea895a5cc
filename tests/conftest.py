"""Shared fixtures: the five personas of the brief, a real Celery worker, Debian's Chromium."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import (
    MemberFactory,
    MinistryFactory,
    make_secretariat,
    make_steering_member,
)

# Playwright's sync API keeps an event loop running in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request to /es/ leaves Spanish active in the thread; every test starts in English.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded files of one test never meet another's.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and used TOTP codes live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


# --- Personas ---------------------------------------------------------------------------


@pytest.fixture
def ministry(db):
    return MinistryFactory(
        country="AR",
        name_en="Ministry of Labor, Employment and Social Security",
        name_es="Ministerio de Trabajo, Empleo y Seguridad Social",
    )


@pytest.fixture
def other_ministry(db):
    return MinistryFactory(
        country="CL",
        name_en="Ministry of Labor and Social Security",
        name_es="Ministerio del Trabajo y Previsión Social",
    )


@pytest.fixture
def member(ministry):
    return MemberFactory(ministry=ministry)


@pytest.fixture
def other_member(other_ministry):
    return MemberFactory(ministry=other_ministry)


@pytest.fixture
def colleague(ministry):
    """The other focal point of `member`'s ministry."""
    return MemberFactory(ministry=ministry, network_role="alternate")


@pytest.fixture
def steering_ministry(db):
    return MinistryFactory(
        country="CR",
        name_en="Ministry of Labor and Social Security",
        name_es="Ministerio de Trabajo y Seguridad Social",
    )


@pytest.fixture
def steering_member(steering_ministry):
    """A member whose ministry (Costa Rica) holds a seat on the committee in office."""
    return make_steering_member(steering_ministry)


@pytest.fixture
def secretariat(db):
    from allauth.mfa.totp.internal.auth import TOTP

    user = make_secretariat()
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def secretariat_client(client, secretariat):
    client.force_login(secretariat)
    return client


# --- A real Celery worker ---------------------------------------------------------------


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real `celery worker` process against the test database and Redis (database 2).

    Yields the folder where the worker's e-mail backend writes messages.
    """
    import redis

    mail_dir = tmp_path_factory.mktemp("worker-mail")
    broker = redis.Redis(unix_socket_path=settings.REDIS_SOCKET, db=2)
    broker.flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rialgender.settings.test",
        "DB_NAME": settings.DATABASES["default"]["NAME"],
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    log = open(tmp_path_factory.mktemp("worker-log") / "worker.log", "w+")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "rialgender", "worker", "--pool=solo",
         "--without-mingle", "--without-gossip", "--without-heartbeat", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        log.seek(0)
        if "ready." in log.read():
            break
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"The Celery worker exited:\n{log.read()}")
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("The Celery worker did not start within 60 s.")
    yield mail_dir
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def wait_for(predicate, timeout=30.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()


def start_mail_worker(port: int, log_path: Path, *, queue: str, batch_size: int) -> subprocess.Popen:  # fmt: skip
    """A real Celery worker process on `queue`, sending mail to the SMTP server on `port` in
    batches of `batch_size` with a one-second claim lease (so that a killed worker's batches
    are taken over at once), once it says it is ready."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rialgender.settings.test",
        "DB_NAME": settings.DATABASES["default"]["NAME"],
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "BULK_MAIL_BATCH_SIZE": str(batch_size),
        "BULK_MAIL_CLAIM_LEASE": "1",
    }
    log = open(log_path, "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "rialgender", "worker", "--pool=solo", "-Q", queue,
         "--without-mingle", "--without-gossip", "--without-heartbeat", "--loglevel=INFO"],
        cwd=Path(__file__).resolve().parents[1], env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    assert wait_for(lambda: "ready." in log_path.read_text(), timeout=60), log_path.read_text()
    return process


# --- Browser ----------------------------------------------------------------------------


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }
