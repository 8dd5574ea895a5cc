"""What each tool says about a country: its section of the country page, and its figures in
the network at a glance. The tools register here, in their AppConfig.ready(); the pages that
show them (members' country page and glance) read the registry, so no app imports another.

    from rialgender import participation
    participation.register_section(
        "portfolio", label=_("Programs"), order=20, topics=("portfolio",),
        template="portfolio/country_section.html", data=programs_for_country,
    )
    participation.register_measure(
        "programs", label=_("Programs shared"), order=20, topics=("portfolio",),
        count=published_programs_by_ministry, url=programs_url,
    )

- A section's `data(ministry, *, user)` returns its template's context (a dict), or None to
  show nothing; it runs a bounded number of queries (one or two) and shows only what `user`
  may see (the public sees counts, never people).
- A measure's `count(year)` returns {ministry id: number} for the year (None: all years), in
  one query; `url(ministry)` (optional) is where the number is listed; `of_total(year)`
  (optional) is what it is counted out of (e.g. dialogues held), shown as "n of total".
- `topics` name what the page cache must watch for the figures to stay current
  (rialgender.pagecache).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    label: object  # a lazy translated string
    template: str
    data: Callable
    topics: tuple[str, ...] = ()
    order: int = 50


@dataclass(frozen=True)
class Measure:
    key: str
    label: object
    count: Callable
    topics: tuple[str, ...] = ()
    order: int = 50
    url: Callable | None = None
    of_total: Callable | None = None


_SECTIONS: dict[str, Section] = {}
_MEASURES: dict[str, Measure] = {}
BASE_TOPICS = ("network",)


def register_section(key, *, label, template, data, topics=(), order=50) -> None:
    _SECTIONS[key] = Section(key, label, template, data, tuple(topics), order)


def register_measure(key, *, label, count, topics=(), order=50, url=None, of_total=None) -> None:
    _MEASURES[key] = Measure(key, label, count, tuple(topics), order, url, of_total)


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def measures() -> list[Measure]:
    return sorted(_MEASURES.values(), key=lambda m: (m.order, m.key))


def topics() -> tuple[str, ...]:
    """Every topic a country page or the glance shows."""
    names = set(BASE_TOPICS)
    for item in (*_SECTIONS.values(), *_MEASURES.values()):
        names.update(item.topics)
    return tuple(sorted(names))
