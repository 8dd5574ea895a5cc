"""Demo programs: the real ones from the network's documents, published, plus a draft and a
submitted program to show the workspace and the review queue. Idempotent."""

from django.utils import timezone

from members.models import Ministry
from portfolio.models import Program
from rialgender.demo.programs import DRAFTS, PROGRAMS
from rialgender.models import AreaOfAction
from rialgender.workflow import State

TEXT_FIELDS = [
    "title", "summary", "objectives", "target_population", "description", "results", "lessons",
]  # fmt: skip


def _upsert(record, state):
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
    if state == State.PUBLISHED and program.published_at is None:
        program.published_at = timezone.now()
        program.save(update_fields=["published_at"])
    if state == State.SUBMITTED and program.submitted_at is None:
        program.submitted_at = timezone.now()
        program.save(update_fields=["submitted_at"])
    program.areas.set(AreaOfAction.objects.filter(slug__in=record.get("areas", [])))
    return created


def load(stdout):
    created = sum(_upsert(record, State.PUBLISHED) for record in PROGRAMS)
    created += sum(_upsert(record, record["state"]) for record in DRAFTS)
    if created:
        stdout.write(f"Portfolio: {created} demo programs created.")
