"""Demo data of bilateral cooperation, from the network's report 2022-2023 and Work Plan:

- the 15th RIAL Call for Bilateral Cooperation (2022), which selected Bolivia-Panama on
  strengthening women's cooperatives (Panama shared its "Changing Lives Axis"; Bolivia then
  developed a Technical Assistance Program for potential productive women's cooperative
  groups) and Uruguay-Argentina on gender-based violence and harassment at work (Uruguay
  launched its Manual to prevent and eradicate gender-based violence at work in March 2023);
- the 16th call (2023), which selected Colombia (requesting) and Uruguay (providing) on the
  formalization of paid domestic work, under way;
- offers and needs drawn from the conclusions of the dialogues;
- a call open on the day the demo is loaded (illustrative: numbered after the 16th, opened
  three weeks before and closing six weeks after), with Argentina's draft request to Costa
  Rica on inspection guides with a gender approach (the exchange the 5th Dialogue asked
  for), confirmed by Argentina and waiting for Costa Rica.

The calls opened at the beginning of each year (the report: "the call for proposals ... will
open in January 2023"); their exact days and hours here are illustrative. People are the
synthetic demo accounts. Idempotent: a request that exists is left as it is."""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from cooperation.models import (
    ActivityStatus,
    Call,
    CooperationRequest,
    Decision,
    EventKind,
    Listing,
    ListingKind,
    ProjectActivity,
    Report,
    ReportKind,
    RequestEvent,
    Result,
    ResultKind,
    Review,
    Score,
)
from cooperation.services import call_seed_criteria
from members.models import Member, Ministry, User
from rialgender.demo.history import record_demo_history
from rialgender.models import AreaOfAction
from rialgender.workflow import Action, State, Transition

WASHINGTON = zoneinfo.ZoneInfo("America/New_York")
# The portfolio's programs, reached through this app's own foreign key (the tools never
# import each other).
Program = CooperationRequest._meta.get_field("builds_on_program").related_model


def _moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=WASHINGTON)


TERMS = {
    "en": (
        "The RIAL calls for bilateral cooperation let the ministries of labor of the Americas "
        "provide and receive direct and personalized technical advice among themselves, planned "
        "according to the particular interests, strengths and needs of the two ministries.\n\n"
        "A request is presented jointly by a requesting ministry and a providing ministry, "
        "both of which confirm the same text before the call closes. The cooperation can be "
        "virtual or face to face. The Technical Secretariat and the reviewers score each request "
        "on its relevance, feasibility, the commitment of both institutions and its expected "
        "results."
    ),
    "es": (
        "Las convocatorias de cooperación bilateral de la RIAL permiten a los ministerios de "
        "trabajo de las Américas brindar y recibir entre sí asesoría técnica directa y "
        "personalizada, planificada según los intereses, fortalezas y necesidades particulares "
        "de los dos ministerios.\n\n"
        "Una solicitud se presenta en conjunto por un ministerio solicitante y un ministerio "
        "oferente, que confirman el mismo texto antes del cierre de la convocatoria. La "
        "cooperación puede ser virtual o presencial. La Secretaría Técnica y las personas "
        "evaluadoras califican cada solicitud según su pertinencia, su viabilidad, el compromiso "
        "de ambas instituciones y sus resultados esperados."
    ),
}

CALLS = [
    {
        "number": 15, "year": 2022,
        "title_en": "15th RIAL Call for Bilateral Cooperation",
        "title_es": "15.ª Convocatoria de Cooperación Bilateral de la RIAL",
        "opens": "2022-01-17T09:00", "closes": "2022-03-18T18:00",
    },
    {
        "number": 16, "year": 2023,
        "title_en": "16th RIAL Call for Bilateral Cooperation",
        "title_es": "16.ª Convocatoria de Cooperación Bilateral de la RIAL",
        "opens": "2023-01-16T09:00", "closes": "2023-03-17T18:00",
    },
]  # fmt: skip

# Programs at either end of the chain, as the report describes them.
PROGRAMS = [
    {
        "key": "pa-changing-lives", "country": "PA", "areas": ["employability"],
        "title_en": "Changing Lives Axis: support for the development of cooperatives",
        "title_es": "Eje Cambiando Vidas: apoyo al desarrollo de cooperativas",
        "summary_en": "Initiatives of the Ministry of Labor and Workforce Development of Panama to support the development of cooperatives, which it shared with Bolivia in the bilateral cooperation of the 15th RIAL call.",
        "summary_es": "Iniciativas del Ministerio de Trabajo y Desarrollo Laboral de Panamá para apoyar el desarrollo de cooperativas, que compartió con Bolivia en la cooperación bilateral de la 15.ª convocatoria de la RIAL.",
        "intervention_type": "program", "population_groups": ["women_entrepreneurs"],
    },
    {
        "key": "bo-cooperatives", "country": "BO", "areas": ["employability"],
        "title_en": "Technical Assistance Program for potential productive women's cooperative groups",
        "title_es": "Programa de Asistencia Técnica a grupos potenciales de cooperativas productivas de mujeres",
        "summary_en": "The program that the Ministry of Labor, Employment and Social Welfare of Bolivia developed at the end of its exchange with Panama in the 15th RIAL call for bilateral cooperation.",
        "summary_es": "El programa que el Ministerio de Trabajo, Empleo y Previsión Social de Bolivia elaboró al término de su intercambio con Panamá en la 15.ª convocatoria de cooperación bilateral de la RIAL.",
        "intervention_type": "program", "population_groups": ["women_entrepreneurs"], "start_year": 2022,
    },
    {
        "key": "uy-domestic-inspection", "country": "UY", "areas": ["domestic-work", "gender-inspection"],
        "title_en": "Door-to-door inspection and social security coverage of paid domestic work",
        "title_es": "Inspección puerta a puerta y cobertura de seguridad social del trabajo doméstico remunerado",
        "summary_en": "Uruguay inspects paid domestic work door to door, as a mass practice covering every home, and its social security covers domestic workers with a wide range of benefits; domestic wages are set in the tripartite wage councils.",
        "summary_es": "Uruguay inspecciona el trabajo doméstico remunerado puerta a puerta, como práctica masiva que alcanza a todos los hogares, y su seguridad social cubre a las trabajadoras domésticas con un amplio conjunto de prestaciones; los salarios del sector se fijan en los consejos de salarios tripartitos.",
        "intervention_type": "inspection", "population_groups": ["domestic_workers"],
    },
]  # fmt: skip

UY_MANUAL_TITLE_ES = "Manual para prevenir y erradicar la violencia basada en género en el trabajo"

REQUESTS = [
    {
        "call": 15, "requesting": "BO", "providing": "PA", "program": "pa-changing-lives",
        "areas": ["employability"], "modality": "virtual",
        "title_en": "Strengthening women's cooperatives",
        "title_es": "Fortalecimiento de las cooperativas de mujeres",
        "summary_en": "The Ministry of Labor of Panama shares its initiatives to support the development of cooperatives, in particular the \"Changing Lives Axis\", with the Ministry of Labor of Bolivia.",
        "summary_es": "El Ministerio de Trabajo de Panamá comparte con el Ministerio de Trabajo de Bolivia sus iniciativas de apoyo al desarrollo de cooperativas, en particular el \"Eje Cambiando Vidas\".",
        "objectives_en": "Learn from Panama's experience supporting cooperatives, to design support for women's productive cooperative groups in Bolivia.",
        "objectives_es": "Conocer la experiencia de Panamá en el apoyo a cooperativas, para diseñar un apoyo a los grupos cooperativos productivos de mujeres en Bolivia.",
        "expected_results_en": "A technical assistance program for potential productive women's cooperative groups.",
        "expected_results_es": "Un programa de asistencia técnica para grupos potenciales de cooperativas productivas de mujeres.",
        "activities": [
            ("Virtual presentation of the Changing Lives Axis", "Presentación virtual del Eje Cambiando Vidas", "2022-05-10", "2022-05-10"),
            ("Exchange sessions with Panama's cooperative support teams", "Sesiones de intercambio con los equipos de apoyo a cooperativas de Panamá", "2022-06-01", "2022-08-31"),
            ("Design of Bolivia's technical assistance program", "Diseño del programa de asistencia técnica de Bolivia", "2022-09-01", "2022-11-30"),
        ],
        "status": ActivityStatus.DONE, "completed": True,
        "results": [{"program": "bo-cooperatives"}],
        "reports": {
            "BO": "Panama's teams presented the Changing Lives Axis and answered our questions in three sessions. With what we learned we designed the Technical Assistance Program for potential productive women's cooperative groups.",
            "PA": "We shared the Changing Lives Axis and the tools our teams use to support cooperatives, and commented on Bolivia's draft program.",
        },
    },
    {
        "call": 15, "requesting": "UY", "providing": "AR", "program": None,
        "areas": ["violence-and-harassment"], "modality": "virtual",
        "title_en": "Prevention of gender-based violence and harassment at work",
        "title_es": "Prevención de la violencia y el acoso por razón de género en el trabajo",
        "summary_en": "Specialists of Argentina's Ministry of Labor train Uruguay's team and give detailed feedback on the contents of a manual to prevent and eradicate gender-based violence at work.",
        "summary_es": "Especialistas del Ministerio de Trabajo de Argentina capacitan al equipo de Uruguay y comentan en detalle los contenidos de un manual para prevenir y erradicar la violencia basada en género en el trabajo.",
        "objectives_en": "Incorporate the lessons learned and recommendations of the Argentine experience into Uruguay's approach to gender-based violence at work.",
        "objectives_es": "Incorporar las lecciones aprendidas y recomendaciones de la experiencia argentina al abordaje de la violencia basada en género en el trabajo en Uruguay.",
        "expected_results_en": "A manual to prevent and eradicate gender-based violence at work.",
        "expected_results_es": "Un manual para prevenir y erradicar la violencia basada en género en el trabajo.",
        "activities": [
            ("Training of Uruguay's team by Argentine specialists", "Capacitación del equipo de Uruguay por especialistas de Argentina", "2022-06-15", "2022-09-30"),
            ("Feedback of Argentina on the draft manual", "Comentarios de Argentina al borrador del manual", "2022-10-01", "2022-12-15"),
            ("Launch of the manual", "Lanzamiento del manual", "2023-03-08", "2023-03-31"),
        ],
        "status": ActivityStatus.DONE, "completed": True,
        "results": [{"manual": True}],
        "reports": {
            "UY": "With the training and the detailed comments of Argentina's specialists, we prepared the Manual to prevent and eradicate gender-based violence at work and launched it in March 2023.",
            "AR": "Our specialists trained Uruguay's team and sent detailed feedback on each chapter of the manual.",
        },
    },
    {
        "call": 16, "requesting": "CO", "providing": "UY", "program": "uy-domestic-inspection",
        "areas": ["domestic-work"], "modality": "virtual",
        "title_en": "Formalization of Paid Domestic Work",
        "title_es": "Formalización del Trabajo Doméstico Remunerado",
        "summary_en": "The Ministry of Labor of Uruguay shares its experience with paid domestic work (inspection, social security coverage, wage setting) so that Colombia can progressively formalize domestic work.",
        "summary_es": "El Ministerio de Trabajo y Seguridad Social de Uruguay comparte su experiencia en trabajo doméstico remunerado (inspección, cobertura de seguridad social, fijación de salarios) para que Colombia avance en la formalización progresiva del trabajo doméstico.",
        "objectives_en": "Design a multidimensional strategy to progressively achieve the formalization of domestic work in Colombia, incorporating the lessons learned from Uruguay's experience.",
        "objectives_es": "Diseñar una estrategia multidimensional para lograr progresivamente la formalización del trabajo doméstico en Colombia, incorporando las lecciones aprendidas de la experiencia de Uruguay.",
        "expected_results_en": "A multidimensional strategy for the progressive formalization of paid domestic work in Colombia.",
        "expected_results_es": "Una estrategia multidimensional para la formalización progresiva del trabajo doméstico remunerado en Colombia.",
        "activities": [
            ("Virtual exchange on Uruguay's domestic work law and wage councils", "Intercambio virtual sobre la ley de trabajo doméstico y los consejos de salarios de Uruguay", "2023-05-15", "2023-06-30"),
            ("Exchange on door-to-door inspection and social security coverage", "Intercambio sobre inspección puerta a puerta y cobertura de seguridad social", "2023-07-01", "2023-09-30"),
            ("Drafting of Colombia's formalization strategy", "Redacción de la estrategia de formalización de Colombia", "2023-10-01", "2023-12-15"),
        ],
        "status": None, "completed": False,
        "results": [],
        "reports": {
            "CO": "Two virtual sessions with Uruguay's team on its domestic work law, its wage councils and its door-to-door inspection. We are drafting the outline of the formalization strategy.",
        },
    },
]  # fmt: skip

LISTINGS = [
    # 1st Dialogue (20 November 2020): "Canada offered to share its experience on public policy
    # and gender; Mexico and Colombia mentioned willingness to share practices on seals and
    # accreditation of good labor practices."
    ("CA", "offer", "institutionalization", None,
     "Our experience on public policy and gender", "Nuestra experiencia en políticas públicas y género",
     "Offered at the 1st Hemispheric Dialogue (20 November 2020).", "Ofrecido en el 1.er Diálogo Hemisférico (20 de noviembre de 2020)."),
    ("MX", "offer", "equity-seals", None,
     "Practices on seals and accreditation of good labor practices", "Prácticas de sellos y acreditación de buenas prácticas laborales",
     "Offered at the 1st Hemispheric Dialogue (20 November 2020).", "Ofrecido en el 1.er Diálogo Hemisférico (20 de noviembre de 2020)."),
    ("CO", "offer", "equity-seals", "Sello de igualdad laboral EQUIPARES",
     "Practices on seals and accreditation of good labor practices", "Prácticas de sellos y acreditación de buenas prácticas laborales",
     "Offered at the 1st Hemispheric Dialogue (20 November 2020); the EQUIPARES seal is in the portfolio.", "Ofrecido en el 1.er Diálogo Hemisférico (20 de noviembre de 2020); el sello EQUIPARES está en el portafolio."),
    # 1st Dialogue: "Some Ministries in the Caribbean are interested in evaluating the creation
    # of a gender unit, for which they would require technical support."
    ("TT", "need", "institutionalization", None,
     "Technical support to evaluate the creation of a gender unit", "Apoyo técnico para evaluar la creación de una unidad de género",
     "Some ministries of the Caribbean have gender focal points that receive instructions from the national mechanisms for the advancement of women, and are interested in evaluating the creation of a gender unit (1st Hemispheric Dialogue).",
     "Algunos ministerios del Caribe tienen puntos focales de género que reciben instrucciones de los mecanismos nacionales para el adelanto de las mujeres, y les interesa evaluar la creación de una unidad de género (1.er Diálogo Hemisférico)."),
    # 5th Dialogue (20 September 2022): interest in continuing the exchange on inspection
    # guides with a gender approach, "highlighting the experience of Costa Rica".
    ("CR", "offer", "gender-inspection", "Guía de Inspección Laboral con Enfoque de Género",
     "The Labor Inspection Guide with a Gender Approach, its catalog of infractions and its didactic manual", "La Guía de Inspección Laboral con Enfoque de Género, su catálogo de infracciones y su manual didáctico",
     "Presented at the 5th Hemispheric Dialogue (20 September 2022).", "Presentados en el 5.º Diálogo Hemisférico (20 de septiembre de 2022)."),
    ("AR", "need", "gender-inspection", None,
     "Exchange on inspection guides and manuals with a gender approach", "Intercambio sobre guías y manuales de inspección con enfoque de género",
     "The delegations of the 5th Hemispheric Dialogue asked to continue this exchange.", "Las delegaciones del 5.º Diálogo Hemisférico pidieron continuar este intercambio."),
    # 6th Dialogue (15 March 2023), on paid domestic work: Uruguay and Jamaica presented.
    ("UY", "offer", "domestic-work", "Inspección puerta a puerta y cobertura de seguridad social del trabajo doméstico remunerado",
     "Door-to-door inspection and social security coverage of paid domestic work", "Inspección puerta a puerta y cobertura de seguridad social del trabajo doméstico remunerado",
     "Presented at the 6th Hemispheric Dialogue (15 March 2023).", "Presentado en el 6.º Diálogo Hemisférico (15 de marzo de 2023)."),
    ("JM", "offer", "domestic-work", None,
     "Training of domestic workers in partnership with their union", "Capacitación de las trabajadoras domésticas en alianza con su sindicato",
     "Presented at the 6th Hemispheric Dialogue (15 March 2023).", "Presentado en el 6.º Diálogo Hemisférico (15 de marzo de 2023)."),
    ("CO", "need", "domestic-work", None,
     "A strategy for the progressive formalization of paid domestic work", "Una estrategia para la formalización progresiva del trabajo doméstico remunerado",
     "Colombia's need behind its request in the 16th call.", "La necesidad de Colombia detrás de su solicitud en la 16.ª convocatoria."),
]  # fmt: skip


def _program(record, staff) -> Program:
    ministry = Ministry.objects.get(country=record["country"])
    program, created = Program.objects.get_or_create(
        ministry=ministry,
        title_es=record["title_es"],
        defaults={
            "title_en": record["title_en"],
            "summary_en": record["summary_en"],
            "summary_es": record["summary_es"],
            "intervention_type": record["intervention_type"],
            "population_groups": record.get("population_groups", []),
            "start_year": record.get("start_year"),
            "state": State.PUBLISHED,
        },
    )
    if created:
        program.published_at = timezone.now()
        program.save(update_fields=["published_at"])
        program.areas.set(AreaOfAction.objects.filter(slug__in=record["areas"]))
    author = _first_member(record["country"])
    record_demo_history(program, author=author and author.user, secretariat=staff)
    return program


def _first_member(country):
    return Member.objects.filter(ministry__country=country).select_related("user").order_by("network_role", "pk").first()  # fmt: skip


def _call(record, reviewers) -> Call:
    call, created = Call.objects.get_or_create(
        number=record["number"],
        defaults={
            "year": record["year"], "title_en": record["title_en"], "title_es": record["title_es"],
            "terms_en": TERMS["en"], "terms_es": TERMS["es"],
            "opens_at": _moment(record["opens"]), "closes_at": _moment(record["closes"]),
            "time_zone": "America/New_York", "modalities": ["virtual", "in_person"],
            "state": State.PUBLISHED, "published_at": _moment(record["opens"]),
        },
    )  # fmt: skip
    if created:
        call_seed_criteria(call=call)
        call.reviewers.set(reviewers)
    return call


def _new_request(record, call, requesting, providing, *, program, activities):
    """A request of `record` (texts in both languages, modality, areas) with its activities
    (title_en, title_es, start, end, status) and the fingerprint of that text (not saved)."""
    texts = {
        f"{name}_{code}": record[f"{name}_{code}"]
        for name in ("title", "summary", "objectives", "expected_results")
        for code in ("en", "es")
    }
    request = CooperationRequest.objects.create(
        call=call, requesting_ministry=requesting, providing_ministry=providing,
        modality=record["modality"], builds_on_program=program, **texts,
    )  # fmt: skip
    request.areas.set(AreaOfAction.objects.filter(slug__in=record["areas"]))
    for title_en, title_es, start, end, status in activities:
        ProjectActivity.objects.create(
            request=request, title_en=title_en, title_es=title_es, start=start, end=end, status=status
        )  # fmt: skip
    request.content_hash = request.content_fingerprint(
        request.areas.values_list("pk", flat=True), request.activities.order_by("start", "pk")
    )
    return request


def _open_call(reviewers) -> Call:
    """The call open today, dated from the day the demo is loaded."""
    today = timezone.localdate(timezone=WASHINGTON)
    opens = datetime.datetime.combine(today - datetime.timedelta(days=21), datetime.time(9), WASHINGTON)  # fmt: skip
    closes = datetime.datetime.combine(today + datetime.timedelta(days=42), datetime.time(18), WASHINGTON)  # fmt: skip
    return _call(
        {
            "number": 17, "year": opens.year,
            "title_en": "17th RIAL Call for Bilateral Cooperation",
            "title_es": "17.ª Convocatoria de Cooperación Bilateral de la RIAL",
            "opens": opens.isoformat(timespec="minutes")[:16],
            "closes": closes.isoformat(timespec="minutes")[:16],
        },
        reviewers,
    )  # fmt: skip


OPEN_REQUEST = {
    "requesting": "AR", "providing": "CR", "areas": ["gender-inspection"], "modality": "virtual",
    "program": "Guía de Inspección Laboral con Enfoque de Género",
    "title_en": "Labor inspection with a gender approach",
    "title_es": "Inspección laboral con enfoque de género",
    "summary_en": "Costa Rica's Ministry of Labor shares its Labor Inspection Guide with a Gender Approach, its catalog of infractions and its didactic manual with Argentina's inspection and gender teams.",
    "summary_es": "El Ministerio de Trabajo de Costa Rica comparte con los equipos de inspección y de género de Argentina su Guía de Inspección Laboral con Enfoque de Género, su catálogo de infracciones y su manual didáctico.",
    "objectives_en": "Continue the exchange on inspection guides with a gender approach that the delegations of the 5th Hemispheric Dialogue asked for, to adapt Argentina's inspection protocols.",
    "objectives_es": "Continuar el intercambio sobre guías de inspección con enfoque de género que pidieron las delegaciones del 5.º Diálogo Hemisférico, para adaptar los protocolos de inspección de Argentina.",
    "expected_results_en": "A gender checklist for Argentina's labor inspections and training for its inspectors.",
    "expected_results_es": "Una lista de verificación de género para las inspecciones laborales de Argentina y la capacitación de su cuerpo inspector.",
    "activities": [
        ("Virtual presentation of Costa Rica's guide and catalog of infractions", "Presentación virtual de la guía y el catálogo de infracciones de Costa Rica", 60, 60),
        ("Training of Argentina's inspectors with the didactic manual", "Capacitación del cuerpo inspector de Argentina con el manual didáctico", 90, 150),
    ],
}  # fmt: skip


def _open_request(call) -> bool:
    """Argentina's draft in the open call: drafted, Costa Rica invited, confirmed by
    Argentina; Costa Rica's answer is awaited."""
    record = OPEN_REQUEST
    requesting = Ministry.objects.filter(country=record["requesting"]).first()
    providing = Ministry.objects.filter(country=record["providing"]).first()
    if requesting is None or providing is None:
        return False
    if CooperationRequest.objects.filter(call=call).between(requesting.pk, providing.pk).exists():
        return False
    start = call.closes_at.date()
    request = _new_request(
        record, call, requesting, providing,
        program=Program.objects.filter(ministry=providing, title_es=record["program"]).first(),
        activities=[
            (title_en, title_es, start + datetime.timedelta(days=first), start + datetime.timedelta(days=last), ActivityStatus.PLANNED)
            for title_en, title_es, first, last in record["activities"]
        ],
    )  # fmt: skip
    request.save(update_fields=["content_hash"])
    drafted = call.opens_at + datetime.timedelta(days=5)
    CooperationRequest.objects.filter(pk=request.pk).update(created_at=drafted)
    author = _first_member(record["requesting"])
    by = author.user if author else None
    for kind, at in [
        (EventKind.CREATED, drafted),
        (EventKind.INVITED, drafted + datetime.timedelta(days=2)),
        (EventKind.CONFIRMED, drafted + datetime.timedelta(days=2, minutes=5)),
    ]:
        RequestEvent.objects.create(
            request=request, kind=kind, ministry=requesting, by=by, at=at,
            content_hash=request.content_hash,
        )  # fmt: skip
    return True


def _step(request, action, source, target, by, at):
    from django.contrib.contenttypes.models import ContentType

    Transition.objects.create(
        content_type=ContentType.objects.get_for_model(request), object_id=request.pk,
        action=action, from_state=source, to_state=target, by=by, at=at,
    )  # fmt: skip


def _request(record, calls, programs, staff) -> bool:
    call = calls[record["call"]]
    requesting = Ministry.objects.get(country=record["requesting"])
    providing = Ministry.objects.get(country=record["providing"])
    if CooperationRequest.objects.filter(call=call).between(requesting.pk, providing.pk).exists():
        return False
    request = _new_request(
        record, call, requesting, providing,
        program=programs.get(record["program"]) if record["program"] else None,
        activities=[
            (title_en, title_es, datetime.date.fromisoformat(start), datetime.date.fromisoformat(end),
             record["status"] or _status_by_date(datetime.date.fromisoformat(end)))
            for title_en, title_es, start, end in record["activities"]
        ],
    )  # fmt: skip
    drafted = call.opens_at + datetime.timedelta(days=14)
    confirmed = call.closes_at - datetime.timedelta(days=10)
    decided = call.closes_at + datetime.timedelta(days=30)
    requester, provider = _first_member(record["requesting"]), _first_member(record["providing"])
    request.state = State.PUBLISHED
    request.submitted_at, request.published_at = confirmed, decided
    request.decision, request.decided_at, request.decided_by = Decision.SELECTED, decided, staff
    if record["completed"]:
        request.completed_at = datetime.datetime(call.year + 1, 4, 15, tzinfo=datetime.UTC)
    request.save()
    CooperationRequest.objects.filter(pk=request.pk).update(created_at=drafted)

    def event(kind, ministry, person, at, comment=""):
        RequestEvent.objects.create(
            request=request, kind=kind, ministry=ministry, by=person.user if person else None,
            at=at, content_hash=request.content_hash, comment=comment,
        )  # fmt: skip

    event(EventKind.CREATED, requesting, requester, drafted)
    event(EventKind.CONFIRMED, requesting, requester, confirmed - datetime.timedelta(days=2))
    event(EventKind.CONFIRMED, providing, provider, confirmed)
    _step(request, Action.SUBMIT, State.DRAFT, State.SUBMITTED, provider.user if provider else None, confirmed)  # fmt: skip
    RequestEvent.objects.create(
        request=request, kind=EventKind.DECIDED, by=staff, at=decided, comment=Decision.SELECTED
    )
    _step(request, Action.PUBLISH, State.SUBMITTED, State.PUBLISHED, staff, decided)
    # The Secretariat's review, with its scores.
    if staff is not None:
        review = Review.objects.create(request=request, reviewer=staff)
        Review.objects.filter(pk=review.pk).update(submitted_at=call.closes_at + datetime.timedelta(days=12))  # fmt: skip
        Score.objects.bulk_create(
            [
                Score(review=review, criterion=c, score=5 if c.order in (0, 3) else 4)
                for c in call.criteria.all()
            ]  # fmt: skip
        )
    # Reports of both sides and the results.
    for country, text in record["reports"].items():
        ministry = requesting if country == record["requesting"] else providing
        person = requester if ministry == requesting else provider
        report = Report.objects.create(
            request=request, ministry=ministry, text=text, language="en",
            kind=ReportKind.FINAL if record["completed"] else ReportKind.PROGRESS,
            submitted_by=person.user if person else None,
            submitted_at=request.completed_at or datetime.datetime(call.year, 10, 2, tzinfo=datetime.UTC),
        )  # fmt: skip
        event(EventKind.REPORTED, ministry, person, report.submitted_at, report.kind)
    for item in record["results"]:
        if "program" in item:
            program = programs[item["program"]]
        else:
            program = Program.objects.filter(title_es=UY_MANUAL_TITLE_ES).first()
            _manual_in_the_documentation_center(request, requesting, request.completed_at)
        if program is None:
            continue
        Result.objects.create(
            request=request, kind=ResultKind.PROGRAM, program=program, ministry=requesting,
            title_en=program.title_en, title_es=program.title_es,
            created_at=request.completed_at or decided,
        )  # fmt: skip
    return True


def _manual_in_the_documentation_center(request, ministry, at) -> None:
    """Uruguay's manual is also a resource of the documentation center (its demo data):
    linked by its address, until results can point to the center's resources."""
    from django.apps import apps
    from django.utils import translation

    if not apps.is_installed("docs_center"):
        return
    resource = (
        apps.get_model("docs_center", "Resource")
        .objects.published()
        .filter(title_es=UY_MANUAL_TITLE_ES)
        .first()
    )
    if resource is None:
        return
    with translation.override("en"):
        url = resource.get_absolute_url()
    Result.objects.create(
        request=request, kind=ResultKind.RESOURCE, url=url, ministry=ministry,
        title_en=resource.title_en, title_es=resource.title_es, created_at=at,
    )  # fmt: skip


def _status_by_date(end: datetime.date) -> str:
    # The 16th call's project is under way: what ended before the report is done.
    return ActivityStatus.DONE if end < datetime.date(2023, 9, 30) else ActivityStatus.IN_PROGRESS


def _listings() -> int:
    created = 0
    for country, kind, area, program_title, title_en, title_es, text_en, text_es in LISTINGS:
        ministry = Ministry.objects.filter(country=country).first()
        area_obj = AreaOfAction.objects.filter(slug=area).first()
        if ministry is None or area_obj is None:
            continue
        program = (
            Program.objects.filter(ministry=ministry, title_es=program_title).first()
            if program_title
            else None
        )
        _listing, was_created = Listing.objects.get_or_create(
            ministry=ministry, kind=kind, title_en=title_en,
            defaults={
                "area": area_obj, "title_es": title_es, "description_en": text_en,
                "description_es": text_es,
                "program": program if kind == ListingKind.OFFER else None,
            },
        )  # fmt: skip
        created += was_created
    return created


@transaction.atomic
def load(stdout) -> None:
    staff = User.objects.filter(is_staff=True, email="secretariat@demo.rialgender.org").first()
    committee_reviewers = [
        m.user
        for m in Member.objects.filter(ministry__country__in=["CR", "TT"]).select_related(
            "user"
        )  # fmt: skip
        if m.network_role == "representative"
    ]
    # The 15th call was reviewed before the Steering Committee existed (June 2022).
    reviewers = {15: [staff], 16: [staff, *committee_reviewers]}
    calls = {
        record["number"]: _call(record, [u for u in reviewers[record["number"]] if u])
        for record in CALLS
    }
    programs = {record["key"]: _program(record, staff) for record in PROGRAMS}
    created = sum(_request(record, calls, programs, staff) for record in REQUESTS)
    created += _open_request(_open_call([u for u in reviewers[16] if u]))
    created += _listings()
    if created:
        stdout.write(f"Cooperation: {created} demo requests and offers or needs created.")
