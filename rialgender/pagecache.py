"""Public pages for anonymous visitors, served from the cache and forgotten the moment what
they show is published, changed or withdrawn. Used by every app's public views and by the API.

Topics. What a page shows comes from a few *topics* ("portfolio", "network", ...). Each topic
has a generation in the cache: the time, in nanoseconds, of its last change. A change bumps
its topics twice: at once (so that even a request inside the same transaction sees it), and
again when the transaction commits (so that a page rendered from the old rows in between is
never served again). What feeds a topic is declared once:

    pagecache.watch(Ministry, "network")          # any save, delete or m2m change of a model

and every `rialgender.workflow.Publishable` model feeds the topic named after its app
(`watch_publishables()`, at start-up). Code that writes with `QuerySet.update()` or raw SQL
calls `pagecache.bump("portfolio")` itself.

Pages. A view declares the topics it shows:

    @public_page("portfolio", "network")
    def program_detail(request, pk): ...

(`public_page(every_topic)` for a page that shows something of every tool, like the home.)

A GET (or HEAD) by an anonymous visitor with no message waiting is answered from the cache
when the entry's generations are the topics' current ones; otherwise the view renders it, and
a 200 answer is kept, per path (which holds the language) and query string. One round trip
to the cache reads the entry and the generations together. Signed-in visitors always get the
view's own answer and never fill the cache.

Forms. A page with a form (the newsletter sign-up) holds a CSRF token, which is each
visitor's own: the cached copy holds a placeholder, replaced by the visitor's token when it
is served (Django then sets the visitor's CSRF cookie as usual). Such pages carry no ETag.

Moments. Some pages change when a moment passes, which no save marks (a call closes, an
event starts): an app registers what to check,

    pagecache.follow_the_clock("cooperation", calls_opened_or_closed)   # (since, now) -> bool

and beat runs `clocks_tick()` every minute, which bumps each topic whose moment passed since
its last run.

Headers. Every answer of a cached view varies on Cookie and must be revalidated
(`Cache-Control: no-cache` for anonymous visitors, `private, no-cache` for signed-in ones).
Anonymous answers without a form carry an ETag (a hash of the body) and a Last-Modified (the
latest change of its topics): a conditional request gets 304.
"""

import functools
import hashlib
import logging
import os
import re
import time
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from rialgender import fastcache

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:gen:{}"
ENTRY_KEY = "pagecache:page:{}"
MAX_QUERY_LENGTH = 1000  # longer query strings are answered but not kept
CSRF_PLACEHOLDER = "__rialgender_csrf_token__"
_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{32,64})(")')
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


# -- topics and their generations ----------------------------------------------------------


_WATCHED: set[str] = set()


def every_topic() -> tuple[str, ...]:
    """Every topic something feeds: for pages that show a bit of everything (the home page,
    whose sections come from every tool)."""
    return tuple(sorted(_WATCHED))


def bump(*topics: str) -> None:
    """Mark `topics` as changed: now, and again when the current transaction commits."""
    if not topics:
        return
    _bump_now(topics)
    # Outside a transaction (autocommit: a Celery task's update()), the change is already
    # committed and on_commit() would only write the same keys again.
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump_now(topics))


_CLOCKS: dict = {}
CLOCK_KEY = "pagecache:clock"


def follow_the_clock(topic: str, crossed) -> None:
    """Bump `topic` when `crossed(since, now)` says a moment that changes its pages passed
    between the two instants (checked every minute by `clocks_tick`)."""
    _CLOCKS[topic] = crossed


def clocks_tick(*, now=None) -> list[str]:
    """Run by beat every minute: the topics whose moments passed since the last run, bumped.
    The first run looks two minutes back."""
    now = now or timezone.now()
    since = cache.get(CLOCK_KEY) or now - timedelta(minutes=2)
    cache.set(CLOCK_KEY, now, timeout=None)
    crossed = [topic for topic, check in sorted(_CLOCKS.items()) if check(since, now)]
    bump(*crossed)
    return crossed


@functools.cache
def code_version() -> str:
    """What the pages are made with: a digest of the project's code, templates, compiled
    catalogs and static manifest (names, sizes, times), read once per process. A release
    that changes any of them starts a new cache instead of serving pages drawn by the old
    templates."""
    digest = hashlib.sha256(settings.PAGE_CACHE_VERSION.encode())
    skip = {".venv", "var", "node_modules", ".git", "tests", "bench", "static", "__pycache__"}
    for folder, folders, files in os.walk(settings.BASE_DIR):
        folders[:] = sorted(name for name in folders if name not in skip)
        for name in sorted(files):
            if name.endswith((".py", ".html", ".txt", ".mo")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    # The collected static files' manifest: pages name their stylesheets by content hash.
    if settings.STATIC_ROOT and os.path.exists(
        manifest := f"{settings.STATIC_ROOT}/staticfiles.json"
    ):
        digest.update(str(os.stat(manifest).st_mtime_ns).encode())
    return digest.hexdigest()[:12]


def _namespace() -> str:
    # The database and the code: two sites sharing a Redis (a development server and a
    # benchmark, say) never serve each other's pages, nor a release the last one's.
    return f"{settings.DATABASES['default']['NAME']}:{code_version()}"


def _generation_key(topic: str) -> str:
    return GENERATION_KEY.format(f"{_namespace()}:{topic}")


def _bump_now(topics) -> None:
    now = time.time_ns()
    try:
        if len(topics) == 1:  # one SET, on the process's client (see fastcache.py); set_many()
            # builds a transaction pipeline for MSET
            fastcache.set_value(_generation_key(topics[0]), now, timeout=None)
        else:
            cache.set_many({_generation_key(t): now for t in topics}, timeout=None)
    except Exception:  # the cache is down: pages are not served from it either
        log.exception("Could not mark %s as changed in the page cache", topics)


def watch(model, *topics: str) -> None:
    """Every save, delete and many-to-many change of `model` bumps `topics`."""

    def changed(sender, action=None, **kwargs):
        if action is not None and action.startswith("pre_"):
            return
        bump(*topics)

    _WATCHED.update(topics)
    uid = f"pagecache:{model._meta.label}:{','.join(topics)}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            changed,
            sender=field.remote_field.through,
            weak=False,
            dispatch_uid=f"{uid}:{field.name}",
        )


def watch_publishables() -> None:
    """Every publishable model feeds the topic named after its app (its workflow's
    transitions, edits and deletions are all saves or deletes)."""
    from django.apps import apps

    from rialgender.workflow import Publishable

    for model in apps.get_models():
        if issubclass(model, Publishable):
            watch(model, model._meta.app_label)


def _generations(topics, extra_keys=(), counter=None) -> tuple[dict, tuple | None, int]:
    """The cache entries named `extra_keys` and the topics' generations (and the counter
    incremented), in one round trip. A topic never seen (an empty cache) starts now."""
    keys = [_generation_key(t) for t in topics]
    found, count = fastcache.get_many([*extra_keys, *keys], count=counter)
    generations = []
    for key in keys:
        value = found.get(key)
        if value is None:
            value = time.time_ns()
            if not cache.add(key, value, timeout=None):
                return found, None, count  # another process started it: render, keep nothing
        generations.append(value)
    return found, tuple(generations), count


# -- the views ------------------------------------------------------------------------------


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    if "messages" in request.COOKIES:  # a message waits to be shown once
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        session = getattr(request, "session", None)
        if session is not None and session.get("_messages"):
            return False
    return True


def entry_key(request, variant: str = "") -> str:
    """The cache key of the page at this address: path (with its language), sorted query
    string, and a variant the caller names (e.g. the response format)."""
    query = sorted(request.GET.lists())
    raw = repr((_namespace(), request.path, query, variant))
    return ENTRY_KEY.format(hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest())


def _resolve(topics) -> tuple[str, ...]:
    return tuple(sorted(set(topics() if callable(topics) else topics)))


def public_page(*topics, variant=None):
    """Serve the view's 200 answers to anonymous visitors from the cache (see the module's
    docstring). `topics` are names, or one callable returning them (read at each request);
    `variant(request)` adds to the key what else the answer depends on."""
    source = topics[0] if len(topics) == 1 and callable(topics[0]) else topics

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not enabled() or not _cacheable_request(request):
                response = view(request, *args, **kwargs)
                return _private_headers(request, response)
            return serve(
                request,
                topics=_resolve(source),
                render=lambda: view(request, *args, **kwargs),
                variant=variant(request) if variant else "",
            )

        wrapper.public_page_topics = source
        return wrapper

    return decorator


def serve(
    request, *, topics, render, variant: str = "", cache_control: str = "no-cache",
    vary=("Cookie",), counter=None, check=None,
):  # fmt: skip
    """The answer to an anonymous GET: from the cache if current, else from `render()` (kept
    when it is a 200). Also answers conditional requests with 304.

    `counter=(key, window)` increments a request counter in the same round trip as the
    look-up, and `check(count)` is called with its value before anything is served (it
    raises to refuse the request)."""
    key = entry_key(request, variant)
    try:
        found, generations, count = _generations(topics, [key], counter)
    except Exception:
        log.exception("The page cache is unavailable")
        return _public_headers(render(), cache_control, vary)
    if check is not None:
        check(count)
    entry = found.get(key)
    if entry is not None and generations is not None and entry["generations"] == generations:
        response = _from_entry(request, entry)
    else:
        response = render()
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if generations is not None:
            entry = _entry_of(response, generations)
            if entry is not None:
                try:
                    fastcache.set_value(key, entry, settings.PAGE_CACHE_TIMEOUT)
                except Exception:
                    log.exception("Could not keep a page in the cache")
    response = _public_headers(response, cache_control, vary)
    if entry is not None and entry["etag"] and entry["generations"]:
        # Whole seconds, rounded up: a change is never dated before it happened.
        last_modified = -(-max(entry["generations"]) // 1_000_000_000)
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(last_modified)
        conditional = get_conditional_response(
            request, etag=entry["etag"], last_modified=last_modified, response=response
        )
        if conditional is not response:
            return _public_headers(conditional, cache_control, vary)
    return response


def _entry_of(response, generations) -> dict | None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
        "Cache-Control", ""
    ):
        return None
    content = response.content
    text = content.decode(response.charset or "utf-8", "surrogateescape")
    tokens = {match.group(2) for match in _CSRF_INPUT.finditer(text)}
    if tokens:
        text = _CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<3>", text)
        if any(token in text for token in tokens):  # a token elsewhere: never keep it
            return None
        content = text.encode(response.charset or "utf-8", "surrogateescape")
    return {
        "generations": generations,
        "content": content,
        "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
        # A page with a form holds the visitor's token: no 304 from another visitor's copy.
        "etag": None if tokens else f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        "form": bool(tokens),
    }


def _from_entry(request, entry) -> HttpResponse:
    content = entry["content"]
    if entry["form"]:
        token = get_token(request).encode("ascii")
        content = content.replace(CSRF_PLACEHOLDER.encode("ascii"), token)
    response = HttpResponse(content)
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def _public_headers(response, cache_control: str, vary=("Cookie",)):
    if vary:
        patch_vary_headers(response, vary)
    if "Cache-Control" not in response:
        response["Cache-Control"] = cache_control
    return response


def _private_headers(request, response):
    patch_vary_headers(response, ("Cookie",))
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    elif "Cache-Control" not in response:
        response["Cache-Control"] = "no-cache"
    return response
