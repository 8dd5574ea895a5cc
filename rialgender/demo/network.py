"""The network itself, from its constituent document (Annex 4 of the 2022-2023 report), the
Work Plan 2022-2023 and the participant lists (institutions only; no people)."""

OBJECTIVES = [
    {
        "en": "Share best practices, experiences, lessons learned and evaluations on gender mainstreaming from Ministries of Labor.",
        "es": "Compartir buenas prácticas, experiencias, lecciones aprendidas y evaluaciones sobre la transversalización de género de los ministerios de trabajo.",
    },
    {
        "en": "Share relevant information and resources to keep the units updated: specialized publications, training offers, and advances in public policies and legislation.",
        "es": "Compartir información y recursos relevantes para mantener actualizadas a las unidades: publicaciones especializadas, ofertas de capacitación y avances en políticas públicas y legislación.",
    },
    {
        "en": "Discuss and analyze priority issues and relevant trends for gender equality in the world of work.",
        "es": "Debatir y analizar temas prioritarios y tendencias relevantes para la igualdad de género en el mundo del trabajo.",
    },
    {
        "en": "Have a permanent channel of support, consultation, and communication between peers.",
        "es": "Contar con un canal permanente de apoyo, consulta y comunicación entre pares.",
    },
    {
        "en": "Share legislation and regulation, and work to strengthen national and regional legal frameworks on gender equality at work.",
        "es": "Compartir legislación y normativa, y trabajar para fortalecer los marcos jurídicos nacionales y regionales sobre igualdad de género en el trabajo.",
    },
]

# The nine areas of action of the constituent document, in its order.
AREAS_OF_ACTION = [
    {
        "slug": "domestic-work",
        "name_en": "Domestic work",
        "name_es": "Trabajo doméstico",
        "description_en": "Labor rights, formalization, inspection and social protection of paid domestic workers.",
        "description_es": "Derechos laborales, formalización, inspección y protección social de las trabajadoras domésticas remuneradas.",
    },
    {
        "slug": "violence-and-harassment",
        "name_en": "Violence and harassment in the world of work",
        "name_es": "Violencia y acoso en el mundo del trabajo",
        "description_en": "Including gender-based violence and harassment: prevention, complaint mechanisms and support to victims.",
        "description_es": "Incluida la violencia y el acoso por razón de género: prevención, mecanismos de denuncia y apoyo a las víctimas.",
    },
    {
        "slug": "care-work",
        "name_en": "Unpaid and paid care work",
        "name_es": "Trabajo de cuidados remunerado y no remunerado",
        "description_en": "Care systems and co-responsibility of care between women and men, the State, the market and families.",
        "description_es": "Sistemas de cuidados y corresponsabilidad de los cuidados entre mujeres y hombres, el Estado, el mercado y las familias.",
    },
    {
        "slug": "institutionalization",
        "name_en": "Institutionalization of gender in the Ministries of Labor",
        "name_es": "Institucionalización del género en los ministerios de trabajo",
        "description_en": "Strengthening gender units and mainstreaming the gender approach across every area of the ministries.",
        "description_es": "Fortalecimiento de las unidades de género y transversalización del enfoque de género en todas las áreas de los ministerios.",
    },
    {
        "slug": "equity-seals",
        "name_en": "Recognition of enterprises committed to gender equity",
        "name_es": "Reconocimiento de empresas comprometidas con la equidad de género",
        "description_en": "Seals, badges and certifications for employers that close gender gaps.",
        "description_es": "Sellos, distintivos y certificaciones para empleadores que cierran brechas de género.",
    },
    {
        "slug": "gender-inspection",
        "name_en": "Inspection with a gender approach",
        "name_es": "Inspección con enfoque de género",
        "description_en": "Guidelines, training and protocols so that labor inspection detects and corrects gender discrimination.",
        "description_es": "Guías, capacitación y protocolos para que la inspección laboral detecte y corrija la discriminación por razón de género.",
    },
    {
        "slug": "gender-statistics",
        "name_en": "Collection of statistics for gender analysis",
        "name_es": "Generación de estadísticas para el análisis de género",
        "description_en": "Data disaggregated by sex and other variables to design and evaluate labor policies.",
        "description_es": "Datos desagregados por sexo y otras variables para diseñar y evaluar las políticas laborales.",
    },
    {
        "slug": "telework",
        "name_en": "Telework",
        "name_es": "Teletrabajo",
        "description_en": "Telework regulation with a gender perspective and caregiving co-responsibility.",
        "description_es": "Regulación del teletrabajo con perspectiva de género y corresponsabilidad en los cuidados.",
    },
    {
        "slug": "employability",
        "name_en": "Public policies to increase the employability of women",
        "name_es": "Políticas públicas para aumentar la empleabilidad de las mujeres",
        "description_en": "Training, job placement and employment services that close occupational and wage gaps.",
        "description_es": "Capacitación, intermediación laboral y servicios de empleo que cierran las brechas ocupacionales y salariales.",
    },
]

# Institutions that took part in the dialogues of 2022-2023 (participant lists, Annexes 5-6).
MINISTRIES = [
    {"country": "AG", "name_en": "Ministry of Public Safety and Labour", "name_es": "Ministerio de Seguridad Pública y Trabajo"},
    {"country": "AR", "name_en": "Ministry of Labor, Employment and Social Security", "name_es": "Ministerio de Trabajo, Empleo y Seguridad Social", "gender_unit_en": "National Directorate of Protection and Equality", "gender_unit_es": "Dirección Nacional de Protección e Igualdad"},
    {"country": "BS", "name_en": "Ministry of Labour and Immigration", "name_es": "Ministerio de Trabajo e Inmigración"},
    {"country": "BB", "name_en": "Ministry of Labour, Social Security and Third Sector", "name_es": "Ministerio de Trabajo, Seguridad Social y Tercer Sector"},
    {"country": "BZ", "name_en": "Ministry of Labour", "name_es": "Ministerio de Trabajo"},
    {"country": "BO", "name_en": "Ministry of Labor, Employment and Social Welfare", "name_es": "Ministerio de Trabajo, Empleo y Previsión Social"},
    {"country": "BR", "name_en": "Ministry of Labor and Employment", "name_es": "Ministerio del Trabajo y Empleo"},
    {"country": "CA", "name_en": "Employment and Social Development Canada, Labour Program", "name_es": "Empleo y Desarrollo Social Canadá, Programa del Trabajo"},
    {"country": "CL", "name_en": "Ministry of Labor and Social Security", "name_es": "Ministerio del Trabajo y Previsión Social"},
    {"country": "CO", "name_en": "Ministry of Labor", "name_es": "Ministerio del Trabajo"},
    {"country": "CR", "name_en": "Ministry of Labor and Social Security", "name_es": "Ministerio de Trabajo y Seguridad Social"},
    {"country": "DO", "name_en": "Ministry of Labor", "name_es": "Ministerio de Trabajo"},
    {"country": "EC", "name_en": "Ministry of Labor", "name_es": "Ministerio del Trabajo"},
    {"country": "SV", "name_en": "Ministry of Labor and Social Welfare", "name_es": "Ministerio de Trabajo y Previsión Social"},
    {"country": "GD", "name_en": "Ministry of Labour", "name_es": "Ministerio de Trabajo"},
    {"country": "GT", "name_en": "Ministry of Labor and Social Welfare", "name_es": "Ministerio de Trabajo y Previsión Social"},
    {"country": "GY", "name_en": "Ministry of Labour", "name_es": "Ministerio de Trabajo"},
    {"country": "HT", "name_en": "Ministry of Social Affairs and Labor", "name_es": "Ministerio de Asuntos Sociales y Trabajo"},
    {"country": "HN", "name_en": "Secretariat of Labor and Social Security", "name_es": "Secretaría de Trabajo y Seguridad Social"},
    {"country": "JM", "name_en": "Ministry of Labour and Social Security", "name_es": "Ministerio de Trabajo y Seguridad Social"},
    {"country": "MX", "name_en": "Secretariat of Labor and Social Welfare", "name_es": "Secretaría del Trabajo y Previsión Social"},
    {"country": "PA", "name_en": "Ministry of Labor and Workforce Development", "name_es": "Ministerio de Trabajo y Desarrollo Laboral"},
    {"country": "PY", "name_en": "Ministry of Labor, Employment and Social Security", "name_es": "Ministerio de Trabajo, Empleo y Seguridad Social"},
    {"country": "PE", "name_en": "Ministry of Labor and Employment Promotion", "name_es": "Ministerio de Trabajo y Promoción del Empleo"},
    {"country": "KN", "name_en": "Department of Labour", "name_es": "Departamento de Trabajo"},
    {"country": "LC", "name_en": "Ministry for the Public Service, Home Affairs, Labour and Gender Affairs", "name_es": "Ministerio de Servicio Público, Asuntos Internos, Trabajo y Asuntos de Género"},
    {"country": "VC", "name_en": "Ministry of Labour", "name_es": "Ministerio de Trabajo"},
    {"country": "TT", "name_en": "Ministry of Labour", "name_es": "Ministerio de Trabajo"},
    {"country": "US", "name_en": "United States Department of Labor", "name_es": "Departamento de Trabajo de los Estados Unidos"},
    {"country": "UY", "name_en": "Ministry of Labor and Social Security", "name_es": "Ministerio de Trabajo y Seguridad Social"},
    # Observer state.
    {"country": "ES", "name_en": "Ministry of Labor and Social Economy", "name_es": "Ministerio de Trabajo y Economía Social"},
]  # fmt: skip

# The first Steering Committee (constituent document, section 5; Work Plan 2022-2023): the
# Chair of the IACML and the Chair and Vice-Chairs of Working Group 1 of the XXI IACML. It met
# on 24 June 2022 and serves for one year, "until June 2023".
STEERING_COMMITTEE = [
    {"country": "AR", "role": "iacml_chair"},
    {"country": "CL", "role": "wg1_chair"},
    {"country": "CR", "role": "wg1_vice_chair"},
    {"country": "TT", "role": "wg1_vice_chair"},
]
STEERING_COMMITTEE_TERM = ("2022-06-24", "2023-06-30")

SECRETARIAT = {
    "name_en": "OAS Department of Human Development, Education and Employment (DHDEE)",
    "name_es": "Departamento de Desarrollo Humano, Educación y Empleo de la OEA (DDHEE)",
}
ADVISOR = {
    "name_en": "Inter-American Commission of Women (CIM)",
    "name_es": "Comisión Interamericana de Mujeres (CIM)",
}

# Work Plan 2022-2023 (July 2022 - July 2023); statuses from the 2022-2023 network report. The
# report planned the WhatsApp group and the documentation center for "the last quarter of 2022
# and early 2023": not done within the plan, they are carried over (postponed).
WORK_PLAN_2022_2023 = {
    "title_en": "Work Plan 2022-2023",
    "title_es": "Plan de Trabajo 2022-2023",
    "start": "2022-07-01",
    "end": "2023-07-31",
    "activities": [
        {
            "number": 1,
            "title_en": "Open call to include initiatives in the RIAL Portfolio of Programs",
            "title_es": "Convocatoria abierta para incluir iniciativas en el Portafolio de Programas de la RIAL",
            "description_en": "The Ministries of Labor are invited to share the initiatives they are developing to promote gender equality at work through the online Portfolio of Programs; each Ministry receives its username and password again.",
            "description_es": "Se invita a los ministerios de trabajo a compartir las iniciativas que desarrollan para promover la igualdad de género en el trabajo a través del Portafolio de Programas en línea; cada ministerio recibe nuevamente su usuario y contraseña.",
            "start": "2022-08-01",
            "end": "2022-10-31",
            "status": "done",
        },
        {
            "number": 2,
            "title_en": "Virtual Hemispheric Dialogue on the Gender Approach in Labor Inspection",
            "title_es": "Diálogo Hemisférico Virtual sobre el Enfoque de Género en la Inspección Laboral",
            "description_en": "Guidelines developed by some Ministries to advise and train labor inspectors on how to mainstream gender into their work.",
            "description_es": "Las guías que algunos ministerios han desarrollado para asesorar y capacitar a las personas inspectoras sobre cómo transversalizar el género en su trabajo.",
            "start": "2022-09-01",
            "end": "2022-09-30",
            "status": "done",
        },
        {
            "number": 3,
            "title_en": "Virtual Hemispheric Dialogue on Domestic Work",
            "title_es": "Diálogo Hemisférico Virtual sobre Trabajo Doméstico",
            "description_en": "Progress and strategies of the gender units to guarantee compliance with labor legislation and fundamental rights in domestic work, including inspection and social protection.",
            "description_es": "Avances y estrategias de las unidades de género para garantizar el cumplimiento de la legislación laboral y los derechos fundamentales en el trabajo doméstico, incluidas la inspección y la protección social.",
            "start": "2023-03-01",
            "end": "2023-03-31",
            "status": "done",
        },
        {
            "number": 4,
            "title_en": "Virtual Hemispheric Dialogue on Labor Market Insertion and Closing Occupational Gaps",
            "title_es": "Diálogo Hemisférico Virtual sobre Inserción Laboral y Cierre de Brechas Ocupacionales",
            "description_en": "Experiences on the gender approach in job placement strategies, and seals or distinctions for companies committed to gender equity.",
            "description_es": "Experiencias sobre el enfoque de género en las estrategias de intermediación laboral, y sellos o distintivos para empresas comprometidas con la equidad de género.",
            "start": "2023-07-01",
            "end": "2023-07-31",
            "status": "done",
        },
        {
            "number": 5,
            "title_en": "Documentation Center",
            "title_es": "Centro de Documentación",
            "description_en": "A documentation center with publications and useful resources for the units; the Secretariat proposes parameters for inclusion, agreed by the Steering Committee.",
            "description_es": "Un centro de documentación con publicaciones y recursos útiles para las unidades; la Secretaría propone parámetros de inclusión que acuerda el Comité Directivo.",
            "start": "2022-07-01",
            "end": "2022-12-31",
            "status": "postponed",
        },
        {
            "number": 6,
            "title_en": "Open a permanent channel of communication",
            "title_es": "Abrir un canal permanente de comunicación",
            "description_en": "A WhatsApp group with at most 3 representatives per country, with clear rules agreed by the Committee and moderated by the Technical Secretariat.",
            "description_es": "Un grupo de WhatsApp con un máximo de 3 representantes por país, con reglas claras acordadas por el Comité y moderado por la Secretaría Técnica.",
            "start": "2022-07-01",
            "end": "2022-12-31",
            "status": "postponed",
        },
        {
            "number": 7,
            "title_en": "Continue promoting bilateral cooperation",
            "title_es": "Seguir promoviendo la cooperación bilateral",
            "description_en": "The 15th RIAL Call for Bilateral Cooperation (2022) selected two proposals: Bolivia and Panama on women's cooperatives, and Uruguay and Argentina on gender-based violence and harassment at work.",
            "description_es": "La 15.ª Convocatoria de Cooperación Bilateral de la RIAL (2022) seleccionó dos propuestas: Bolivia y Panamá sobre cooperativas de mujeres, y Uruguay y Argentina sobre violencia y acoso por razón de género en el trabajo.",
            "start": "2022-07-01",
            "end": "2023-12-31",
            "status": "done",
        },
    ],
}
