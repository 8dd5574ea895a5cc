"""Demo data of the documentation center: the resources the network's documents name, with
their real bibliographic facts (the 2022-2023 report, the Work Plan 2022-2023, the 2020
training proposal, the 1st and 6th dialogues), each with a short PDF written here that
summarises what those documents say about it; the Domestic Work Repository's entries and its
five intervention areas; and a first version of the inclusion parameters.

The documents only say that the Secretariat proposes inclusion parameters and the Steering
Committee agrees them: the wording of version 1 below and its approval date are
illustrative. Idempotent: a resource is found again by its English title.
"""

import datetime

from django.core.files.base import ContentFile

from docs_center.models import (
    Collection,
    Parameter,
    ParameterSet,
    Resource,
    ResourceFile,
)
from docs_center.pdfs import make_pdf
from docs_center.services import file_extract_text, file_make_thumbnail, review_save
from members.models import Member, Ministry, User
from rialgender.models import AreaOfAction
from rialgender.workflow import Action, State, transition

OAS = "Organization of American States (OAS)"
SECRETARIAT = "OAS Department of Human Development, Education and Employment (Technical Secretariat of the RIAL)"

PARAMETERS = [
    ("Relevant to the network's areas of action",
     "Relevante para las áreas de acción de la red",
     "Which areas of action does it address, and how?",
     "¿Qué áreas de acción aborda y de qué manera?", True),
    ("Useful in practice to the gender units",
     "Útil en la práctica para las unidades de género",
     "How can a gender unit use it in its work?",
     "¿Cómo puede usarlo una unidad de género en su trabajo?", True),
    ("From a reliable, identifiable source (author, institution and date)",
     "De una fuente confiable e identificable (autoría, institución y fecha)", "", "", True),
    ("May be shared publicly", "Puede compartirse públicamente",
     "May it be shared publicly? Under what licence or permission?",
     "¿Puede compartirse públicamente? ¿Con qué licencia o autorización?", True),
    ("Described in Spanish and English", "Descrito en español y en inglés", "", "", True),
    ("Current: published in the last ten years, or still in force",
     "Vigente: publicado en los últimos diez años, o aún en vigor", "", "", False),
]  # fmt: skip


def _pages(*paragraphs: str) -> list[str]:
    return list(paragraphs)


RESOURCES = [
    {
        "title_en": "Manual for Gender Units in the Ministries of Labor: ABC for their creation and operation",
        "title_es": "Manual para las Unidades de Género de los Ministerios de Trabajo: ABC para su creación y funcionamiento",
        "abstract_en": "Prepared by the RIAL/OAS Technical Secretariat as a result of the first hemispheric dialogues and reviewed by the gender units at the 3rd Hemispheric Dialogue (30 November 2021). It seeks to strengthen existing units and support the creation of new ones: justification for gender units, modalities of gender institutionalization, conditions for their operation, functions, lines of action and strategic objectives, and a model action plan.",
        "abstract_es": "Elaborado por la Secretaría Técnica de la RIAL/OEA a partir de los primeros diálogos hemisféricos y revisado por las unidades de género en el 3er Diálogo Hemisférico (30 de noviembre de 2021). Busca fortalecer las unidades existentes y apoyar la creación de nuevas: justificación de las unidades de género, modalidades de institucionalización del género, condiciones para su funcionamiento, funciones, líneas de acción y objetivos estratégicos, y un modelo de plan de acción.",
        "resource_type": "guide",
        "organization": SECRETARIAT,
        "publisher": OAS,
        "year": 2022,
        "areas": ["institutionalization"],
        "licence": "unknown",
        "files": {
            "es": _pages(
                "Este manual o ABC responde a una recomendación del Primer Diálogo Hemisférico (noviembre de 2020): apoyar la creación de nuevas unidades de género y la consolidación de las existentes en los ministerios de trabajo de las Américas.",
                "Funciones de las unidades de género: rectoría de la política de género en el ministerio, transversalización del enfoque de género en todas las áreas técnicas, incluida la inspección con enfoque de género, y cambio de la cultura organizacional.",
                "Modelo de plan de acción: objetivos estratégicos, líneas de acción, responsables e indicadores para una unidad de género.",
            ),
            "en": _pages(
                "This manual or ABC responds to a recommendation of the First Hemispheric Dialogue (November 2020): to support the creation of new gender units and the consolidation of existing ones in the ministries of labor of the Americas.",
                "Functions of gender units: leading the ministry's gender policy, mainstreaming the gender approach in every technical area, including labor inspection with a gender approach, and changing the organizational culture.",
                "Model action plan: strategic objectives, lines of action, responsibilities and indicators for a gender unit.",
            ),
        },
    },
    {
        "title_en": "The institutionalization of the gender approach in the Ministries of Labor of the Americas: an update",
        "title_es": "La institucionalización del enfoque de género en los ministerios de trabajo de las Américas: una actualización",
        "abstract_en": "Study published by the OAS in 2021, presented at the 1st Hemispheric Dialogue (20 November 2020) and enriched with the delegations' recommendations; renamed to include a balance of a decade. In the last decade gender units legitimized and established themselves; they now face the institutionalization and mainstreaming of the gender approach, including in labor inspection. The Steering Committee recalled its recommendations when it set the Work Plan 2022-2023.",
        "abstract_es": "Estudio publicado por la OEA en 2021, presentado en el 1er Diálogo Hemisférico (20 de noviembre de 2020) y enriquecido con las recomendaciones de las delegaciones; se renombró para incluir el balance de una década. En la última década las unidades de género se legitimaron y consolidaron; hoy enfrentan la institucionalización y transversalización del enfoque de género, también en la inspección laboral. El Comité Directivo recordó sus recomendaciones al definir el Plan de Trabajo 2022-2023.",
        "resource_type": "publication",
        "organization": OAS,
        "publisher": OAS,
        "year": 2021,
        "areas": ["institutionalization", "gender-inspection"],
        "licence": "unknown",
        "files": {
            "en": _pages(
                "In the last decade, Gender Units have managed to legitimize and establish themselves institutionally, and their existence and permanence is not in dispute.",
                "Today they face challenges linked more to achieving the institutionalization and mainstreaming of a gender approach than to awareness-raising and internal training, for example mainstreaming the gender approach in labor inspection.",
                "Gender-based violence is one of the most prominent emerging areas of attention for the Ministries and Gender Units.",
            ),
        },
    },
    {
        "title_en": "Inter-American Model Law on Care",
        "title_es": "Ley Modelo Interamericana de Cuidados",
        "abstract_en": "Model law prepared by the Inter-American Commission of Women (CIM) of the OAS, on care systems and the co-responsibility of care. The Steering Committee of RIAL/GENDER made special mention of it among the priority issues of the Work Plan 2022-2023.",
        "abstract_es": "Ley modelo elaborada por la Comisión Interamericana de Mujeres (CIM) de la OEA, sobre sistemas de cuidados y corresponsabilidad de los cuidados. El Comité Directivo de la RIAL/GÉNERO la mencionó especialmente entre los temas prioritarios del Plan de Trabajo 2022-2023.",
        "resource_type": "legislation",
        "organization": "Inter-American Commission of Women (CIM), OAS",
        "publisher": OAS,
        "year": 2022,
        "areas": ["care-work"],
        "licence": "unknown",
        "legislation_kind": "model_law",
        "legislation_status": "reference",
        "ilo_conventions": ["C156", "C189"],
        "files": {
            "es": _pages(
                "Ley modelo sobre sistemas de cuidados y corresponsabilidad de los cuidados entre mujeres y hombres, el Estado, el mercado, las familias y la comunidad.",
                "Los cuidados como derecho: cuidar, ser cuidada y el autocuidado; reconocimiento, reducción y redistribución del trabajo de cuidados no remunerado.",
            ),
        },
    },
    {
        "title_en": "Manual to prevent and eradicate gender-based violence at work",
        "title_es": "Manual para prevenir y erradicar la violencia basada en género en el trabajo",
        "abstract_en": "Prepared and launched in March 2023 by the Ministry of Labor and Social Security of Uruguay as a result of its bilateral cooperation with Argentina (15th RIAL Call for Bilateral Cooperation, 2022): it incorporates lessons learned and recommendations from the Argentine experience; specialists of Argentina's Ministry of Labor trained the Uruguayan team and commented on the manual.",
        "abstract_es": "Elaborado y presentado en marzo de 2023 por el Ministerio de Trabajo y Seguridad Social del Uruguay como resultado de su cooperación bilateral con la Argentina (15.ª Convocatoria de Cooperación Bilateral de la RIAL, 2022): incorpora lecciones aprendidas y recomendaciones de la experiencia argentina; especialistas del Ministerio de Trabajo de la Argentina capacitaron al equipo uruguayo y comentaron el manual.",
        "resource_type": "guide",
        "organization": "Ministerio de Trabajo y Seguridad Social (Uruguay)",
        "publisher": "Ministerio de Trabajo y Seguridad Social (Uruguay)",
        "year": 2023,
        "areas": ["violence-and-harassment"],
        "countries": ["UY", "AR"],
        "licence": "unknown",
        "ilo_conventions": ["C190"],
        "files": {
            "es": _pages(
                "La violencia y el acoso basados en género en el mundo del trabajo: conceptos, marco normativo nacional e internacional y el Convenio 190 de la OIT.",
                "Prevención en los lugares de trabajo: protocolos, capacitación y el papel de la inspección del trabajo.",
                "Atención de casos: detección, investigación, reparación y seguimiento. Aprendizajes de la experiencia de la Argentina.",
            ),
        },
    },
    {
        "title_en": "Virtual Course on Gender-Based Violence at Work",
        "title_es": "Curso virtual sobre violencia de género en el trabajo",
        "abstract_en": "Tutored course of the Educational Portal of the Americas, developed with the Inter-American Commission of Women (CIM) from the RIAL's 2020 proposal, in four modules: 1) conceptual framework of gender-based violence at work; 2) the role of the ministries of labor in its identification, prevention, attention and sanction; 3) good practices to prevent and address violence against women at work; 4) conclusions and evaluation. Launched in Spanish in October 2021 and in English in March 2022; 75 officials from 27 ministries of labor have been trained.",
        "abstract_es": "Curso tutorizado del Portal Educativo de las Américas, desarrollado con la Comisión Interamericana de Mujeres (CIM) a partir de la propuesta de la RIAL de 2020, en cuatro módulos: 1) marco conceptual de la violencia de género en el trabajo; 2) el papel de los ministerios de trabajo en su identificación, prevención, atención y sanción; 3) buenas prácticas para prevenir y atender la violencia contra las mujeres en el trabajo; 4) conclusiones y evaluación. Lanzado en español en octubre de 2021 y en inglés en marzo de 2022; se han capacitado 75 funcionarias y funcionarios de 27 ministerios de trabajo.",
        "resource_type": "training",
        "organization": "Educational Portal of the Americas (OAS)",
        "provider": "Educational Portal of the Americas (OAS), with the Inter-American Commission of Women (CIM)",
        "modality": "online",
        "year": 2021,
        "areas": ["violence-and-harassment"],
        "duration_en": "10 weeks (about 50 hours), with a tutor",
        "duration_es": "10 semanas (unas 50 horas), con tutoría",
        "cost_en": "For officials of the ministries of labor, through the RIAL",
        "cost_es": "Para funcionarias y funcionarios de los ministerios de trabajo, a través de la RIAL",
        "licence": "unknown",
        "files": {
            "en": _pages(
                "Module 1. Conceptual framework for gender-based violence at work: gender-based inequality and discrimination; invisible violence at work; its impact and its cost for the economy.",
                "Module 2. The role of Ministries of Labor in the identification, prevention, attention and sanction of gender-based violence: national and international standards, prevention plans, occupational safety and health, protocols.",
                "Module 3. Good practices to prevent and address violence against women at work; final project. Module 4. Conclusions, evaluation and survey.",
            ),
        },
    },
    {
        "title_en": "Domestic Workers Convention, 2011 (No. 189)",
        "title_es": "Convenio sobre las trabajadoras y los trabajadores domésticos, 2011 (núm. 189)",
        "abstract_en": "ILO convention recognizing the special conditions under which domestic work is carried out, which make it desirable to supplement the general standards with standards specific to domestic workers. The 1st Hemispheric Dialogue (2020) named its ratification a topic for cooperation; the 6th Dialogue called for harmonizing regulations with it.",
        "abstract_es": "Convenio de la OIT que reconoce las condiciones particulares en que se realiza el trabajo doméstico, que hacen deseable complementar las normas generales con normas específicas para las trabajadoras y los trabajadores domésticos. El 1er Diálogo Hemisférico (2020) señaló su ratificación como tema de cooperación; el 6.º Diálogo pidió armonizar la normativa con él.",
        "resource_type": "legislation",
        "organization": "International Labour Organization (ILO)",
        "publisher": "International Labour Organization (ILO)",
        "year": 2011,
        "areas": ["domestic-work"],
        "licence": "unknown",
        "legislation_kind": "convention",
        "legislation_number": "C189",
        "adopted_on": "2011-06-16",
        "in_force_on": "2013-09-05",
        "legislation_status": "in_force",
        "ilo_conventions": ["C189"],
        "domestic_work_areas": ["social_security", "inspection"],
        "files": {
            "en": _pages(
                "Convention concerning decent work for domestic workers. Each Member shall take measures to ensure the effective promotion and protection of the human rights of all domestic workers.",
                "Domestic workers are to enjoy fair terms of employment and decent working conditions, and conditions not less favourable than those applicable to workers generally in respect of social security protection.",
            ),
        },
    },
    {
        "title_en": "Violence and Harassment Convention, 2019 (No. 190)",
        "title_es": "Convenio sobre la violencia y el acoso, 2019 (núm. 190)",
        "abstract_en": "ILO convention on the right of everyone to a world of work free from violence and harassment, including gender-based violence and harassment. The 1st Hemispheric Dialogue (2020) mentioned the need to ratify it; Argentina reported its first protocol against gender-based violence arising from collective bargaining as an outcome of its ratification.",
        "abstract_es": "Convenio de la OIT sobre el derecho de toda persona a un mundo del trabajo libre de violencia y acoso, incluidos la violencia y el acoso por razón de género. El 1er Diálogo Hemisférico (2020) mencionó la necesidad de ratificarlo; la Argentina informó su primer protocolo contra la violencia de género surgido de la negociación colectiva como resultado de su ratificación.",
        "resource_type": "legislation",
        "organization": "International Labour Organization (ILO)",
        "publisher": "International Labour Organization (ILO)",
        "year": 2019,
        "areas": ["violence-and-harassment"],
        "licence": "unknown",
        "legislation_kind": "convention",
        "legislation_number": "C190",
        "adopted_on": "2019-06-21",
        "in_force_on": "2021-06-25",
        "legislation_status": "in_force",
        "ilo_conventions": ["C190"],
        "files": {
            "en": _pages(
                "Convention concerning the elimination of violence and harassment in the world of work. Violence and harassment in the world of work can constitute a human rights violation or abuse.",
                "Gender-based violence and harassment disproportionately affects women and girls; an inclusive, integrated and gender-responsive approach is essential to end it.",
            ),
        },
    },
    # Entries of the Repository of Actions on Paid Domestic Work (launched in July 2023).
    {
        "title_en": "Uruguay: door-to-door inspection of paid domestic work",
        "title_es": "Uruguay: inspección puerta a puerta del trabajo doméstico remunerado",
        "abstract_en": "Uruguay carries out door-to-door inspection as a mass practice for inspecting homes, to detect labor violations that domestic workers rarely report. Presented at the 6th Hemispheric Dialogue on paid domestic work.",
        "abstract_es": "Uruguay realiza la inspección puerta a puerta como práctica masiva para inspeccionar los hogares, y detectar infracciones laborales que las trabajadoras domésticas rara vez denuncian. Presentado en el 6.º Diálogo Hemisférico sobre trabajo doméstico remunerado.",
        "resource_type": "publication",
        "organization": "Ministerio de Trabajo y Seguridad Social (Uruguay)",
        "year": 2023,
        "areas": ["domestic-work", "gender-inspection"],
        "countries": ["UY"],
        "domestic_work_areas": ["inspection"],
        "licence": "unknown",
        "files": {
            "es": _pages(
                "Inspección puerta a puerta en los hogares: una práctica masiva del Ministerio de Trabajo y Seguridad Social del Uruguay para verificar el cumplimiento de los derechos de las trabajadoras domésticas."
            )
        },
    },
    {
        "title_en": "Uruguay: Domestic Work Law (Law 18,065, 2006)",
        "title_es": "Uruguay: Ley de Trabajo Doméstico (Ley 18.065, 2006)",
        "abstract_en": "Uruguay's 2006 Domestic Work Law arose with the support of the Tripartite Commission for Equal Opportunities (workers, employers, the Ministry of Labor and INMUJERES). Domestic work wages were integrated into the tripartite minimum wage body and rose well above average private wages.",
        "abstract_es": "La Ley de Trabajo Doméstico de 2006 del Uruguay surgió con el apoyo de la Comisión Tripartita para la Igualdad de Oportunidades (trabajadores, empleadores, el Ministerio de Trabajo e INMUJERES). Los salarios del trabajo doméstico se integraron a la instancia tripartita de fijación de salarios mínimos y subieron muy por encima del promedio de los salarios privados.",
        "resource_type": "legislation",
        "organization": "Parlamento del Uruguay",
        "year": 2006,
        "areas": ["domestic-work"],
        "countries": ["UY"],
        "legislation_country": "UY",
        "legislation_kind": "law",
        "legislation_number": "18.065",
        "legislation_status": "in_force",
        "domestic_work_areas": ["alliances", "social_security"],
        "ilo_conventions": ["C189"],
        "licence": "public-domain",
        "files": {
            "es": _pages(
                "Ley 18.065 de trabajo doméstico: derechos laborales y de seguridad social de las trabajadoras y los trabajadores domésticos, con el apoyo de la Comisión Tripartita para la Igualdad de Oportunidades."
            )
        },
    },
    {
        "title_en": "Jamaica: tablets for labour inspectors in the field",
        "title_es": "Jamaica: tabletas para la inspección laboral en terreno",
        "abstract_en": "In Jamaica labour inspectors use tablets in the field, which made it possible to receive domestic workers' complaints in person. Jamaica also works with unions to gather data on the sector.",
        "abstract_es": "En Jamaica la inspección laboral usa tabletas en terreno, lo que permitió recibir denuncias de trabajadoras domésticas en persona. Jamaica también trabaja con los sindicatos para reunir datos del sector.",
        "resource_type": "publication",
        "organization": "Ministry of Labour and Social Security (Jamaica)",
        "year": 2023,
        "areas": ["domestic-work", "gender-inspection"],
        "countries": ["JM"],
        "domestic_work_areas": ["inspection", "alliances"],
        "licence": "unknown",
        "files": {
            "en": _pages(
                "Labour inspectors with tablets in the field receive complaints from domestic workers in person; data on the sector is gathered with the unions."
            )
        },
    },
    {
        "title_en": "Trinidad and Tobago: a union and a cooperative of domestic workers that train",
        "title_es": "Trinidad y Tobago: un sindicato y una cooperativa de trabajadoras domésticas que capacitan",
        "abstract_en": "Trinidad and Tobago has a union and a cooperative of domestic workers that offer training, to which people go more often than to the government.",
        "abstract_es": "Trinidad y Tobago cuenta con un sindicato y una cooperativa de trabajadoras domésticas que ofrecen capacitación, a los que las personas acuden más que al gobierno.",
        "resource_type": "publication",
        "organization": "Ministry of Labour (Trinidad and Tobago)",
        "year": 2023,
        "areas": ["domestic-work"],
        "countries": ["TT"],
        "domestic_work_areas": ["training", "alliances"],
        "licence": "unknown",
        "files": {
            "en": _pages(
                "A union and a cooperative of domestic workers offer training and professionalization to domestic workers in Trinidad and Tobago."
            )
        },
    },
    {
        "title_en": "Awareness materials on the rights of domestic workers (CIM)",
        "title_es": "Materiales de sensibilización sobre los derechos de las trabajadoras domésticas (CIM)",
        "abstract_en": "The CIM microsite on domestic work offers tools and awareness-raising pieces (video, audio, graphics for social networks) for workers, employers and public officials on key issues for the exercise of domestic workers' rights; the Repository is connected to it.",
        "abstract_es": "El micrositio de la CIM sobre trabajo doméstico ofrece herramientas y piezas de sensibilización (video, audio, gráficos para redes sociales) para trabajadoras, empleadores y funcionarios sobre temas clave para el ejercicio de los derechos de las trabajadoras domésticas; el Repositorio está conectado a él.",
        "resource_type": "audiovisual",
        "organization": "Inter-American Commission of Women (CIM), OAS",
        "year": 2023,
        "areas": ["domestic-work"],
        "domestic_work_areas": ["awareness"],
        "external_url": "https://www.oas.org/en/cim/domestic-work/pages/descargas.html",
        "licence": "unknown",
        "files": {},
    },
]

# A proposal waiting for the Secretariat's review, in Spanish only, from Argentina.
PROPOSAL = {
    "title_es": "Protocolo contra la violencia de género surgido de la negociación colectiva",
    "abstract_es": "Primer protocolo contra la violencia basada en género surgido de la negociación colectiva, resultado de la ratificación del Convenio 190 de la OIT: herramientas para sensibilizar a quienes negocian e incluir el enfoque de género en los convenios colectivos.",
    "resource_type": "guide", "organization": "Ministerio de Trabajo, Empleo y Seguridad Social (Argentina)",
    "year": 2021, "areas": ["violence-and-harassment"], "countries": ["AR"],
    "ilo_conventions": ["C190"], "licence": "unknown",
    "evidence": [
        "Violencia y acoso en el mundo del trabajo: la prevención en los convenios colectivos.",
        "Las unidades de género pueden usarlo con las áreas de relaciones laborales y diálogo social.",
        "Sí, es un documento público del Ministerio.",
    ],
    "files": {"es": _pages(
        "Protocolo para la prevención de la violencia y el acoso por razón de género en el marco de la negociación colectiva.",
        "Herramientas para las personas negociadoras: cláusulas modelo, procedimientos de denuncia y el papel de los sindicatos y las empresas.",
    )},
}  # fmt: skip


def _secretariat():
    from rialgender.demo.people import SECRETARIAT_STAFF

    return User.objects.get(email=SECRETARIAT_STAFF["email"])


def _parameters(by) -> ParameterSet:
    version, created = ParameterSet.objects.get_or_create(
        version=1,
        defaults={
            "drafted_by": by,
            "introduction_en": "Version 1, proposed by the Technical Secretariat and agreed by the Steering Committee (Work Plan 2022-2023, activity 5).",
            "introduction_es": "Versión 1, propuesta por la Secretaría Técnica y acordada por el Comité Directivo (Plan de Trabajo 2022-2023, actividad 5).",
        },
    )
    if created:
        for order, (text_en, text_es, ask_en, ask_es, required) in enumerate(PARAMETERS, 1):
            Parameter.objects.create(
                parameter_set=version, order=order, text_en=text_en, text_es=text_es,
                guidance_en=ask_en, guidance_es=ask_es, required=required,
            )  # fmt: skip
        version.approved_on = datetime.date(2022, 12, 1)
        version.approved_by = by
        version.save(update_fields=["approved_on", "approved_by"])
    return version


def _resource(data: dict, areas: dict) -> tuple[Resource, bool]:
    fields = {k: v for k, v in data.items() if k not in ("files", "areas", "ministry", "evidence")}
    for key in ("adopted_on", "in_force_on"):
        if key in fields:
            fields[key] = datetime.date.fromisoformat(fields[key])
    fields["area_ids"] = sorted(areas[slug] for slug in data.get("areas", []) if slug in areas)
    fields["document_languages"] = list(data["files"]) or ["en", "es"]
    if data.get("ministry"):
        fields["ministry"] = Ministry.objects.get(country=data["ministry"])
    key = {"title_en": data["title_en"]} if data.get("title_en") else {"title_es": data["title_es"]}
    resource = Resource.objects.filter(**key).first()
    created = resource is None
    if created:
        resource = Resource(**fields)
        resource.save()
        for language, pages in data["files"].items():
            title = data.get(f"title_{language}") or data.get("title_es") or data["title_en"]
            resource_file = ResourceFile.objects.create(
                resource=resource, language=language, content_type="application/pdf",
                file=ContentFile(make_pdf(title, pages, author=data.get("organization", "")),
                                 name=f"{resource.pk}-{language}.pdf"),
            )  # fmt: skip
            ResourceFile.objects.filter(pk=resource_file.pk).update(size=resource_file.file.size)
            file_extract_text(file_id=resource_file.pk)
            file_make_thumbnail(file_id=resource_file.pk)
    return resource, created


def load(stdout) -> None:
    secretariat = _secretariat()
    version = _parameters(secretariat)
    areas = dict(AreaOfAction.objects.values_list("slug", "pk"))
    published = []
    for data in RESOURCES:
        resource, _created = _resource(data, areas)
        if resource.state != State.PUBLISHED:
            review_save(
                resource=resource, parameter_set=version, reviewer=secretariat,
                answers=dict.fromkeys(version.parameters.all(), (True, "")),
            )  # fmt: skip
            transition(resource, Action.PUBLISH, by=secretariat)
        published.append(resource)
    _proposal(version)
    repository, _created = Collection.objects.get_or_create(
        slug="domestic-work-repository",
        defaults={
            "title_en": "Repository of Actions on Paid Domestic Work",
            "title_es": "Repositorio de Acciones sobre Trabajo Doméstico Remunerado",
            "description_en": "Actions that the ministries of labor of the region have implemented to dignify, formalize and achieve the full exercise of rights in paid domestic work: legislation, policies and strategies, in five areas of intervention. Developed with the governments of the Americas and launched in July 2023, a direct outcome of the 6th virtual gender dialogue.",
            "description_es": "Acciones que los ministerios de trabajo de la región han implementado para dignificar, formalizar y lograr el pleno ejercicio de derechos en el trabajo doméstico remunerado: legislación, políticas y estrategias, en cinco áreas de intervención. Desarrollado con los gobiernos de las Américas y lanzado en julio de 2023, resultado directo del 6.º diálogo virtual de género.",
            "group_by_domestic_work_area": True,
        },
    )
    repository.resources.add(*[r for r in published if r.domestic_work_areas])
    if repository.state != State.PUBLISHED:
        transition(repository, Action.PUBLISH, by=secretariat)


def _proposal(version) -> None:
    member = (
        Member.objects.filter(ministry__country="AR").select_related("user", "ministry").first()
    )
    if member is None or Resource.objects.filter(title_es=PROPOSAL["title_es"]).exists():
        return
    areas = dict(AreaOfAction.objects.values_list("slug", "pk"))
    resource, _created = _resource({**PROPOSAL, "ministry": "AR"}, areas)
    asked = [p for p in version.parameters.all() if p.asks_evidence]
    resource.evidence = {
        str(p.pk): text for p, text in zip(asked, PROPOSAL["evidence"], strict=False)
    }
    resource.proposed_by = member.user
    resource.save()
    transition(resource, Action.SUBMIT, by=member.user)
