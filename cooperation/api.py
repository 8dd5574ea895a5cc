"""Bilateral cooperation in the open read API: the projects selected in the RIAL calls
(published), with their requesting and providing countries and their public results."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cooperation.models import CooperationRequest, Modality, Result, ResultKind
from rialgender import api
from rialgender.countries import NETWORK_COUNTRIES


class ResultSerializer(serializers.Serializer):
    kind = api.Choice(ResultKind.choices)
    title = api.Bilingual()
    description = api.Bilingual()
    url = serializers.CharField(read_only=True)
    program = serializers.IntegerField(source="program_id", read_only=True, allow_null=True)


class ProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("The project's page, in each language."))
    call = serializers.SerializerMethodField(help_text=_("The RIAL call: number and year."))
    requesting_country = serializers.CharField(
        source="requesting_ministry.country.code", read_only=True
    )
    providing_country = serializers.CharField(
        source="providing_ministry.country.code", read_only=True
    )
    title = api.Bilingual()
    summary = api.Bilingual()
    objectives = api.Bilingual()
    expected_results = api.Bilingual()
    modality = api.Choice(Modality.choices)
    completed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    results = ResultSerializer(source="public_results", many=True, read_only=True)

    def get_url(self, project) -> dict:
        return api.urls_of("cooperation:project-detail", pk=project.pk)

    @api.extend_schema_field(
        {
            "type": "object",
            "properties": {"number": {"type": "integer"}, "year": {"type": "integer"}},
        }
    )
    def get_call(self, project):
        return {"number": project.call.number, "year": project.call.year}


class ProjectFilters(api.PageParameters):
    country = serializers.ChoiceField(choices=NETWORK_COUNTRIES, required=False,
                                      help_text=_("Requesting or providing country."))  # fmt: skip
    call = serializers.IntegerField(required=False, min_value=1, max_value=1000,
                                    help_text=_("Number of the RIAL call."))  # fmt: skip


def _projects():
    return (
        CooperationRequest.objects.projects()
        .select_related("call", "requesting_ministry", "providing_ministry")
        .prefetch_related(
            Prefetch("results", queryset=Result.objects.public(), to_attr="public_results")
        )
    )


class ProjectList(api.PublicListView):
    """The cooperation projects selected in the RIAL calls, latest published first."""

    topics = ("cooperation", "network")
    serializer = ProjectSerializer
    filters = ProjectFilters
    ordering = ("-published_at", "-id")

    def queryset(self):
        return _projects()

    def filter(self, queryset, params):
        if params.get("country"):
            code = params["country"]
            queryset = queryset.filter(
                Q(requesting_ministry__country=code) | Q(providing_ministry__country=code)
            )
        if params.get("call"):
            queryset = queryset.filter(call__number=params["call"])
        return queryset

    @api.extend_schema(
        operation_id="cooperation_projects_list",
        description=_("The bilateral cooperation projects selected in the RIAL calls, with "
                      "their requesting and providing countries and their results."),
        parameters=[ProjectFilters],
        responses={200: api.list_response(ProjectSerializer, _("A page of projects.")),
                   **api.ERRORS},
        tags=["cooperation"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProjectDetail(api.PublicDetailView):
    """One cooperation project."""

    topics = ("cooperation", "network")
    serializer = ProjectSerializer

    def queryset(self):
        return _projects()

    @api.extend_schema(
        operation_id="cooperation_projects_retrieve",
        description=_("One bilateral cooperation project."),
        responses={200: ProjectSerializer, 404: api.OpenApiResponse(
            description=_("No cooperation project has this id."))},
        tags=["cooperation"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


api.register("cooperation-projects/", ProjectList, name="cooperation-project-list")
api.register("cooperation-projects/<int:pk>/", ProjectDetail, name="cooperation-project-detail")
