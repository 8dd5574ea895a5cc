"""Reads for the cooperation pages, each named for its page, its query count stated (on top
of the session and the visitor's own rows). None grows with the number of requests."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, Sum
from django.utils import timezone

from cooperation.models import (
    Call,
    CooperationRequest,
    Criterion,
    EventKind,
    Listing,
    ListingKind,
    ProjectActivity,
    Report,
    RequestEvent,
    Result,
    Review,
    Score,
    pair_slug,
)
from cooperation.rules import REVIEWABLE_STATES

# --- Public pages ------------------------------------------------------------------------------


def _projects():
    return (
        CooperationRequest.objects.projects()
        .select_related("call", "requesting_ministry", "providing_ministry")
        .prefetch_related("areas")
    )


def cooperation_home() -> dict:
    """The landing page: open and coming calls, past calls, and the selected projects, newest
    call first (3 queries)."""
    now = timezone.now()
    calls = list(Call.objects.published().order_by("-number"))
    projects = list(_projects().order_by("-call__number", "pk"))
    return {
        "open_calls": [c for c in calls if c.opens_at <= now < c.closes_at],
        "coming_calls": [c for c in calls if now < c.opens_at],
        "past_calls": [c for c in calls if c.closes_at <= now],
        "projects": projects,
    }


def home_section() -> dict:
    """The public home's cooperation: the calls open now, then the latest selected projects
    (1 query: a UNION of the two, each row with what its line shows)."""
    import zoneinfo

    from django.db.models import CharField, Value
    from django.utils import translation
    from django_countries.fields import Country

    now = timezone.now()
    blank = Value("", output_field=CharField())
    columns = ("kind", "pk", "call_number", "title_en", "title_es", "first", "second", "at")
    # first, second: the call's time zone, or the project's two countries
    calls = (
        Call.objects.open_at(now)
        .annotate(kind=Value("call", output_field=CharField()), call_number=F("number"),
                  first=F("time_zone"), second=blank, at=F("closes_at"))
        .order_by("closes_at", "pk")
        .values_list(*columns)[:2]
    )  # fmt: skip
    projects = (
        CooperationRequest.objects.projects()
        .annotate(kind=Value("project", output_field=CharField()), call_number=F("call__number"),
                  first=F("requesting_ministry__country"), second=F("providing_ministry__country"),
                  at=F("decided_at"))
        .order_by("-decided_at", "-pk")
        .values_list(*columns)[:3]
    )  # fmt: skip
    spanish = (translation.get_language() or "en").startswith("es")
    calls_open, latest = [], []
    for kind, pk, number, title_en, title_es, first, second, at in calls.union(projects, all=True):
        title = (title_es if spanish else title_en) or title_en or title_es
        if kind == "call":
            closes = timezone.localtime(at, zoneinfo.ZoneInfo(first))
            calls_open.append({"number": number, "title": title, "closes_on": closes.date()})
        else:
            pair = f"{Country(first).name} – {Country(second).name}"
            latest.append({"pk": pk, "title": title, "pair": pair, "call_number": number, "at": at})
    latest.sort(key=lambda p: (p["at"], p["pk"]), reverse=True)
    if not calls_open and not latest:
        return {}
    return {"calls": calls_open, "projects": latest}


def project_for_page(pk):
    """A request with everything its public page shows: the parties, the call, the program
    it builds on, areas, activities and public results (4 queries), or None."""
    return (
        CooperationRequest.objects.select_related(
            "call",
            "requesting_ministry",
            "providing_ministry",
            "builds_on_program__ministry",
        )  # fmt: skip
        .prefetch_related(
            "areas",
            Prefetch("activities", queryset=ProjectActivity.objects.order_by("start", "pk")),
            Prefetch(
                "results",
                queryset=Result.objects.public().select_related("program__ministry"),
                to_attr="public_results",
            ),
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class Pair:
    slug: str
    countries: list = field(default_factory=list)  # two Country objects, sorted by name
    count: int = 0


def pairs_of_countries() -> list[Pair]:
    """Selected projects counted by pair of countries, whichever requested (1 query)."""
    rows = (
        CooperationRequest.objects.projects()
        .values("requesting_ministry__country", "providing_ministry__country")
        .annotate(n=Count("pk"))
    )
    pairs: dict[str, Pair] = {}
    from django_countries.fields import Country

    for row in rows:
        first, second = row["requesting_ministry__country"], row["providing_ministry__country"]
        slug = pair_slug(first, second)
        pair = pairs.setdefault(
            slug, Pair(slug, sorted([Country(first), Country(second)], key=lambda c: c.name))
        )
        pair.count += row["n"]
    return sorted(pairs.values(), key=lambda p: [c.name for c in p.countries])


def pair_projects(first_country: str, second_country: str) -> list:
    """The selected projects between two countries, newest call first (2 queries)."""
    return list(
        _projects()
        .filter(
            Q(requesting_ministry__country=first_country, providing_ministry__country=second_country)
            | Q(requesting_ministry__country=second_country, providing_ministry__country=first_country)
        )
        .order_by("-call__number", "pk")
    )  # fmt: skip


def call_for_page(number: int):
    """A call with its criteria, documents and selected projects (5 queries), or None."""
    call = Call.objects.prefetch_related("criteria", "documents").filter(number=number).first()
    if call is None:
        return None
    call.selected_projects = list(_projects().filter(call=call).order_by("pk"))
    return call


def cooperation_for_program(program) -> dict:
    """The portfolio program page's section: the cooperation that built on the program and the
    cooperation it resulted from, public projects only (1 query)."""
    projects = list(
        CooperationRequest.objects.projects()
        .filter(Q(builds_on_program=program) | Q(results__program=program))
        .select_related("call", "requesting_ministry", "providing_ministry")
        .annotate(resulted=Count("results", filter=Q(results__program=program)))
        .order_by("-call__number", "pk")
    )
    return {
        "built_on": [p for p in projects if p.builds_on_program_id == program.pk],
        "resulted_from": [p for p in projects if p.resulted],
    }


# --- Offers and needs ---------------------------------------------------------------------------


@dataclass
class Match:
    need: Listing
    offer: Listing


def listings_page(*, ministry, area_id=None, kind="") -> dict:
    """Every ministry's active offers and needs (filtered by area and kind), and the matches
    suggested to `ministry`: its needs and other countries' offers in the same area, and its
    offers and other countries' needs (1 query: the list is short, the matching is here)."""
    listings = list(Listing.objects.for_list().order_by("area__order", "ministry__country", "-created_at"))  # fmt: skip
    matches = []
    if ministry is not None:
        own = [item for item in listings if item.ministry_id == ministry.pk]
        others = [item for item in listings if item.ministry.country != ministry.country]
        for mine in own:
            for theirs in others:
                if theirs.area_id == mine.area_id and theirs.kind != mine.kind:
                    need, offer = (
                        (mine, theirs) if mine.kind == ListingKind.NEED else (theirs, mine)
                    )
                    matches.append(Match(need=need, offer=offer))
    shown = [
        item
        for item in listings
        if (area_id is None or item.area_id == area_id) and (not kind or item.kind == kind)
    ]
    return {"listings": shown, "matches": matches}


# --- The workspace ----------------------------------------------------------------------------


def _answers_for(requests) -> dict[int, dict[int, str]]:
    """Each request's party status (see CooperationRequest.party_status) for many requests
    at once (1 query)."""
    status = {r.pk: dict.fromkeys(r.party_ministry_ids(), "pending") for r in requests}
    events = (
        RequestEvent.objects.filter(
            request__in=[r.pk for r in requests],
            kind__in=[EventKind.CONFIRMED, EventKind.DECLINED],
            content_hash=F("request__content_hash"),
        )
        .order_by("at", "pk")
        .values_list("request_id", "ministry_id", "kind")
    )
    for request_id, ministry_id, kind in events:
        if ministry_id in status[request_id]:
            status[request_id][ministry_id] = kind
    return status


def workspace_requests(ministry) -> list:
    """The ministry's requests, as requester or provider, each with both ministries' answers
    to its current text, newest call first (2 queries)."""
    requests = list(
        CooperationRequest.objects.for_ministry(ministry)
        .select_related("call", "requesting_ministry", "providing_ministry")
        .order_by("-call__number", "-updated_at")
    )
    answers = _answers_for(requests)
    for request in requests:
        request.answers = answers[request.pk]
        request.own_answer = request.answers.get(ministry.pk)
        other = (
            request.providing_ministry_id
            if request.requesting_ministry_id == ministry.pk
            else request.requesting_ministry_id
        )
        request.other_answer = request.answers.get(other)
        request.is_requester = request.requesting_ministry_id == ministry.pk
    return requests


def open_calls() -> list:
    """Calls taking requests now (1 query)."""
    return list(Call.objects.open_at().order_by("closes_at"))


def request_for_workspace(queryset, pk):
    """The request a workspace page shows, with its parties and call (1 query)."""
    return (
        queryset.select_related(
            "call", "requesting_ministry", "providing_ministry", "builds_on_program", "need"
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class Step:
    at: object
    label: str
    who: str = ""
    country: str = ""
    comment: str = ""
    kind: str = ""


def request_timeline(request) -> tuple[list[Step], dict[int, str]]:
    """Every step of a request, newest first: its workflow states (the shared Transitions)
    and its own events (drafted, changed, confirmed, declined, comments, decision, reports);
    and, read from the same rows, each ministry's answer to the current text (see
    CooperationRequest.party_status) (1 query: both tables in one UNION)."""
    from django.db.models import CharField, IntegerField, Value
    from django_countries import countries

    from cooperation.models import Decision, ReportKind
    from rialgender.workflow import State, Transition

    columns = ["at", "by__first_name", "by__last_name", "by__email", "comment"]
    events = RequestEvent.objects.filter(request=request).values_list(
        Value("event", output_field=CharField()), "kind", *columns,
        "ministry__country", "ministry_id", "content_hash", "pk",
    )  # fmt: skip
    opts = CooperationRequest._meta
    states = Transition.objects.filter(
        content_type__app_label=opts.app_label, content_type__model=opts.model_name,
        object_id=request.pk,
    ).values_list(
        Value("state", output_field=CharField()), "to_state", *columns,
        Value("", output_field=CharField()), Value(None, output_field=IntegerField()),
        Value("", output_field=CharField()), "pk",
    )  # fmt: skip
    rows = list(events.union(states, all=True).order_by("at", "pk"))
    status = dict.fromkeys(request.party_ministry_ids(), "pending")
    steps = []
    for source, kind, at, first, last, email, comment, country, ministry_id, content_hash, _pk in rows:  # fmt: skip
        if source == "state":
            label = State(kind).label if kind in State.values else kind
        else:
            label = EventKind(kind).label if kind in EventKind.values else kind
            if kind == EventKind.DECIDED and comment in Decision.values:
                comment = Decision(comment).label
            elif kind == EventKind.REPORTED and comment in ReportKind.values:
                comment = ReportKind(comment).label
            answered = kind in (EventKind.CONFIRMED, EventKind.DECLINED)
            if answered and content_hash == request.content_hash and ministry_id in status:
                status[ministry_id] = kind
        who = f"{first or ''} {last or ''}".strip() or (email or "")
        steps.append(
            Step(
                at=at, label=label, who=who, country=countries.name(country) if country else "",
                comment=comment, kind=kind,
            )
        )  # fmt: skip
    steps.reverse()
    return steps, status


def follow_up_page(request) -> dict:
    """A selected project's follow-up: activities, both ministries' reports with their files,
    and results (4 queries)."""
    return {
        "activities": list(request.activities.order_by("start", "pk")),
        "reports": list(
            Report.objects.filter(request=request)
            .select_related("ministry", "submitted_by")
            .prefetch_related("files")
        ),
        "results": list(request.results.select_related("program__ministry", "ministry")),
    }


# --- Review ----------------------------------------------------------------------------------


def call_reviewers(call) -> list:
    """The call's reviewers, each with `country` (their ministry's, None for the
    Secretariat's staff) (1 query)."""
    return list(
        call.reviewers.annotate(country=F("member_profile__ministry__country")).order_by(
            "last_name", "first_name", "pk"
        )
    )


def reviews_for_reviewer(user) -> list:
    """The requests `user` reviews: under review in a call that names them, never one that
    involves their own country, each with their review's state (1 query)."""
    from rialgender.permissions import user_ministry

    requests = (
        CooperationRequest.objects.filter(
            call__reviewers=user, state__in=REVIEWABLE_STATES, decision=""
        )
        .select_related("call", "requesting_ministry", "providing_ministry")
        .annotate(
            my_review_submitted=Count(
                "reviews", filter=Q(reviews__reviewer=user, reviews__submitted_at__isnull=False)
            ),
            my_review_started=Count("reviews", filter=Q(reviews__reviewer=user)),
        )
        .order_by("-call__number", "pk")
    )
    ministry = user_ministry(user)
    if ministry is not None:
        requests = requests.exclude(requesting_ministry__country=ministry.country).exclude(
            providing_ministry__country=ministry.country
        )
    return list(requests)


def request_for_review(pk):
    """A request under review with what its reviewers read: parties, call, program, areas,
    activities (3 queries), or None."""
    return (
        CooperationRequest.objects.filter(state__in=REVIEWABLE_STATES)
        .select_related(
            "call", "requesting_ministry", "providing_ministry", "builds_on_program__ministry"
        )
        .prefetch_related(
            "areas",
            Prefetch("activities", queryset=ProjectActivity.objects.order_by("start", "pk")),
        )
        .filter(pk=pk)
        .first()
    )


def review_page(request, user) -> dict:
    """The review form's data: the criteria, the reviewer's own review and scores and, once
    it is submitted, the other submitted reviews with their weighted totals (3 queries)."""
    criteria = list(Criterion.objects.filter(call_id=request.call_id))
    reviews = list(
        Review.objects.filter(request=request)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )
    mine = next((r for r in reviews if r.reviewer_id == user.pk), None)
    total_weight = sum(c.weight for c in criteria) or 1
    others = []
    if mine is not None and mine.is_submitted:
        for review in reviews:
            if review.is_submitted:
                review.total = _review_total(review.scores.all(), total_weight)
                others.append(review)
    own_scores = {s.criterion_id: s for s in mine.scores.all()} if mine else {}
    return {
        "criteria": criteria,
        "review": mine,
        "own_scores": own_scores,
        "own_rows": [(c, own_scores.get(c.pk)) for c in criteria],
        "submitted_reviews": others,
        "total_weight": total_weight,
    }


def _review_total(scores, total_weight) -> float:
    return round(sum(s.score * s.criterion.weight for s in scores) * 100 / (5 * total_weight), 1)


@dataclass
class RankedRequest:
    request: CooperationRequest
    eligible: list
    submitted: int
    total: float | None
    hidden: bool = False

    @property
    def fully_reviewed(self) -> bool:
        return bool(self.eligible) and self.submitted == len(self.eligible)


def call_ranking(call, user) -> list[RankedRequest]:
    """The requests of a call under review or decided, ranked by weighted total (out of 100):
    the mean of the submitted reviews' totals, each the weighted sum of its 0-5 scores. A
    request is fully reviewed when every reviewer who is not recused submitted. A total is
    hidden from a reviewer who has not yet submitted their own review of it (6 queries)."""
    requests = list(
        CooperationRequest.objects.filter(call=call, state__in=REVIEWABLE_STATES)
        .select_related("requesting_ministry", "providing_ministry", "call")
        .order_by("pk")
    )
    reviewers = call_reviewers(call)
    total_weight = sum(Criterion.objects.filter(call=call).values_list("weight", flat=True)) or 1
    submitted, own_pending = defaultdict(set), set()
    reviews = Review.objects.filter(request__call=call).values_list(
        "request_id", "reviewer_id", "submitted_at"
    )
    for request_id, reviewer_id, submitted_at in reviews:
        if submitted_at is not None:
            submitted[request_id].add(reviewer_id)
        elif reviewer_id == user.pk:
            own_pending.add(request_id)
    sums = dict(
        Score.objects.filter(review__request__call=call, review__submitted_at__isnull=False)
        .values("review__request_id")
        .annotate(total=Sum(F("score") * F("criterion__weight")))
        .values_list("review__request_id", "total")
    )
    me = next((r for r in reviewers if r.pk == user.pk), None)
    ranked = []
    for request in requests:
        countries = request.party_countries()
        eligible = [r for r in reviewers if r.country not in countries]
        count = len(submitted[request.pk] & {r.pk for r in eligible})
        total = (
            round(sums.get(request.pk, 0) * 100 / (5 * total_weight * len(submitted[request.pk])), 1)
            if submitted[request.pk]
            else None
        )  # fmt: skip
        # A reviewer of this request who has not submitted their own does not see the others'.
        hidden = me is not None and me.country not in countries and (
            request.pk in own_pending or user.pk not in submitted[request.pk]
        )  # fmt: skip
        ranked.append(RankedRequest(request, eligible, count, None if hidden else total, hidden))
    ranked.sort(key=lambda r: (r.total is None, -(r.total or 0), r.request.pk))
    return ranked


# --- For the newsletter ------------------------------------------------------------------------


def newsletter_entries(start, end) -> list:
    """The newsletter's cooperation section (rialgender.sources): calls opened, projects
    selected and results added in the period (3 queries)."""
    from django.utils.translation import gettext

    from rialgender.sources import Entry as entry_class
    from rialgender.sources import localized_paths as paths

    entries = []
    for call in Call.objects.published().filter(opens_at__gte=start, opens_at__lt=end):
        entries.append(
            entry_class(
                key=f"cooperation.call:{call.pk}",
                title={"en": call.title_en, "es": call.title_es},
                summary=_both(
                    lambda call=call: (
                        gettext("Open until %(when)s.") % {"when": call.closes_display}
                    )
                ),  # fmt: skip
                url=paths("cooperation:call-detail", number=call.number),
            )
        )
    selected = _projects().filter(decided_at__gte=start, decided_at__lt=end)
    for project in selected:
        entries.append(
            entry_class(
                key=f"cooperation.project:{project.pk}",
                title={"en": project.title_en, "es": project.title_es},
                summary=_both(
                    lambda p=project: (
                        gettext("Selected: %(pair)s.")
                        % {
                            "pair": f"{p.requesting_ministry.country.name} – {p.providing_ministry.country.name}"
                        }
                    )
                ),  # fmt: skip
                url=paths("cooperation:project-detail", pk=project.pk),
            )
        )
    results = (
        Result.objects.public()
        .filter(
            created_at__gte=start,
            created_at__lt=end,
            request__in=CooperationRequest.objects.projects(),
        )  # fmt: skip
        .select_related("request")
    )
    for result in results:
        entries.append(
            entry_class(
                key=f"cooperation.result:{result.pk}",
                title={"en": result.title_en, "es": result.title_es},
                summary=_both(
                    lambda r=result: (
                        gettext("A result of the cooperation “%(title)s”.")
                        % {"title": r.request.title}
                    )
                ),  # fmt: skip
                url=paths("cooperation:project-detail", pk=result.request_id),
            )
        )
    return entries


def _both(make) -> dict:
    from django.utils import translation

    texts = {}
    for code in ("en", "es"):
        with translation.override(code):
            texts[code] = make()
    return texts


# --- For the member's home and the Secretariat's to-do -------------------------------------


def member_awaiting(user, ministry) -> list:
    """What awaits a focal point in cooperation: requests of an open call whose current text
    their ministry has neither confirmed nor declined, and requests returned with comments
    (1 query)."""
    from django.db.models import Exists, OuterRef
    from django.urls import reverse
    from django.utils.translation import gettext

    from rialgender.member_home import Awaiting
    from rialgender.workflow import State

    answered = RequestEvent.objects.filter(
        request=OuterRef("pk"), ministry=ministry, content_hash=OuterRef("content_hash"),
        kind__in=[EventKind.CONFIRMED, EventKind.DECLINED],
    )  # fmt: skip
    requests = (
        CooperationRequest.objects.for_ministry(ministry)
        .filter(state__in=[State.DRAFT, State.RETURNED], call__closes_at__gt=timezone.now())
        .annotate(answered=Exists(answered))
        .select_related("call")
        .order_by("updated_at")
    )
    tool = str(CooperationRequest._meta.app_config.verbose_name)
    items = []
    for request in requests:
        url = reverse("cooperation:request-edit", args=[request.pk])
        if request.state == State.RETURNED:
            label = gettext("“%(title)s” was returned with comments") % {"title": request}
        elif not request.answered:
            label = gettext("Confirm the cooperation request “%(title)s” before %(when)s") % {
                "title": request,
                "when": request.call.closes_display,
            }
        else:
            continue
        items.append(Awaiting(tool=tool, label=label, url=url, since=request.updated_at))
    return items


def secretariat_tasks() -> list:
    """Requests under review in calls that have closed: to rank and decide (1 query)."""
    from django.db.models import Min
    from django.urls import reverse
    from django.utils.translation import gettext

    from rialgender.todo import Task
    from rialgender.workflow import State

    waiting = CooperationRequest.objects.filter(
        state=State.SUBMITTED, decision="", call__closes_at__lte=timezone.now()
    ).aggregate(count=Count("pk"), since=Min("call__closes_at"), call=Min("call__number"))
    if not waiting["count"]:
        return []
    return [
        Task(
            tool=str(CooperationRequest._meta.app_config.verbose_name),
            label=gettext("Cooperation requests of a closed call to rank and decide"),
            count=waiting["count"],
            since=waiting["since"],
            url=reverse("cooperation:ranking", kwargs={"number": waiting["call"]}),
        )
    ]


def publication_tasks() -> list:
    """The admin's to-do for requests, instead of the shared review queue: a submitted request
    waits for its call to close and for the decision (see `secretariat_tasks`), not for a
    review of its text; what waits here is a selected project to translate and publish, and
    a published one whose translation is out of date (1 query)."""
    from django.db.models import Min
    from django.utils.translation import gettext

    from cooperation.models import Decision
    from rialgender.todo import Task, changelist_url
    from rialgender.workflow import State

    selected = Q(state=State.SUBMITTED, decision=Decision.SELECTED)
    outdated = Q(state=State.PUBLISHED, translation_complete=False)
    figures = CooperationRequest.objects.aggregate(
        selected=Count("pk", filter=selected),
        selected_since=Min("decided_at", filter=selected),
        outdated=Count("pk", filter=outdated),
        outdated_since=Min("updated_at", filter=outdated),
    )
    tool = str(CooperationRequest._meta.app_config.verbose_name)
    return [
        Task(
            tool=tool,
            label=gettext("Selected cooperation projects to translate and publish"),
            count=figures["selected"],
            since=figures["selected_since"],
            url=changelist_url(
                CooperationRequest, state__exact=State.SUBMITTED, decision__exact=Decision.SELECTED
            ),  # fmt: skip
        ),
        Task(
            tool=tool,
            label=gettext("Cooperation projects with a translation to update"),
            count=figures["outdated"],
            since=figures["outdated_since"],
            url=changelist_url(
                CooperationRequest, state__exact=State.PUBLISHED, translation_complete__exact=0
            ),  # fmt: skip
        ),
    ]


# -- cooperation's part of the country pages and of the network at a glance -----------------


def cooperation_for_country(ministry, *, user) -> dict:
    """The country page's section: the projects selected in the calls where the ministry is
    the requesting or the providing party, latest first, with how many public results each
    has (1 query). Registered in CooperationConfig.ready()."""
    public = Q(results__title_en__gt="", results__title_es__gt="")
    projects = list(
        CooperationRequest.objects.projects()
        .filter(Q(requesting_ministry=ministry) | Q(providing_ministry=ministry))
        .select_related("call", "requesting_ministry", "providing_ministry")
        .annotate(result_count=Count("results", filter=public, distinct=True))
        .order_by("-call__year", "-pk")
    )
    return {
        "requesting": [p for p in projects if p.requesting_ministry_id == ministry.pk],
        "providing": [p for p in projects if p.providing_ministry_id == ministry.pk],
    }


def projects_by_ministry(year=None) -> dict[int, int]:
    """Selected projects each ministry took part in, as requesting or providing party, in
    the calls of `year` if given (1 query)."""
    from collections import Counter

    projects = CooperationRequest.objects.projects()
    if year:
        projects = projects.filter(call__year=year)
    counts = Counter()
    for requesting, providing in projects.values_list("requesting_ministry_id",
                                                      "providing_ministry_id"):  # fmt: skip
        counts[requesting] += 1
        counts[providing] += 1
    return dict(counts)
