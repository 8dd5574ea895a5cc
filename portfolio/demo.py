"""Demo programs: the real ones from the network's documents, published, plus a draft and a
submitted program to show the workspace and the review queue, each with the workflow history
its state implies. Publication dates are spread over the weeks before the day the demo is
loaded. Idempotent."""

import datetime

from django.utils import timezone

from members.models import Member, Ministry, User
from portfolio.models import Program
from rialgender.demo.history import record_demo_history
from rialgender.demo.people import SECRETARIAT_STAFF
from rialgender.demo.programs import DRAFTS, PROGRAMS
from rialgender.models import AreaOfAction
from rialgender.workflow import State

TEXT_FIELDS = [
    "title", "summary", "objectives", "target_population", "description", "results", "lessons",
]  # fmt: skip


def _upsert(record, state, *, age_days=0):
    ministry = Ministry.objects.get(country=record["country"])
    key = {"ministry": ministry, "title_es": record["title_es"]}
    defaults = {
        f"{name}_{lang}": record.get(f"{name}_{lang}", "")
        for name in TEXT_FIELDS
        for lang in ("en", "es")
    }
    defaults.update(
        intervention_type=record["intervention_type"],
        population_groups=record.get("population_groups", []),
        evaluation_type=record.get("evaluation_type", "none"),
        start_year=record.get("start_year"),
        end_year=record.get("end_year"),
        state=state,
    )
    program, created = Program.objects.update_or_create(defaults=defaults, **key)
    moment = timezone.now() - datetime.timedelta(days=age_days)
    if state == State.PUBLISHED and program.published_at is None:
        program.published_at = moment
        program.save(update_fields=["published_at"])
    if state in (State.SUBMITTED, State.RETURNED) and program.submitted_at is None:
        program.submitted_at = moment
        program.save(update_fields=["submitted_at"])
    if state == State.RETURNED and not program.review_comment:
        program.review_comment = record["review_comment"]
        program.save(update_fields=["review_comment"])
    program.areas.set(AreaOfAction.objects.filter(slug__in=record.get("areas", [])))
    return created


def load(stdout):
    # One program published every four days or so, the newest yesterday.
    created = sum(
        _upsert(record, State.PUBLISHED, age_days=1 + 4 * index)
        for index, record in enumerate(reversed(PROGRAMS))
    )
    created += sum(_upsert(record, record["state"], age_days=2) for record in DRAFTS)
    secretariat = User.objects.filter(email=SECRETARIAT_STAFF["email"]).first()
    authors = {
        member.ministry_id: member.user
        for member in Member.objects.active().select_related("user").order_by("-pk")
    }
    for program in Program.objects.exclude(state=State.DRAFT):
        author = authors.get(program.ministry_id)
        record_demo_history(program, author=author, secretariat=secretariat)
    if created:
        stdout.write(f"Portfolio: {created} demo programs created.")
