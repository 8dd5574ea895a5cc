"""The two parties of the issue's story: Colombia requests, Uruguay provides."""

import pytest

from tests.factories import CallFactory, MemberFactory, MinistryFactory, UserFactory


@pytest.fixture
def colombia(db):
    return MinistryFactory(
        country="CO", name_en="Ministry of Labor", name_es="Ministerio del Trabajo"
    )


@pytest.fixture
def uruguay(db):
    return MinistryFactory(
        country="UY",
        name_en="Ministry of Labor and Social Security",
        name_es="Ministerio de Trabajo y Seguridad Social",
    )


@pytest.fixture
def colombian(colombia):
    """Colombia's focal point, who reads the portal and its e-mails in Spanish."""
    return MemberFactory(ministry=colombia, user=UserFactory(language="es", first_name="Valentina"))


@pytest.fixture
def uruguayan(uruguay):
    return MemberFactory(ministry=uruguay, user=UserFactory(language="es", first_name="Soledad"))


@pytest.fixture
def uruguayan_in_english(uruguay):
    """Uruguay's second focal point prefers English."""
    return MemberFactory(
        ministry=uruguay,
        network_role="alternate",
        user=UserFactory(language="en", first_name="Joaquín"),
    )


@pytest.fixture
def open_call(db):
    return CallFactory(
        number=16,
        year=2023,
        title_en="16th RIAL Call for Bilateral Cooperation",
        title_es="16.ª Convocatoria de Cooperación Bilateral de la RIAL",
    )
