"""A resource described in simple Dublin Core, in both languages: the same elements in the
<meta> tags of its page and in its OAI-PMH oai_dc record.

`Describer` works out once what every record shares (labels of the types, licences,
countries and areas in each language; the addresses of the pages and files), so that
describing a record is plain string work: a full harvest describes every resource, and
doing it through model instances, translation switches and URL reversing per record would
cost ten times the serialising itself.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import get_script_prefix
from django.utils import translation

from docs_center.models import (
    LICENCE_URLS,
    DomesticWorkArea,
    Licence,
    ResourceType,
    country_choices,
)
from rialgender.reversing import SAMPLE_NAME, SAMPLE_PK, url_template

# The DCMI Type Vocabulary term of each kind of resource.
DCMI_TYPES = {
    ResourceType.AUDIOVISUAL: "MovingImage",
    ResourceType.DATA: "Dataset",
    ResourceType.TRAINING: "Event",
}
LANGUAGES = [code for code, _name in settings.LANGUAGES]
FIELDS = [
    "pk", "title_en", "title_es", "abstract_en", "abstract_es", "authors", "organization",
    "publisher", "year", "resource_type", "document_languages", "area_ids", "countries",
    "legislation_country", "domestic_work_areas", "ilo_conventions", "licence", "external_url",
]  # fmt: skip


@dataclass
class Record:
    """What a description reads of a resource (a row of FIELDS, and its files)."""

    values: dict
    files: list = field(default_factory=list)  # (pk, file name, content type)


def _labels(choices) -> dict[str, dict[str, str]]:
    out = {}
    for code in LANGUAGES:
        with translation.override(code):
            out[code] = {value: str(label) for value, label in choices}
    return out


def _url_template(url_name: str, language: str, **kwargs) -> str:
    """A page's absolute address with {placeholders}, reversed once (rialgender.reversing)."""
    with translation.override(language):
        return settings.SITE_URL + url_template(url_name, **kwargs)


class Describer:
    def __init__(self, areas):
        self.areas = {area.pk: area for area in areas}
        self.types = _labels(ResourceType.choices)
        self.licences = _labels(Licence.choices)
        # Country names are worked out when asked for (django-countries), so in each language.
        self.countries = {}
        for code in LANGUAGES:
            with translation.override(code):
                self.countries[code] = {c: str(name) for c, name in country_choices()}
        self.domestic = _labels(DomesticWorkArea.choices)
        self.pages = {
            code: _url_template("docs_center:resource-detail", code, pk=SAMPLE_PK)
            for code in LANGUAGES
        }
        self.file_url = _url_template(
            "protected-file", LANGUAGES[0], label="docs_center.resourcefile", pk=SAMPLE_PK,
            field="file", name=SAMPLE_NAME,
        )  # fmt: skip
        # All of the above, as one value: records written with another fingerprint say
        # something else (docs_center.oai.compiled_key). The same in every process.
        self.fingerprint = hashlib.sha256(
            repr((
                sorted((a.pk, a.slug, a.name_en, a.name_es) for a in self.areas.values()),
                self.types, self.licences, self.countries, self.domestic, self.pages,
                self.file_url, DCMI_TYPES, LICENCE_URLS, LANGUAGES,
            )).encode()
        ).hexdigest()  # fmt: skip

    def elements(self, record: Record) -> list[tuple[str, str, str]]:
        """(element, value, xml:lang or "") in a stable order, every value plain text."""
        v = record.values
        out = []
        add = out.append
        for code in LANGUAGES:
            if v[f"title_{code}"]:
                add(("title", v[f"title_{code}"], code))
        authors = [line.strip() for line in (v["authors"] or "").splitlines() if line.strip()]
        for name in authors or ([v["organization"]] if v["organization"] else []):
            add(("creator", name, ""))
        areas = [self.areas[pk] for pk in v["area_ids"] or () if pk in self.areas]
        for code in LANGUAGES:
            for area in areas:
                name = getattr(area, f"name_{code}")
                if name:
                    add(("subject", name, code))
        if v["domestic_work_areas"]:
            for code in LANGUAGES:
                add(
                    (
                        "subject",
                        "; ".join(self.domestic[code].get(a, a) for a in v["domestic_work_areas"]),
                        code,
                    )
                )
        for convention in v["ilo_conventions"] or ():
            add(("subject", convention, ""))
        for code in LANGUAGES:
            if v[f"abstract_{code}"]:
                add(("description", v[f"abstract_{code}"], code))
        publisher = v["publisher"] or v["organization"]
        if publisher:
            add(("publisher", publisher, ""))
        if v["year"]:
            add(("date", str(v["year"]), ""))
        add(("type", DCMI_TYPES.get(v["resource_type"], "Text"), ""))
        for code in LANGUAGES:
            add(("type", self.types[code].get(v["resource_type"], v["resource_type"]), code))
        for content_type in dict.fromkeys(ctype for _pk, _name, ctype in record.files):
            add(("format", content_type, ""))
        for code in LANGUAGES:
            add(("identifier", self.pages[code].format(pk=v["pk"]), code))
        if v["external_url"]:
            add(("identifier", v["external_url"], ""))
        for language in v["document_languages"] or ():
            add(("language", language, ""))
        for pk, name, _ctype in record.files:
            add(("relation", self.file_url.format(pk=pk, name=name.rsplit("/", 1)[-1]), ""))
        place = list(v["countries"] or ())
        if v["legislation_country"] and v["legislation_country"] not in place:
            place.append(v["legislation_country"])
        for code in LANGUAGES:
            for country in place:
                add(("coverage", self.countries[code].get(country, country), code))
        for code in LANGUAGES:
            add(("rights", self.licences[code].get(v["licence"], v["licence"]), code))
        if LICENCE_URLS.get(v["licence"]):
            add(("rights", LICENCE_URLS[v["licence"]], ""))
        return out


_DESCRIBERS: dict = {}


def describer(areas) -> Describer:
    """The Describer of these areas, made once and kept while the areas and the site's
    address stay the same (making one costs more than describing a page of records)."""
    areas = list(areas)
    key = (
        settings.SITE_URL,
        get_script_prefix(),
        tuple((a.pk, a.slug, a.name_en, a.name_es) for a in areas),
    )
    found = _DESCRIBERS.get(key)
    if found is None:
        _DESCRIBERS.clear()
        found = _DESCRIBERS[key] = Describer(areas)
    return found


def record_of(resource, files) -> Record:
    return Record(
        values={name: getattr(resource, name) for name in FIELDS},
        files=[(f.pk, f.file.name, f.content_type) for f in files],
    )


def elements(resource, *, areas, files) -> list[tuple[str, str, str]]:
    """The elements of one resource (its page's <meta> tags)."""
    return Describer(areas).elements(record_of(resource, files))
