"""What's new on the public home page, contributed by each tool.

From AppConfig.ready(), an app registers a section:

    home_sections.register("portfolio", "portfolio/_home_section.html", latest_programs,
                           order=10)

`latest_programs()` returns the template's context (one query, a handful of rows); the home
page includes each section whose context is not empty, in order.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    fetch: Callable[[], dict]
    order: int = 50


_SECTIONS: dict[str, Section] = {}


def register(key: str, template: str, fetch: Callable[[], dict], *, order: int = 50) -> None:
    _SECTIONS[key] = Section(key, template, fetch, order)


def sections() -> list[tuple[str, dict]]:
    """(template, context) of every section with something to show, in order."""
    result = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.fetch()
        if context:
            result.append((section.template, context))
    return result
