import pytest
import tablib

from portfolio.models import Program
from portfolio.resources import ProgramResource
from tests.factories import AreaFactory, MinistryFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "id",
    "country",
    "title_en",
    "title_es",
    "summary_es",
    "areas",
    "population_groups",
    "intervention_type",
]


def _dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_dry_run_previews_without_writing_and_reports_each_bad_row():
    MinistryFactory(country="UY")
    AreaFactory(slug="domestic-work")
    data = _dataset(
        [
            "",
            "UY",
            "",
            "Formalización del trabajo doméstico",
            "Resumen",
            "domestic-work",
            "domestic_workers",
            "policy",
        ],
        ["", "ZZ", "", "País desconocido", "", "", "", "policy"],
        ["", "UY", "", "Grupo desconocido", "", "", "astronauts", "policy"],
        ["", "UY", "", "", "", "", "", "program"],
    )
    result = ProgramResource().import_data(data, dry_run=True)
    assert result.has_validation_errors() or result.has_errors()
    bad_rows = {row.number for row in result.invalid_rows} | {n for n, _ in result.row_errors()}
    assert bad_rows == {2, 3, 4}
    assert not Program.objects.exists()


def test_import_creates_drafts_with_areas_and_groups():
    MinistryFactory(country="UY")
    AreaFactory(slug="domestic-work")
    data = _dataset(
        [
            "",
            "UY",
            "Domestic work",
            "Trabajo doméstico",
            "Resumen",
            "domestic-work",
            "domestic_workers|migrant_women",
            "policy",
        ]
    )
    result = ProgramResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    program = Program.objects.get()
    assert program.state == "draft"
    assert program.population_groups == ["domestic_workers", "migrant_women"]
    assert [a.slug for a in program.areas.all()] == ["domestic-work"]
    assert program.ministry.country == "UY"


def test_the_import_page_is_the_secretariats(client, secretariat, member):
    client.force_login(secretariat)
    assert "Import" in client.get("/en/admin/portfolio/program/import/").content.decode()
    client.force_login(member.user)
    assert client.get("/en/admin/portfolio/program/import/").status_code == 302


def test_a_state_column_is_ignored_new_rows_are_drafts_without_workflow_steps():
    from rialgender.workflow import Transition

    MinistryFactory(country="UY")
    data = tablib.Dataset(
        ["", "UY", "Domestic work", "", "published"],
        headers=["id", "country", "title_en", "title_es", "state"],
    )
    result = ProgramResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    program = Program.objects.get()
    assert (program.state, program.published_at) == ("draft", None)
    assert not program.is_published and not Transition.objects.exists()


def test_an_import_updates_drafts_and_never_changes_their_state():
    from rialgender.workflow import Transition
    from tests.portfolio.factories import ProgramFactory

    draft = ProgramFactory(ministry=MinistryFactory(country="UY"), title_es="", title_en="Old")
    data = tablib.Dataset(
        [draft.pk, "UY", "Domestic work", "", "published"],
        headers=["id", "country", "title_en", "title_es", "state"],
    )
    result = ProgramResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    draft.refresh_from_db()
    assert (draft.title_en, draft.state) == ("Domestic work", "draft")
    assert not Transition.objects.exists()


def test_an_import_refuses_to_change_a_published_program():
    from tests.portfolio.factories import published

    program = published(ministry=MinistryFactory(country="UY"), title_en="Published")
    data = tablib.Dataset(
        [program.pk, "UY", "Changed behind the review", "", "published"],
        headers=["id", "country", "title_en", "title_es", "state"],
    )
    result = ProgramResource().import_data(data, dry_run=False)
    assert result.has_validation_errors() or result.has_errors()
    program.refresh_from_db()
    assert program.title_en == "Published"
