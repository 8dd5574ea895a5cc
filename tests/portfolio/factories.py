import factory
from django.utils import timezone

from portfolio.models import Program
from rialgender.workflow import State
from tests.factories import MinistryFactory


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    ministry = factory.SubFactory(MinistryFactory)
    title_en = factory.Sequence(lambda n: f"Program {n} for women's employment")
    title_es = factory.Sequence(lambda n: f"Programa {n} de empleo para mujeres")
    summary_en = "Training and job placement for women."
    summary_es = "Capacitación e intermediación laboral para mujeres."
    intervention_type = "program"


def published(**kwargs):
    return ProgramFactory(state=State.PUBLISHED, published_at=timezone.now(), **kwargs)


def bulk_published(ministries, count):
    """Many published programs quickly (the search trigger fills the vectors on insert)."""
    now = timezone.now()
    Program.objects.bulk_create(
        [
            Program(
                ministry=ministries[i % len(ministries)],
                title_en=f"Bulk program {i} on care work", title_es=f"Programa masivo {i} sobre cuidados",
                summary_en="Care systems.", summary_es="Sistemas de cuidados.",
                state=State.PUBLISHED, published_at=now, intervention_type="policy",
                population_groups=["care_workers"], translation_complete=True,
            )
            for i in range(count)
        ]
    )  # fmt: skip
