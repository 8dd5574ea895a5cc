"""Reads for the dialogues' pages, each named for its page, with its query count bounded and
independent of how many events, registrations or recommendations there are."""

from collections import defaultdict

from django.db.models import Count, Min, Prefetch, Q
from django.utils import timezone

from dialogues.models import (
    ACTIVE_STATUSES,
    AgendaItem,
    Answer,
    Category,
    Event,
    EventDocument,
    Outcome,
    ParticipationCount,
    ProgressStatus,
    Question,
    Recommendation,
    RecommendationProgress,
    Registration,
    RegistrationStatus,
)
from rialgender.workflow import State

PAST_PAGE_SIZE = 12


def _confirmed_count():
    return Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))


def upcoming_events(now=None):
    """Published events that have not ended, with their confirmed registrants (1 query)."""
    return list(Event.objects.upcoming(now).annotate(confirmed=_confirmed_count()))


def past_events(now=None):
    """Published events that have ended, with their outcome if published (for a paginator:
    a count and a page, 2 queries)."""
    return Event.objects.past(now).select_related("outcome")


def event_for_page(pk: int, user) -> Event | None:
    """An event the reader may see, with its agenda (speakers and documents) and its own
    documents, how many questions it puts to the delegations, and whether its outcome is
    out: 4 queries, however long the agenda or many the registrations."""
    from rialgender.workflow import can_view

    event = (
        Event.objects.filter(pk=pk)
        .select_related("outcome")
        .annotate(question_count=Count("questions"))
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.prefetch_related("speakers")),
        )
        .first()
    )
    if event is None or not can_view(user, event):
        return None
    documents = list(EventDocument.objects.filter(event=event))
    event.event_documents = [d for d in documents if d.item_id is None]
    for item in event.agenda.all():
        item.item_documents = [d for d in documents if d.item_id == item.pk]
    outcome = getattr(event, "outcome", None)
    event.outcome_visible = outcome is not None and can_view(user, outcome)
    return event


def event_with_outcome(pk: int, user) -> Event | None:
    """An event and its outcome, if the reader may see both, with the recommendations (their
    areas, and how many countries reported each status) and the links: 4 queries."""
    from rialgender.workflow import can_view

    event = (
        Event.objects.filter(pk=pk)
        .select_related("outcome")
        .prefetch_related(
            Prefetch(
                "outcome__recommendations",
                queryset=Recommendation.objects.annotate(**_status_counts()).prefetch_related(
                    "areas"
                ),
            ),
            "outcome__links",
        )
        .first()
    )
    if event is None or not can_view(user, event):
        return None
    outcome = getattr(event, "outcome", None)
    if outcome is None or not can_view(user, outcome):
        return None
    event.visible_outcome = outcome
    return event


def registrations_of_reader(event: Event, user, ministry) -> tuple:
    """(the reader's own active registration or None, their ministry's active ones), in one
    query: found by account, by address or by ministry."""
    if not user.is_authenticated:
        return None, []
    condition = Q(user=user) | Q(email__iexact=user.email)
    if ministry is not None:
        condition |= Q(ministry=ministry)
    rows = list(
        event.registrations.filter(condition, status__in=ACTIVE_STATUSES).order_by(
            "created_at", "pk"
        )
    )
    email = user.email.lower()
    own = next((r for r in rows if r.user_id == user.pk or r.email.lower() == email), None)
    delegation = [r for r in rows if ministry is not None and r.ministry_id == ministry.pk]
    return own, delegation


def participation_summary(event: Event) -> dict:
    """Participants by country and by category (1 query): rows and totals."""
    rows = list(ParticipationCount.objects.filter(event=event))
    by_category: dict[str, int] = defaultdict(int)
    countries = set()
    for row in rows:
        by_category[row.category] += row.count
        if row.country and row.category == Category.MEMBER_STATE:
            countries.add(row.country.code)
    return {
        "rows": sorted(
            rows,
            key=lambda r: (
                Category.values.index(r.category),
                str(r.country.name if r.country else r.organization),
            ),
        ),
        "total": sum(by_category.values()),
        "by_category": [
            (label, by_category[value]) for value, label in Category.choices if by_category[value]
        ],
        "member_states": len(countries),
    }


def questions_page(event: Event, ministry, *, all_answers: bool) -> list:
    """The questions with the reader's delegation's answer, and every delegation's when they
    may read them (2 queries)."""
    questions = list(event.questions.all())
    answers = Answer.objects.filter(question__event=event).select_related("ministry")
    if not all_answers:
        answers = answers.filter(ministry=ministry) if ministry else answers.none()
    by_question = defaultdict(list)
    for answer in answers:
        by_question[answer.question_id].append(answer)
    for question in questions:
        question.all_answers = sorted(
            by_question[question.pk], key=lambda a: a.ministry.country.name
        )
        question.own_answer = next(
            (a for a in question.all_answers if ministry and a.ministry_id == ministry.pk), None
        )
    return questions


def participants_page(event: Event) -> dict:
    """Who attended, by country, for members (1 query); registrations when there was no
    attendance report, the counts alone otherwise unknown."""
    attended = event.registrations.filter(attended=True).order_by("country", "last_name")
    if not attended.exists():
        attended = event.registrations.confirmed().order_by("country", "last_name")
    groups = defaultdict(list)
    for registration in attended:
        groups[
            registration.country.name if registration.country else registration.organization
        ].append(registration)
    return {"groups": sorted(groups.items())}


# --- The recommendation tracker ---------------------------------------------------------------


def _status_counts():
    return {
        f"n_{status}": Count("progress", filter=Q(progress__status=status))
        for status in ProgressStatus.values
    }


def tracker_overview() -> list:
    """Every recommendation of every published outcome, with how many countries reported each
    status (1 query), grouped by event."""
    recommendations = (
        Recommendation.objects.filter(outcome__state=State.PUBLISHED)
        .select_related("outcome__event")
        .annotate(**_status_counts())
        .order_by("-outcome__event__starts_at", "number")
    )
    groups: dict[int, dict] = {}
    for recommendation in recommendations:
        event = recommendation.outcome.event
        group = groups.setdefault(event.pk, {"event": event, "recommendations": []})
        recommendation.reported = sum(
            getattr(recommendation, f"n_{status}") for status in ProgressStatus.values
        )
        group["recommendations"].append(recommendation)
    return list(groups.values())


def tracker_for_ministry(ministry) -> list:
    """The published recommendations, each with this country's progress (2 queries)."""
    recommendations = (
        Recommendation.objects.filter(outcome__state=State.PUBLISHED)
        .select_related("outcome__event")
        .prefetch_related(
            Prefetch(
                "progress",
                queryset=RecommendationProgress.objects.filter(ministry=ministry),
                to_attr="own_progress",
            )
        )
        .order_by("-outcome__event__starts_at", "number")
    )
    result = []
    for recommendation in recommendations:
        recommendation.progress_of_country = (
            recommendation.own_progress[0] if recommendation.own_progress else None
        )
        result.append(recommendation)
    return result


def tracker_matrix() -> dict:
    """Recommendations x countries for the Secretariat (3 queries)."""
    from members.models import Ministry

    recommendations = list(
        Recommendation.objects.filter(outcome__state=State.PUBLISHED)
        .select_related("outcome__event")
        .order_by("-outcome__event__starts_at", "number")
    )
    ministries = list(Ministry.objects.filter(is_active=True).order_by("country"))
    cells = {
        (p.recommendation_id, p.ministry_id): p
        for p in RecommendationProgress.objects.filter(
            recommendation__in=[r.pk for r in recommendations]
        )
    }
    rows = [
        (recommendation, [cells.get((recommendation.pk, m.pk)) for m in ministries])
        for recommendation in recommendations
    ]
    return {"ministries": ministries, "rows": rows}


def events_for_feed(limit: int = 30):
    """Published events, latest first, for the RSS feed (1 query)."""
    return Event.objects.published().order_by("-starts_at")[:limit]


def events_for_calendar():
    """Every published event, for the calendar subscription (1 query)."""
    return Event.objects.published().order_by("starts_at")


# --- What the rest of the portal shows of the dialogues (registries) ---------------------------


def home_section() -> dict:
    """The public home: the next events and the latest conclusions published, from one
    query over the latest events that are ahead or have their conclusions out."""
    now = timezone.now()
    events = list(
        Event.objects.published()
        .filter(Q(ends_at__gte=now, cancelled_at__isnull=True) | Q(outcome__state=State.PUBLISHED))
        .select_related("outcome")
        .order_by("-starts_at")[:8]
    )
    upcoming = sorted((e for e in events if e.ends_at >= now), key=lambda e: e.starts_at)[:2]
    outcomes = [e.outcome for e in events if e.ends_at < now][:2]
    return {"upcoming": upcoming, "outcomes": outcomes} if upcoming or outcomes else {}


def secretariat_tasks():
    """What waits for the Secretariat in the dialogues: registrations to approve, rows of a
    participant report to resolve, past events with no outcome published (1 query: a UNION
    of the three counts)."""
    from django.db.models import CharField, QuerySet, Value
    from django.urls import reverse
    from django.utils.translation import gettext

    from dialogues.models import AttendanceRow, Resolution
    from rialgender.todo import Task, changelist_url

    def count(queryset, kind, since, event):
        # Every column the constant or an aggregate, so that the three SELECTs line up.
        return (
            queryset.order_by()
            .annotate(task=Value(kind, output_field=CharField()))
            .values("task")
            .annotate(n=Count("pk"), since=Min(since), event=Min(event))
            .values_list("task", "n", "since", "event")
        )

    pending = count(
        Registration.objects.filter(status=RegistrationStatus.PENDING),
        "pending", "created_at", "event_id",
    )  # fmt: skip
    rows = count(
        AttendanceRow.objects.filter(resolution=Resolution.UNRESOLVED),
        "rows", "report__uploaded_at", "report__event_id",
    )  # fmt: skip
    # A plain QuerySet: modeltranslation's would put the columns in an order of its own.
    without_outcome = count(
        QuerySet(Event)
        .filter(state=State.PUBLISHED, ends_at__lt=timezone.now(), cancelled_at__isnull=True)
        .exclude(outcome__state=State.PUBLISHED),
        "outcomes", "ends_at", "pk",
    )  # fmt: skip
    found = {kind: (n, since, event) for kind, n, since, event in
             pending.union(rows, without_outcome, all=True)}  # fmt: skip
    tool = str(Event._meta.app_config.verbose_name)
    pending, rows, without_outcome = (
        found.get(kind, (0, None, None)) for kind in ("pending", "rows", "outcomes")
    )
    return [
        Task(
            tool=tool, label=gettext("Registrations waiting for approval"),
            count=pending[0], since=pending[1],
            url=changelist_url(Registration, status__exact=RegistrationStatus.PENDING),
        ),
        Task(
            tool=tool, label=gettext("Rows of a participant report to resolve"),
            count=rows[0], since=rows[1],
            url=reverse("admin:dialogues_event_attendance", args=[rows[2]]) if rows[2] else "",
        ),
        Task(
            tool=tool, label=gettext("Past events whose conclusions are not published"),
            count=without_outcome[0], since=without_outcome[1], url=changelist_url(Outcome),
        ),
    ]  # fmt: skip


def member_awaiting(user, ministry):
    """What awaits a member in the dialogues, from one query over the events ahead and those
    whose conclusions are out: an event open for registration that nobody of the ministry
    registered for, questions the delegation has not answered, recommendations the country
    has not reported on."""
    from django.db.models import Exists, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from django.urls import reverse
    from django.utils.translation import gettext

    from rialgender.member_home import Awaiting

    if ministry is None:
        return []
    now = timezone.now()
    tool = str(Event._meta.app_config.verbose_name)
    unreported = (
        Recommendation.objects.filter(outcome__event=OuterRef("pk"))
        .exclude(progress__ministry=ministry)
        .order_by()
        .values("outcome__event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    events = (
        Event.objects.published()
        .filter(Q(ends_at__gte=now, cancelled_at__isnull=True) | Q(outcome__state=State.PUBLISHED))
        .select_related("outcome")
        .annotate(
            registered=Exists(
                Registration.objects.filter(
                    event=OuterRef("pk"), ministry=ministry, status__in=ACTIVE_STATUSES
                )
            ),
            unanswered=Exists(
                Question.objects.filter(event=OuterRef("pk")).exclude(
                    Exists(Answer.objects.filter(question=OuterRef("pk"), ministry=ministry))
                )
            ),
            unreported=Coalesce(Subquery(unreported, output_field=IntegerField()), 0),
        )
        .order_by("starts_at")
    )
    items, to_report, since = [], 0, None
    for event in events:
        if event.ends_at >= now and not event.is_cancelled:
            if not event.registered and event.registration_is_open(now):
                items.append(Awaiting(
                    tool=tool, since=event.published_at,
                    label=gettext("Register for “%(title)s”") % {"title": event.title},
                    url=reverse("dialogues:event-register", args=[event.pk]),
                ))  # fmt: skip
            if event.unanswered and now < (event.questions_deadline or event.starts_at):
                items.append(Awaiting(
                    tool=tool, since=event.published_at,
                    label=gettext("Answer the questions of “%(title)s”") % {"title": event.title},
                    url=reverse("dialogues:event-questions", args=[event.pk]),
                ))  # fmt: skip
        outcome = getattr(event, "outcome", None)
        if event.unreported and outcome is not None and outcome.state == State.PUBLISHED:
            to_report += event.unreported
            since = min(since or outcome.published_at, outcome.published_at)
    if to_report:
        items.append(Awaiting(
            tool=tool, since=since, url=reverse("dialogues:tracker-country"),
            label=gettext("Say where your country stands on %(count)d recommendations")
            % {"count": to_report},
        ))  # fmt: skip
    return items


def newsletter_entries(start, end) -> list:
    """The newsletter's dialogues section (rialgender.sources): events announced and outcomes
    published in the period (2 queries)."""
    from django.conf import settings

    from dialogues.timefmt import when_text
    from rialgender.sources import Entry, localized_paths

    languages = [code for code, _name in settings.LANGUAGES]
    entries = []
    announced = Event.objects.published().filter(published_at__gte=start, published_at__lt=end)
    for event in announced.order_by("starts_at"):
        entries.append(
            Entry(
                key=f"dialogues.event:{event.pk}",
                title={code: getattr(event, f"title_{code}") or str(event) for code in languages},
                summary={
                    code: when_text(
                        event.starts_at,
                        event.time_zone,
                        end=event.ends_at,
                        with_zone=True,
                        language=code,
                    )
                    for code in languages
                },  # fmt: skip
                url=localized_paths("dialogues:event-detail", pk=event.pk),
            )
        )
    outcomes = (
        Outcome.objects.published()
        .filter(published_at__gte=start, published_at__lt=end, event__state=State.PUBLISHED)
        .select_related("event")
        .order_by("event__starts_at")
    )
    for outcome in outcomes:
        event = outcome.event
        entries.append(
            Entry(
                key=f"dialogues.outcome:{outcome.pk}",
                title={code: _outcome_title(event, code) for code in languages},
                summary={code: getattr(outcome, f"summary_{code}") or "" for code in languages},
                url=localized_paths("dialogues:event-outcome", pk=event.pk),
            )
        )
    return entries


def _outcome_title(event, language: str) -> str:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(language):
        title = getattr(event, f"title_{language}") or str(event)
        return gettext("Conclusions and recommendations: %(event)s") % {"event": title}


# --- What a country page and the network at a glance show (rialgender.participation) ----------


def _held(year=None):
    """The dialogues held: published, ended, not cancelled (in `year`, if given)."""
    events = Event.objects.published().filter(ends_at__lt=timezone.now(), cancelled_at__isnull=True)
    return events.filter(starts_at__year=year) if year else events


def dialogues_by_ministry(year=None) -> dict[int, int]:
    """The glance's measure: for each ministry, the dialogues held (in `year`) that its
    country took part in as a Member State (1 query)."""
    from django.db.models import OuterRef, Subquery

    from members.models import Ministry

    taken = (
        ParticipationCount.objects.filter(
            event__in=_held(year),
            country=OuterRef("country"),
            category=Category.MEMBER_STATE,
            count__gt=0,
        )  # fmt: skip
        .order_by()
        .values("country")
        .annotate(n=Count("event", distinct=True))
        .values("n")
    )
    return dict(Ministry.objects.annotate(n=Subquery(taken)).filter(n__gt=0).values_list("pk", "n"))


def dialogues_held(year=None) -> int:
    """What the measure is counted out of: the dialogues held (1 query)."""
    return _held(year).count()


def recommendations_reported_by_ministry(year=None) -> dict[int, int]:
    """The glance's measure: for each ministry, the published recommendations its focal
    points reported on (last updated in `year`, if given) (1 query)."""
    progress = RecommendationProgress.objects.filter(recommendation__outcome__state=State.PUBLISHED)
    if year:
        progress = progress.filter(updated_at__year=year)
    return dict(progress.order_by().values("ministry_id").annotate(n=Count("pk")).values_list(
        "ministry_id", "n"))  # fmt: skip


def recommendations_published(year=None) -> int:
    """What the measure is counted out of: the recommendations published (1 query)."""
    recommendations = Recommendation.objects.filter(outcome__state=State.PUBLISHED)
    if year:
        recommendations = recommendations.filter(outcome__event__starts_at__year__lte=year)
    return recommendations.count()


def tracker_url(ministry) -> str:
    from django.urls import reverse

    return reverse("dialogues:tracker")


def dialogues_for_country(ministry, *, user) -> dict:
    """The country page's section: the dialogues the country took part in, latest first, with
    how many of its delegation connected, and how many recommendations it reported on (2
    queries). Counts only: who took part is for members (the outcome page)."""
    rows = list(
        ParticipationCount.objects.filter(
            event__in=_held(),
            country=ministry.country,
            category=Category.MEMBER_STATE,
            count__gt=0,
        )  # fmt: skip
        .select_related("event")
        .order_by("-event__starts_at")
    )
    # How many of the published recommendations the country reported on (counted, as the
    # public sees the tracker: each country's status and notes are the Secretariat's).
    recommendations = Recommendation.objects.filter(outcome__state=State.PUBLISHED).aggregate(
        total=Count("pk", distinct=True),
        reported=Count("progress", filter=Q(progress__ministry=ministry), distinct=True),
    )
    return {"rows": rows, "recommendations": recommendations}
