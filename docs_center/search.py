"""The public search of the documentation center: metadata and the text of every page, in
both languages, with facets, the matching passage and its page.

Designed for tens of thousands of resources and hundreds of thousands of pages, the way the
portfolio's search is (portfolio/README.md): everything a search filters, counts and ranks
is on the resource's own row (`search_document` holds the metadata and every page's words;
the facets are columns and arrays), so one indexed read finds the matches. A search reads
at most DOCS_SEARCH_EXACT_LIMIT of them: all when there are that few, otherwise a uniform
random sample (the matches whose `sample_key` falls below a bound chosen from the planner's
estimate), and then the total and the facet counts are estimates and say so. Only the page
of results shown looks at pages: the best-ranked page of each of its resources and a
passage of it (ts_headline). A request costs a fixed number of queries (at most 7).
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    Q,
    Value,
    When,
)
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from docs_center.models import (
    DocumentLanguage,
    Resource,
    ResourceFile,
    ResourceType,
)
from rialgender.countries import NETWORK_COUNTRIES
from rialgender.models import AreaOfAction
from rialgender.reversing import SAMPLE_PK, url_template
from rialgender.sampling import estimate_count, planner_estimate, read_sample, scale_counts

PAGE_SIZE = 20
SORTS = {"relevance": _("Relevance"), "newest": _("Newest"), "year": _("Year")}
CONFIGS = ("rg_english", "rg_spanish", "rg_simple")
MARK_START, MARK_END = "\ue000", "\ue001"  # never in a page's text (extraction.py drops them)
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, ShortWord=3, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _text(value, max_length: int = 200) -> str:
    """Text from a URL: control characters dropped, spaces collapsed, cut."""
    if not isinstance(value, str):
        return ""
    kept = "".join(
        c for c in value if c.isspace() or unicodedata.category(c) not in ("Cc", "Cs", "Co", "Cn")
    )
    return " ".join(kept.split())[:max_length]


def _number(value, low: int, high: int) -> int | None:
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 6):
        return None
    number = int(value)
    return number if low <= number <= high else None


@dataclass
class SearchParams:
    q: str = ""
    types: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    open_now: bool = False
    sort: str = ""
    page: int = 1

    @classmethod
    def from_querydict(cls, data: QueryDict) -> "SearchParams":
        """Read a search from the URL; anything unknown is ignored rather than an error."""

        def allowed(name, choices):
            return list(dict.fromkeys(v for v in data.getlist(name)[:40] if v in choices))

        years = (_number(v, 1900, 2100) for v in data.getlist("year")[:40])
        return cls(
            q=_text(data.get("q")),
            types=allowed("type", set(ResourceType.values)),
            areas=[_text(v, 80) for v in data.getlist("area")[:20] if _text(v, 80)],
            countries=allowed("country", set(NETWORK_COUNTRIES)),
            years=sorted({y for y in years if y}),
            languages=allowed("language", set(DocumentLanguage.values)),
            open_now=data.get("open") == "1",
            sort=data.get("sort") if data.get("sort") in SORTS else "",
            page=_number(data.get("page"), 1, 10_000) or 1,
        )

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q else "newest")

    @property
    def has_filters(self) -> bool:
        return bool(
            self.types or self.areas or self.countries or self.years or self.languages
            or self.open_now
        )  # fmt: skip


@dataclass
class SearchResult:
    params: SearchParams
    page: Page
    total: int
    facets: dict
    passages: dict  # resource id -> Passage
    exact: bool = True
    sample_size: int = 0


@dataclass
class Passage:
    file: ResourceFile | None
    number: int
    html: str

    @property
    def url(self) -> str:
        return self.file.page_url(self.number) if self.file else ""


def text_query(q: str):
    """One tsquery: the words parsed by each language's configuration, any of them."""
    query = SearchQuery(q, config=CONFIGS[0], search_type="websearch")
    for config in CONFIGS[1:]:
        query |= SearchQuery(q, config=config, search_type="websearch")
    return query


def open_now_q() -> Q:
    today = timezone.localdate()
    return Q(resource_type=ResourceType.TRAINING) & (
        Q(enrolment_closes_on__gte=today) | Q(enrolment_closes_on__isnull=True, ends_on__gte=today)
    )


def _filtered(params: SearchParams):
    qs = Resource.objects.published()
    if params.types:
        qs = qs.filter(resource_type__in=params.types)
    if params.areas:
        ids = list(AreaOfAction.objects.filter(slug__in=params.areas).values_list("pk", flat=True))
        qs = qs.filter(area_ids__overlap=ids)
    if params.countries:
        qs = qs.filter(countries__overlap=params.countries)
    if params.years:
        qs = qs.filter(year__in=params.years)
    if params.languages:
        qs = qs.filter(document_languages__overlap=params.languages)
    if params.open_now:
        qs = qs.filter(open_now_q())
    return qs


def search_queryset(params: SearchParams):
    """Every match, ranked (no sampling): for the feed, exports and tests."""
    qs = _filtered(params)
    if params.q:
        query = text_query(params.q)
        qs = qs.filter(search_document=query).annotate(rank=SearchRank(F("search_document"), query))
        return qs.order_by("-rank", "-published_at", "-pk")
    return qs.order_by("-published_at", "-pk")


# -- matches: all of them, or a uniform random sample when there are too many ----------------


class Row(NamedTuple):
    pk: int
    sample_key: int
    resource_type: str
    area_ids: list
    countries: list
    document_languages: list
    year: int | None
    is_open: bool
    published: float
    rank: float


def _read_matches(qs) -> tuple[list[Row], float]:
    """The matches (all, or a uniform random sample) and the fraction of all they are."""
    limit = settings.DOCS_SEARCH_EXACT_LIMIT
    estimate = planner_estimate(qs)
    today = timezone.localdate()
    qs = qs.order_by().annotate(
        is_open=Case(
            When(Q(resource_type=ResourceType.TRAINING) & (
                Q(enrolment_closes_on__gte=today)
                | Q(enrolment_closes_on__isnull=True, ends_on__gte=today)), then=Value(True)),
            default=Value(False), output_field=BooleanField(),
        ),
        published=Func(
            F("published_at"), template="coalesce(extract(epoch FROM %(expressions)s)::float8, 0)",
            output_field=FloatField(),
        ),
    )  # fmt: skip
    return read_sample(qs, Row, limit=limit, estimate=estimate)


# Up to DOCS_SEARCH_EXACT_LIMIT rows are ordered and counted for every search: the keys and
# counts are taken by attrgetter and map, in C, rather than by a Python function per row.


def _order(rows: list[Row], sort: str) -> list[Row]:
    if sort == "relevance":
        return sorted(rows, key=attrgetter("rank", "published", "pk"), reverse=True)
    if sort == "year":
        return sorted(rows, key=lambda r: (r.year or 0, r.published, r.pk), reverse=True)
    return sorted(rows, key=attrgetter("published", "pk"), reverse=True)


def _count_facets(rows: list[Row], fraction: float) -> dict:
    def each_once(name):  # a row counts once for each value its array holds
        return chain.from_iterable(map(set, filter(None, map(attrgetter(name), rows))))

    open_now = sum(map(attrgetter("is_open"), rows))
    facets = {
        "type": Counter(map(attrgetter("resource_type"), rows)),
        "area": Counter(each_once("area_ids")),
        "country": Counter(each_once("countries")),
        "year": Counter(filter(None, map(attrgetter("year"), rows))),
        "language": Counter(each_once("document_languages")),
        "open": Counter({"1": open_now} if open_now else {}),
    }
    return scale_counts(facets, fraction)


def passages(resource_ids: list[int], q: str, *, per_resource: int = 1) -> dict:
    """The best-ranked matching pages of each resource (a passage of each, its words
    marked), one query: {resource id: [(file id, page number, html), ...]}."""
    if not resource_ids or not q:
        return {}
    sql = """
        WITH q AS (
            SELECT websearch_to_tsquery('rg_english', %(q)s) AS en,
                   websearch_to_tsquery('rg_spanish', %(q)s) AS es,
                   websearch_to_tsquery('rg_simple', %(q)s) AS simple
        ), best AS (
            SELECT id, resource_id, rank FROM (
                SELECT p.id, p.resource_id, row_number() OVER (
                    PARTITION BY p.resource_id
                    ORDER BY ts_rank(p.search, q.en || q.es || q.simple) DESC, p.file_id, p.number
                ) AS rank
                FROM docs_center_filepage p, q
                WHERE p.resource_id = ANY(%(ids)s) AND p.search @@ (q.en || q.es || q.simple)
            ) ranked WHERE rank <= %(per)s
        )
        SELECT p.resource_id, p.file_id, p.number, ts_headline(
            docs_center_config(p.language), p.text,
            CASE p.language WHEN 'en' THEN q.en WHEN 'es' THEN q.es ELSE q.simple END,
            %(options)s)
        FROM best JOIN docs_center_filepage p ON p.id = best.id, q
        ORDER BY p.resource_id, best.rank
    """
    found: dict[int, list] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {"q": q, "ids": list(resource_ids), "per": per_resource, "options": HEADLINE_OPTIONS},
        )
        for resource_id, file_id, number, headline in cursor.fetchall():
            found.setdefault(resource_id, []).append((file_id, number, marked(headline)))
    return found


def marked(headline: str) -> str:
    """A passage as HTML: the page's text escaped, the words found in <mark>."""
    html = escape(headline).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # escaped above: only our own <mark> tags are markup


# What a result's card shows (templates/docs_center/document_list.html): reading only these
# columns, and the files without the join their default order makes, halves the time the
# page of results takes to load.
CARD_FIELDS = ["title", "title_en", "title_es", "abstract", "abstract_en", "abstract_es",
               "resource_type", "year", "organization", "enrolment_closes_on", "ends_on"]  # fmt: skip
CARD_FILE_FIELDS = ["resource", "file", "language", "content_type", "thumbnail",
                    "thumbnail_width", "thumbnail_height"]  # fmt: skip


def search_resources(params: SearchParams) -> SearchResult:
    base = _filtered(params)
    if params.q:
        query = text_query(params.q)
        matched = base.filter(search_document=query).annotate(
            rank=SearchRank(F("search_document"), query)
        )
    else:
        matched = base.annotate(rank=Value(0.0, output_field=FloatField()))
    rows, fraction = _read_matches(matched)
    exact = fraction >= 1
    total = len(rows) if exact else estimate_count(len(rows) / fraction)
    paginator = Paginator(range(len(rows)), PAGE_SIZE)
    page = paginator.get_page(params.page)
    ids = [
        r.pk for r in _order(rows, params.effective_sort)[page.start_index() - 1 : page.end_index()]
    ]
    found = Resource.objects.only(*CARD_FIELDS).order_by().in_bulk(ids)
    page.object_list = [found[pk] for pk in ids if pk in found]
    # The files in a second query, grouped here: prefetch_related would make a queryset for
    # each card (0.7 ms of the 3.5 the cards took).
    files, first_files = {}, {}
    for file in ResourceFile.objects.only(*CARD_FILE_FIELDS).filter(resource_id__in=ids):
        files[file.pk] = file
        first_files.setdefault(file.resource_id, file)  # in the files' order: its thumbnail
    result_passages = {
        resource_id: Passage(file=files.get(file_id), number=number, html=html)
        for resource_id, [(file_id, number, html), *_rest] in passages(ids, params.q).items()
    }
    # Each card links its resource's page, which marks what was searched.
    detail = url_template("docs_center:resource-detail", pk=SAMPLE_PK)
    searched = f"?q={quote(params.q)}" if params.q else ""
    for resource in page.object_list:
        resource.passage = result_passages.get(resource.pk)
        resource.first_file = first_files.get(resource.pk)
        resource.card_url = detail.format(pk=resource.pk) + searched
    return SearchResult(
        params=params, page=page, total=total, facets=_count_facets(rows, fraction),
        passages=result_passages, exact=exact, sample_size=len(rows),
    )  # fmt: skip


def facet_options(result: SearchResult, areas: list[AreaOfAction]) -> list[dict]:
    """The facets as the template shows them: label, URL parameter, options with counts."""
    from django_countries import countries as country_names

    p, f = result.params, result.facets
    area_by_id = {a.pk: a for a in areas}

    def options(counts, labels, selected, *, by_label=False):
        rows = [
            {"value": str(value), "label": labels.get(value, value), "count": counts.get(value, 0),
             "selected": value in selected}
            for value in labels
            if counts.get(value) or value in selected
        ]  # fmt: skip
        if by_label:
            return rows
        return sorted(rows, key=lambda r: (-r["count"], str(r["label"])))

    years = sorted({*f["year"], *p.years}, reverse=True)
    return [
        {"name": "type", "label": _("Type of resource"), "options": options(f["type"], dict(ResourceType.choices), p.types)},
        {"name": "open", "label": _("Training offers"), "options": options(f["open"], {"1": _("Enrolment open now")}, ["1"] if p.open_now else [])},
        {"name": "area", "label": _("Area of action"), "options": options({area_by_id[k].slug: v for k, v in f["area"].items() if k in area_by_id}, {a.slug: a.name for a in areas}, p.areas)},
        {"name": "country", "label": _("Country"), "options": options(f["country"], {c: country_names.name(c) for c in {*f["country"], *p.countries}}, p.countries)},
        {"name": "year", "label": _("Year"), "options": options(f["year"], {y: str(y) for y in years}, p.years, by_label=True)},
        {"name": "language", "label": _("Language of the document"), "options": options(f["language"], dict(DocumentLanguage.choices), p.languages)},
    ]  # fmt: skip
