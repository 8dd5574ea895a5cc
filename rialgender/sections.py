"""Sections one app adds to another app's page, without the page's app importing it.

An app registers, in its AppConfig.ready():

    from rialgender.sections import register
    register("portfolio:program-detail", "cooperation/_program_section.html", program_context)

and the page's template places every registered section where it wants them:

    {% load portal %}{% page_sections "portfolio:program-detail" program %}

`context(request, obj)` returns the section's template context, or None to leave it out; it
should cost a bounded number of queries (the page's query count is pinned by its tests).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str
    context: Callable
    order: int = 50


_SECTIONS: dict[str, list[Section]] = {}


def register(page: str, template: str, context: Callable, *, order: int = 50) -> None:
    sections = [s for s in _SECTIONS.get(page, []) if s.template != template]
    sections.append(Section(template=template, context=context, order=order))
    _SECTIONS[page] = sorted(sections, key=lambda s: (s.order, s.template))


def sections_for(page: str) -> list[Section]:
    return list(_SECTIONS.get(page, []))
