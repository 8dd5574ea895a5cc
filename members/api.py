"""The network's countries in the open read API: each participating ministry and its gender
unit (never a person), with its participation in every tool (rialgender.participation)."""

from django.utils.translation import gettext_lazy as _
from django_countries import countries
from rest_framework import serializers

from members.models import Ministry
from members.selectors import steering_ministry_ids
from rialgender import api, participation


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(source="country.code", read_only=True)
    name = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text=_("The country's page, in each language."))
    ministry = api.Bilingual("name")
    gender_unit = api.Bilingual()
    website = serializers.CharField(read_only=True)
    steering_committee = serializers.SerializerMethodField(
        help_text=_("Whether the ministry holds a seat on the Steering Committee in office.")
    )
    participation = serializers.SerializerMethodField(
        help_text=_("For each tool, what the country did in it (all years).")
    )

    def get_name(self, ministry) -> dict:
        return api.in_languages(lambda: countries.name(ministry.country.code))

    def get_url(self, ministry) -> dict:
        return api.urls_of("network:country-detail", country=ministry.country.code.lower())

    def get_steering_committee(self, ministry) -> bool:
        return ministry.pk in self.context["committee"]

    @api.extend_schema_field(
        {"type": "object", "additionalProperties": {"type": "integer"},
         "example": {"programs": 12}}
    )  # fmt: skip
    def get_participation(self, ministry) -> dict:
        counts = self.context["counts"]
        return {key: values.get(ministry.pk, 0) for key, values in counts.items()}


def _context() -> dict:
    """What every country record needs, read once for the page (1 query, plus one per
    measure)."""
    return {
        "committee": steering_ministry_ids(),
        "counts": {m.key: m.count(None) for m in participation.measures()},
    }


class CountryList(api.PublicListView):
    """The countries of the network, by ISO code."""

    serializer = CountrySerializer
    ordering = ("country", "id")

    def get_topics(self):
        return participation.topics()

    def queryset(self):
        return Ministry.objects.filter(is_active=True)

    def payload(self, request, params, **kwargs):
        pagination = api.KeysetPagination(type(self).__name__, self.ordering)
        rows, next_url = pagination.page(request, self.queryset(), params)
        data = CountrySerializer(rows, many=True, context=_context()).data
        return {"next": next_url, "results": data}

    @api.extend_schema(
        operation_id="countries_list",
        description=_("The countries of the network, by ISO code: each ministry and its gender "
                      "unit (never a person), with what it did in every tool."),
        parameters=[api.PageParameters],
        responses={200: api.list_response(CountrySerializer, _("A page of countries.")),
                   **api.ERRORS},
        tags=["countries"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CountryDetail(api.PublicDetailView):
    """One country of the network, by its ISO code (AR, PY...)."""

    serializer = CountrySerializer
    lookup = "code"

    def get_topics(self):
        return participation.topics()

    def get_object(self, value):
        code = value.upper()
        if len(code) != 2 or not (code.isascii() and code.isalpha()):
            raise api.exceptions.NotFound()
        ministry = Ministry.objects.filter(country=code, is_active=True).first()
        if ministry is None:
            raise api.exceptions.NotFound()
        return ministry

    def payload(self, request, params, **kwargs):
        return CountrySerializer(self.get_object(kwargs["code"]), context=_context()).data

    @api.extend_schema(
        operation_id="countries_retrieve",
        description=_("One country of the network, by its ISO code (AR, PY...)."),
        responses={200: CountrySerializer, 404: api.OpenApiResponse(
            description=_("No country of the network has this code."))},
        tags=["countries"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


api.register("countries/", CountryList, name="country-list")
api.register("countries/<str:code>/", CountryDetail, name="country-detail")
