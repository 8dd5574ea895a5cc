"""The open read API under /api/v1/: the public data of every tool, as JSON.

Built on Django REST framework, described by drf-spectacular (OpenAPI 3, with Swagger UI
served from the project by its sidecar). Each app contributes its endpoints in its own
`<app>/api.py`, found by name at start-up (`autodiscover`), so the core never imports an app:

    # portfolio/api.py
    from rialgender import api
    api.register("programs/", ProgramList, name="program-list")

What every endpoint shares, written here once:
- `PublicListView` / `PublicDetailView`: anonymous and read-only (GET, HEAD, OPTIONS); the
  query string parsed strictly (`filters`: a serializer; an unknown parameter or value is a
  400 naming it); answers served from the page cache (rialgender.pagecache) with an ETag and
  a Last-Modified, so a conditional request gets 304.
- `KeysetPagination`: a signed cursor (a tampered one is a 400), `page_size` 1 to 100.
- `ClientRateThrottle`: API_RATE_LIMIT requests per window per client address, counted in
  the cache (a 429 with Retry-After past it).
- `Bilingual`: each translated text as {"en": ..., "es": ...}.
- errors are JSON: {"detail": "...", "errors": {"parameter": ["..."]}}.
Only what is published is ever read: endpoints start from `.published()` querysets.
"""

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import path, register_converter, reverse
from django.utils import translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from rialgender import fastcache, pagecache
from rialgender.http import rate_limit_key

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# -- the registry ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    route: str
    view: type
    name: str


_ENDPOINTS: dict[str, Endpoint] = {}


def register(route: str, view: type, *, name: str) -> None:
    """Mount `view` (an APIView) at /api/v1/<route>, reversible as "api:<name>"."""
    _ENDPOINTS[name] = Endpoint(route, view, name)


def endpoints() -> list[Endpoint]:
    return list(_ENDPOINTS.values())


def autodiscover() -> None:
    """Import every installed app's `api` module: each registers its endpoints."""
    autodiscover_modules("api")


# -- records --------------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "object",
        "properties": {code: {"type": "string"} for code in LANGUAGES},
        "required": LANGUAGES,
        "example": {"en": "Care systems", "es": "Sistemas de cuidados"},
    }
)
class Bilingual(serializers.Field):
    """A translated text in every language: {"en": ..., "es": ...} ("" where there is none).
    `name`: the model field (default: the serializer field's name); `via`: a related object
    to read it from (e.g. via="ministry", name="name")."""

    def __init__(self, name: str | None = None, *, via: str | None = None, **kwargs):
        self.name = name
        self.via = via
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, instance):
        if self.via:
            instance = getattr(instance, self.via)
        name = self.name or self.field_name
        return {code: getattr(instance, f"{name}_{code}", "") or "" for code in LANGUAGES}


def in_languages(make: Callable[[], str]) -> dict:
    """{"en": make(), "es": make()}, each made with its language active (labels, URLs)."""
    result = {}
    for code in LANGUAGES:
        with translation.override(code):
            result[code] = str(make())
    return result


def absolute(path_: str) -> str:
    return f"{settings.SITE_URL}{path_}"


def urls_of(url_name: str, **kwargs) -> dict:
    """The page of a record on the portal, in each language."""
    return in_languages(lambda: absolute(reverse(url_name, kwargs=kwargs)))


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "code": {"type": "string"},
            "label": {"type": "object", "properties": {c: {"type": "string"} for c in LANGUAGES}},
        },
    }
)
class Choice(serializers.Field):
    """A coded value with its label in each language: {"code": ..., "label": {...}}."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"code": value, "label": in_languages(lambda: self.labels.get(value, value))}


class AreaSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = Bilingual()
    description = Bilingual()
    order = serializers.IntegerField(read_only=True)
    retired = serializers.BooleanField(source="is_retired", read_only=True)


# -- parameters -----------------------------------------------------------------------------

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
CURSOR_SALT = "rialgender.api.cursor"


class PageParameters(serializers.Serializer):
    cursor = serializers.CharField(
        required=False, max_length=1000,
        help_text=_("Where the page starts: the `cursor` of the previous page's `next` link."),
    )  # fmt: skip
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE,
        help_text=_("Records a page (1 to 100; 20 unless given)."),
    )  # fmt: skip


_parsers = threading.local()


def _parser(serializer_class):
    """One bound instance per parameters class and thread: building a serializer's fields
    (deep copies of every declared field) costs more than validating a query string."""
    parsers = _parsers.__dict__.setdefault("by_class", {})
    if serializer_class not in parsers:
        parsers[serializer_class] = serializer_class()
    return parsers[serializer_class]


def parse_parameters(request, serializer_class) -> dict:
    """The query string read by `serializer_class`: an unknown parameter, a repeated one that
    takes one value, or a value it refuses is a 400 that names it."""
    query = request.query_params
    parser = _parser(serializer_class)
    fields = parser.fields
    errors = {}
    for name in query:
        if name not in fields:
            errors[name] = [_("Unknown parameter. This endpoint accepts: %(names)s.")
                            % {"names": ", ".join(sorted(fields)) or "-"}]  # fmt: skip
        elif len(query.getlist(name)) > 1 and not isinstance(
            fields[name], serializers.ListField | serializers.MultipleChoiceField
        ):
            errors[name] = [_("Give this parameter once.")]
    if errors:
        raise exceptions.ValidationError(errors)
    return parser.run_validation(query)


class KeysetPagination:
    """Pages in a fixed order, each starting after the last record of the one before: cost
    independent of how deep the page is, and stable while records are added.

    `ordering` names model fields, "-" for descending; it must end with a unique one ("-id").
    The cursor is signed: a forged or altered one is refused with a 400."""

    def __init__(self, endpoint: str, ordering: tuple[str, ...]):
        self.endpoint = endpoint
        self.ordering = ordering

    def _fields(self):
        return [(name.lstrip("-"), name.startswith("-")) for name in self.ordering]

    def decode(self, queryset, cursor: str) -> list:
        invalid = exceptions.ValidationError(
            {"cursor": [_("This cursor is not valid. Use the `next` link of a previous page.")]}
        )
        try:
            data = signing.loads(cursor, salt=CURSOR_SALT)
        except signing.BadSignature:
            raise invalid from None
        if not isinstance(data, dict) or data.get("e") != self.endpoint:
            raise invalid
        values = data.get("v")
        if not isinstance(values, list) or len(values) != len(self.ordering):
            raise invalid
        model = queryset.model
        try:
            return [
                model._meta.get_field(name).to_python(value)
                for (name, _desc), value in zip(self._fields(), values, strict=True)
            ]
        except (DjangoValidationError, TypeError, ValueError):
            raise invalid from None

    def encode(self, obj) -> str:
        values = []
        for name, _desc in self._fields():
            field = obj._meta.get_field(name)
            value = field.get_prep_value(getattr(obj, field.attname))  # e.g. a Country: "PY"
            values.append(value.isoformat() if hasattr(value, "isoformat") else value)
        return signing.dumps({"e": self.endpoint, "v": values}, salt=CURSOR_SALT)

    def after(self, queryset, values):
        """Rows after the position `values` in this order."""
        condition = Q()
        equal = {}
        for (name, desc), value in zip(self._fields(), values, strict=True):
            condition |= Q(**equal, **{f"{name}__{'lt' if desc else 'gt'}": value})
            equal[name] = value
        return queryset.filter(condition)

    def page(self, request, queryset, params) -> tuple[list, str | None]:
        size = params.get("page_size") or DEFAULT_PAGE_SIZE
        queryset = queryset.order_by(*self.ordering)
        if params.get("cursor"):
            queryset = self.after(queryset, self.decode(queryset, params["cursor"]))
        rows = list(queryset[: size + 1])
        if len(rows) <= size:
            return rows, None
        rows = rows[:size]
        query = request.query_params.copy()
        query["cursor"] = self.encode(rows[-1])
        return rows, absolute(f"{request.path}?{query.urlencode()}")


# -- rate limit -----------------------------------------------------------------------------

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$")
_WINDOWS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "300/minute" -> (300, 60). An empty rate means no limit: (0, 0)."""
    if not rate:
        return 0, 0
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"API_RATE_LIMIT must read like '300/minute', not {rate!r}")
    return int(match.group(1)), _WINDOWS[match.group(2)]


def client_address(request) -> str:
    """Whose requests are counted together: the client's address behind our proxies (an IPv6
    client's /64 network), as every rate limit of the portal counts (rialgender.http)."""
    return rate_limit_key(request)


@dataclass(frozen=True)
class RateCounter:
    """This request's counter: its cache key (client address and current window), the
    window's length, the limit and the seconds until the window ends."""

    key: str
    window: int
    limit: int
    reset: int

    @classmethod
    def of(cls, request) -> "RateCounter | None":
        limit, window = parse_rate(settings.API_RATE_LIMIT)
        if not limit:
            return None
        now = time.time()
        key = f"api:rate:{client_address(request)}:{int(now // window)}"
        return cls(key, window, limit, int(window - (now % window)) + 1)

    def allows(self, request, count: int) -> bool:
        """Whether the `count`th request of the window may go on; notes what the
        X-RateLimit-* headers say."""
        request._rate_limit = (self.limit, max(0, self.limit - count), self.reset)
        return count <= self.limit

    def check(self, request, count: int) -> None:
        if not self.allows(request, count):
            raise exceptions.Throttled(wait=self.reset)


class ClientRateThrottle(BaseThrottle):
    """At most API_RATE_LIMIT requests per window from one client address (fixed windows).
    The endpoints (`PublicView`) count in the same round trip as their cache look-up; this
    class counts for the description and its docs."""

    def allow_request(self, request, view):
        counter = RateCounter.of(request)
        if counter is None:
            return True
        self.wait_seconds = counter.reset
        return counter.allows(request, fastcache.incr(counter.key, counter.window))

    def wait(self):
        return self.wait_seconds


# -- views ----------------------------------------------------------------------------------


def exception_handler(exc, context):
    """Every error as JSON: {"detail": what went wrong, "errors": {parameter: [...]}}."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {
            "detail": str(_("The request's parameters are not valid: see errors.")),
            "errors": detail,
        }
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": response.data["detail"]}
    response["Cache-Control"] = "no-store"
    return response


class PublicView(APIView):
    """Base of the API's endpoints: public, read-only, strict parameters, cached answers."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []  # counted in get(), with the cache look-up (RateCounter)
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head", "options"]
    #: what the answer shows, for the page cache (rialgender.pagecache topics)
    topics: tuple[str, ...] = ()
    #: the query parameters (a serializer; its fields are the only ones accepted)
    filters = serializers.Serializer

    def get_topics(self) -> tuple[str, ...]:
        return self.topics

    def initial(self, request, *args, **kwargs):
        # The records carry every language; the API's own messages are in English.
        translation.activate("en")
        request._request.LANGUAGE_CODE = "en"
        super().initial(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        counter = RateCounter.of(request)
        # Only valid requests are kept, so a cached answer needs no second reading of its
        # query string: the parameters are read when the answer is drawn (a 400 from there).
        return pagecache.serve(
            request._request,
            topics=self.get_topics(),
            render=lambda: self._json(
                self.payload(request, parse_parameters(request, self.filters), **kwargs)
            ),
            vary=(),
            cache_control="public, no-cache",
            # The request is counted in the look-up's round trip, and refused before any
            # rendering when over the limit.
            counter=(counter.key, counter.window) if counter else None,
            check=(lambda count: counter.check(request, count)) if counter else None,
        )

    def payload(self, request, params, **kwargs):
        raise NotImplementedError

    def _json(self, data):
        return HttpResponse(JSONRenderer().render(data), content_type="application/json")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        limit = getattr(request._request, "_rate_limit", None) or getattr(
            request, "_rate_limit", None
        )
        if limit:
            response["X-RateLimit-Limit"] = str(limit[0])
            response["X-RateLimit-Remaining"] = str(limit[1])
            response["X-RateLimit-Reset"] = str(limit[2])
        return response


class PublicListView(PublicView):
    """A list of records: `queryset()` (published only), `serializer`, `ordering` (the
    keyset, ending with a unique field), `filter(queryset, params)` for the endpoint's own
    parameters."""

    serializer = serializers.Serializer
    ordering: tuple[str, ...] = ("id",)
    filters = PageParameters

    def queryset(self):
        raise NotImplementedError

    def filter(self, queryset, params):
        return queryset

    def payload(self, request, params, **kwargs):
        pagination = KeysetPagination(type(self).__name__, self.ordering)
        rows, next_url = pagination.page(request, self.filter(self.queryset(), params), params)
        return {"next": next_url, "results": self.serializer(rows, many=True).data}


class PublicDetailView(PublicView):
    """One record by its key (`lookup`, a URL argument): 404 if it is not public."""

    serializer = serializers.Serializer
    lookup = "pk"

    def queryset(self):
        raise NotImplementedError

    def get_object(self, value):
        try:
            return self.queryset().get(**{self.lookup: value})
        except (self.queryset().model.DoesNotExist, ValueError, DjangoValidationError):
            raise exceptions.NotFound() from None

    def payload(self, request, params, **kwargs):
        return self.serializer(self.get_object(kwargs[self.lookup])).data


def list_response(serializer, description):
    """The OpenAPI description of a paginated list of `serializer` records."""
    return OpenApiResponse(
        description=description,
        response=inline_serializer(
            name=f"{serializer.__name__.removesuffix('Serializer')}Page",
            fields={
                "next": serializers.URLField(
                    allow_null=True, help_text=_("The next page, or null on the last one.")
                ),
                "results": serializer(many=True),
            },
        ),
    )


ERRORS = {
    400: OpenApiResponse(description=_("A parameter is unknown or has a value it cannot take.")),
    406: OpenApiResponse(description=_("The Accept header asks for something other than JSON.")),
    429: OpenApiResponse(description=_("Too many requests from this address: see Retry-After.")),
}


# -- the core's own endpoints: the areas of action, the index -------------------------------


class AreaList(PublicListView):
    """The areas of action of the network, in their order (retired ones included, marked)."""

    topics = ("network",)
    serializer = AreaSerializer
    ordering = ("order", "id")

    def queryset(self):
        from rialgender.models import AreaOfAction

        return AreaOfAction.objects.all()

    @extend_schema(
        operation_id="areas_list",
        description=_(
            "The areas of action of the network, in their order (retired ones included, marked)."
        ),
        parameters=[PageParameters],
        responses={200: list_response(AreaSerializer, _("The areas of action.")), **ERRORS},
        tags=["areas"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class Index(PublicView):
    """Where everything is: each endpoint's address, the OpenAPI description, the docs."""

    topics = ("network",)

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def payload(self, request, params, **kwargs):
        return {
            "endpoints": {
                endpoint.name: absolute(reverse(f"api:{endpoint.name}"))
                for endpoint in endpoints()
                if "<" not in endpoint.route
            },
            "openapi": absolute(reverse("api:schema")),
            "documentation": absolute(reverse("api:docs")),
            "rate_limit": settings.API_RATE_LIMIT,
        }


class NoSuchEndpoint(PublicView):
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound(
            _("There is no such endpoint. The list of endpoints is at %(url)s.")
            % {"url": absolute(reverse("api:index"))}
        )


register("areas/", AreaList, name="area-list")


class AnythingConverter:
    """Any rest of an address, line breaks included (Django's "path" stops at them)."""

    regex = r"[\s\S]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(AnythingConverter, "anything")


def urlpatterns() -> list:
    """The API's URLs: the registered endpoints, the OpenAPI description and its docs."""
    from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

    autodiscover()
    patterns = [path("", Index.as_view(), name="index")]
    patterns += [path(e.route, e.view.as_view(), name=e.name) for e in endpoints()]
    patterns += [
        path(
            "schema/",
            SpectacularAPIView.as_view(throttle_classes=[ClientRateThrottle]),
            name="schema",
        ),
        path(
            "docs/",
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", throttle_classes=[ClientRateThrottle]
            ),
            name="docs",
        ),
        path("<anything:rest>", NoSuchEndpoint.as_view(), name="not-found"),
    ]
    return patterns
