"""The documentation center in the open read API: published resources (publications,
guides, training offers, legislation...) with their bibliographic description."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from docs_center.models import LegislationKind, LegislationStatus, Resource, ResourceType
from rialgender import api
from rialgender.countries import NETWORK_COUNTRIES


class ResourceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("The resource's page, in each language."))
    resource_type = api.Choice(ResourceType.choices)
    title = api.Bilingual()
    abstract = api.Bilingual()
    organization = serializers.CharField(read_only=True)
    publisher = serializers.CharField(read_only=True)
    year = serializers.IntegerField(read_only=True, allow_null=True)
    document_languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    countries = serializers.ListField(child=serializers.CharField(), read_only=True)
    proposed_by_country = serializers.SerializerMethodField()
    external_url = serializers.CharField(read_only=True)
    legislation_country = serializers.CharField(read_only=True)
    legislation_kind = api.Choice([("", ""), *LegislationKind.choices])
    legislation_status = api.Choice([("", ""), *LegislationStatus.choices])
    published_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_url(self, resource) -> dict:
        return api.urls_of("docs_center:resource-detail", pk=resource.pk)

    def get_proposed_by_country(self, resource) -> str | None:
        return resource.ministry.country.code if resource.ministry_id else None


class ResourceFilters(api.PageParameters):
    type = serializers.ListField(child=serializers.ChoiceField(choices=ResourceType.values),
                                 required=False, help_text=_("Type of resource; repeat for several."))  # fmt: skip
    country = serializers.ChoiceField(choices=NETWORK_COUNTRIES, required=False,
                                      help_text=_("Concerning this country, or its legislation."))  # fmt: skip


class ResourceList(api.PublicListView):
    """Published resources, newest first."""

    topics = ("docs_center", "network")
    serializer = ResourceSerializer
    filters = ResourceFilters
    ordering = ("-published_at", "-id")

    def queryset(self):
        return Resource.objects.published().for_display().select_related("ministry")

    def filter(self, queryset, params):
        if params.get("type"):
            queryset = queryset.filter(resource_type__in=params["type"])
        if params.get("country"):
            code = params["country"]
            queryset = queryset.filter(Q(countries__contains=[code]) | Q(legislation_country=code))
        return queryset

    @api.extend_schema(
        operation_id="documents_list",
        description=_("Published resources of the documentation center (publications, guides, "
                      "training offers, legislation...), newest first."),
        parameters=[ResourceFilters],
        responses={200: api.list_response(ResourceSerializer, _("A page of resources.")),
                   **api.ERRORS},
        tags=["documents"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ResourceDetail(api.PublicDetailView):
    """One published resource."""

    topics = ("docs_center", "network")
    serializer = ResourceSerializer

    def queryset(self):
        return Resource.objects.published().for_display().select_related("ministry")

    @api.extend_schema(
        operation_id="documents_retrieve",
        description=_("One published resource of the documentation center."),
        responses={200: ResourceSerializer, 404: api.OpenApiResponse(
            description=_("No published resource has this id."))},
        tags=["documents"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


api.register("documents/", ResourceList, name="document-list")
api.register("documents/<int:pk>/", ResourceDetail, name="document-detail")
