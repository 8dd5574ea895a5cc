"""The countries of the network: the OAS member states and the permanent observers whose
ministries take part. Names in both languages come from django-countries."""

OAS_MEMBER_STATES = [
    "AG", "AR", "BS", "BB", "BZ", "BO", "BR", "CA", "CL", "CO", "CR", "CU", "DM", "DO",
    "EC", "SV", "GD", "GT", "GY", "HT", "HN", "JM", "MX", "NI", "PA", "PY", "PE", "KN",
    "LC", "VC", "SR", "TT", "US", "UY", "VE",
]  # fmt: skip
OBSERVER_STATES = ["ES"]

NETWORK_COUNTRIES = OAS_MEMBER_STATES + OBSERVER_STATES
