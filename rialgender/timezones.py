"""The time zones of the network's countries, for people and events: a member's profile, an
event's organiser. Zone names are the IANA ones that `zoneinfo` reads ("America/Asuncion");
each is offered under its country, with the place people know it by.

- `TIME_ZONE_CHOICES`: grouped by country, for a select;
- `zone_label(name)`: "Asunción (Paraguay)", in the active language;
- `place_name(name)`: "Asunción", for "10:00 in Asunción";
- `default_zone(country)`: the zone of a country's capital, when someone has not chosen one;
- `validate_zone(name)`: a zone `zoneinfo` knows.
"""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# (zone, country, place). The first zone of a country is its capital's: the default.
ZONES = [
    ("America/Antigua", "AG", "St. John's"),
    ("America/Argentina/Buenos_Aires", "AR", _("Buenos Aires")),
    ("America/Nassau", "BS", "Nassau"),
    ("America/Barbados", "BB", "Bridgetown"),
    ("America/Belize", "BZ", "Belmopan"),
    ("America/La_Paz", "BO", "La Paz"),
    ("America/Sao_Paulo", "BR", _("Brasília and São Paulo")),
    ("America/Manaus", "BR", "Manaus"),
    ("America/Rio_Branco", "BR", "Rio Branco"),
    ("America/Noronha", "BR", "Fernando de Noronha"),
    ("America/Toronto", "CA", _("Ottawa and Toronto (Eastern time)")),
    ("America/St_Johns", "CA", _("St. John's (Newfoundland time)")),
    ("America/Halifax", "CA", _("Halifax (Atlantic time)")),
    ("America/Winnipeg", "CA", _("Winnipeg (Central time)")),
    ("America/Regina", "CA", _("Regina (Saskatchewan)")),
    ("America/Edmonton", "CA", _("Edmonton (Mountain time)")),
    ("America/Vancouver", "CA", _("Vancouver (Pacific time)")),
    ("America/Santiago", "CL", "Santiago"),
    ("America/Punta_Arenas", "CL", _("Punta Arenas (Magallanes)")),
    ("Pacific/Easter", "CL", _("Easter Island")),
    ("America/Bogota", "CO", _("Bogotá")),
    ("America/Costa_Rica", "CR", _("San José")),
    ("America/Havana", "CU", _("Havana")),
    ("America/Dominica", "DM", "Roseau"),
    ("America/Santo_Domingo", "DO", "Santo Domingo"),
    ("America/Guayaquil", "EC", _("Quito and Guayaquil")),
    ("Pacific/Galapagos", "EC", _("Galápagos Islands")),
    ("America/El_Salvador", "SV", "San Salvador"),
    ("America/Grenada", "GD", "St. George's"),
    ("America/Guatemala", "GT", _("Guatemala City")),
    ("America/Guyana", "GY", "Georgetown"),
    ("America/Port-au-Prince", "HT", _("Port-au-Prince")),
    ("America/Tegucigalpa", "HN", "Tegucigalpa"),
    ("America/Jamaica", "JM", "Kingston"),
    ("America/Mexico_City", "MX", _("Mexico City")),
    ("America/Cancun", "MX", _("Cancún (Quintana Roo)")),
    ("America/Hermosillo", "MX", _("Hermosillo (Sonora)")),
    ("America/Tijuana", "MX", _("Tijuana (Baja California)")),
    ("America/Managua", "NI", "Managua"),
    ("America/Panama", "PA", _("Panama City")),
    ("America/Asuncion", "PY", _("Asunción")),
    ("America/Lima", "PE", "Lima"),
    ("America/St_Kitts", "KN", "Basseterre"),
    ("America/St_Lucia", "LC", "Castries"),
    ("America/St_Vincent", "VC", "Kingstown"),
    ("America/Paramaribo", "SR", "Paramaribo"),
    ("America/Port_of_Spain", "TT", _("Port of Spain")),
    ("America/New_York", "US", _("Washington, D.C. (Eastern time)")),
    ("America/Chicago", "US", _("Chicago (Central time)")),
    ("America/Denver", "US", _("Denver (Mountain time)")),
    ("America/Phoenix", "US", _("Phoenix (Arizona)")),
    ("America/Los_Angeles", "US", _("Los Angeles (Pacific time)")),
    ("America/Anchorage", "US", _("Anchorage (Alaska)")),
    ("Pacific/Honolulu", "US", _("Honolulu (Hawaii)")),
    ("America/Puerto_Rico", "US", _("San Juan (Puerto Rico)")),
    ("America/Montevideo", "UY", "Montevideo"),
    ("America/Caracas", "VE", "Caracas"),
    ("Europe/Madrid", "ES", "Madrid"),
    ("Atlantic/Canary", "ES", _("Canary Islands")),
]

# Where the Secretariat organises from: the OAS in Washington, D.C.
ORGANISER_ZONE = "America/New_York"

_PLACES = {zone: place for zone, _country, place in ZONES}
_DEFAULTS: dict[str, str] = {}
for _zone, _country, _place in ZONES:
    _DEFAULTS.setdefault(_country, _zone)


def _country_name(code: str) -> str:
    from django_countries import countries

    return countries.name(code)


country_name_lazy = lazy(_country_name, str)


def _choices():
    groups: dict[str, list] = {}
    for zone, country, place in ZONES:
        groups.setdefault(country, []).append((zone, place))
    return [(country_name_lazy(country), zones) for country, zones in groups.items()]


TIME_ZONE_CHOICES = _choices()
ZONE_NAMES = frozenset(_PLACES)


def place_name(zone: str) -> str:
    """The place a zone is known by ("Asunción"); the zone's own name for one not listed."""
    place = _PLACES.get(zone)
    return str(place) if place is not None else zone.rsplit("/", 1)[-1].replace("_", " ")


def zone_label(zone: str):
    """ "Asunción (Paraguay)": the place and its country."""
    for name, country, place in ZONES:
        if name == zone:
            return format_lazy("{} ({})", place, country_name_lazy(country))
    return place_name(zone)


def default_zone(country: str | None) -> str:
    return _DEFAULTS.get(str(country or "").upper(), ORGANISER_ZONE)


def validate_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("Choose a time zone from the list."), code="invalid") from None
