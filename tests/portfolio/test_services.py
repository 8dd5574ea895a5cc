"""The portfolio's services take data, not forms, and write content only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portfolio.models import Program
from portfolio.services import program_save
from rialgender.workflow import Transition
from tests.factories import AreaFactory
from tests.portfolio.factories import ProgramFactory, published

pytestmark = pytest.mark.django_db


def test_program_save_creates_a_draft_of_the_ministry_from_plain_data(ministry):
    area = AreaFactory()
    program = program_save(
        ministry=ministry,
        data={"title_es": "Cuidar en igualdad", "areas": [area], "population_groups": []},
    )
    program = Program.objects.get(pk=program.pk)
    assert (program.ministry, program.state, program.title_es) == (
        ministry,
        "draft",
        "Cuidar en igualdad",
    )
    assert list(program.areas.all()) == [area]


def test_program_save_refuses_a_workflow_state(ministry):
    draft = ProgramFactory(ministry=ministry)
    with pytest.raises(ValueError):
        program_save(program=draft, data={"title_en": "New", "state": "published"})
    assert Program.objects.get(pk=draft.pk).state == "draft"
    assert not Transition.objects.exists()


def test_a_change_of_areas_alone_makes_the_program_updated(ministry):
    program = published(ministry=ministry)
    long_ago = timezone.now() - timedelta(days=400)
    Program.objects.filter(pk=program.pk).update(updated_at=long_ago)
    program = Program.objects.get(pk=program.pk)
    program_save(program=program, data={"areas": []})  # the same links: no change
    assert Program.objects.get(pk=program.pk).updated_at == long_ago
    program_save(program=program, data={"areas": [AreaFactory()]})
    assert Program.objects.get(pk=program.pk).updated_at > long_ago
