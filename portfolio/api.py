"""The portfolio in the open read API: published programs, filtered like the public search
(portfolio.search: the same parameters, the same meaning), newest first."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from rest_framework import serializers

from portfolio.models import EvaluationType, InterventionType, PopulationGroup, Program
from portfolio.search import SearchParams, search_queryset
from rialgender import api
from rialgender.countries import NETWORK_COUNTRIES
from rialgender.models import AreaOfAction


class CountryRef(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, country) -> dict:
        return api.in_languages(lambda: countries.name(country.code))


class AreaRef(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = api.Bilingual()


class ProgramSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("The program's page, in each language."))
    country = CountryRef(source="ministry.country", read_only=True)
    ministry = api.Bilingual("name", via="ministry")
    title = api.Bilingual()
    summary = api.Bilingual()
    objectives = api.Bilingual()
    target_population = api.Bilingual()
    description = api.Bilingual()
    results = api.Bilingual()
    lessons = api.Bilingual()
    partners = api.Bilingual()
    evaluation_findings = api.Bilingual()
    intervention_type = api.Choice(InterventionType.choices)
    areas = AreaRef(many=True, read_only=True)
    population_groups = serializers.ListField(
        child=api.Choice(PopulationGroup.choices), read_only=True
    )
    start_year = serializers.IntegerField(read_only=True, allow_null=True)
    end_year = serializers.IntegerField(read_only=True, allow_null=True)
    evaluation_type = api.Choice(EvaluationType.choices)
    is_experimental = serializers.BooleanField(read_only=True)
    evaluated_by = serializers.CharField(read_only=True)
    evaluation_url = serializers.CharField(read_only=True)
    links = serializers.ListField(source="link_list", child=serializers.CharField(), read_only=True)
    published_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_url(self, program) -> dict:
        return api.urls_of("portfolio:program-detail", pk=program.pk)


class ProgramFilters(api.PageParameters):
    q = serializers.CharField(
        required=False, max_length=200, allow_blank=True,
        help_text=_("Words to find, in English or Spanish (accents and case ignored)."),
    )  # fmt: skip
    country = serializers.ListField(
        child=serializers.ChoiceField(choices=NETWORK_COUNTRIES), required=False,
        help_text=_("ISO code of a country of the network; repeat for several."),
    )  # fmt: skip
    area = serializers.ListField(
        child=serializers.SlugField(max_length=80), required=False, max_length=20,
        help_text=_("Identifier of an area of action (see /api/v1/areas/); repeat for several."),
    )  # fmt: skip
    group = serializers.ListField(
        child=serializers.ChoiceField(choices=PopulationGroup.values), required=False,
        help_text=_("Population group reached; repeat for several."),
    )  # fmt: skip
    type = serializers.ListField(
        child=serializers.ChoiceField(choices=InterventionType.values), required=False,
        help_text=_("Type of intervention; repeat for several."),
    )  # fmt: skip
    evaluated = serializers.ChoiceField(
        choices=["yes", "no"], required=False, help_text=_("Evaluated or not.")
    )
    status = serializers.ChoiceField(
        choices=["ongoing", "completed"], required=False, help_text=_("Ongoing or completed.")
    )
    # "from" is a Python keyword: the fields are added under their URL names below.

    def validate_area(self, slugs):
        known = set(AreaOfAction.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown area of action: %(slugs)s.") % {"slugs": ", ".join(unknown)}
            )
        return slugs

    def validate(self, data):
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise serializers.ValidationError({"to": [_("The period ends before it starts.")]})
        return data


for _name, _help in (
    ("from", _("Active in or after this year (ongoing, or ended in or after it).")),
    ("to", _("Started in or before this year.")),
):
    ProgramFilters._declared_fields[_name] = serializers.IntegerField(
        required=False, min_value=1900, max_value=2100, help_text=_help
    )


def search_params(params: dict) -> SearchParams:
    """The API's validated parameters as the public search reads them."""
    return SearchParams(
        q=" ".join(params.get("q", "").split()),
        countries=params.get("country", []),
        areas=params.get("area", []),
        groups=params.get("group", []),
        types=params.get("type", []),
        evaluated=params.get("evaluated", ""),
        status=params.get("status", ""),
        year_from=params.get("from"),
        year_to=params.get("to"),
    )


def _published():
    return (
        Program.objects.published()
        .select_related("ministry")
        .prefetch_related(Prefetch("areas", queryset=AreaOfAction.objects.order_by("order", "pk")))
    )


class ProgramList(api.PublicListView):
    """Published programs, newest first (by first publication), filtered like the public
    search of the portfolio."""

    topics = ("portfolio", "network")
    serializer = ProgramSerializer
    filters = ProgramFilters
    ordering = ("-published_at", "-id")

    def queryset(self):
        return _published()

    def filter(self, queryset, params):
        # The public search's own queryset (published programs only), ordered by the keyset.
        return search_queryset(search_params(params)).prefetch_related(
            Prefetch("areas", queryset=AreaOfAction.objects.order_by("order", "pk"))
        )

    @api.extend_schema(
        operation_id="programs_list",
        description=_("Published programs, newest first (by first publication), filtered like "
                      "the public search of the portfolio."),
        parameters=[ProgramFilters],
        responses={200: api.list_response(ProgramSerializer, _("A page of programs.")),
                   **api.ERRORS},
        tags=["programs"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProgramDetail(api.PublicDetailView):
    """One published program."""

    topics = ("portfolio", "network")
    serializer = ProgramSerializer

    def queryset(self):
        return _published()

    @api.extend_schema(
        operation_id="programs_retrieve",
        description=_("One published program."),
        responses={200: ProgramSerializer, 404: api.OpenApiResponse(
            description=_("No published program has this id."))},
        tags=["programs"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


api.register("programs/", ProgramList, name="program-list")
api.register("programs/<int:pk>/", ProgramDetail, name="program-detail")
