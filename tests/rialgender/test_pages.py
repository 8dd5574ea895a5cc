import pytest

from tests.factories import AreaFactory, MinistryFactory


@pytest.mark.parametrize("language", ["en", "es"])
def test_home_lists_the_areas_of_action(client, db, language):
    AreaFactory(name_en="Domestic work", name_es="Trabajo doméstico")
    html = client.get(f"/{language}/").content.decode()
    assert ("Trabajo doméstico" if language == "es" else "Domestic work") in html


def test_retired_area_is_not_shown(client, db):
    area = AreaFactory(name_en="Retired theme")
    area.retire()
    assert "Retired theme" not in client.get("/en/").content.decode()


def test_about_lists_ministries_in_the_visitors_language(client, db):
    MinistryFactory(
        country="CR",
        name_en="Ministry of Labor and Social Security",
        name_es="Ministerio de Trabajo y Seguridad Social",
    )
    assert "Costa Rica" in client.get("/en/about/").content.decode()
    html = client.get("/es/acerca/").content.decode()
    assert "Ministerio de Trabajo y Seguridad Social" in html


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("path", ["/en/", "/es/acerca/"])
def test_public_pages_have_bounded_queries(client, db, django_assert_max_num_queries, rows, path):
    codes = ["AR", "CL", "CR", "TT", "MX", "CO", "PE", "UY", "BR", "CA", "PA", "PY", "EC", "GT",
             "HN", "SV", "DO", "JM", "BB", "BS", "BZ", "BO", "GY", "HT", "NI", "SR", "US", "VE",
             "AG", "DM"][:rows]  # fmt: skip
    for code in codes:
        MinistryFactory(country=code)
        AreaFactory()
    # The home: areas, ministries, and one query per tool's "what is new" (portfolio,
    # dialogues, cooperation, documentation center, news).
    with django_assert_max_num_queries(7):
        assert client.get(path).status_code == 200


def test_robots_txt_keeps_private_areas_out_of_search_engines(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /en/admin/" in text
    assert "Disallow: /es/miembros/" in text


def test_static_files_are_hashed_and_compressed_in_production(settings):
    assert (
        "CompressedManifestStaticFilesStorage"
        in __import__("rialgender.settings.base", fromlist=["STORAGES"]).STORAGES["staticfiles"][
            "BACKEND"
        ]
    )


def test_country_names_are_spelled_right_in_spanish(client, db):
    MinistryFactory(country="TT", name_en="Ministry of Labour", name_es="Ministerio de Trabajo")
    assert "Trinidad y Tobago" in client.get("/es/acerca/").content.decode()
