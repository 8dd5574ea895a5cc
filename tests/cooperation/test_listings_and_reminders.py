"""Offers and needs (members only) with suggested matches; closing reminders (Celery beat);
the member's home and the Secretariat's to-do; the demo data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cooperation.models import Listing, ReminderSent
from cooperation.services import closing_reminders_send, request_confirm
from tests.factories import (
    AreaFactory,
    CallFactory,
    CooperationRequestFactory,
    ListingFactory,
    MinistryFactory,
    UserFactory,
)


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"cooperation:{name}", kwargs=kwargs)


# -- offers and needs ---------------------------------------------------------------------------


@pytest.fixture
def domestic_work(db):
    return AreaFactory(slug="domestic-work", name_en="Domestic work", name_es="Trabajo doméstico")


def test_offers_and_needs_are_for_members_only(client, db, member):
    ListingFactory(title_en="Our inspection guide")
    response = client.get(url("listing-list"))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(UserFactory())  # signed in, not a member
    assert client.get(url("listing-list")).status_code == 404
    client.force_login(member.user)
    assert "Our inspection guide" in client.get(url("listing-list")).content.decode()


def test_matches_pair_a_need_with_another_countrys_offer_in_the_same_area(
    client, colombian, uruguay, domestic_work, open_call
):
    need = ListingFactory(ministry=colombian.ministry, kind="need", area=domestic_work, title_es="Formalizar el trabajo doméstico")  # fmt: skip
    offer = ListingFactory(ministry=uruguay, kind="offer", area=domestic_work, title_es="Inspección puerta a puerta")  # fmt: skip
    ListingFactory(ministry=colombian.ministry, kind="offer", area=domestic_work, title_es="Nuestra propia oferta")  # fmt: skip
    ListingFactory(ministry=MinistryFactory(country="MX"), kind="offer", area=AreaFactory(), title_es="Otra área")  # fmt: skip
    client.force_login(colombian.user)
    response = client.get(url("listing-list", "es"))
    matches = response.context["matches"]
    assert [(m.need, m.offer) for m in matches] == [(need, offer)]
    html = response.content.decode()
    assert f"?need={need.pk}&amp;provider={uruguay.pk}" in html


def test_the_filters_ignore_what_they_do_not_understand(client, member, domestic_work):
    ListingFactory(kind="need", area=domestic_work, title_en="A need")
    ListingFactory(kind="offer", title_en="An offer")
    client.force_login(member.user)
    html = client.get(url("listing-list") + "?kind=need").content.decode()
    assert "A need" in html and "An offer" not in html
    for bad in ("?kind=%00", "?area=²", "?area=99999999999999999999", "?kind=both&area=-1"):
        response = client.get(url("listing-list") + bad)
        assert response.status_code == 200, bad
        assert "An offer" in response.content.decode()


def test_a_ministry_lists_an_offer_pointing_to_its_program(client, colombian, domestic_work):
    from tests.portfolio.factories import published

    program = published(ministry=colombian.ministry)
    client.force_login(colombian.user)
    response = client.post(
        url("listing-create", "es"),
        {
            "kind": "offer",
            "area": domestic_work.pk,
            "title_es": "Nuestro sello",
            "program": program.pk,
        },  # fmt: skip
    )
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert listing.ministry == colombian.ministry and listing.program == program
    # Another ministry's program cannot be named.
    foreign = published(ministry=MinistryFactory(country="MX"))
    response = client.post(
        url("listing-edit", "es", pk=listing.pk),
        {
            "kind": "offer",
            "area": domestic_work.pk,
            "title_es": "Nuestro sello",
            "program": foreign.pk,
        },  # fmt: skip
    )
    assert response.status_code == 200
    listing.refresh_from_db()
    assert listing.program == program


def test_a_listing_needs_a_sentence_and_keeps_what_was_typed(client, colombian, domestic_work):
    client.force_login(colombian.user)
    response = client.post(
        url("listing-create", "es"),
        {
            "kind": "need",
            "area": domestic_work.pk,
            "description_es": "Detalles escritos con cuidado.",
        },  # fmt: skip
    )
    html = response.content.decode()
    assert "Dígalo en una frase" in html and "Detalles escritos con cuidado." in html
    assert not Listing.objects.exists()


def test_another_ministry_cannot_edit_or_withdraw_a_listing(client, colombian, uruguayan):
    listing = ListingFactory(ministry=colombian.ministry)
    client.force_login(uruguayan.user)
    assert client.get(url("listing-edit", pk=listing.pk)).status_code == 404
    assert client.post(url("listing-withdraw", pk=listing.pk)).status_code == 404
    listing.refresh_from_db()
    assert listing.withdrawn_at is None


@pytest.mark.parametrize("rows", [10, 200])
def test_the_offers_and_needs_page_reads_a_fixed_number_of_queries(
    client, colombian, django_assert_num_queries, rows
):
    area = AreaFactory()
    ministries = [MinistryFactory(country=c) for c in ("MX", "PE", "UY", "BR", "CA")]
    Listing.objects.bulk_create(
        [
            Listing(
                ministry=ministries[i % 5],
                kind=("offer", "need")[i % 2],
                area=area,
                title_en=f"Item {i}",
            )  # fmt: skip
            for i in range(rows)
        ]
    )
    ListingFactory(ministry=colombian.ministry, kind="need", area=area)
    client.force_login(colombian.user)
    with django_assert_num_queries(7):
        response = client.get(url("listing-list"))
    assert len(response.context["listings"]) == rows + 1


# -- reminders ----------------------------------------------------------------------------------


@pytest.fixture
def closing_soon(db):
    return CallFactory(closes_at=timezone.now() + timedelta(days=5))


def test_ministries_that_have_not_confirmed_are_reminded_once_in_their_language(
    closing_soon, colombia, uruguay, colombian, uruguayan, uruguayan_in_english,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    request = CooperationRequestFactory(call=closing_soon, requesting_ministry=colombia, providing_ministry=uruguay)  # fmt: skip
    request_confirm(request=request, by=colombian.user, seen_hash=request.content_hash)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert closing_reminders_send() == 1
    # Only Uruguay (which has not confirmed), each focal point in their language.
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == {uruguayan.user.email, uruguayan_in_english.user.email}
    assert "La convocatoria cierra pronto" in subjects[uruguayan.user.email]
    assert "The call closes soon" in subjects[uruguayan_in_english.user.email]
    # Run again (the beat runs every hour): nothing new.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert closing_reminders_send() == 0
    assert mail.outbox == []
    # The day before the call closes, one more.
    with django_capture_on_commit_callbacks(execute=True):
        assert closing_reminders_send(now=closing_soon.closes_at - timedelta(hours=20)) == 1
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {"7d", "1d"}


def test_no_reminder_for_a_call_far_from_closing_or_a_submitted_request(db, colombia, uruguay):
    far = CallFactory(closes_at=timezone.now() + timedelta(days=30))
    CooperationRequestFactory(call=far, requesting_ministry=colombia, providing_ministry=uruguay)
    soon = CallFactory(closes_at=timezone.now() + timedelta(days=2))
    CooperationRequestFactory(call=soon, requesting_ministry=colombia, providing_ministry=uruguay, state="submitted")  # fmt: skip
    assert closing_reminders_send() == 0


def test_the_reminders_run_every_hour_from_beat(db):
    from django_celery_beat.models import PeriodicTask

    from cooperation.tasks import task_send_closing_reminders

    task = PeriodicTask.objects.get(task="cooperation.send_closing_reminders")
    assert (task.interval.every, task.interval.period) == (1, "hours")
    assert task_send_closing_reminders.name == "cooperation.send_closing_reminders"
    assert task_send_closing_reminders() == 0


# -- the member's home and the Secretariat's to-do ------------------------------------------------


def test_the_members_home_lists_a_request_to_confirm(client, open_call, colombia, uruguay, uruguayan):  # fmt: skip
    from rialgender.member_home import awaiting

    request = CooperationRequestFactory(call=open_call, requesting_ministry=colombia, providing_ministry=uruguay)  # fmt: skip
    with translation.override("es"):
        items = awaiting(uruguayan.user, uruguay)
    assert [item.url for item in items if item.tool == "Cooperación bilateral"] == [
        url("request-edit", "es", pk=request.pk)
    ]
    request_confirm(request=request, by=uruguayan.user, seen_hash=request.content_hash)
    assert not [item for item in awaiting(uruguayan.user, uruguay) if "cooperation" in item.url]


def test_the_secretariats_to_do_lists_closed_calls_to_decide(db, colombia, uruguay):
    from rialgender.todo import tasks
    from tests.factories import submitted_request

    call = CallFactory(
        opens_at=timezone.now() - timedelta(days=60), closes_at=timezone.now() - timedelta(days=1)
    )
    submitted_request(call=call, requesting_ministry=colombia, providing_ministry=uruguay)
    task = next(t for t in tasks() if t.url == url("ranking", number=call.number))
    assert task.count == 1


# -- demo data -----------------------------------------------------------------------------------


def test_the_demo_has_the_15th_and_16th_calls_an_open_one_and_loads_idempotently(db, settings, client):  # fmt: skip
    settings.DEBUG = True  # the demo's public staff account is for development only
    from django.core.management import call_command

    from cooperation.models import Call, CooperationRequest, Result

    call_command("load_demo_data", stdout=StringIO())
    counts = (Call.objects.count(), CooperationRequest.objects.count(), Listing.objects.count())
    call_command("load_demo_data", stdout=StringIO())
    assert (Call.objects.count(), CooperationRequest.objects.count(), Listing.objects.count()) == counts  # fmt: skip
    assert set(Call.objects.values_list("number", flat=True)) == {15, 16, 17}
    # The 17th is open on the day the demo is loaded, with Argentina's draft awaiting Costa Rica.
    assert [c.number for c in Call.objects.open_at()] == [17]
    draft = CooperationRequest.objects.get(call__number=17)
    assert draft.state == "draft"
    assert sorted(draft.party_status().values()) == ["confirmed", "pending"]
    pairs = {
        (
            r.call.number,
            r.requesting_ministry.country.code,
            r.providing_ministry.country.code,
            r.completed_at is not None,
        )  # fmt: skip
        for r in CooperationRequest.objects.projects().select_related(
            "call", "requesting_ministry", "providing_ministry"
        )  # fmt: skip
    }
    assert pairs == {(15, "BO", "PA", True), (15, "UY", "AR", True), (16, "CO", "UY", False)}
    results = set(Result.objects.values_list("title_en", flat=True))
    assert "Technical Assistance Program for potential productive women's cooperative groups" in results  # fmt: skip
    assert "Manual to prevent and eradicate gender-based violence at work" in results
    # The manual is also the documentation center's resource, linked in the reader's language.
    manual = Result.objects.get(kind="resource")
    with translation.override("es"):
        assert manual.link.startswith("/es/documentos/")
    assert client.get(manual.link).status_code == 200
    assert Listing.objects.filter(ministry__country="CA", kind="offer").exists()
    # Every selected demo request's confirmations are of its current text.
    for request in CooperationRequest.objects.projects():
        assert set(request.party_status().values()) == {"confirmed"}
    assert client.get(url("pair-detail", "es", pair="co-uy")).status_code == 200
