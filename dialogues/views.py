from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dialogues import calendar, rules, selectors, services
from dialogues.forms import AnswersForm, ProgressForm, RegisterColleagueForm, RegisterSelfForm
from dialogues.models import Event, Recommendation, Registration
from rialgender.decorators import members_only
from rialgender.params import parse_page
from rialgender.permissions import is_member, member_profile, user_ministry
from rialgender.timezones import default_zone
from rialgender.workflow import State, can_view


def _reader_zone(user) -> str | None:
    """The zone a signed-in member chose (or their ministry's capital's); None otherwise."""
    profile = member_profile(user)
    return profile.effective_time_zone if profile else None


def _published_event_or_404(request, pk) -> Event:
    event = get_object_or_404(Event, pk=pk)
    if not can_view(request.user, event):
        raise Http404
    return event


def _webcal(path: str) -> str:
    base = settings.SITE_URL.split("://", 1)[-1]
    return f"webcal://{base}{path}"


# --- Public pages ------------------------------------------------------------------------------


@require_safe
def event_list(request):
    page = Paginator(selectors.past_events(), selectors.PAST_PAGE_SIZE).get_page(
        parse_page(request.GET.get("page"))
    )
    return render(
        request,
        "dialogues/event_list.html",
        {
            "upcoming": selectors.upcoming_events(),
            "page": page,
            "reader_zone": _reader_zone(request.user),
            "webcal_url": _webcal(reverse("dialogues:calendar-feed")),
        },
    )


@require_safe
def event_detail(request, pk):
    event = selectors.event_for_page(pk, request.user)
    if event is None:
        raise Http404
    user = request.user
    ministry = user_ministry(user)
    own, delegation = selectors.registrations_of_reader(event, user, ministry)
    return render(
        request,
        "dialogues/event_detail.html",
        {
            "event": event,
            "reader_zone": _reader_zone(user),
            "own": own,
            "delegation": [r for r in delegation if r != own] if rules.is_focal_point(user) else [],
            "can_register": rules.can_register(user, event) and own is None,
            "can_register_colleagues": rules.can_register_colleagues(user, event),
            "can_see_link": rules.can_see_link(user, event, own),
            "registration_open": event.registration_is_open(),
            "closed_message": None
            if event.registration_is_open()
            else services.registration_closed_message(event),
            "is_member": is_member(user),
            "is_draft": event.state != State.PUBLISHED,
        },
    )


@require_safe
def event_outcome(request, pk):
    event = selectors.event_with_outcome(pk, request.user)
    if event is None:
        raise Http404
    return render(
        request,
        "dialogues/event_outcome.html",
        {
            "event": event,
            "outcome": event.visible_outcome,
            "participation": selectors.participation_summary(event),
            "can_see_names": rules.can_see_participant_names(request.user),
        },
    )


@require_safe
def event_ics(request, pk):
    event = _published_event_or_404(request, pk)
    response = HttpResponse(
        calendar.event_ics(event, language=get_language()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.kind}-{event.number}.ics"'
    return response


@require_safe
def calendar_feed(request):
    """Every public event, for calendar programs to subscribe to (webcal://)."""
    response = HttpResponse(
        calendar.feed_ics(selectors.events_for_calendar(), language=get_language()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="rialgender.ics"'
    return response


@require_safe
def event_questions(request, pk):
    event = _published_event_or_404(request, pk)
    ministry = user_ministry(request.user)
    questions = selectors.questions_page(
        event, ministry, all_answers=rules.can_read_answers(request.user, event)
    )
    can_answer = rules.can_answer_questions(request.user, event)
    return render(
        request,
        "dialogues/event_questions.html",
        {
            "event": event,
            "questions": questions,
            "ministry": ministry,
            "can_answer": can_answer,
            "form": AnswersForm(questions=questions) if can_answer else None,
            "can_read_answers": rules.can_read_answers(request.user, event),
        },
    )


@require_POST
@members_only
def event_answers(request, pk):
    event = _published_event_or_404(request, pk)
    ministry = user_ministry(request.user)
    if ministry is None:
        raise Http404
    questions = selectors.questions_page(event, ministry, all_answers=False)
    form = AnswersForm(request.POST, questions=questions)
    if form.is_valid():
        try:
            services.answers_save(
                event=event, ministry=ministry, by=request.user, answers=form.answers()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your delegation's answers were saved."))
            return redirect("dialogues:event-questions", pk=event.pk)
    return render(
        request,
        "dialogues/event_questions.html",
        {
            "event": event,
            "questions": questions,
            "ministry": ministry,
            "can_answer": True,
            "form": form,
            "can_read_answers": rules.can_read_answers(request.user, event),
        },  # fmt: skip
        status=400,
    )


@require_safe
@members_only
def event_participants(request, pk):
    event = _published_event_or_404(request, pk)
    return render(
        request,
        "dialogues/event_participants.html",
        {"event": event, **selectors.participants_page(event)},
    )


# --- Registration ---------------------------------------------------------------------------------


def _person_from(form, *, user=None) -> services.Person:
    data = form.cleaned_data
    if user is not None:
        return services.Person(
            first_name=user.first_name or user.email, last_name=user.last_name, email=user.email,
            language=data["language"], time_zone=data["time_zone"],
            job_title=getattr(member_profile(user), "title", ""),
        )  # fmt: skip
    return services.Person(
        first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
        language=data["language"], time_zone=data["time_zone"], job_title=data["job_title"],
    )  # fmt: skip


@require_http_methods(["GET", "HEAD", "POST"])
@members_only
def event_register(request, pk):
    """A member registers themselves; a focal point also registers colleagues. Anything
    refused is said on the page, with what was typed kept."""
    event = _published_event_or_404(request, pk)
    user = request.user
    profile = member_profile(user)
    zone = _reader_zone(user) or event.time_zone
    initial = {"language": user.language, "time_zone": zone}
    self_form = RegisterSelfForm(
        request.POST if request.POST.get("who") == "self" else None, initial=initial,
        prefix="self",
    )  # fmt: skip
    colleague_form = RegisterColleagueForm(
        request.POST if request.POST.get("who") == "colleague" else None,
        initial={"language": "es", "time_zone": default_zone(profile.ministry.country) if profile else zone},
        prefix="colleague",
    )  # fmt: skip
    if request.method == "POST":
        who = request.POST.get("who")
        if who == "colleague" and not rules.can_register_colleagues(user, event):
            raise Http404
        if who not in ("self", "colleague") or not rules.can_register(user, event):
            messages.error(request, services.registration_closed_message(event))
            return redirect("dialogues:event-detail", pk=event.pk)
        form = self_form if who == "self" else colleague_form
        if form.is_valid():
            try:
                registration = services.registration_create(
                    event=event,
                    person=_person_from(form, user=user if who == "self" else None),
                    by=user,
                    ministry=profile.ministry if profile else None,
                    user=user if who == "self" else None,
                )
            except ValidationError as error:
                if (
                    hasattr(error, "error_dict")
                    and "email" in error.error_dict
                    and "email" in form.fields
                ):
                    form.add_error("email", error.error_dict["email"])
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(request, _registered_message(registration, own=who == "self"))
                return redirect("dialogues:event-detail", pk=event.pk)
    ministry = profile.ministry if profile else None
    own, delegation = selectors.registrations_of_reader(event, user, ministry)
    return render(
        request,
        "dialogues/event_register.html",
        {
            "event": event,
            "own": own,
            "delegation": delegation,
            "self_form": self_form,
            "colleague_form": colleague_form,
            "can_register": rules.can_register(user, event),
            "can_register_colleagues": rules.can_register_colleagues(user, event),
            "closed_message": None
            if event.registration_is_open()
            else services.registration_closed_message(event),
            "reader_zone": zone,
        },
        status=400 if request.method == "POST" else 200,
    )


def _registered_message(registration: Registration, *, own: bool) -> str:
    name = registration.full_name
    if registration.status == "waitlisted":
        if own:
            return _(
                "Your delegation has taken all its places, so you are on the waiting list. "
                "We will write to you if a place becomes free."
            )
        return _(
            "Your delegation has taken all its places, so %(name)s is on the waiting list and "
            "will be told if a place becomes free."
        ) % {"name": name}
    if registration.status == "pending":
        if own:
            return _("You are registered. The Secretariat will confirm your place by e-mail.")
        return _("%(name)s is registered. The Secretariat will confirm the place by e-mail.") % {
            "name": name
        }
    if own:
        return _(
            "You are registered. We sent you a confirmation with a calendar invitation; "
            "reminders with the connection link follow a week and a day before."
        )
    return _(
        "%(name)s is registered and will receive a confirmation with a calendar invitation."
    ) % {"name": name}


@require_POST
@members_only
def registration_cancel_member(request, pk, registration_pk):
    event = _published_event_or_404(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    if not rules.can_cancel(request.user, registration):
        raise Http404
    services.registration_cancel(registration=registration, by=request.user)
    messages.success(
        request,
        _("The registration of %(name)s was cancelled.") % {"name": registration.full_name},
    )
    return redirect("dialogues:event-detail", pk=event.pk)


@never_cache
@require_safe
def registration_detail(request, token):
    """A registrant's own page, from the link in their e-mails: where they stand, the
    connection link once confirmed, and a button to cancel."""
    registration = services.registration_from_token(token)
    if registration is None:
        raise Http404
    event = registration.event
    response = render(
        request,
        "dialogues/registration_detail.html",
        {
            "registration": registration,
            "event": event,
            "token": token,
            "can_see_link": rules.can_see_link(None, event, registration) and not event.has_ended(),
            "can_cancel": registration.is_active and not event.has_ended(),
            "reader_zone": registration.time_zone,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_POST
def registration_cancel_token(request, token):
    registration = services.registration_from_token(token)
    if registration is None:
        raise Http404
    if registration.is_active and not registration.event.has_ended():
        services.registration_cancel(
            registration=registration,
            by=request.user if request.user.is_authenticated else None,
        )
        messages.success(request, _("Your registration was cancelled."))
    return redirect("dialogues:registration-detail", token=token)


# --- The recommendation tracker --------------------------------------------------------------


@require_safe
def tracker(request):
    return render(
        request,
        "dialogues/tracker.html",
        {"groups": selectors.tracker_overview(), "ministry": user_ministry(request.user)},
    )


@require_safe
@members_only
def tracker_country(request):
    ministry = user_ministry(request.user)
    if ministry is None:
        raise Http404
    recommendations = selectors.tracker_for_ministry(ministry)
    for recommendation in recommendations:
        recommendation.form = ProgressForm(
            instance=recommendation.progress_of_country, prefix=f"r{recommendation.pk}"
        )
    return render(
        request,
        "dialogues/tracker_country.html",
        {"ministry": ministry, "recommendations": recommendations},
    )


@require_POST
@members_only
def progress_update(request, pk):
    ministry = user_ministry(request.user)
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("outcome"), pk=pk, outcome__state=State.PUBLISHED
    )
    if ministry is None or not rules.can_update_progress(request.user, ministry):
        raise Http404
    form = ProgressForm(request.POST, prefix=f"r{recommendation.pk}")
    if form.is_valid():
        services.progress_update(
            recommendation=recommendation, ministry=ministry, by=request.user,
            **{k: form.cleaned_data[k] or "" for k in ("status", "note", "evidence_url")},
        )  # fmt: skip
        messages.success(
            request,
            _("Recommendation %(number)s: your country's progress was saved.")
            % {"number": recommendation.number},
        )
        return redirect(f"{reverse('dialogues:tracker-country')}#rec-{recommendation.pk}")
    recommendations = selectors.tracker_for_ministry(ministry)
    for item in recommendations:
        item.form = (
            form
            if item.pk == recommendation.pk
            else ProgressForm(instance=item.progress_of_country, prefix=f"r{item.pk}")
        )
    return render(
        request,
        "dialogues/tracker_country.html",
        {
            "ministry": ministry,
            "recommendations": recommendations,
            "open_event": recommendation.outcome.event_id,  # where the error is shown
        },
        status=400,
    )
