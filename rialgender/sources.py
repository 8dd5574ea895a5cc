"""The registry of content sources: what each app published in a period, for the newsletter
(each source is a section of an edition) and for any other reader of "what is new".

An app registers a function in its AppConfig.ready():

    from rialgender.sources import register
    register("portfolio", _("Portfolio of programs"), programs_for_edition, order=20)

The function takes the period (start, end: aware datetimes) and returns `Entry` objects for
what was published or updated then. The registry lives in the core, so the newsletter and
the tools never import each other: a new tool only registers its source.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Entry:
    key: str  # stable identity of the content, e.g. "portfolio.program:12"
    title: dict  # {"en": ..., "es": ...}
    summary: dict = field(default_factory=dict)
    url: dict = field(default_factory=dict)  # per language, a path on the portal


@dataclass(frozen=True)
class Source:
    key: str
    label: object  # a lazy translated string
    fetch: Callable[[datetime, datetime], list[Entry]]
    order: int = 50


_SOURCES: dict[str, Source] = {}


def register(key: str, label, fetch, *, order: int = 50) -> None:
    _SOURCES[key] = Source(key=key, label=label, fetch=fetch, order=order)


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.key))


def label_of(key: str):
    source = _SOURCES.get(key)
    return source.label if source else key


def localized_paths(url_name: str, **kwargs) -> dict:
    """The same page's path in each language, for `Entry.url`."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[code] = reverse(url_name, kwargs=kwargs)
    return paths
