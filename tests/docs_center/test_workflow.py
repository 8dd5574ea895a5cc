"""Members propose, the Secretariat reviews against the parameters in force and publishes."""

import pytest
from django.core.exceptions import ValidationError

from docs_center.models import ParameterSet, Resource, Review
from docs_center.services import parameters_approve, review_save
from rialgender.workflow import Action, State, WorkflowError, transition
from tests.factories import ParameterSetFactory, ResourceFactory


@pytest.fixture
def version(db):
    return ParameterSetFactory()


def _proposal(**overrides):
    data = {
        "title_es": "Guía de inspección con enfoque de género",
        "abstract_es": "Una guía práctica para la inspección laboral.",
        "resource_type": "guide", "organization": "Ministerio de Trabajo", "year": "2023",
        "document_languages": ["es"], "licence": "unknown",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_a_member_proposes_in_spanish_only(client, member, version):
    client.force_login(member.user)
    response = client.post("/es/documentos/mi-ministerio/nuevo/", _proposal())
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert resource.ministry == member.ministry and resource.proposed_by == member.user
    assert resource.state == State.DRAFT
    assert resource.translation_es == "up_to_date" and resource.translation_en == "missing"


def test_submitting_without_a_required_parameters_evidence_is_refused_and_kept(
    client, member, version
):
    client.force_login(member.user)
    first, second = [p for p in version.parameters.all() if p.asks_evidence]
    data = _proposal(submit="1", **{f"evidence_{first.pk}": "Violencia y acoso."})
    response = client.post("/en/documents/my-ministry/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Resource.objects.exists()
    assert "Required before submitting" in html
    assert f'<a href="#id_evidence_{second.pk}">' in html
    assert "Violencia y acoso." in html and "Guía de inspección con enfoque de género" in html


def test_a_complete_proposal_is_submitted(client, member, version, settings):
    client.force_login(member.user)
    asked = [p for p in version.parameters.all() if p.asks_evidence]
    data = _proposal(submit="1", **{f"evidence_{p.pk}": "Sí." for p in asked})
    response = client.post("/en/documents/my-ministry/new/", data)
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.state == State.SUBMITTED
    assert resource.evidence == {str(p.pk): "Sí." for p in asked}


def test_the_workflow_refuses_a_submission_without_evidence(member, version):
    resource = ResourceFactory(ministry=member.ministry)
    with pytest.raises(WorkflowError, match="say how the resource meets"):
        transition(resource, Action.SUBMIT, by=member.user)


def test_publishing_needs_a_passing_review_against_the_version_in_force(secretariat, version):
    resource = ResourceFactory(ministry=None)  # the Secretariat's own: publishable from draft
    with pytest.raises(WorkflowError, match="not been reviewed"):
        transition(resource, Action.PUBLISH, by=secretariat)
    answers = {p: (p.text != "Reliable source", "") for p in version.parameters.all()}
    review_save(resource=resource, parameter_set=version, reviewer=secretariat, answers=answers)
    with pytest.raises(WorkflowError, match="did not pass: Reliable source"):
        transition(resource, Action.PUBLISH, by=secretariat)
    answers = {p: (p.required, "") for p in version.parameters.all()}  # the optional one fails
    review_save(resource=resource, parameter_set=version, reviewer=secretariat, answers=answers)
    assert Review.objects.count() == 1  # a new review of the same version replaces the last
    transition(resource, Action.PUBLISH, by=secretariat)
    resource.refresh_from_db()
    assert resource.state == State.PUBLISHED


def test_publishing_needs_both_languages(secretariat, version):
    resource = ResourceFactory(ministry=None, title_en="", abstract_en="")
    answers = dict.fromkeys(version.parameters.all(), (True, ""))
    review_save(resource=resource, parameter_set=version, reviewer=secretariat, answers=answers)
    with pytest.raises(WorkflowError, match="both languages"):
        transition(resource, Action.PUBLISH, by=secretariat)


def test_a_new_version_in_force_needs_a_new_review(secretariat, version):
    resource = ResourceFactory(ministry=None)
    answers = dict.fromkeys(version.parameters.all(), (True, ""))
    review_save(resource=resource, parameter_set=version, reviewer=secretariat, answers=answers)
    newer = ParameterSetFactory(approved_on=None)
    parameters_approve(parameter_set=newer, by=secretariat)
    assert ParameterSet.objects.in_force() == newer
    with pytest.raises(WorkflowError, match=f"version {newer.version}"):
        transition(resource, Action.PUBLISH, by=secretariat)


def test_an_approved_version_cannot_be_approved_again(secretariat, version):
    with pytest.raises(ValidationError):
        parameters_approve(parameter_set=version, by=secretariat)


def test_the_steering_committee_approves_a_draft_version(client, steering_member, version):
    draft = ParameterSetFactory(approved_on=None)
    client.force_login(steering_member.user)
    page = client.get(f"/en/documents/inclusion-parameters/{draft.pk}/")
    assert "Approve this version" in page.content.decode()
    response = client.post(
        f"/en/documents/inclusion-parameters/{draft.pk}/approve/", {"approved_on": "2023-06-24"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (
        draft.approved_on.isoformat() == "2023-06-24" and draft.approved_by == steering_member.user
    )


def test_a_future_approval_date_is_refused(client, steering_member, version):
    draft = ParameterSetFactory(approved_on=None)
    client.force_login(steering_member.user)
    response = client.post(
        f"/es/documentos/parametros-de-inclusion/{draft.pk}/aprobar/", {"approved_on": "2999-01-01"}
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.approved_on is None


def test_the_secretariat_reviews_and_publishes_from_the_review_page(
    client, secretariat, member, version
):
    resource = ResourceFactory(ministry=member.ministry, state=State.SUBMITTED)
    client.force_login(secretariat)
    url = f"/en/documents/review/{resource.pk}/"
    assert client.get(url).status_code == 200
    data = {f"passed_{p.pk}": "yes" for p in version.parameters.all()}
    data |= {f"note_{p.pk}": "" for p in version.parameters.all()} | {"note": "Good."}
    assert client.post(url, data).status_code == 302
    response = client.post(f"/en/documents/review/{resource.pk}/publish/")
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.state == State.PUBLISHED


def test_a_review_missing_an_answer_is_refused(client, secretariat, member, version):
    resource = ResourceFactory(ministry=member.ministry, state=State.SUBMITTED)
    client.force_login(secretariat)
    response = client.post(f"/en/documents/review/{resource.pk}/", {"note": "Partial"})
    assert response.status_code == 400
    assert not Review.objects.exists()
    assert 'value="Partial"' in response.content.decode() or "Partial" in response.content.decode()
