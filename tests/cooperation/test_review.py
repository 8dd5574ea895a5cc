"""Review: the call's reviewers score each request (blind until they submit), a reviewer from
either party's country is recused, weighted totals rank the requests, and the Secretariat
decides in a batch once every request is fully reviewed; each ministry is told in its
language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cooperation.models import CooperationRequest, Criterion, Review, Score
from cooperation.services import review_save
from tests.factories import (
    CallFactory,
    MemberFactory,
    MinistryFactory,
    UserFactory,
    bulk_requests,
    make_secretariat,
    make_steering_member,
    submitted_request,
)


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"cooperation:{name}", kwargs=kwargs)


@pytest.fixture
def uruguayan_on_the_committee(uruguay):
    return make_steering_member(uruguay)


@pytest.fixture
def costa_rican_on_the_committee(db):
    return make_steering_member(MinistryFactory(country="CR"))


@pytest.fixture
def closed_call(secretariat, uruguayan_on_the_committee, costa_rican_on_the_committee):
    now = timezone.now()
    call = CallFactory(
        number=16, opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1),
        pass_threshold=60,
    )  # fmt: skip
    call.reviewers.set(
        [secretariat, uruguayan_on_the_committee.user, costa_rican_on_the_committee.user]
    )
    return call


@pytest.fixture
def request_under_review(closed_call, colombia, uruguay, colombian, uruguayan_in_english):
    return submitted_request(
        call=closed_call, requesting_ministry=colombia, providing_ministry=uruguay,
        title_en="Formalization of Paid Domestic Work",
        title_es="Formalización del Trabajo Doméstico Remunerado",
    )  # fmt: skip


def _scores(call, value, comment="Bien fundamentada."):
    return {c.pk: (value, comment) for c in call.criteria.all()}


def _post_data(call, value, **extra):
    data = {f"score_{c.pk}": str(value) for c in call.criteria.all()}
    data.update({f"comment_{c.pk}": "Bien fundamentada." for c in call.criteria.all()})
    data.update(extra)
    return data


# -- recusal ------------------------------------------------------------------------------------


def test_a_reviewer_from_a_partys_country_is_not_offered_the_review(
    client, request_under_review, uruguayan_on_the_committee, costa_rican_on_the_committee
):
    client.force_login(uruguayan_on_the_committee.user)
    listing = client.get(url("review-list", "es"))
    assert listing.status_code == 200
    assert request_under_review.title_es not in listing.content.decode()
    # Its review form does not exist for them, nor do its scores.
    assert client.get(url("review-form", pk=request_under_review.pk)).status_code == 404
    data = _post_data(request_under_review.call, 5, submit="1")
    assert client.post(url("review-form", pk=request_under_review.pk), data).status_code == 404
    assert not Review.objects.exists()
    assert client.get(url("ranking", number=request_under_review.call.number)).status_code == 404

    # Costa Rica's member is offered it.
    client.force_login(costa_rican_on_the_committee.user)
    assert request_under_review.title_en in client.get(url("review-list")).content.decode()
    assert client.get(url("review-form", pk=request_under_review.pk)).status_code == 200


def test_a_recused_reviewer_cannot_save_scores_through_the_service(
    request_under_review, uruguayan_on_the_committee
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        review_save(
            request=request_under_review, reviewer=uruguayan_on_the_committee.user,
            scores=_scores(request_under_review.call, 5), submit=True,
        )  # fmt: skip


def test_someone_not_named_on_the_call_gets_404(client, request_under_review):
    chilean = make_steering_member(MinistryFactory(country="CL"))
    client.force_login(chilean.user)
    assert client.get(url("review-form", pk=request_under_review.pk)).status_code == 404
    assert request_under_review.title_en not in client.get(url("review-list")).content.decode()


def test_only_the_secretariat_and_the_committee_may_be_named_reviewers(db, secretariat):
    from cooperation.admin import CallForm

    plain_member = MemberFactory(ministry=MinistryFactory(country="PE"))
    committee = make_steering_member(MinistryFactory(country="TT"))
    form = CallForm(
        data={
            "number": "40", "year": "2026", "time_zone": "America/Lima", "pass_threshold": "60",
            "opens_local_0": "2026-01-12", "opens_local_1": "09:00",
            "closes_local_0": "2026-03-13", "closes_local_1": "18:00",
            "reviewers": [secretariat.pk, committee.user.pk, plain_member.user.pk],
        }
    )  # fmt: skip
    assert not form.is_valid()
    assert str(plain_member.user) in form.errors["reviewers"][0]


# -- scoring ---------------------------------------------------------------------------------


def test_scores_are_blind_until_ones_own_review_is_submitted(
    client, request_under_review, secretariat, costa_rican_on_the_committee
):
    call = request_under_review.call
    review_save(request=request_under_review, reviewer=secretariat, scores=_scores(call, 2, "Falta detalle en las fechas."), submit=True)  # fmt: skip
    client.force_login(costa_rican_on_the_committee.user)
    page = client.get(url("review-form", pk=request_under_review.pk)).content.decode()
    assert "Falta detalle en las fechas." not in page
    # Saving a draft does not lift the blind either.
    client.post(url("review-form", pk=request_under_review.pk), _post_data(call, 4, save="1"))
    page = client.get(url("review-form", pk=request_under_review.pk)).content.decode()
    assert "Falta detalle en las fechas." not in page
    client.post(url("review-form", pk=request_under_review.pk), _post_data(call, 4, submit="1"))
    page = client.get(url("review-form", pk=request_under_review.pk)).content.decode()
    assert "Falta detalle en las fechas." in page
    assert "40.0 out of 100" in page and "80.0 out of 100" in page


@pytest.mark.parametrize("bad", ["7", "-1", "²", "4.5", "\x00", "99999999999999999999"])
def test_a_score_out_of_range_is_refused_and_the_comments_are_kept(
    client, request_under_review, costa_rican_on_the_committee, bad
):
    call = request_under_review.call
    first = call.criteria.first()
    data = _post_data(call, 3, submit="1")
    data[f"score_{first.pk}"] = bad
    data[f"comment_{first.pk}"] = "Un comentario escrito con cuidado."
    client.force_login(costa_rican_on_the_committee.user)
    response = client.post(url("review-form", "es", pk=request_under_review.pk), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "La calificación va de 0 a 5." in html
    assert "Un comentario escrito con cuidado." in html
    assert not Review.objects.filter(submitted_at__isnull=False).exists()


def test_submitting_needs_every_criterion_scored(client, request_under_review, secretariat):
    call = request_under_review.call
    data = _post_data(call, 3, submit="1")
    last = call.criteria.last()
    data[f"score_{last.pk}"] = ""
    client.force_login(secretariat)
    response = client.post(url("review-form", pk=request_under_review.pk), data)
    assert response.status_code == 400
    assert "Give a score to submit your review." in response.content.decode()
    assert not Review.objects.filter(submitted_at__isnull=False).exists()


def test_a_submitted_review_is_final(client, request_under_review, secretariat):
    call = request_under_review.call
    client.force_login(secretariat)
    client.post(url("review-form", pk=request_under_review.pk), _post_data(call, 3, submit="1"))
    client.post(url("review-form", pk=request_under_review.pk), _post_data(call, 5, submit="1"))
    assert set(Score.objects.values_list("score", flat=True)) == {3}


def test_the_criteria_are_locked_once_reviewers_have_scored(rf, request_under_review, secretariat):
    from django.contrib import admin

    from cooperation.admin import CriterionInline

    inline = CriterionInline(CooperationRequest, admin.site)
    call = request_under_review.call
    assert inline.has_change_permission(rf.get("/"), call)
    review_save(request=request_under_review, reviewer=secretariat, scores=_scores(call, 3), submit=False)  # fmt: skip
    assert not inline.has_change_permission(rf.get("/"), call)
    assert not inline.has_add_permission(rf.get("/"), call)


# -- ranking and decisions ------------------------------------------------------------------


def test_weighted_totals_rank_the_requests_against_the_threshold(
    client, closed_call, secretariat, costa_rican_on_the_committee
):
    """Weights 30, 25, 20, 25 (out of 100): scores 5, 5, 0, 0 give (150 + 125) / 500 = 55."""
    strong = submitted_request(call=closed_call, requesting_ministry=MinistryFactory(country="PE"), providing_ministry=MinistryFactory(country="MX"))  # fmt: skip
    weak = submitted_request(call=closed_call, requesting_ministry=MinistryFactory(country="PY"), providing_ministry=MinistryFactory(country="AR"))  # fmt: skip
    criteria = list(Criterion.objects.filter(call=closed_call).order_by("order"))
    assert [c.weight for c in criteria] == [30, 25, 20, 25]
    for reviewer in (secretariat, costa_rican_on_the_committee.user):
        review_save(request=strong, reviewer=reviewer, scores=_scores(closed_call, 4), submit=True)
        review_save(
            request=weak, reviewer=reviewer, submit=True,
            scores={c.pk: (5 if c.order < 2 else 0, "") for c in criteria},
        )  # fmt: skip
    client.force_login(secretariat)
    response = client.get(url("ranking", number=closed_call.number))
    ranked = response.context["ranked"]
    assert [(r.request, r.total) for r in ranked] == [(strong, 80.0), (weak, 55.0)]
    html = response.content.decode()
    assert "above the threshold" in html and "below the threshold" in html


def test_decisions_wait_until_every_request_is_fully_reviewed(
    client, request_under_review, secretariat, costa_rican_on_the_committee, colombian,
    uruguayan_in_english, django_capture_on_commit_callbacks,
):  # fmt: skip
    call = request_under_review.call
    review_save(request=request_under_review, reviewer=secretariat, scores=_scores(call, 4), submit=True)  # fmt: skip
    client.force_login(secretariat)
    decide = {f"decision_{request_under_review.pk}": "selected"}
    response = client.post(url("ranking", "es", number=call.number), decide)
    assert response.status_code == 400
    assert (
        "No todas las personas evaluadoras enviaron su evaluación de" in response.content.decode()
    )
    request_under_review.refresh_from_db()
    assert request_under_review.decision == ""

    # The recused Uruguayan reviewer is not awaited: Costa Rica's review completes it.
    review_save(request=request_under_review, reviewer=costa_rican_on_the_committee.user, scores=_scores(call, 5), submit=True)  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("ranking", number=call.number), decide)
    assert response.status_code == 302
    request_under_review.refresh_from_db()
    assert request_under_review.decision == "selected"
    # Each ministry is told, each person in their language.
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[colombian.user.email].subject.endswith(
        "Seleccionada: la solicitud de cooperación «Formalización del Trabajo Doméstico Remunerado»"
    )
    assert by_address[uruguayan_in_english.user.email].subject.endswith(
        "Selected: the cooperation request “Formalization of Paid Domestic Work”"
    )


def test_decisions_wait_for_the_call_to_close(client, secretariat, colombia, uruguay):
    call = CallFactory()  # open
    call.reviewers.set([secretariat])
    request = submitted_request(call=call, requesting_ministry=colombia, providing_ministry=uruguay)
    review_save(request=request, reviewer=secretariat, scores=_scores(call, 4), submit=True)
    client.force_login(secretariat)
    response = client.post(url("ranking", number=call.number), {f"decision_{request.pk}": "selected"})  # fmt: skip
    assert response.status_code == 400
    assert "Decisions are taken once the call has closed." in response.content.decode()


def test_a_decision_that_is_not_a_choice_is_refused(client, request_under_review, secretariat):
    client.force_login(secretariat)
    response = client.post(
        url("ranking", number=request_under_review.call.number),
        {f"decision_{request_under_review.pk}": "elected\x00"},
    )
    assert response.status_code == 400
    request_under_review.refresh_from_db()
    assert request_under_review.decision == ""


def test_a_secretariat_reviewer_does_not_see_totals_before_scoring(
    client, request_under_review, costa_rican_on_the_committee, secretariat
):
    call = request_under_review.call
    review_save(request=request_under_review, reviewer=costa_rican_on_the_committee.user, scores=_scores(call, 5), submit=True)  # fmt: skip
    client.force_login(secretariat)
    row = client.get(url("ranking", number=call.number)).context["ranked"][0]
    assert row.hidden and row.total is None
    # Staff who do not review this call see the totals.
    other_staff = make_secretariat()
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(other_staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(other_staff)
    row = client.get(url("ranking", number=call.number)).context["ranked"][0]
    assert not row.hidden and row.total == 100.0


# -- query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [10, 500])
def test_the_ranking_reads_a_fixed_number_of_queries(
    client, secretariat, django_assert_num_queries, rows
):
    now = timezone.now()
    call = CallFactory(opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1))
    call.reviewers.set([secretariat])
    requests = bulk_requests(rows, calls=[call], state="submitted")
    for request in requests[:3]:
        review_save(request=request, reviewer=secretariat, scores=_scores(call, 4), submit=True)
    client.force_login(secretariat)
    with django_assert_num_queries(10):
        response = client.get(url("ranking", number=call.number))
    assert len(response.context["ranked"]) == rows


@pytest.mark.parametrize("rows", [10, 500])
def test_the_review_list_reads_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, rows
):
    reviewer = make_steering_member(MinistryFactory(country="CR"))
    call = CallFactory()
    call.reviewers.set([reviewer.user])
    bulk_requests(rows, calls=[call], state="submitted")
    client.force_login(reviewer.user)
    with django_assert_num_queries(6):
        response = client.get(url("review-list"))
    # Those involving Costa Rica are not offered.
    assert all("CR" not in (r.requesting_ministry.country, r.providing_ministry.country) for r in response.context["requests"])  # fmt: skip
    assert response.context["requests"]


def test_a_staff_member_without_the_secretariat_group_is_no_reviewer(client, request_under_review):
    staff = UserFactory(is_staff=True)
    request_under_review.call.reviewers.add(staff)
    client.force_login(staff)
    assert client.get(url("review-form", pk=request_under_review.pk)).status_code == 404
