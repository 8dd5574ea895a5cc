import datetime
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from dialogues.models import Event, Outcome, Recommendation, Registration
from members.models import Member, Ministry, NetworkRole, User
from rialgender.models import AreaOfAction
from rialgender.permissions import MEMBERS_GROUP, SECRETARIAT_GROUP

PASSWORD = "a-long-test-password"


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ministry
        django_get_or_create = ["country"]

    country = factory.Iterator(["AR", "CL", "CR", "TT", "MX", "CO", "PE", "UY", "BR", "CA"])
    name_en = factory.LazyAttribute(lambda o: f"Ministry of Labor of {o.country}")
    name_es = factory.LazyAttribute(lambda o: f"Ministerio de Trabajo de {o.country}")
    gender_unit_en = "Gender Unit"
    gender_unit_es = "Unidad de Género"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    language = "es"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    ministry = factory.SubFactory(MinistryFactory)
    title = "Head of the Gender Unit"
    unit = "Gender Unit"
    network_role = NetworkRole.CONTACT
    languages = ["es"]

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            obj.user.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
            for name in extracted or []:
                obj.user.groups.add(Group.objects.get_or_create(name=name)[0])


def make_secretariat(**kwargs) -> User:
    user = UserFactory(is_staff=True, language="en", **kwargs)
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    return user


def make_steering_member(ministry) -> Member:
    """A member whose ministry holds a seat on the committee in office."""
    import datetime

    from members.models import SteeringCommittee, SteeringSeat

    committee, _created = SteeringCommittee.objects.get_or_create(
        term_start=datetime.date(2022, 6, 24), defaults={"term_end": datetime.date(2023, 6, 30)}
    )
    SteeringSeat.objects.get_or_create(
        committee=committee, ministry=ministry, defaults={"role": "elected"}
    )
    return MemberFactory(ministry=ministry)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaOfAction
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"area-{n}")
    name_en = factory.Sequence(lambda n: f"Area {n}")
    name_es = factory.Sequence(lambda n: f"Área {n}")
    order = factory.Sequence(int)


# --- Dialogues and workshops ---------------------------------------------------------------

WASHINGTON = ZoneInfo("America/New_York")


def in_weeks(weeks: float, hour: int = 10) -> datetime.datetime:
    """That many weeks from now, at `hour` o'clock in Washington."""
    moment = (timezone.now() + datetime.timedelta(weeks=weeks)).astimezone(WASHINGTON)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    """A published virtual dialogue six weeks ahead, 10:00-13:00 in Washington."""

    class Meta:
        model = Event

    kind = "dialogue"
    number = factory.Sequence(lambda n: 100 + n)
    title_en = factory.Sequence(lambda n: f"Hemispheric Dialogue {n} on care and work")
    title_es = factory.Sequence(lambda n: f"Diálogo Hemisférico {n} sobre cuidados y trabajo")
    description_en = "The gender units share their care policies."
    description_es = "Las unidades de género comparten sus políticas de cuidado."
    starts_at = factory.LazyFunction(lambda: in_weeks(6))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    time_zone = "America/New_York"
    languages = ["es", "en"]
    connection_link = "https://meet.example.org/dialogue-secret-link"
    connection_details = "Passcode 4242"
    state = "published"
    published_at = factory.LazyFunction(timezone.now)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    language = "es"
    time_zone = "America/Asuncion"
    category = "member_state"
    country = "PY"
    delegation = factory.LazyAttribute(lambda o: f"country:{o.country}")
    status = "confirmed"


def register_member(member, event, **kwargs) -> Registration:
    """A member's own registration, as the site makes it."""
    user = member.user
    defaults = {
        "event": event, "user": user, "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email, "language": user.language, "ministry": member.ministry,
        "country": member.ministry.country.code, "time_zone": member.effective_time_zone,
        "delegation": f"country:{member.ministry.country.code}",
    }  # fmt: skip
    return RegistrationFactory(**{**defaults, **kwargs})


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    event = factory.SubFactory(EventFactory)
    conclusions_en = "Labor inspection is key to gender equality.\n\nUnits need a budget."
    conclusions_es = (
        "La inspección laboral es clave para la igualdad de género.\n\n"
        "Las unidades necesitan presupuesto."
    )
    state = "published"
    published_at = factory.LazyFunction(timezone.now)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    outcome = factory.SubFactory(OutcomeFactory)
    number = factory.Sequence(lambda n: n + 1)
    text_en = factory.Sequence(lambda n: f"Train labor inspectors on gender ({n}).")
    text_es = factory.Sequence(lambda n: f"Capacitar a las personas inspectoras en género ({n}).")


# --- Documentation center ---------------------------------------------------------------


class ParameterSetFactory(factory.django.DjangoModelFactory):
    """A version of the inclusion parameters; approved (in force) unless approved_on=None.
    Its parameters: two required asking the proposer, one required checked by the
    Secretariat, one recommended."""

    class Meta:
        model = "docs_center.ParameterSet"
        skip_postgeneration_save = True

    version = factory.Sequence(lambda n: n + 1)
    approved_on = factory.LazyFunction(lambda: __import__("datetime").date(2022, 12, 1))

    @factory.post_generation
    def parameters(obj, create, extracted, **kwargs):
        if not create:
            return
        from docs_center.models import Parameter

        rows = extracted or [
            ("Relevant to the areas of action", "Relevante para las áreas de acción",
             "Which areas?", "¿Qué áreas?", True),
            ("Useful to the gender units", "Útil para las unidades de género",
             "How can a unit use it?", "¿Cómo puede usarlo una unidad?", True),
            ("Reliable source", "Fuente confiable", "", "", True),
            ("Recent", "Reciente", "", "", False),
        ]  # fmt: skip
        for order, (text_en, text_es, ask_en, ask_es, required) in enumerate(rows, 1):
            Parameter.objects.create(
                parameter_set=obj, order=order, text_en=text_en, text_es=text_es,
                guidance_en=ask_en, guidance_es=ask_es, required=required,
            )  # fmt: skip


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "docs_center.Resource"

    ministry = factory.SubFactory(MinistryFactory)
    resource_type = "guide"
    title_en = factory.Sequence(lambda n: f"Guide {n} on care work")
    title_es = factory.Sequence(lambda n: f"Guía {n} sobre cuidados")
    abstract_en = "A practical guide for gender units."
    abstract_es = "Una guía práctica para las unidades de género."
    organization = "Ministry of Labor"
    year = 2022
    document_languages = factory.LazyFunction(lambda: ["es"])


def published_resource(**kwargs):
    """A published resource (state set directly, as data fixtures do)."""
    from django.utils import timezone

    from rialgender.workflow import State

    return ResourceFactory(state=State.PUBLISHED, published_at=timezone.now(), **kwargs)


def resource_file(resource, data: bytes, *, language="es", content_type="application/pdf"):
    """A file of `resource` with its text read now, as the Celery task would."""
    from django.core.files.base import ContentFile

    from docs_center.models import ResourceFile
    from docs_center.services import file_extract_text, file_make_thumbnail

    stored = ResourceFile.objects.create(
        resource=resource, language=language, content_type=content_type, size=len(data),
        file=ContentFile(data, name="document.pdf" if content_type == "application/pdf" else "document.bin"),
    )  # fmt: skip
    file_extract_text(file_id=stored.pk)
    file_make_thumbnail(file_id=stored.pk)  # queued after the commit in real life
    stored.refresh_from_db()
    return stored


# --- Files --------------------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(*, text: bytes = b"") -> bytes:
    """A valid 1x1 PNG; `text` goes into a tEXt chunk (where a polyglot hides its markup)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    extra = chunk(b"tEXt", b"Comment\x00" + text) if text else b""
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + extra + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )  # fmt: skip


def jpeg_bytes(*, comment: bytes = b"", trailer: bytes = b"") -> bytes:
    """The segments of a JPEG (JFIF header, optional comment, a scan) and its end marker."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    com = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment if comment else b""
    scan = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + bytes(range(1, 200))
    return b"\xff\xd8" + app0 + com + scan + b"\xff\xd9" + trailer


# --- Bilateral cooperation ---------------------------------------------------------------


class CallFactory(factory.django.DjangoModelFactory):
    """A published call, open from 30 days ago to 30 days from now, with the usual criteria."""

    class Meta:
        model = "cooperation.Call"
        django_get_or_create = ["number"]
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: 100 + n)
    year = 2026
    title_en = factory.LazyAttribute(lambda o: f"Call {o.number} for Bilateral Cooperation")
    title_es = factory.LazyAttribute(lambda o: f"Convocatoria {o.number} de Cooperación Bilateral")
    terms_en = "Ministries of labor apply in pairs."
    terms_es = "Los ministerios de trabajo postulan en parejas."
    opens_at = factory.LazyFunction(lambda: _now() - _days(30))
    closes_at = factory.LazyFunction(lambda: _now() + _days(30))
    time_zone = "America/New_York"
    modalities = factory.LazyFunction(lambda: ["virtual", "in_person"])
    state = "published"
    published_at = factory.LazyFunction(lambda: _now() - _days(30))

    @factory.post_generation
    def criteria(obj, create, extracted, **kwargs):
        if create:
            from cooperation.services import call_seed_criteria

            call_seed_criteria(call=obj)

    @factory.post_generation
    def reviewers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.reviewers.set(extracted)


def _now():
    from django.utils import timezone

    return timezone.now()


def _days(n):
    from datetime import timedelta

    return timedelta(days=n)


class CooperationRequestFactory(factory.django.DjangoModelFactory):
    """A draft joint request; its `content_hash` is the fingerprint of what it says."""

    class Meta:
        model = "cooperation.CooperationRequest"
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    requesting_ministry = factory.SubFactory(MinistryFactory, country="CO")
    providing_ministry = factory.SubFactory(MinistryFactory, country="UY")
    title_en = factory.Sequence(lambda n: f"Formalization of domestic work {n}")
    title_es = factory.Sequence(lambda n: f"Formalización del trabajo doméstico {n}")
    summary_en = "Uruguay shares its experience with Colombia."
    summary_es = "Uruguay comparte su experiencia con Colombia."
    modality = "virtual"

    @factory.post_generation
    def fingerprint(obj, create, extracted, **kwargs):
        if create:
            obj.content_hash = obj.content_fingerprint(
                obj.areas.values_list("pk", flat=True), obj.activities.order_by("start", "pk")
            )
            type(obj).objects.filter(pk=obj.pk).update(content_hash=obj.content_hash)


def confirm_both(request):
    """Both ministries confirmed the request's current text (as the service records it)."""
    from cooperation.models import EventKind, RequestEvent

    for ministry_id in request.party_ministry_ids():
        RequestEvent.objects.create(
            request=request, kind=EventKind.CONFIRMED, ministry_id=ministry_id,
            content_hash=request.content_hash,
        )  # fmt: skip


def submitted_request(**kwargs):
    """A request both ministries confirmed and submitted, under review."""
    from django.utils import timezone

    request = CooperationRequestFactory(
        **{"state": "submitted", "submitted_at": timezone.now(), **kwargs}
    )
    confirm_both(request)
    return request


def selected_project(**kwargs):
    """A selected, published project."""
    from django.utils import timezone

    return submitted_request(
        **{"decision": "selected", "decided_at": timezone.now(), "state": "published",
           "published_at": timezone.now(), **kwargs}
    )  # fmt: skip


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cooperation.Listing"

    ministry = factory.SubFactory(MinistryFactory)
    kind = "offer"
    area = factory.SubFactory(AreaFactory)
    title_en = factory.Sequence(lambda n: f"Experience number {n}")
    title_es = factory.Sequence(lambda n: f"Experiencia número {n}")


def bulk_requests(count, *, calls=None, ministry=None, **fields):
    """`count` requests fast, each a different pair of ministries in its call: with
    `ministry`, it is the requesting party of every one (over as many calls as needed)."""
    from itertools import combinations

    from cooperation.models import CooperationRequest
    from rialgender.countries import NETWORK_COUNTRIES

    ministries = [MinistryFactory(country=code) for code in NETWORK_COUNTRIES]
    if ministry is not None:
        pairs = [(ministry, other) for other in ministries if other.pk != ministry.pk]
    else:
        pairs = list(combinations(ministries, 2))
    per_call = len(pairs)
    calls = list(calls or [])
    while len(calls) * per_call < count:
        calls.append(CallFactory())
    rows = [
        CooperationRequest(
            call=calls[i // per_call], requesting_ministry=pairs[i % per_call][0],
            providing_ministry=pairs[i % per_call][1], title_en=f"Bulk request {i}",
            title_es=f"Solicitud masiva {i}", summary_en="A summary.", summary_es="Un resumen.",
            content_hash=f"{i:064d}", translation_complete=True, **fields,
        )
        for i in range(count)
    ]  # fmt: skip
    return CooperationRequest.objects.bulk_create(rows)
