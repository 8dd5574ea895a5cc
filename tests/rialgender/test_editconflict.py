"""Two people editing the same item: the second save never silently undoes the first
(rialgender.editconflict), on the focal points' pages and in the admin."""

import lxml.html
import pytest

from portfolio.models import Program
from rialgender import editconflict
from rialgender.workflow import Action, State, transition
from tests.factories import AreaFactory, ResourceFactory
from tests.portfolio.factories import ProgramFactory

EDIT_ES = "/es/portafolio/mi-ministerio/{pk}/"


@pytest.fixture
def draft(ministry):
    return ProgramFactory(
        ministry=ministry, title_es="Trabajo doméstico", summary_es="Resumen.", title_en="",
        summary_en="", state=State.DRAFT, start_year=2021,
    )  # fmt: skip


def _values(form) -> dict[str, list[str]]:
    """A form's fields as the browser would send them, untouched."""
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def _versioned_form(client, url: str) -> dict[str, list[str]]:
    """The form of the page at `url` that carries the version it edits."""
    # Decoded first: the admin's pages name their charset only in the HTTP header.
    page = lxml.html.fromstring(client.get(url).content.decode())
    (form,) = [f for f in page.forms if f.find(".//input[@name='edited_version']") is not None]
    return _values(form)


def _workspace_form(client, pk: int) -> dict[str, list[str]]:
    return _versioned_form(client, EDIT_ES.format(pk=pk))


def test_a_focal_point_does_not_overwrite_a_colleague_s_change_unawares(
    client, draft, member, colleague
):
    client.force_login(member.user)
    mine = _workspace_form(client, draft.pk)  # opened, then left open for a while
    assert mine["edited_version"] == [draft.updated_at.isoformat()]

    client.force_login(colleague.user)
    theirs = _workspace_form(client, draft.pk)
    theirs["summary_es"] = ["Resumen corregido por mi colega."]
    assert client.post(EDIT_ES.format(pk=draft.pk), theirs).status_code == 302

    client.force_login(member.user)
    mine["title_es"] = ["Trabajo doméstico remunerado"]
    response = client.post(EDIT_ES.format(pk=draft.pk), mine)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Esto se modificó el" in html and "no se guardaron" in html
    assert "Sus cambios aún no se guardaron; todo lo que escribió se conserva." in html
    assert "Trabajo doméstico remunerado" in html  # what was typed is kept
    # In the message, a link to the current version, to compare.
    assert lxml.html.fromstring(html).xpath("//*[@role='alert']//a[@target='_blank']/@href") == [
        EDIT_ES.format(pk=draft.pk)
    ]
    # The heading shows the title as saved; the form, as typed.
    assert lxml.html.fromstring(html).xpath("string(//h1)") == "Trabajo doméstico"
    draft.refresh_from_db()
    assert draft.summary_es == "Resumen corregido por mi colega."  # the colleague's stays
    assert draft.title_es == "Trabajo doméstico"
    # The form now carries the version saved since: saving again replaces it knowingly.
    again = lxml.html.fromstring(html).xpath("//input[@name='edited_version']/@value")
    assert again == [draft.updated_at.isoformat()]
    mine["edited_version"] = again
    assert client.post(EDIT_ES.format(pk=draft.pk), mine).status_code == 302
    draft.refresh_from_db()
    assert draft.title_es == "Trabajo doméstico remunerado"
    assert draft.summary_es == "Resumen."  # replaced, as the person was told


def test_the_same_form_sent_twice_is_no_conflict(client, draft, member):
    client.force_login(member.user)
    data = _workspace_form(client, draft.pk)
    data["title_es"] = ["Trabajo doméstico remunerado"]
    assert client.post(EDIT_ES.format(pk=draft.pk), data).status_code == 302
    # A double click: the second copy carries the old version but changes nothing.
    assert client.post(EDIT_ES.format(pk=draft.pk), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title_es == "Trabajo doméstico remunerado"


def test_a_state_change_alone_is_no_conflict(client, draft, member, secretariat):
    """Only content moves the version: the Secretariat returning the draft while the person
    types does not block their save."""
    client.force_login(member.user)
    data = _workspace_form(client, draft.pk)  # opened while a draft
    transition(draft, Action.SUBMIT, by=member.user)
    transition(draft, Action.RETURN, by=secretariat, comment="Añadan resultados.")
    data["summary_es"] = ["Resumen con resultados."]
    assert client.post(EDIT_ES.format(pk=draft.pk), data).status_code == 302


def test_a_resource_is_protected_the_same_way_in_english(client, ministry, member, colleague):
    resource = ResourceFactory(ministry=ministry, state=State.DRAFT, title_en="Guide")
    url = f"/en/documents/my-ministry/{resource.pk}/"
    client.force_login(member.user)
    mine = _versioned_form(client, url)
    resource.abstract_en = "Changed meanwhile."
    resource.save()
    mine["title_en"] = ["Guide to inspection"]
    response = client.post(url, mine)
    assert response.status_code == 200
    assert "This was changed on" in response.content.decode()
    resource.refresh_from_db()
    assert resource.title_en == "Guide" and resource.abstract_en == "Changed meanwhile."


def test_the_admin_does_not_overwrite_a_focal_point_s_change_unawares(
    client, draft, member, secretariat
):
    transition(draft, Action.SUBMIT, by=member.user)
    url = f"/en/admin/portfolio/program/{draft.pk}/change/"
    client.force_login(secretariat)
    data = _versioned_form(client, url)
    assert data["edited_version"] == [draft.updated_at.isoformat()]
    # Meanwhile the content changes (here: another officer's save).
    program = Program.objects.get(pk=draft.pk)
    program.summary_es = "Resumen corregido."
    program.save()

    data["title_en"] = ["Domestic work"]
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This was changed on" in html
    assert f'<a href="{url}" target="_blank" rel="noopener">' in html
    draft.refresh_from_db()
    assert draft.summary_es == "Resumen corregido." and draft.title_en == ""
    assert draft.title_es == "Trabajo doméstico"

    data = {**data, "edited_version": [draft.updated_at.isoformat()]}
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.title_en == "Domestic work" and draft.title_es == "Trabajo doméstico"


def test_a_form_without_the_version_is_not_checked(client, draft, member):
    client.force_login(member.user)
    data = _workspace_form(client, draft.pk)
    del data["edited_version"]
    draft.summary_es = "Otro resumen."
    draft.save()
    data["title_es"] = ["Trabajo doméstico remunerado"]
    assert client.post(EDIT_ES.format(pk=draft.pk), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title_es == "Trabajo doméstico remunerado"


def _as_a_browser_sends_it(data: dict[str, list[str]]) -> dict[str, list[str]]:
    """A textarea's lines come with CRLF from a browser (lxml gives LF)."""
    return {
        k: [v.replace("\r\n", "\n").replace("\n", "\r\n") for v in vs] for k, vs in data.items()
    }


def test_a_mistake_in_the_form_does_not_hide_the_conflict(client, draft, member, colleague):
    client.force_login(member.user)
    mine = _workspace_form(client, draft.pk)
    other = Program.objects.get(pk=draft.pk)
    other.summary_es = "Cambio del colega."
    other.save()
    mine["title_es"] = ["Mi título"]
    mine["end_year"] = ["2000"]  # before the start: refused for that alone
    response = client.post(EDIT_ES.format(pk=draft.pk), mine)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content.decode())
    again = _values(
        next(f for f in page.forms if f.find(".//input[@name='edited_version']") is not None)
    )
    assert again["edited_version"] == mine["edited_version"]  # not the colleague's version
    again["end_year"] = ["2024"]
    response = client.post(EDIT_ES.format(pk=draft.pk), again)
    assert response.status_code == 200 and "Esto se modificó el" in response.content.decode()
    draft.refresh_from_db()
    assert draft.summary_es == "Cambio del colega."


def test_a_double_click_with_several_links_is_no_conflict(client, draft, member):
    draft.links = "https://a.example.org\nhttps://b.example.org"
    draft.save()
    client.force_login(member.user)
    data = _as_a_browser_sends_it(_workspace_form(client, draft.pk))
    data["title_es"] = ["Trabajo doméstico remunerado"]
    assert client.post(EDIT_ES.format(pk=draft.pk), data).status_code == 302
    assert client.post(EDIT_ES.format(pk=draft.pk), data).status_code == 302


def test_a_save_that_lands_between_loading_and_locking_is_not_undone(
    client, draft, member, monkeypatch
):
    """The item is saved by someone else after this request read it but before it locked
    it; the form, unchanged against the copy read, would write that stale copy back."""
    client.force_login(member.user)
    mine = _workspace_form(client, draft.pk)  # sent untouched: "Save and submit", say
    check = editconflict.check

    def meanwhile(data, obj, **kwargs):
        other = Program.objects.get(pk=obj.pk)
        other.summary_es = "Guardado en el mismo instante."
        other.save()
        return check(data, obj, **kwargs)

    monkeypatch.setattr("rialgender.workspace.editconflict.check", meanwhile)
    response = client.post(EDIT_ES.format(pk=draft.pk), mine)
    assert response.status_code == 200 and "Esto se modificó el" in response.content.decode()


def test_the_attachment_page_s_form_carries_the_version(client, draft, member):
    client.force_login(member.user)
    response = client.post(f"/es/portafolio/mi-ministerio/{draft.pk}/archivos/", {"title": "x"})
    assert response.status_code == 400
    page = lxml.html.fromstring(response.content.decode())
    assert page.xpath("//input[@name='edited_version']/@value") == [draft.updated_at.isoformat()]


def test_an_admin_save_does_not_undo_a_change_of_a_list_field(client, draft, secretariat):
    """population_groups has a callable default: Django's has_changed() compares it with
    the initial value the page sent back, not with what is saved."""
    client.force_login(secretariat)
    url = f"/en/admin/portfolio/program/{draft.pk}/change/"
    data = _versioned_form(client, url)
    other = Program.objects.get(pk=draft.pk)
    other.population_groups = ["rural_women"]
    other.save()
    response = client.post(url, data)  # saved untouched
    assert response.status_code == 200 and "This was changed on" in response.content.decode()
    draft.refresh_from_db()
    assert draft.population_groups == ["rural_women"]


def test_an_admin_change_of_areas_alone_moves_the_version(client, draft, member, secretariat):
    area = AreaFactory()
    client.force_login(secretariat)
    url = f"/en/admin/portfolio/program/{draft.pk}/change/"
    # Saved once from the admin as it is (its empty texts become "", as a form saves them).
    assert client.post(url, _versioned_form(client, url)).status_code == 302
    client.force_login(member.user)
    mine = _workspace_form(client, draft.pk)
    client.force_login(secretariat)
    data = _versioned_form(client, url)
    data["areas"] = [str(area.pk)]
    assert client.post(url, data).status_code == 302
    client.force_login(member.user)
    mine["title_es"] = ["Otro título"]
    response = client.post(EDIT_ES.format(pk=draft.pk), mine)
    assert response.status_code == 200 and "Esto se modificó el" in response.content.decode()
    assert list(Program.objects.get(pk=draft.pk).areas.all()) == [area]


def test_a_submission_that_lands_while_saving_is_not_undone(
    client, draft, member, colleague, monkeypatch
):
    """A colleague submits the draft after this request read it but before it locked it:
    the save keeps the state as it is now, not as it was read."""
    client.force_login(member.user)
    mine = _workspace_form(client, draft.pk)
    mine["title_es"] = ["Trabajo doméstico remunerado"]
    check = editconflict.check

    def meanwhile(data, obj, **kwargs):
        transition(Program.objects.get(pk=obj.pk), Action.SUBMIT, by=colleague.user)
        return check(data, obj, **kwargs)

    monkeypatch.setattr("rialgender.workspace.editconflict.check", meanwhile)
    assert client.post(EDIT_ES.format(pk=draft.pk), mine).status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED and draft.submitted_at is not None
