"""The Steering Committee, its seats and the work plan on the public pages."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import Activity, SteeringCommittee, SteeringSeat, WorkPlan
from rialgender.permissions import Role, is_steering_committee, role_of
from tests.factories import MinistryFactory


@pytest.fixture
def committees(db):
    old = SteeringCommittee.objects.create(
        term_start=datetime.date(2022, 6, 24), term_end=datetime.date(2023, 6, 30)
    )
    new = SteeringCommittee.objects.create(term_start=datetime.date(2024, 7, 1))
    for committee, seats in ((old, [("AR", "iacml_chair"), ("CL", "wg1_chair")]),
                             (new, [("BR", "iacml_chair"), ("CR", "elected")])):  # fmt: skip
        for country, role in seats:
            SteeringSeat.objects.create(
                committee=committee, ministry=MinistryFactory(country=country), role=role
            )
    return old, new


def test_the_committee_in_office_decides_who_sits(committees, member, steering_member):
    # member is from Argentina (a seat in 2022 only), steering_member from Costa Rica (now).
    assert not is_steering_committee(member.user)
    assert role_of(member.user) == Role.MEMBER
    assert is_steering_committee(steering_member.user)
    assert not is_steering_committee(AnonymousUser())


def test_about_page_shows_the_current_committee_and_keeps_past_ones(client, committees):
    body = client.get("/en/about/").content.decode()
    current = body.split("Previous Steering Committees")[0]
    assert (
        "Brazil" in current
        and "Chair of the IACML" in current
        and "Elected by the network" in current
    )
    assert "2022–2023" in body  # the past committee stays on record
    assert "Inter-American Commission of Women (CIM)" in body
    assert "Department of Human Development, Education and Employment" in body
    body = client.get("/es/acerca/").content.decode()
    assert "Comité Directivo" in body and "Presidencia de la CIMT" in body


def test_one_iacml_chair_per_committee(committees):
    _old, new = committees
    with pytest.raises(IntegrityError), transaction.atomic():
        SteeringSeat.objects.create(
            committee=new, ministry=MinistryFactory(country="MX"), role="iacml_chair"
        )


def test_a_committee_cannot_end_before_it_starts(db):
    committee = SteeringCommittee(
        term_start=datetime.date(2024, 1, 1), term_end=datetime.date(2023, 1, 1)
    )
    with pytest.raises(ValidationError):
        committee.full_clean()


@pytest.fixture
def plan(db):
    plan = WorkPlan.objects.create(
        title_en="Work Plan 2022-2023", title_es="Plan de Trabajo 2022-2023",
        start=datetime.date(2022, 7, 1), end=datetime.date(2023, 7, 31),
    )  # fmt: skip
    Activity.objects.create(
        work_plan=plan, number=3, title_en="Virtual Hemispheric Dialogue on Domestic Work",
        title_es="Diálogo Hemisférico Virtual sobre Trabajo Doméstico", status="done",
        start=datetime.date(2023, 3, 1), end=datetime.date(2023, 3, 31),
        link_en="/en/portfolio/", link_es="/es/portafolio/",
        link_label_en="The dialogue", link_label_es="El diálogo",
    )  # fmt: skip
    return plan


def test_work_plan_page_in_both_languages(client, plan):
    body = client.get("/en/about/work-plan/").content.decode()
    assert "Virtual Hemispheric Dialogue on Domestic Work" in body and "Done" in body
    assert 'href="/en/portfolio/"' in body
    body = client.get("/es/acerca/plan-de-trabajo/").content.decode()
    assert "Diálogo Hemisférico Virtual sobre Trabajo Doméstico" in body and "Realizada" in body
    assert 'href="/es/portafolio/"' in body and "marzo de 2023" in body


def test_activity_links_must_be_web_addresses_or_portal_paths(plan):
    activity = plan.activities.get()
    for bad in ("javascript:alert(1)", "//evil.example/", "not a link"):
        activity.link_en = bad
        with pytest.raises(ValidationError):
            activity.full_clean()


@pytest.mark.parametrize("activities", [1, 100])
def test_public_pages_queries_do_not_grow(
    client, plan, committees, activities, django_assert_max_num_queries
):
    Activity.objects.bulk_create(
        Activity(work_plan=plan, number=10 + n, title_en=f"A{n}", title_es=f"A{n}")
        for n in range(activities)
    )
    with django_assert_max_num_queries(4):
        client.get("/en/about/work-plan/")
    with django_assert_max_num_queries(6):
        client.get("/en/about/")


def test_the_demo_work_plan_has_the_real_activities(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0, force=True, stdout=StringIO())
    call_command("load_demo_data", verbosity=0, force=True, stdout=StringIO())  # idempotent
    plan = WorkPlan.objects.get(title_en="Work Plan 2022-2023")
    assert plan.activities.count() == 7
    assert SteeringCommittee.objects.current().seats.count() == 4
