import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rialgender.settings.prod")

application = get_wsgi_application()


def settle() -> None:
    """Load what every request uses (the URL configuration, and with it every view), then
    set every object alive now aside from the garbage collector (gc.freeze): they live as
    long as the process. A page that reads thousands of rows (a search, a list's facets)
    sets off a full collection every few requests, and a full collection walks every object
    it tracks: some 200,000 of them after start-up, 10 to 30 ms each time, paid by whichever
    request set it off. Frozen, they are not walked again."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every urls module and view
    gc.collect()
    gc.freeze()


settle()
