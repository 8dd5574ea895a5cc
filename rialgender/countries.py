"""The countries of the network: the OAS member states and the permanent observers whose
ministries take part. Names in both languages come from django-countries."""

OAS_MEMBER_STATES = [
    "AG", "AR", "BS", "BB", "BZ", "BO", "BR", "CA", "CL", "CO", "CR", "CU", "DM", "DO",
    "EC", "SV", "GD", "GT", "GY", "HT", "HN", "JM", "MX", "NI", "PA", "PY", "PE", "KN",
    "LC", "VC", "SR", "TT", "US", "UY", "VE",
]  # fmt: skip
OBSERVER_STATES = ["ES"]

NETWORK_COUNTRIES = OAS_MEMBER_STATES + OBSERVER_STATES


def name_key(name: str) -> str:
    """A sort key for a name in the reader's language: accents and case do not count
    (Perú between Paraguay and Saint Kitts, El Salvador with the E's)."""
    import unicodedata

    return unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().casefold()


def network_country_choices() -> list[tuple[str, str]]:
    """(code, name) of the network's countries, named and ordered in the reader's language."""
    from django_countries import countries

    choices = [(code, countries.name(code)) for code in NETWORK_COUNTRIES]
    return sorted(choices, key=lambda choice: name_key(choice[1]))
