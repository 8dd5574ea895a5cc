"""Synthetic people for the demo: invented names and addresses on a demo domain. The network's
participant lists name real officials; none of them is copied here."""

_FOCAL_POINTS = [
    # country, first, last, role, languages, preferred, title (en, es)
    ("AR", "Lucía", "Ferreyra", "representative", ["es"], "es", "National Director of Protection and Equality", "Directora Nacional de Protección e Igualdad"),
    ("AR", "Martín", "Galarza", "alternate", ["es", "en"], "es", "Gender and Diversity Liaison", "Enlace de Géneros y Diversidad"),
    ("CL", "Camila", "Undurraga", "representative", ["es"], "es", "Head of the Gender Unit", "Jefa de la Unidad de Género"),
    ("CL", "Tomás", "Réquiz", "alternate", ["es"], "es", "Gender Analyst", "Analista de Género"),
    ("CR", "Daniela", "Quesada", "representative", ["es", "en"], "es", "Coordinator of the Gender Equality Unit", "Coordinadora de la Unidad de Igualdad de Género"),
    ("CR", "Andrés", "Villalobos", "alternate", ["es"], "es", "Labor Inspection Specialist", "Especialista en Inspección Laboral"),
    ("TT", "Alisha", "Ramcharan", "representative", ["en"], "en", "Senior Policy Officer, Gender", "Oficial sénior de políticas de género"),
    ("TT", "Marcus", "Baptiste", "alternate", ["en"], "en", "Labour Officer", "Oficial de Trabajo"),
    ("MX", "Itzel", "Cuautle", "representative", ["es"], "es", "Director of Labor Equality", "Directora de Igualdad Laboral"),
    ("MX", "Rodrigo", "Zamudio", "alternate", ["es", "en"], "es", "Deputy Director for Gender Mainstreaming", "Subdirector de Transversalización de Género"),
    ("CO", "Valentina", "Arboleda", "representative", ["es"], "es", "Coordinator, Gender Equity Group", "Coordinadora del Grupo de Equidad de Género"),
    ("CO", "Felipe", "Mosquera", "alternate", ["es"], "es", "Advisor, Gender Equity Group", "Asesor del Grupo de Equidad de Género"),
    ("PY", "Rocío", "Giménez", "representative", ["es"], "es", "Director of Promotion of Working Women", "Directora de Promoción de la Mujer Trabajadora"),
    # The parties of the bilateral cooperation of the 15th and 16th calls.
    ("UY", "Soledad", "Irazábal", "representative", ["es", "en"], "es", "Head of the Gender Equity Unit", "Jefa de la Unidad de Equidad de Género"),
    ("UY", "Joaquín", "Larrañaga", "alternate", ["es"], "es", "Gender Equity Advisor", "Asesor de Equidad de Género"),
    ("BO", "Wara", "Condori", "representative", ["es"], "es", "Head of the Gender Unit", "Jefa de la Unidad de Género"),
    ("PA", "Yarelis", "Castillero", "representative", ["es", "en"], "es", "Director of Gender and Labor", "Directora de Género y Trabajo"),
]  # fmt: skip


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


SYNTHETIC_FOCAL_POINTS = [
    {
        "country": country,
        "first_name": first,
        "last_name": last,
        "email": f"{_ascii(first)}.{_ascii(last)}@{country.lower()}.demo.rialgender.org",
        "title_en": title_en,
        "title_es": title_es,
        "unit_en": "Gender Unit",
        "unit_es": "Unidad de Género",
        "role": role,
        "languages": languages,
        "preferred_language": preferred,
    }
    for country, first, last, role, languages, preferred, title_en, title_es in _FOCAL_POINTS
]

SECRETARIAT_STAFF = {
    "first_name": "Elena",
    "last_name": "Marchetti",
    "email": "secretariat@demo.rialgender.org",
    "title_en": "Labor Specialist, Technical Secretariat",
    "title_es": "Especialista laboral, Secretaría Técnica",
}
