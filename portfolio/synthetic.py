"""Large synthetic portfolios for the benchmark: realistic bilingual vocabulary, every facet
populated, generated inside PostgreSQL (INSERT ... SELECT over generate_series) so that a
million rows take minutes, not hours. Never used for demo data."""

from django.db import connection

WORDS_EN = [
    "domestic", "workers", "care", "inspection", "gender", "violence", "harassment", "telework",
    "employment", "women", "rural", "indigenous", "migrant", "youth", "training", "seal",
    "equity", "wage", "gap", "statistics", "entrepreneurs", "cooperatives", "formalization",
    "social", "protection", "childcare", "leave", "maternity", "union", "dialogue",
]  # fmt: skip
WORDS_ES = [
    "domésticas", "trabajadoras", "cuidados", "inspección", "género", "violencia", "acoso",
    "teletrabajo", "empleo", "mujeres", "rurales", "indígenas", "migrantes", "jóvenes",
    "capacitación", "sello", "equidad", "salarial", "brecha", "estadísticas", "emprendedoras",
    "cooperativas", "formalización", "protección", "social", "licencias", "maternidad",
    "sindical", "diálogo", "corresponsabilidad",
]  # fmt: skip
GROUPS = [
    "domestic_workers", "rural_women", "indigenous_women", "afro_descendant_women",
    "migrant_women", "women_with_disabilities", "young_women", "care_workers",
]  # fmt: skip
TYPES = [
    "policy",
    "program",
    "law",
    "training",
    "inspection",
    "campaign",
    "seal",
    "service",
    "other",
]
EVALUATIONS = ["none", "none", "monitoring", "process", "impact"]


def _sentence(words: str, n: int, seed_col: str) -> str:
    # n pseudo-random words picked from a text[] literal, deterministic per row.
    picks = " || ' ' || ".join(
        f"({words})[1 + (abs(hashtext(({seed_col})::text || '{i}')) %% array_length({words}, 1))]"
        for i in range(n)
    )
    return f"({picks})"


def generate(rows: int, *, batch: int = 50_000, stdout=None) -> None:
    """Insert `rows` published programs spread over the existing ministries and areas."""
    en = "ARRAY[" + ",".join(f"'{w}'" for w in WORDS_EN) + "]::text[]"
    es = "ARRAY[" + ",".join(f"'{w}'" for w in WORDS_ES) + "]::text[]"
    groups = "ARRAY[" + ",".join(f"'{g}'" for g in GROUPS) + "]::varchar[]"
    types = "ARRAY[" + ",".join(f"'{t}'" for t in TYPES) + "]::text[]"
    evals = "ARRAY[" + ",".join(f"'{e}'" for e in EVALUATIONS) + "]::text[]"
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_agg(id ORDER BY id) FROM members_ministry")
        ministries = cursor.fetchone()[0]
        cursor.execute("SELECT array_agg(id ORDER BY id) FROM rialgender_areaofaction")
        areas = cursor.fetchone()[0]
        start = 0
        while start < rows:
            stop = min(rows, start + batch)
            cursor.execute(
                f"""
                INSERT INTO portfolio_program (
                    ministry_id, state, created_at, updated_at, published_at, review_comment,
                    translation_en, translation_es, translation_complete, translation_sync,
                    title_en, title_es, summary_en, summary_es, objectives_en, objectives_es,
                    target_population_en, target_population_es, description_en, description_es,
                    results_en, results_es, lessons_en, lessons_es, partners_en, partners_es,
                    evaluation_findings_en, evaluation_findings_es, title, summary, objectives,
                    target_population, description, results, lessons, partners, evaluation_findings,
                    intervention_type, population_groups, start_year, end_year, evaluation_type,
                    is_experimental, evaluated_by, evaluation_url, links, contact_email, area_ids)
                SELECT
                    (%(ministries)s::bigint[])[1 + g %% array_length(%(ministries)s::bigint[], 1)],
                    'published', now(), now(), now() - (g || ' minutes')::interval, '',
                    'up_to_date', 'up_to_date', true, '{{}}',
                    initcap({_sentence(en, 4, "g")}), initcap({_sentence(es, 4, "g")}),
                    {_sentence(en, 18, "g+1")}, {_sentence(es, 18, "g+1")},
                    {_sentence(en, 12, "g+2")}, {_sentence(es, 12, "g+2")},
                    '', '', {_sentence(en, 25, "g+3")}, {_sentence(es, 25, "g+3")},
                    '', '', '', '', '', '', '', '',
                    '', '', '', '', '', '', '', '', '',
                    ({types})[1 + g %% 9],
                    ARRAY[({groups})[1 + g %% 8], ({groups})[1 + (g / 8) %% 8]],
                    2005 + g %% 18, CASE WHEN g %% 3 = 0 THEN NULL ELSE 2023 + g %% 3 END,
                    ({evals})[1 + g %% 5], g %% 7 = 0, '', '', '', '',
                    ARRAY[(%(areas)s::bigint[])[1 + g %% array_length(%(areas)s::bigint[], 1)]]
                FROM generate_series(%(start)s, %(stop)s - 1) AS g
                """,
                {"ministries": ministries, "areas": areas, "start": start, "stop": stop},
            )
            start = stop
            if stdout:
                stdout.write(f"  {stop:,} programs\n")
        # area_ids was written above: the triggers that would touch a million programs to
        # recompute it are off while the matching rows go in.
        cursor.execute("ALTER TABLE portfolio_program_areas DISABLE TRIGGER USER")
        try:
            cursor.execute(
                """
                INSERT INTO portfolio_program_areas (program_id, areaofaction_id)
                SELECT p.id, p.area_ids[1] FROM portfolio_program p WHERE p.area_ids <> '{}'
                ON CONFLICT DO NOTHING
                """
            )
        finally:
            cursor.execute("ALTER TABLE portfolio_program_areas ENABLE TRIGGER USER")
        cursor.execute("ANALYZE portfolio_program; ANALYZE portfolio_program_areas;")
