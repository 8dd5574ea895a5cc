"""Large synthetic collections for bench/docs_search.py: bilingual vocabulary, every facet
populated, each resource with one file of N pages of text. Generated inside PostgreSQL
(INSERT ... SELECT over generate_series), so that 20,000 resources and 200,000 pages take
minutes. Never used for demo data."""

from django.db import connection

WORDS_EN = [
    "domestic", "workers", "care", "inspection", "gender", "violence", "harassment", "telework",
    "employment", "women", "rural", "indigenous", "migrant", "youth", "training", "seal",
    "equity", "wage", "gap", "statistics", "entrepreneurs", "cooperatives", "formalization",
    "social", "protection", "childcare", "leave", "maternity", "union", "dialogue", "labor",
    "ministry", "unit", "policy", "guide", "protocol", "law", "convention", "data", "survey",
]  # fmt: skip
WORDS_ES = [
    "domésticas", "trabajadoras", "cuidados", "inspección", "género", "violencia", "acoso",
    "teletrabajo", "empleo", "mujeres", "rurales", "indígenas", "migrantes", "jóvenes",
    "capacitación", "sello", "equidad", "salarial", "brecha", "estadísticas", "emprendedoras",
    "cooperativas", "formalización", "protección", "social", "licencias", "maternidad",
    "sindical", "diálogo", "corresponsabilidad", "enfoque", "ministerio", "unidad", "política",
    "guía", "protocolo", "ley", "convenio", "datos", "encuesta",
]  # fmt: skip
TYPES = ["publication", "guide", "training", "legislation", "presentation", "data", "audiovisual"]
COUNTRIES = ["AR", "CL", "CR", "TT", "MX", "CO", "PE", "UY", "BR", "CA", "JM", "PA"]


def _array(words) -> str:
    return "ARRAY[" + ",".join(f"'{w}'" for w in words) + "]::text[]"


def _sentence(words: str, n: int, seed: str) -> str:
    picks = " || ' ' || ".join(
        f"({words})[1 + (abs(hashtext(({seed})::text || '{i}')) %% array_length({words}, 1))]"
        for i in range(n)
    )
    return f"({picks})"


def generate(
    resources: int, pages: int, *, words_per_page: int = 120, batch: int = 2000, stdout=None
):
    """Insert `resources` published resources, each with one file of `pages` pages (half in
    Spanish, half in English), then compute their search documents."""
    en, es = _array(WORDS_EN), _array(WORDS_ES)
    types, countries = (
        _array(TYPES),
        "ARRAY[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]::varchar[]",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_agg(id ORDER BY id) FROM rialgender_areaofaction")
        areas = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(id), 0) FROM docs_center_resource")
        first = cursor.fetchone()[0] + 1
        # The resources' own trigger reads the pages: off while everything goes in, then the
        # search documents are computed once per resource.
        cursor.execute(
            "ALTER TABLE docs_center_resource DISABLE TRIGGER docs_center_resource_search"
        )
        try:
            start = 0
            while start < resources:
                stop = min(resources, start + batch)
                _insert_batch(
                    cursor,
                    start,
                    stop,
                    first,
                    pages,
                    words_per_page,
                    en,
                    es,
                    types,
                    countries,
                    areas,
                )
                start = stop
                if stdout:
                    stdout.write(f"  {stop:,} resources, {stop * pages:,} pages\n")
        finally:
            cursor.execute(
                "ALTER TABLE docs_center_resource ENABLE TRIGGER docs_center_resource_search"
            )
        if stdout:
            stdout.write("  computing the search documents...\n")
        cursor.execute(
            "UPDATE docs_center_resource SET text_version = text_version + 1 WHERE id >= %s",
            [first],
        )
        cursor.execute(
            "ANALYZE docs_center_resource; ANALYZE docs_center_filepage; ANALYZE docs_center_resourcefile;"
        )


def _insert_batch(cursor, start, stop, first, pages, words, en, es, types, countries, areas):
    cursor.execute(
        f"""
        INSERT INTO docs_center_resource (
            id, ministry_id, proposed_by_id, state, created_at, updated_at, submitted_at,
            published_at, review_comment, translation_en, translation_es, translation_complete,
            translation_sync, resource_type, title, title_en, title_es, abstract, abstract_en,
            abstract_es, authors, organization, publisher, year, document_languages, area_ids,
            domestic_work_areas, countries, licence, external_url, provider, modality,
            starts_on, ends_on, duration, duration_en, duration_es, cost, cost_en, cost_es,
            enrolment_url, enrolment_closes_on, legislation_country, legislation_kind,
            legislation_number, adopted_on, in_force_on, legislation_status, ilo_conventions,
            evidence, text_version)
        SELECT
            %(first)s + g, NULL, NULL, 'published', now(), now() - (g || ' seconds')::interval,
            NULL, now() - (g || ' minutes')::interval, '', 'up_to_date', 'up_to_date', true,
            '{{}}', ({types})[1 + g %% 7], '',
            initcap({_sentence(en, 5, "g")}), initcap({_sentence(es, 5, "g")}), '',
            {_sentence(en, 30, "g+1")}, {_sentence(es, 30, "g+1")},
            'Synthetic Author ' || (g %% 97), 'Ministry of Labor ' || (g %% 31), 'OAS', 2000 + g %% 24,
            CASE WHEN g %% 2 = 0 THEN ARRAY['es']::varchar[] ELSE ARRAY['en']::varchar[] END,
            ARRAY[(%(areas)s::bigint[])[1 + g %% array_length(%(areas)s::bigint[], 1)]],
            '{{}}', ARRAY[({countries})[1 + g %% 12]], 'unknown', '', '', '', NULL,
            CASE WHEN g %% 7 = 2 THEN current_date + (g %% 60 - 20) END, '', '', '', '', '', '', '',
            CASE WHEN g %% 7 = 2 THEN current_date + (g %% 60 - 30) END, '', '', '', NULL, NULL,
            '', '{{}}', '{{}}', 0
        FROM generate_series(%(start)s, %(stop)s - 1) AS g
        """,
        {"first": first, "areas": areas, "start": start, "stop": stop},
    )
    cursor.execute(
        """
        INSERT INTO docs_center_resourcefile (resource_id, file, language, content_type, size,
            uploaded_by_id, uploaded_at, text_status, text_error, page_count, extracted_at, thumbnail)
        SELECT %(first)s + g, 'bench/' || (%(first)s + g) || '.pdf',
            CASE WHEN g %% 2 = 0 THEN 'es' ELSE 'en' END, 'application/pdf', 0, NULL, now(),
            'extracted', '', %(pages)s, now(), ''
        FROM generate_series(%(start)s, %(stop)s - 1) AS g
        """,
        {"first": first, "start": start, "stop": stop, "pages": pages},
    )
    cursor.execute(
        f"""
        INSERT INTO docs_center_filepage (file_id, resource_id, number, language, text)
        SELECT f.id, f.resource_id, n, f.language,
            CASE WHEN f.language = 'es' THEN {_sentence(es, words, "f.id * 1000 + n")}
                 ELSE {_sentence(en, words, "f.id * 1000 + n")} END
        FROM docs_center_resourcefile f, generate_series(1, %(pages)s) AS n
        WHERE f.resource_id >= %(lo)s AND f.resource_id < %(hi)s
        """,
        {"pages": pages, "lo": first + start, "hi": first + stop},
    )
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence('docs_center_resource', 'id'), (SELECT max(id) FROM docs_center_resource))"
    )
