"""The directory is for members only; contact details never reach anyone else."""

import pytest

from members.models import NetworkRole
from members.services import member_deactivate
from tests.factories import MemberFactory, MinistryFactory, UserFactory

DIRECTORY = {"en": "/en/members/", "es": "/es/miembros/"}


@pytest.fixture
def listed(ministry):
    return MemberFactory(
        ministry=ministry,
        network_role=NetworkRole.REPRESENTATIVE,
        user=UserFactory(first_name="Lucía", last_name="Ferreyra", email="lucia@example.org"),
        phone="+54 11 5555 0101",
        title="Directora",
    )


def test_anonymous_visitors_are_asked_to_log_in_and_see_no_contact(client, listed):
    for url in (
        *DIRECTORY.values(),
        "/en/members/ministries/ar/",
        f"/en/members/people/{listed.pk}/vcard/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert b"lucia@example.org" not in response.content


def test_a_member_of_another_ministry_sees_the_directory(client, other_member, listed):
    client.force_login(other_member.user)
    response = client.get(DIRECTORY["en"])
    body = response.content.decode()
    assert response.status_code == 200
    assert "lucia@example.org" in body and "+54 11 5555 0101" in body
    assert "Representative (head of the gender unit)" in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in body


def test_the_directory_in_spanish(client, member, listed):
    client.force_login(member.user)
    body = client.get(DIRECTORY["es"]).content.decode()
    assert (
        "Directorio de miembros" in body
        and "Representante (jefa o jefe de la unidad de género)" in body
    )


def test_staff_outside_the_secretariat_get_404(client, listed):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(DIRECTORY["en"]).status_code == 404


def test_the_secretariat_sees_the_directory(client, secretariat, listed):
    client.force_login(secretariat)
    assert "lucia@example.org" in client.get(DIRECTORY["en"]).content.decode()


def test_a_deactivated_member_neither_sees_nor_appears(client, member, listed, other_member):
    member_deactivate(member=listed)
    client.force_login(other_member.user)
    assert "lucia@example.org" not in client.get(DIRECTORY["en"]).content.decode()
    assert client.get(f"/en/members/people/{listed.pk}/vcard/").status_code == 404
    # The person who left can no longer get in.
    client.force_login(listed.user)
    response = client.get(DIRECTORY["en"])
    assert response.status_code == 302 and b"lucia@example.org" not in response.content


def test_search_by_name_ignores_accents_and_case(client, member, listed, other_member):
    client.force_login(member.user)
    body = client.get(DIRECTORY["en"], {"q": "LUCIA"}).content.decode()
    assert "lucia@example.org" in body
    assert other_member.user.email not in body


def test_filter_by_country_and_role(client, member, listed, other_member):
    client.force_login(member.user)
    body = client.get(DIRECTORY["en"], {"country": "CL"}).content.decode()
    assert other_member.user.email in body and "lucia@example.org" not in body
    body = client.get(DIRECTORY["en"], {"role": "representative"}).content.decode()
    assert "lucia@example.org" in body and other_member.user.email not in body


def test_bad_filters_are_ignored_and_what_was_typed_is_kept(client, member, listed):
    client.force_login(member.user)
    response = client.get(DIRECTORY["en"], {"q": "Ferreyra", "country": "ZZ", "role": "boss"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Ferreyra"' in body
    assert "lucia@example.org" in body  # invalid filters do not hide everyone


def test_ministry_page_lists_its_people_and_gender_unit(client, other_member, listed):
    client.force_login(other_member.user)
    body = client.get("/es/miembros/ministerios/ar/").content.decode()
    assert "lucia@example.org" in body and "Unidad de Género" in body
    assert client.get("/en/members/ministries/zz/").status_code == 404


def test_vcard(client, other_member, listed):
    client.force_login(other_member.user)
    response = client.get(f"/en/members/people/{listed.pk}/vcard/")
    assert response["Content-Type"].startswith("text/vcard")
    card = response.content.decode()
    assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert "FN:Lucía Ferreyra" in card and "EMAIL;TYPE=work:lucia@example.org" in card
    assert "TEL;TYPE=work,voice:+54 11 5555 0101" in card and card.endswith("END:VCARD\r\n")


def test_public_pages_feeds_and_sitemap_carry_no_contact_details(client, listed):
    for url in ("/en/", "/es/", "/en/about/", "/es/acerca/", "/en/about/work-plan/",
                "/sitemap.xml", "/en/portfolio/", "/en/portfolio/rss/", "/robots.txt"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"lucia@example.org" not in response.content and b"5555 0101" not in response.content
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /en/members/" in robots and "Disallow: /es/miembros/" in robots


def test_the_public_sees_the_participating_ministries(client, listed):
    body = client.get("/en/about/").content.decode()
    assert "Argentina" in body and "Ferreyra" not in body


@pytest.mark.parametrize("size", [10, 1000])
def test_directory_queries_do_not_grow(client, member, django_assert_max_num_queries, size):
    ministries = [MinistryFactory(country=c) for c in ("MX", "CO", "PE", "UY", "BR")]
    users = UserFactory.create_batch(size)
    for index, user in enumerate(users):
        MemberFactory(user=user, ministry=ministries[index % len(ministries)])
    client.force_login(member.user)
    with django_assert_max_num_queries(9):
        response = client.get(DIRECTORY["en"])
    assert response.status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get("/en/members/ministries/mx/").status_code == 200


def test_profile_edits_are_recorded(client, member):
    client.force_login(member.user)
    response = client.post(
        "/en/members/my-profile/",
        {"first_name": "Ana", "last_name": "Pérez", "title": "Jefa", "unit": "Unidad",
         "phone": "+54 1", "languages": ["es", "pt"], "language": "en"},
    )  # fmt: skip
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.languages == ["es", "pt"]
    assert member.history.count() >= 2 and member.user.history.count() >= 1
    assert member.history.first().title == "Jefa"


def test_profile_keeps_what_was_typed_on_error(client, member):
    client.force_login(member.user)
    response = client.post(
        "/es/miembros/mi-perfil/",
        {"first_name": "", "last_name": "Pérez", "title": "Jefa de Unidad", "language": "es"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Este campo es obligatorio" in body and 'value="Jefa de Unidad"' in body


def test_only_the_secretariat_exports_the_directory(client, member, listed, secretariat):
    client.force_login(member.user)
    response = client.get("/en/admin/members/member/export/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(secretariat)
    fields = ["first_name", "last_name", "email", "phone", "country", "role"]
    response = client.post(
        "/en/admin/members/member/export/",
        {"format": "0", "resource": "0", **{f"memberresource_{name}": "on" for name in fields}},
    )
    assert response.status_code == 200 and b"lucia@example.org" in response.content


def test_heads_of_unit_come_before_second_representatives(client, member, ministry):
    """In the directory and on the ministry's page: the representative (head of the unit),
    then the second representative, then other contacts, whatever their names."""
    for role, last_name in (
        (NetworkRole.CONTACT, "Aguirre"),
        (NetworkRole.ALTERNATE, "Benítez"),
        (NetworkRole.REPRESENTATIVE, "Zárate"),
    ):
        MemberFactory(
            ministry=ministry, network_role=role,
            user=UserFactory(first_name="Ana", last_name=last_name),
        )  # fmt: skip
    client.force_login(member.user)
    for url in (DIRECTORY["en"], "/en/members/ministries/ar/", "/es/miembros/ministerios/ar/"):
        body = client.get(url).content.decode()
        assert body.index("Zárate") < body.index("Benítez") < body.index("Aguirre"), url
