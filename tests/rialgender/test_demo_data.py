from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from members.models import Member, Ministry, User
from rialgender.demo import network
from rialgender.models import AreaOfAction


def _alive_counts():
    from members.models import Activity, SteeringCommittee, WorkPlan
    from newsletter.models import Delivery, EditionItem
    from rialgender.workflow import Transition

    return {
        "committees": SteeringCommittee.objects.count(), "plans": WorkPlan.objects.count(),
        "activities": Activity.objects.count(), "steps": Transition.objects.count(),
        "deliveries": Delivery.objects.count(), "edition items": EditionItem.objects.count(),
    }  # fmt: skip


def test_demo_data_loads_idempotently(db, settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=StringIO())
    counts = (AreaOfAction.objects.count(), Ministry.objects.count(), User.objects.count())
    alive = _alive_counts()
    member = Member.objects.select_related("user").first()
    member.user.set_password("changed-by-its-owner")
    member.user.save()

    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert (AreaOfAction.objects.count(), Ministry.objects.count(), User.objects.count()) == counts
    assert _alive_counts() == alive
    assert counts[0] == 9 and counts[1] == len(network.MINISTRIES)
    member.user.refresh_from_db()
    assert member.user.check_password("changed-by-its-owner")  # never reset by a reload
    assert "secretariat@demo.rialgender.org" in out.getvalue()


def test_demo_people_are_synthetic(db):
    from rialgender.demo.people import SECRETARIAT_STAFF, SYNTHETIC_FOCAL_POINTS

    for person in [*SYNTHETIC_FOCAL_POINTS, SECRETARIAT_STAFF]:
        assert person["email"].endswith("demo.rialgender.org")


def test_demo_data_refuses_to_load_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only in development"):
        call_command("load_demo_data", stdout=StringIO())
    assert not User.objects.filter(email="secretariat@demo.rialgender.org").exists()
    call_command("load_demo_data", force=True, verbosity=0, stdout=StringIO())
    assert User.objects.filter(email="secretariat@demo.rialgender.org", is_staff=True).exists()


def test_demo_data_refuses_the_production_settings_even_with_debug(db, settings):
    settings.DEBUG = True
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("load_demo_data", stdout=StringIO())


def test_the_demo_looks_alive_on_the_day_it_is_loaded(db, settings):
    """A committee in office today beside the real first one, a current work plan whose
    statuses follow its dates, histories that match states, a sent edition with deliveries."""
    from django.utils import timezone

    from members.models import ActivityStatus, SteeringCommittee, WorkPlan
    from newsletter.models import Edition, EditionStatus, NewsItem, Subscriber
    from portfolio.models import Program
    from rialgender.workflow import State, history

    settings.DEBUG = True
    call_command("load_demo_data", stdout=StringIO())
    today = timezone.localdate()

    current = SteeringCommittee.objects.current()
    assert current.term_start <= today <= current.term_end
    assert current.note.startswith("Demo data")
    assert current.seats.filter(role="iacml_chair").count() == 1
    first = SteeringCommittee.objects.get(term_start="2022-06-24")
    assert first.note == "" and first.seats.count() == 4

    plan = WorkPlan.objects.filter(start__lte=today, end__gte=today).get()
    for activity in plan.activities.all():
        if activity.end < today:
            assert activity.status == ActivityStatus.DONE, activity
        elif activity.start > today:
            assert activity.status == ActivityStatus.PLANNED, activity
        else:
            assert activity.status == ActivityStatus.IN_PROGRESS, activity
    past = WorkPlan.objects.get(title_en="Work Plan 2022-2023")
    assert not past.activities.filter(status__in=["planned", "in_progress"]).exists()

    for obj in [*Program.objects.exclude(state=State.DRAFT), *NewsItem.objects.all()]:
        steps = list(history(obj))  # newest first
        assert steps and steps[0].to_state == obj.state, obj
        if obj.state == State.SUBMITTED:
            assert steps[0].by is not None, obj
        # The admin's "submitted on" column is filled as a real submission fills it.
        submit = next(step for step in steps if step.to_state == State.SUBMITTED)
        assert obj.submitted_at == submit.at, obj
        if obj.state == State.RETURNED:
            assert steps[0].comment == obj.review_comment != "", obj
    # Something waits on each side: a program returned to a ministry, news to review.
    assert Program.objects.filter(state=State.RETURNED).exists()
    assert NewsItem.objects.filter(state=State.SUBMITTED).exists()

    edition = Edition.objects.get(number=1)
    assert edition.status == EditionStatus.SENT
    assert (today - timezone.localdate(edition.sent_at)).days < 30
    receiving = Subscriber.objects.receiving().count()
    assert receiving > 0
    assert edition.deliveries.filter(status="sent").count() == receiving
    assert edition.items.filter(source="portfolio").exists()
