"""A resource described in simple Dublin Core, in both languages: the same elements in the
<meta> tags of its page and in its OAI-PMH oai_dc record."""

from django.conf import settings
from django.utils import translation

from docs_center.models import ResourceType

# The DCMI Type Vocabulary term of each kind of resource.
DCMI_TYPES = {
    ResourceType.AUDIOVISUAL: "MovingImage",
    ResourceType.DATA: "Dataset",
    ResourceType.TRAINING: "Event",
}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _both(getter) -> list[tuple[str, str]]:
    """(value, language) in each language of the portal, skipping empty values."""
    values = []
    for code in LANGUAGES:
        with translation.override(code):
            value = str(getter(code) or "").strip()
        if value:
            values.append((value, code))
    return values


def elements(resource, *, areas, files) -> list[tuple[str, str, str]]:
    """(element, value, xml:lang or "") in a stable order, every value plain text."""
    from django_countries import countries

    out: list[tuple[str, str, str]] = []

    def add(name, values):
        for value, lang in values:
            out.append((name, value, lang))

    add("title", _both(lambda code: getattr(resource, f"title_{code}")))
    creators = resource.author_list() or ([resource.organization] if resource.organization else [])
    add("creator", [(name, "") for name in creators])
    subjects = [(area.name_en, "en") for area in areas] + [(area.name_es, "es") for area in areas]
    subjects += _both(lambda code: "; ".join(resource.domestic_work_area_labels()))
    subjects += [(code, "") for code in resource.ilo_conventions]
    add("subject", [(value, lang) for value, lang in subjects if value])
    add("description", _both(lambda code: getattr(resource, f"abstract_{code}")))
    publisher = resource.publisher or resource.organization
    if publisher:
        add("publisher", [(publisher, "")])
    if resource.year:
        add("date", [(str(resource.year), "")])
    add("type", [(DCMI_TYPES.get(resource.resource_type, "Text"), "")])
    add("type", _both(lambda code: resource.get_resource_type_display()))
    add("format", [(ctype, "") for ctype in dict.fromkeys(f.content_type for f in files)])
    add("identifier", _both(lambda code: settings.SITE_URL + resource.get_absolute_url()))
    if resource.external_url:
        add("identifier", [(resource.external_url, "")])
    add("language", [(code, "") for code in resource.document_languages])
    add("relation", [(settings.SITE_URL + f.get_absolute_url(), "") for f in files])
    place = [*resource.countries]
    if resource.legislation_country and resource.legislation_country not in place:
        place.append(resource.legislation_country)
    for code in LANGUAGES:
        with translation.override(code):
            add("coverage", [(str(countries.name(country)), code) for country in place])
    add("rights", _both(lambda code: resource.get_licence_display()))
    if resource.licence_url:
        add("rights", [(resource.licence_url, "")])
    return out
