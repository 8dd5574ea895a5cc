"""The dialogues in the open read API: published dialogues and workshops with their agenda,
their participation counted by country and category (never a person), and, once published,
their outcome: conclusions, recommendations (areas, addressees, the countries' aggregate
progress), next steps and what came of it.

Never in it: registrations, delegates' names or addresses, answers to the questions, the
connection link and its passcode, a country's notes on its progress."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dialogues.models import (
    Addressee,
    AgendaItem,
    AgendaItemKind,
    Category,
    DocumentKind,
    Event,
    EventDocument,
    EventFormat,
    EventKind,
    LinkKind,
    Outcome,
    OutcomeLink,
    ParticipationCount,
    ProgressStatus,
    Recommendation,
    Speaker,
)
from rialgender import api
from rialgender.countries import NETWORK_COUNTRIES
from rialgender.models import AreaOfAction
from rialgender.workflow import State


def _href(path_or_url: str) -> str:
    return api.absolute(path_or_url) if path_or_url.startswith("/") else path_or_url


class RecommendationArea(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = api.Bilingual()


class DocumentSerializer(serializers.Serializer):
    kind = api.Choice(DocumentKind.choices)
    title = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, document) -> str:
        return _href(document.href)


class SpeakerSerializer(serializers.Serializer):
    """Someone named in the published agenda (public by being there)."""

    name = serializers.CharField(read_only=True)
    role = api.Bilingual()
    country = serializers.SerializerMethodField(help_text=_("ISO code, or null."))

    def get_country(self, speaker) -> str | None:
        return speaker.country.code if speaker.country else None


class AgendaItemSerializer(serializers.Serializer):
    day = serializers.IntegerField(read_only=True, help_text=_("1 is the event's first day."))
    starts_at = serializers.SerializerMethodField(
        help_text=_("The instant, with the organiser's offset.")
    )
    ends_at = serializers.SerializerMethodField()
    kind = api.Choice(AgendaItemKind.choices)
    title = api.Bilingual()
    description = api.Bilingual()
    breakout_groups = api.Bilingual()
    speakers = SpeakerSerializer(many=True, read_only=True)
    documents = DocumentSerializer(source="item_documents", many=True, read_only=True)

    def get_starts_at(self, item) -> str:
        return item.event.at_local(item.day, item.start_time).isoformat()

    def get_ends_at(self, item) -> str | None:
        if item.end_time is None:
            return None
        return item.event.at_local(item.day, item.end_time).isoformat()


class ParticipationSerializer(serializers.Serializer):
    country = serializers.SerializerMethodField(
        help_text=_("ISO code, or null for an institution.")
    )
    institution = serializers.CharField(source="organization", read_only=True)
    category = api.Choice(Category.choices)
    participants = serializers.IntegerField(source="count", read_only=True)

    def get_country(self, row) -> str | None:
        return row.country.code if row.country else None


@api.extend_schema_field(
    {
        "type": "object",
        "description": "How many countries reported each status (never which, nor their notes).",
        "properties": {
            **{status: {"type": "integer"} for status in ProgressStatus.values},
            "reported": {"type": "integer"},
        },
    }
)
class ProgressField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, recommendation):
        counts = {s: getattr(recommendation, f"n_{s}", 0) for s in ProgressStatus.values}
        return {**counts, "reported": sum(counts.values())}


class RecommendationSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    text = api.Bilingual()
    addressee = api.Choice(Addressee.choices)
    areas = RecommendationArea(many=True, read_only=True)
    progress = ProgressField()


class LinkSerializer(serializers.Serializer):
    kind = api.Choice(LinkKind.choices)
    title = api.Bilingual()
    url = serializers.SerializerMethodField()

    def get_url(self, link) -> str:
        return _href(link.url)


class OutcomeSerializer(serializers.Serializer):
    summary = api.Bilingual()
    conclusions = api.Bilingual()
    next_steps = api.Bilingual()
    recommendations = RecommendationSerializer(many=True, read_only=True)
    links = LinkSerializer(many=True, read_only=True)
    published_at = serializers.DateTimeField(read_only=True)


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("The event's page, in each language."))
    kind = api.Choice(EventKind.choices)
    number = serializers.IntegerField(read_only=True)
    title = api.Bilingual()
    description = api.Bilingual()
    objective = api.Bilingual()
    background = api.Bilingual()
    format = api.Choice(EventFormat.choices)
    venue = api.Bilingual()
    starts_at = serializers.DateTimeField(read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    time_zone = serializers.CharField(
        read_only=True, help_text=_("The organiser's time zone (IANA), in which the agenda is.")
    )
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    interpretation = serializers.BooleanField(read_only=True)
    registration_closes_at = serializers.DateTimeField(source="registration_closes", read_only=True)
    calendar = serializers.SerializerMethodField(
        help_text=_("The event's calendar file (.ics), in each language.")
    )
    cancelled = serializers.BooleanField(source="is_cancelled", read_only=True)
    agenda = AgendaItemSerializer(many=True, read_only=True)
    documents = DocumentSerializer(source="event_documents", many=True, read_only=True)
    participation = ParticipationSerializer(many=True, read_only=True)
    participants = serializers.SerializerMethodField(
        help_text=_("Participants counted from the attendance (all categories).")
    )
    outcome = serializers.SerializerMethodField(
        help_text=_("Conclusions, recommendations and next steps, once published; else null.")
    )
    published_at = serializers.DateTimeField(read_only=True)

    def get_url(self, event) -> dict:
        return api.urls_of("dialogues:event-detail", pk=event.pk)

    def get_calendar(self, event) -> dict:
        return api.urls_of("dialogues:event-ics", pk=event.pk)

    def get_participants(self, event) -> int:
        return sum(row.count for row in event.participation.all())

    @api.extend_schema_field(OutcomeSerializer(allow_null=True))
    def get_outcome(self, event):
        outcome = getattr(event, "outcome", None)
        if outcome is None or outcome.state != State.PUBLISHED:
            return None
        return OutcomeSerializer(outcome).data


class EventFilters(api.PageParameters):
    kind = serializers.ChoiceField(choices=EventKind.values, required=False,
                                   help_text=_("Dialogues or workshops."))  # fmt: skip
    when = serializers.ChoiceField(choices=["upcoming", "past"], required=False,
                                   help_text=_("Events still to come, or held."))  # fmt: skip
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100,
                                    help_text=_("Held in this year."))  # fmt: skip
    country = serializers.ChoiceField(
        choices=NETWORK_COUNTRIES, required=False,
        help_text=_("Events this country's delegation took part in."),
    )  # fmt: skip
    area = serializers.SlugField(
        required=False, max_length=80,
        help_text=_("Events with a published recommendation in this area of action."),
    )  # fmt: skip

    def validate_area(self, slug):
        if not AreaOfAction.objects.filter(slug=slug).exists():
            raise serializers.ValidationError(
                _("Unknown area of action: %(slugs)s.") % {"slugs": slug}
            )
        return slug


def _status_counts():
    return {
        f"n_{status}": Count("progress", filter=Q(progress__status=status))
        for status in ProgressStatus.values
    }


def _published():
    """Published events with all they show, in a fixed number of queries (8) however many
    events, items, speakers or recommendations."""
    recommendations = (
        Recommendation.objects.annotate(**_status_counts())
        .order_by("number")
        .prefetch_related(Prefetch("areas", queryset=AreaOfAction.objects.order_by("order", "pk")))
    )
    return (
        Event.objects.published()
        .select_related("outcome")
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("day", "start_time", "pk")
                     .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.all()))),
            Prefetch("documents", queryset=EventDocument.objects.order_by("kind", "pk")),
            Prefetch("participation", queryset=ParticipationCount.objects.order_by(
                "category", "country", "organization")),
            Prefetch("outcome__recommendations", queryset=recommendations),
            Prefetch("outcome__links", queryset=OutcomeLink.objects.order_by("kind", "pk")),
        )
    )  # fmt: skip


def _with_documents(events):
    """Share each event's documents out between the event and its agenda items (no query)."""
    for event in events:
        documents = list(event.documents.all())
        event.event_documents = [d for d in documents if d.item_id is None]
        for item in event.agenda.all():
            item.event = event  # the item's times are read in the event's zone
            item.item_documents = [d for d in documents if d.item_id == item.pk]
    return events


class EventList(api.PublicListView):
    """Published dialogues and workshops, latest first."""

    topics = ("dialogues", "network")
    serializer = EventSerializer
    filters = EventFilters
    ordering = ("-starts_at", "-id")

    def queryset(self):
        return _published()

    def filter(self, queryset, params):
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        if params.get("when") == "upcoming":
            queryset = queryset.filter(ends_at__gte=timezone.now())
        elif params.get("when") == "past":
            queryset = queryset.filter(ends_at__lt=timezone.now())
        if params.get("year"):
            queryset = queryset.filter(starts_at__year=params["year"])
        if params.get("country"):
            queryset = queryset.filter(
                pk__in=ParticipationCount.objects.filter(
                    country=params["country"], count__gt=0
                ).values("event")
            )
        if params.get("area"):
            queryset = queryset.filter(
                pk__in=Outcome.objects.filter(
                    state=State.PUBLISHED, recommendations__areas__slug=params["area"]
                ).values("event")
            )
        return queryset

    def payload(self, request, params, **kwargs):
        pagination = api.KeysetPagination(type(self).__name__, self.ordering)
        rows, next_url = pagination.page(request, self.filter(self.queryset(), params), params)
        return {"next": next_url, "results": self.serializer(_with_documents(rows), many=True).data}

    @api.extend_schema(
        operation_id="events_list",
        description=_("Published dialogues and workshops, latest first, each with its agenda, "
                      "its participants counted by country and category and, once published, "
                      "its outcome: conclusions, recommendations and the countries' progress."),
        parameters=[EventFilters],
        responses={200: api.list_response(EventSerializer, _("A page of events.")),
                   **api.ERRORS},
        tags=["events"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class EventDetail(api.PublicDetailView):
    """One published event."""

    topics = ("dialogues", "network")
    serializer = EventSerializer

    def queryset(self):
        return _published()

    def get_object(self, value):
        return _with_documents([super().get_object(value)])[0]

    @api.extend_schema(
        operation_id="events_retrieve",
        description=_("One published dialogue or workshop, with its agenda, participation and "
                      "outcome."),
        responses={200: EventSerializer, 404: api.OpenApiResponse(
            description=_("No published event has this id."))},
        tags=["events"],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


api.register("events/", EventList, name="event-list")
api.register("events/<int:pk>/", EventDetail, name="event-detail")
