"""The Secretariat's side in the admin: calls stated in their zone with their criteria,
requests translated and published, and what waits on the admin's home page."""

import datetime

from django.core import mail
from django.urls import reverse

from cooperation.models import Call, CooperationRequest
from rialgender.todo import tasks
from tests.factories import confirm_both, selected_project, submitted_request


def test_the_secretariat_creates_a_call_in_its_zone_with_the_usual_criteria(client, secretariat):
    client.force_login(secretariat)
    assert client.get(reverse("admin:cooperation_call_add")).status_code == 200
    response = client.post(
        reverse("admin:cooperation_call_add"),
        {
            "number": "17", "year": "2024",
            "title_en": "17th RIAL Call for Bilateral Cooperation",
            "title_es": "17.ª Convocatoria de Cooperación Bilateral de la RIAL",
            "terms_en": "Terms.", "terms_es": "Bases.",
            "time_zone": "America/Bogota", "modalities": ["virtual", "in_person"],
            "pass_threshold": "60",
            "opens_local_0": "2024-01-15", "opens_local_1": "09:00",
            "closes_local_0": "2024-03-15", "closes_local_1": "23:59",
            "criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    call = Call.objects.get(number=17)
    assert call.closes_at == datetime.datetime(2024, 3, 16, 4, 59, tzinfo=datetime.UTC)
    assert [c.name_en for c in call.criteria.all()] == [
        "Relevance", "Feasibility", "Commitment of both institutions", "Expected results",
    ]  # fmt: skip
    page = client.get(reverse("admin:cooperation_call_change", args=[call.pk])).content.decode()
    assert 'value="23:59"' in page  # shown back in the call's zone


def test_translating_a_selected_project_asks_nobody_to_confirm_again(
    client, secretariat, colombia, uruguay, colombian, uruguayan, django_capture_on_commit_callbacks
):
    project = submitted_request(
        requesting_ministry=colombia, providing_ministry=uruguay, decision="selected",
        title_en="", summary_en="",
    )  # fmt: skip
    client.force_login(secretariat)
    url = reverse("admin:cooperation_cooperationrequest_change", args=[project.pk])
    assert client.get(url).status_code == 200
    assert any(t.label == "Selected cooperation projects to translate and publish" and t.count == 1 for t in tasks())  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        from cooperation.services import request_record_change

        project.title_en = "Formalization of Paid Domestic Work"
        project.save()
        request_record_change(request=project, by=secretariat)
    assert mail.outbox == []
    # Submitted requests are not "awaiting review" on the admin's home: they await a decision.
    assert not any("awaiting review" in t.label and t.tool == "Bilateral cooperation" for t in tasks())  # fmt: skip


def test_a_secretariat_change_to_a_draft_asks_the_parties_again(
    secretariat, colombia, uruguay, colombian, uruguayan, django_capture_on_commit_callbacks
):
    from cooperation.services import request_record_change
    from tests.factories import CooperationRequestFactory

    draft = CooperationRequestFactory(requesting_ministry=colombia, providing_ministry=uruguay)
    confirm_both(draft)
    draft.summary_en = "Corrected by the Secretariat."
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        request_record_change(request=draft, by=secretariat)
    assert {m.to[0] for m in mail.outbox} == {colombian.user.email, uruguayan.user.email}
    assert all("La Secretaría Técnica modificó" in m.body for m in mail.outbox)


def test_the_admin_lists_and_pages_open(client, secretariat, db):
    project = selected_project()
    client.force_login(secretariat)
    for name, args in [
        ("admin:cooperation_call_changelist", []),
        ("admin:cooperation_call_change", [project.call.pk]),
        ("admin:cooperation_cooperationrequest_changelist", []),
        ("admin:cooperation_cooperationrequest_change", [project.pk]),
        ("admin:cooperation_listing_changelist", []),
        ("admin:cooperation_report_changelist", []),
        ("admin:cooperation_result_changelist", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    assert CooperationRequest.objects.count() == 1
