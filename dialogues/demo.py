"""Demo data of the dialogues, from the network's documents: the seven hemispheric dialogues
held between November 2020 and July 2023 (real dates and themes), the 4th's agenda and
questions as its informative note gave them, the conclusions and recommendations of the 1st
to 6th (the 7th's document was still under review), and participants by country. For the 5th
and 6th the counts are those of their participant lists; for the 1st to 4th only the number
of ministries is known, so the counts per country are illustrative. Plus one upcoming
dialogue dated from the day the demo is loaded, with the demo focal points registered, and
a few countries' progress on the recommendations. People are synthetic. Idempotent."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from dialogues.models import (
    AgendaItem,
    Category,
    Event,
    EventKind,
    Outcome,
    ParticipationCount,
    Question,
    Recommendation,
    RecommendationProgress,
    Registration,
    RegistrationStatus,
    Speaker,
)
from members.models import Member, Ministry
from rialgender.models import AreaOfAction
from rialgender.timezones import ORGANISER_ZONE
from rialgender.workflow import State

WASHINGTON = ZoneInfo(ORGANISER_ZONE)


def _at(date: str, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.fromisoformat(date).replace(
        hour=hour, minute=minute, tzinfo=WASHINGTON
    )


# --- The seven dialogues ---------------------------------------------------------------------

DIALOGUES = [
    {
        "number": 1,
        "date": "2020-11-20",
        "title_en": "1st Hemispheric Dialogue to advance the institutionalization of Gender in the Ministries of Labor",
        "title_es": "1er Diálogo Hemisférico para avanzar en la institucionalización del género en los Ministerios de Trabajo",
        "description_en": "A dialogue among the gender units or areas of the Ministries of Labor on how they operated during the COVID-19 pandemic, with the presentation of the Study on the Institutionalization of a Gender Approach in the Ministries of Labor of the Americas.",
        "description_es": "Un diálogo entre las unidades o áreas de género de los Ministerios de Trabajo sobre su funcionamiento durante la pandemia de COVID-19, con la presentación del Estudio sobre la institucionalización del enfoque de género en los Ministerios de Trabajo de las Américas.",
        "ministries": 30,
        "conclusions_en": [
            "Delegations of 30 governments of the Americas took part, represented by directors and officers responsible for gender units or areas; some were joined by the Permanent Missions of their countries to the OAS.",
            "The situation of women in the labor market worsened with COVID-19: unemployment, inactivity and informality rose, and gender gaps deepened throughout the region.",
            "The institutionalization of gender in the ministries has advanced, and the gender units took part in the response to the crisis; these advances must be consolidated and protected, and merging gender units with areas for other populations could weaken them.",
            "Topics of great interest for cooperation and training: domestic work and ILO Convention 189, care systems and shared responsibility, the wage gap, formalization and social security, violence and harassment at work and ILO Convention 190, telework, and women facing several forms of discrimination.",
        ],
        "conclusions_es": [
            "Participaron delegaciones de 30 gobiernos de las Américas, representadas por directoras, directores y funcionarios a cargo de unidades o áreas de género; algunas estuvieron acompañadas por las Misiones Permanentes de sus países ante la OEA.",
            "La situación de las mujeres en el mercado laboral empeoró con la COVID-19: aumentaron el desempleo, la inactividad y la informalidad, y se profundizaron las brechas de género en toda la región.",
            "La institucionalización del género en los ministerios ha avanzado y las unidades de género participaron en la respuesta a la crisis; estos avances deben consolidarse y protegerse, y fusionar las unidades de género con áreas de otras poblaciones podría debilitarlas.",
            "Temas de gran interés para la cooperación y la capacitación: el trabajo doméstico y el Convenio 189 de la OIT, los sistemas de cuidado y la corresponsabilidad, la brecha salarial, la formalización y la seguridad social, la violencia y el acoso en el trabajo y el Convenio 190 de la OIT, el teletrabajo y las mujeres que enfrentan varias formas de discriminación.",
        ],
        "recommendations": [
            (
                "ministries",
                ["institutionalization"],
                "Give the gender units a clear mission and clear functions, and keep them from being merged with areas in charge of other populations.",
                "Dar a las unidades de género una misión y funciones claras, y evitar que se fusionen con áreas a cargo de otras poblaciones.",
            ),
            (
                "secretariat",
                ["institutionalization"],
                "Produce a Manual or ABC for gender units setting out their general objectives and functions.",
                "Elaborar un Manual o ABC para las unidades de género con sus objetivos y funciones generales.",
            ),
            (
                "secretariat",
                ["institutionalization"],
                "Propose a network of gender focal points of the Ministries of Labor as a specialized network of RIAL.",
                "Proponer una red de puntos focales de género de los Ministerios de Trabajo como red especializada de la RIAL.",
            ),
            (
                "ministries",
                ["institutionalization"],
                "Upload the gender units' programs to the RIAL Portfolio of Programs, under “Gender Equity”.",
                "Cargar los programas de las unidades de género en el Portafolio de Programas de la RIAL, bajo “Equidad de género”.",
            ),
        ],
        "next_steps_en": [
            "Publication of the final Study on the institutionalization of a gender approach, renamed to include “Balance of a Decade”.",
            "A second hemispheric dialogue in February or March 2021, on a theme chosen with the gender units.",
            "The Secretariat and CIM continue the virtual course on gender-based violence at work, for the first half of 2021.",
        ],
        "next_steps_es": [
            "Publicación del Estudio final sobre la institucionalización del enfoque de género, que pasa a incluir “Balance de una década”.",
            "Un segundo diálogo hemisférico en febrero o marzo de 2021, sobre un tema elegido con las unidades de género.",
            "La Secretaría y la CIM continúan el curso virtual sobre violencia de género en el trabajo, para el primer semestre de 2021.",
        ],
    },
    {
        "number": 2,
        "date": "2021-05-26",
        "title_en": "2nd Hemispheric Dialogue between Gender Units of Ministries of Labor: Telework and caregiving co-responsibility for a gender-responsive recovery",
        "title_es": "2º Diálogo Hemisférico entre Unidades de Género de los Ministerios de Trabajo: Teletrabajo y corresponsabilidad en los cuidados para una recuperación con perspectiva de género",
        "description_en": "Regulations and government responses on telework and caregiving co-responsibility, so that telework does not become another venue for gender discrimination. With the experiences of Argentina and Spain.",
        "description_es": "Normas y respuestas de los gobiernos sobre teletrabajo y corresponsabilidad en los cuidados, para que el teletrabajo no se convierta en un nuevo espacio de discriminación de género. Con las experiencias de Argentina y España.",
        "ministries": 26,
        "conclusions_en": [
            "Telework and caregiving co-responsibility must be dealt with together: the balance telework promises starts from an unequal distribution of work at home.",
            "Social dialogue between government, workers and employers gives telework and co-responsibility policies legitimacy, sustainability and impact.",
            "More diagnosis and statistics are needed, including how household tasks are shared and the time women and men spend on them.",
            "Risks for women were identified: becoming invisible at work, less access to training, a wider wage gap, harassment and mental health problems, and leaving the labor market.",
        ],
        "conclusions_es": [
            "El teletrabajo y la corresponsabilidad en los cuidados deben abordarse juntos: el equilibrio que promete el teletrabajo parte de una distribución desigual del trabajo en el hogar.",
            "El diálogo social entre gobierno, trabajadores y empleadores da a las políticas de teletrabajo y corresponsabilidad legitimidad, sostenibilidad e impacto.",
            "Se necesitan más diagnósticos y estadísticas, incluido cómo se reparten las tareas del hogar y el tiempo que dedican a ellas mujeres y hombres.",
            "Se identificaron riesgos para las mujeres: volverse invisibles en el trabajo, menos acceso a la formación, una brecha salarial mayor, acoso y problemas de salud mental, y salir del mercado laboral.",
        ],
        "recommendations": [
            (
                "ministries",
                ["telework"],
                "Guarantee equal rights between people who work remotely and on site in working hours, pay, professional development and access to training.",
                "Garantizar la igualdad de derechos entre quienes trabajan a distancia y en forma presencial en jornada, remuneración, desarrollo profesional y acceso a la formación.",
            ),
            (
                "ministries",
                ["telework", "care-work"],
                "Make telework voluntary and reversible, with flexible hours for those who care for people who need assistance.",
                "Hacer que el teletrabajo sea voluntario y reversible, con horarios flexibles para quienes cuidan a personas que requieren asistencia.",
            ),
            (
                "ministries",
                ["telework"],
                "Recognize the right to disconnect explicitly.",
                "Reconocer expresamente el derecho a la desconexión.",
            ),
            (
                "ministries",
                ["care-work"],
                "Promote the co-responsible participation of men in care tasks, with awareness actions for supervisors and supervisees.",
                "Promover la participación corresponsable de los hombres en las tareas de cuidado, con acciones de sensibilización para supervisores y personas supervisadas.",
            ),
            (
                "ministries",
                ["telework", "violence-and-harassment"],
                "Prevent and address the new forms of harassment that telework brings, such as online harassment.",
                "Prevenir y atender las nuevas formas de acoso que trae el teletrabajo, como el acoso en línea.",
            ),
            (
                "ministries",
                ["gender-inspection", "telework"],
                "Train the labor inspectorate to oversee this way of working.",
                "Capacitar a la inspección del trabajo para fiscalizar esta modalidad.",
            ),
        ],
        "next_steps_en": [
            "A space on the RIAL website to systematize legislation and regulations on telework.",
            "The recommendations are shared with the Inter-American Conference of Ministers of Labor.",
            "The preliminary Manual for gender units goes to the units for consultation in July.",
        ],
        "next_steps_es": [
            "Un espacio en el sitio de la RIAL para sistematizar la legislación y las normas sobre teletrabajo.",
            "Las recomendaciones se comparten con la Conferencia Interamericana de Ministros de Trabajo.",
            "El Manual preliminar para las unidades de género se envía en consulta a las unidades en julio.",
        ],
    },
    {
        "number": 3,
        "date": "2021-11-30",
        "title_en": "3rd Hemispheric Gender Dialogue among Ministries of Labor: Towards a Manual or “ABC” for Gender Units",
        "title_es": "3er Diálogo Hemisférico de Género entre Ministerios de Trabajo: Hacia un Manual o “ABC” para las Unidades de Género",
        "description_en": "The situation of the gender units almost two years into the pandemic, and the review of the preliminary Manual or ABC for their creation and operation.",
        "description_es": "La situación de las unidades de género a casi dos años de la pandemia, y la revisión del Manual o ABC preliminar para su creación y funcionamiento.",
        "ministries": 24,
        "conclusions_en": [
            "Most gender units strengthened in spite of the pandemic: in a survey during the dialogue, 62.5% of the respondents said their unit had strengthened.",
            "The units work on mainstreaming gender in all programs, bringing women into sectors dominated by men, the care crisis and gender-based violence at work.",
            "The lack of budget and of specialized staff is one of the main challenges for their operation.",
            "The delegations endorsed the creation of a network of gender focal points as a specialized network of RIAL.",
        ],
        "conclusions_es": [
            "La mayoría de las unidades de género se fortalecieron pese a la pandemia: en una encuesta durante el diálogo, el 62,5 % dijo que su unidad se había fortalecido.",
            "Las unidades trabajan en la transversalización del género en todos los programas, la incorporación de mujeres en sectores dominados por hombres, la crisis de los cuidados y la violencia de género en el trabajo.",
            "La falta de presupuesto y de personal especializado es uno de los principales desafíos para su funcionamiento.",
            "Las delegaciones respaldaron la creación de una red de puntos focales de género como red especializada de la RIAL.",
        ],
        "recommendations": [
            (
                "secretariat",
                ["institutionalization"],
                "Include an intersectional approach in the Manual for gender units.",
                "Incluir un enfoque interseccional en el Manual para las unidades de género.",
            ),
            (
                "ministries",
                ["institutionalization"],
                "Link the gender units' work with national gender equality policies and with subnational governments.",
                "Articular el trabajo de las unidades de género con las políticas nacionales de igualdad de género y con los gobiernos subnacionales.",
            ),
            (
                "secretariat",
                ["institutionalization", "gender-statistics"],
                "Include information and indicators on legal frameworks and international instruments.",
                "Incluir información e indicadores sobre marcos legales e instrumentos internacionales.",
            ),
            (
                "secretariat",
                ["institutionalization"],
                "Develop a glossary of terms to complement the Manual.",
                "Elaborar un glosario de términos que complemente el Manual.",
            ),
        ],
        "next_steps_en": [
            "The final Manual for Gender Units, in English and Spanish.",
            "The English version of the virtual course on gender-based violence at work, in March or April 2022.",
            "A proposal to create the network of focal points, submitted to the authorities of the IACML.",
        ],
        "next_steps_es": [
            "El Manual final para las Unidades de Género, en inglés y en español.",
            "La versión en inglés del curso virtual sobre violencia de género en el trabajo, en marzo o abril de 2022.",
            "Una propuesta para crear la red de puntos focales, presentada a las autoridades de la CIMT.",
        ],
    },
    {
        "number": 4,
        "date": "2022-03-15",
        "title_en": "4th Hemispheric Gender Dialogue between Ministries of Labor: Creating the Network of Gender Focal Points",
        "title_es": "4º Diálogo Hemisférico de Género entre Ministerios de Trabajo: Creación de la Red de Puntos Focales de Género",
        "description_en": "The space to build, together, the foundations of the Network of gender focal points in the Ministries of Labor: its objectives and main lines of action.",
        "description_es": "El espacio para construir, en conjunto, las bases de la Red de puntos focales de género en los Ministerios de Trabajo: sus objetivos y principales líneas de acción.",
        "objective_en": "Create the Network of gender focal points in the Ministries of Labor in response to the recommendations made in previous hemispheric dialogues. Define its objectives and main lines of action to continue deepening and mutually supporting the institutionalization of gender in the Ministries of Labor.",
        "objective_es": "Crear la Red de puntos focales de género en los Ministerios de Trabajo en respuesta a las recomendaciones de los diálogos hemisféricos anteriores. Definir sus objetivos y principales líneas de acción para seguir profundizando y apoyando mutuamente la institucionalización del género en los Ministerios de Trabajo.",
        "background_en": "Between 2020 and 2021, the OAS promoted hemispheric dialogues between the gender units or areas of the Ministries of Labor of the Americas through RIAL, with the support of CIM. In the three dialogues held (November 2020, May and November 2021), directors and officers from 29 Ministries of Labor took part.",
        "background_es": "Entre 2020 y 2021, la OEA promovió diálogos hemisféricos entre las unidades o áreas de género de los Ministerios de Trabajo de las Américas a través de la RIAL, con el apoyo de la CIM. En los tres diálogos realizados (noviembre de 2020, mayo y noviembre de 2021) participaron directoras, directores y funcionarios de 29 Ministerios de Trabajo.",
        "closes": "2022-03-10",
        "questions_deadline": "2022-03-11",
        "conclusions_en": [
            "RIAL/GENDER was formally launched: the gender units discussed its objectives and main lines of action, building its foundations together.",
            "The purpose of the network is to strengthen the gender units or areas within the Ministries of Labor of the Americas.",
            "Each ministry is represented by two people: the head of the gender unit, or of the area responsible for gender, and another person from the same area.",
            "The participants preferred a mailing list for formal communications and invitations, and a WhatsApp group for rapid, informal exchange.",
            "The members of the network will meet at least every six months.",
        ],
        "conclusions_es": [
            "Se lanzó formalmente RIAL/GÉNERO: las unidades de género discutieron sus objetivos y principales líneas de acción, construyendo juntas sus bases.",
            "El propósito de la red es fortalecer las unidades o áreas de género de los Ministerios de Trabajo de las Américas.",
            "Cada ministerio está representado por dos personas: la jefatura de la unidad de género, o del área a cargo del género, y otra persona de la misma área.",
            "Las personas participantes prefirieron una lista de correo para las comunicaciones formales e invitaciones, y un grupo de WhatsApp para el intercambio rápido e informal.",
            "Las personas integrantes de la red se reunirán al menos cada seis meses.",
        ],
        "recommendations": [
            (
                "ministries",
                ["institutionalization"],
                "Each ministry names its two focal points for the network.",
                "Cada ministerio designa a sus dos puntos focales ante la red.",
            ),
            (
                "secretariat",
                ["institutionalization"],
                "Prepare the constituent document with the focal points' comments and convene the first meeting of the Steering Committee.",
                "Preparar el documento constitutivo con los comentarios de los puntos focales y convocar la primera reunión del Comité Directivo.",
            ),
            (
                "network",
                ["institutionalization"],
                "Open a mailing list for formal communications and a WhatsApp group for informal exchange.",
                "Abrir una lista de correo para las comunicaciones formales y un grupo de WhatsApp para el intercambio informal.",
            ),
            (
                "ministries",
                ["institutionalization"],
                "Share the units' good practices in the Portfolio of Programs.",
                "Compartir las buenas prácticas de las unidades en el Portafolio de Programas.",
            ),
        ],
        "next_steps_en": [
            "May and June: the Technical Secretariat prepares the final constituent document and convenes the first meeting of the Steering Committee, to define the network's first work plan.",
        ],
        "next_steps_es": [
            "Mayo y junio: la Secretaría Técnica prepara el documento constitutivo final y convoca la primera reunión del Comité Directivo, para definir el primer plan de trabajo de la red.",
        ],
    },
    {
        "number": 5,
        "date": "2022-09-20",
        "title_en": "5th Hemispheric Dialogue on Gender among Ministries of Labor: Toward a gender-responsive labor inspection",
        "title_es": "5º Diálogo Hemisférico de Género entre Ministerios de Trabajo: Hacia una inspección laboral con enfoque de género",
        "description_en": "Significant experiences, practical tools and policy recommendations to mainstream gender in labor inspection, with the presentations of the Ministries of Labor of Costa Rica and Chile.",
        "description_es": "Experiencias significativas, herramientas prácticas y recomendaciones de política para transversalizar el género en la inspección laboral, con las presentaciones de los Ministerios de Trabajo de Costa Rica y Chile.",
        "ministries": 28,
        "conclusions_en": [
            "Labor inspection has a very important role in achieving gender equality: it ensures that the law applies equally to all and it is a privileged tool for training and awareness raising.",
            "Mainstreaming gender requires a systemic vision: the gender units advise, but every area is responsible; gender committees and focal points in each area are an excellent practice, as in Chile and Panama.",
            "The relationship between gender units and inspection is closer where there is a gender liaison in inspection, a strong gender unit and high-level support.",
            "The delegations highly valued Costa Rica's Labor Inspection Guide with a Gender Approach, its Catalog of gender infractions and the Didactic Manual for the Guide.",
        ],
        "conclusions_es": [
            "La inspección laboral tiene un papel muy importante para lograr la igualdad de género: asegura que la ley se aplique por igual a todas las personas y es una herramienta privilegiada de capacitación y sensibilización.",
            "Transversalizar el género requiere una visión sistémica: las unidades de género asesoran, pero todas las áreas son responsables; los comités de género y los puntos focales en cada área son una excelente práctica, como en Chile y Panamá.",
            "La relación entre las unidades de género y la inspección es más estrecha donde hay un enlace de género en la inspección, una unidad de género fuerte y apoyo del más alto nivel.",
            "Las delegaciones valoraron mucho la Guía de Inspección Laboral con Enfoque de Género de Costa Rica, su Catálogo de infracciones de género y el Manual didáctico de la Guía.",
        ],
        "recommendations": [
            (
                "ministries",
                ["gender-inspection", "institutionalization"],
                "Achieve and keep commitment at the highest political level, with gender equality in national and institutional plans.",
                "Lograr y mantener el compromiso al más alto nivel político, con la igualdad de género en los planes nacionales e institucionales.",
            ),
            (
                "ministries",
                ["institutionalization"],
                "Deepen collaboration with the national mechanisms for the advancement of women.",
                "Profundizar la colaboración con los mecanismos nacionales para el adelanto de las mujeres.",
            ),
            (
                "ministries",
                ["gender-statistics"],
                "Improve research, diagnosis and disaggregated statistics that make gender gaps visible.",
                "Mejorar la investigación, los diagnósticos y las estadísticas desagregadas que visibilizan las brechas de género.",
            ),
            (
                "ministries",
                ["gender-inspection"],
                "Train inspectors continuously on gender gaps, inspection guides with a gender perspective and gender-based violence at work.",
                "Capacitar en forma continua a las personas inspectoras sobre brechas de género, guías de inspección con perspectiva de género y violencia de género en el trabajo.",
            ),
            (
                "ministries",
                ["gender-inspection"],
                "Prepare guides and protocols for labor inspection with a gender approach, built with inspectors and updated constantly.",
                "Elaborar guías y protocolos de inspección laboral con enfoque de género, construidos con las personas inspectoras y actualizados constantemente.",
            ),
            (
                "ministries",
                ["gender-inspection", "institutionalization"],
                "Have a gender liaison or focal point within the inspection area, in permanent communication with the gender unit.",
                "Contar con un enlace o punto focal de género en el área de inspección, en comunicación permanente con la unidad de género.",
            ),
            (
                "ministries",
                ["gender-inspection"],
                "Ensure gender parity in the inspectorate and hire more women inspectors, especially in decision-making positions.",
                "Asegurar la paridad de género en la inspección y contratar más mujeres inspectoras, especialmente en puestos de decisión.",
            ),
        ],
        "next_steps_en": [
            "Continue the exchange on inspection guides and manuals with a gender approach, with the collaboration of the ILO and CIM.",
            "The 6th Virtual Hemispheric Dialogue, on paid domestic work, in March 2023.",
            "The call for proposals for bilateral cooperation opens in January 2023.",
        ],
        "next_steps_es": [
            "Continuar el intercambio sobre guías y manuales de inspección con enfoque de género, con la colaboración de la OIT y la CIM.",
            "El 6º Diálogo Hemisférico Virtual, sobre trabajo doméstico remunerado, en marzo de 2023.",
            "La convocatoria de cooperación bilateral abre en enero de 2023.",
        ],
        # From the list of participants (network report 2022-2023, annex 5).
        "participants": {
            "member_state": {
                "AG": 1,
                "AR": 7,
                "BS": 4,
                "BB": 1,
                "BZ": 2,
                "BR": 3,
                "CA": 3,
                "CL": 3,
                "CO": 6,
                "CR": 6,
                "EC": 6,
                "SV": 3,
                "GD": 3,
                "GT": 2,
                "GY": 2,
                "HT": 5,
                "HN": 2,
                "JM": 1,
                "PA": 4,
                "PY": 3,
                "PE": 5,
                "DO": 3,
                "KN": 3,
                "VC": 5,
                "TT": 4,
                "US": 4,
                "UY": 4,
            },
            "permanent_mission": {"MX": 1, "PE": 1, "ES": 1},
            "observer_state": {"ES": 3},
            "international": {"ILO": 1, "EUROsociAL+": 1, "OAS": 7},
        },
    },
    {
        "number": 6,
        "date": "2023-03-15",
        "title_en": "6th Hemispheric Dialogue on Gender among Ministries of Labor: Toward paid domestic work with rights",
        "title_es": "6º Diálogo Hemisférico de Género entre Ministerios de Trabajo: Hacia un trabajo doméstico remunerado con derechos",
        "description_en": "Advances, strategies, lessons learned and policy recommendations to guarantee compliance with labor legislation and fundamental rights in paid domestic work, with the experiences of Uruguay and Jamaica.",
        "description_es": "Avances, estrategias, lecciones aprendidas y recomendaciones de política para garantizar el cumplimiento de la legislación laboral y los derechos fundamentales en el trabajo doméstico remunerado, con las experiencias de Uruguay y Jamaica.",
        "ministries": 27,
        "conclusions_en": [
            "Ratifying or harmonizing regulations with ILO Conventions 189 and 190 is key so that paid domestic workers have the same rights as every other worker.",
            "Domestic work calls for a State policy in which the Ministries of Labor promote action with domestic workers' organizations, employers and other institutions.",
            "Formalization is slow, and inspection must check compliance without violating the inviolability of the household.",
            "The historical gap in social security coverage for domestic workers, including retirement and pensions, remains a major concern.",
        ],
        "conclusions_es": [
            "Ratificar o armonizar las normas con los Convenios 189 y 190 de la OIT es clave para que las trabajadoras domésticas remuneradas tengan los mismos derechos que cualquier otra persona trabajadora.",
            "El trabajo doméstico exige una política de Estado en la que los Ministerios de Trabajo impulsen acciones con las organizaciones de trabajadoras domésticas, las personas empleadoras y otras instituciones.",
            "La formalización es lenta, y la inspección debe verificar el cumplimiento sin vulnerar la inviolabilidad del hogar.",
            "La brecha histórica en la cobertura de la seguridad social de las trabajadoras domésticas, incluidas la jubilación y las pensiones, sigue siendo una gran preocupación.",
        ],
        "recommendations": [
            (
                "ministries",
                ["domestic-work"],
                "Adopt an intersectional approach to paid domestic work, considering linguistic and intercultural diversity and migrant domestic workers.",
                "Adoptar un enfoque interseccional del trabajo doméstico remunerado, que considere la diversidad lingüística e intercultural y a las trabajadoras domésticas migrantes.",
            ),
            (
                "ministries",
                ["domestic-work"],
                "Ensure that labor legislation does not exclude domestic workers, and avoid differentiated legislation, which can lead to discrimination.",
                "Asegurar que la legislación laboral no excluya a las trabajadoras domésticas y evitar legislaciones diferenciadas, que pueden llevar a la discriminación.",
            ),
            (
                "ministries",
                ["domestic-work", "care-work"],
                "Include paid domestic work in the care policies being developed.",
                "Incluir el trabajo doméstico remunerado en las políticas de cuidado que se están desarrollando.",
            ),
            (
                "ministries",
                ["gender-inspection", "violence-and-harassment"],
                "Train labor inspectors to detect and address gender-based violence and harassment.",
                "Capacitar a las personas inspectoras del trabajo para detectar y atender la violencia y el acoso por razón de género.",
            ),
            (
                "ministries",
                ["domestic-work"],
                "Expand social security coverage beyond pensions, with awareness actions aimed at employers.",
                "Ampliar la cobertura de la seguridad social más allá de las pensiones, con acciones de sensibilización dirigidas a las personas empleadoras.",
            ),
            (
                "secretariat",
                ["domestic-work"],
                "Publish a repository of the actions of the Ministries of Labor on domestic work.",
                "Publicar un repositorio de las acciones de los Ministerios de Trabajo sobre trabajo doméstico.",
            ),
        ],
        "next_steps_en": [
            "The Documentation Center, with materials and resources for the gender units.",
            "The 7th Virtual Hemispheric Dialogue, on insertion into the labor market and closing occupational gaps, in July 2023.",
            "The Repository of Actions on Paid Domestic Work, connected to the CIM microsite.",
        ],
        "next_steps_es": [
            "El Centro de Documentación, con materiales y recursos para las unidades de género.",
            "El 7º Diálogo Hemisférico Virtual, sobre inserción laboral y cierre de brechas ocupacionales, en julio de 2023.",
            "El Repositorio de acciones sobre trabajo doméstico remunerado, conectado al micrositio de la CIM.",
        ],
        # From the list of participants (network report 2022-2023, annex 6).
        "participants": {
            "member_state": {
                "AR": 5,
                "BS": 1,
                "BZ": 1,
                "BO": 4,
                "BR": 1,
                "CA": 2,
                "CL": 5,
                "CO": 3,
                "CR": 3,
                "DM": 1,
                "EC": 2,
                "SV": 2,
                "GD": 1,
                "GT": 3,
                "HN": 1,
                "JM": 1,
                "MX": 4,
                "PY": 2,
                "PE": 3,
                "DO": 1,
                "KN": 4,
                "LC": 2,
                "VC": 2,
                "TT": 7,
                "US": 4,
                "UY": 5,
            },
            "permanent_mission": {"CR": 1, "EC": 1, "MX": 1, "PA": 1, "PE": 1},
            "consultative_body": {"COSATE": 3, "CEATAL": 1},
            "observer_state": {"ES": 1},
            "international": {"OAS": 8},
        },
    },
    {
        "number": 7,
        "date": "2023-07-26",
        "title_en": "7th Hemispheric Dialogue on Gender among Ministries of Labor: Mainstreaming gender in training and employment strategies: Closing occupational gaps",
        "title_es": "7º Diálogo Hemisférico de Género entre Ministerios de Trabajo: Transversalización del género en las estrategias de capacitación y empleo: cierre de brechas ocupacionales",
        "description_en": "Despite women's progress in education, strong gender biases remain in occupations. Experiences on mainstreaming gender in training systems and employment services to close occupational gaps.",
        "description_es": "Pese a los avances de las mujeres en educación, persisten fuertes sesgos de género en las ocupaciones. Experiencias de transversalización del género en los sistemas de formación y los servicios de empleo para cerrar las brechas ocupacionales.",
        "ministries": 27,
    },
]

AGENDA_4 = [
    (
        "10:00",
        "10:10",
        "opening",
        "Opening remarks: greetings",
        "Palabras de apertura: saludos",
        "",
        "",
    ),
    (
        "10:10",
        "10:40",
        "dialogue",
        "Open dialogue on progress made by the Gender Units of the Ministries of Labor since the 3rd Dialogue",
        "Diálogo abierto sobre los avances de las Unidades de Género de los Ministerios de Trabajo desde el 3er Diálogo",
        "",
        "",
    ),
    (
        "10:40",
        "10:55",
        "presentation",
        "Introduction on the constitution of the Network of Gender Focal Points within the RIAL/OAS",
        "Introducción sobre la constitución de la Red de Puntos Focales de Género en la RIAL/OEA",
        "",
        "",
    ),
    (
        "10:55",
        "12:30",
        "group_work",
        "Collective construction of the Network",
        "Construcción colectiva de la Red",
        "Part 1: What do we want to achieve with the Network? Objectives.\nPart 2: What concrete actions should the Network carry out?\nEach part: group dynamic (10 minutes), exercise in sub-groups (20 minutes), group work (15 minutes). A blank sheet of paper and a marker will be needed; attendees will be asked to turn on their cameras.",
        "Parte 1: ¿Qué queremos lograr con la Red? Objetivos.\nParte 2: ¿Qué acciones concretas debe realizar la Red?\nCada parte: dinámica grupal (10 minutos), ejercicio en subgrupos (20 minutos), trabajo en grupo (15 minutos). Se necesitará una hoja en blanco y un marcador; se pedirá encender las cámaras.",
    ),
    (
        "12:30",
        "12:45",
        "conclusions",
        "Conclusions and next steps",
        "Conclusiones y próximos pasos",
        "",
        "",
    ),
    ("12:45", "13:00", "closing", "Closing", "Clausura", "", ""),
]
GROUPS_4 = (
    "Sub-group 1: Spanish-speaking delegations of South America\nSub-group 2: Spanish-speaking delegations of Central America, Mexico and the Dominican Republic\nSub-group 3: English-speaking delegations of the Caribbean, Canada and the United States",
    "Subgrupo 1: delegaciones hispanohablantes de América del Sur\nSubgrupo 2: delegaciones hispanohablantes de Centroamérica, México y República Dominicana\nSubgrupo 3: delegaciones anglófonas del Caribe, Canadá y Estados Unidos",
)
QUESTIONS_4 = [
    ("What do we want to achieve with the Network?", "¿Qué queremos lograr con la Red?"),
    (
        "What concrete actions should the Network carry out?",
        "¿Qué acciones concretas debe realizar la Red?",
    ),
]

UPCOMING = {
    "number": 8,
    "title_en": "8th Hemispheric Dialogue on Gender among Ministries of Labor: Care policies and the world of work",
    "title_es": "8º Diálogo Hemisférico de Género entre Ministerios de Trabajo: Políticas de cuidado y mundo del trabajo",
    "description_en": "The gender units share how care policies reach workers, and what the Ministries of Labor do so that care does not keep women out of paid work. With space for the delegations to exchange in sub-groups.",
    "description_es": "Las unidades de género comparten cómo llegan las políticas de cuidado a las personas trabajadoras y qué hacen los Ministerios de Trabajo para que los cuidados no alejen a las mujeres del trabajo remunerado. Con espacio de intercambio en subgrupos.",
    "objective_en": "Identify successes, challenges and policy recommendations on care and work, to inform the network's next work plan.",
    "objective_es": "Identificar logros, desafíos y recomendaciones de política sobre cuidados y trabajo, para orientar el próximo plan de trabajo de la red.",
    "agenda": [
        ("10:00", "10:10", "opening", "Opening remarks", "Palabras de apertura"),
        (
            "10:10",
            "10:50",
            "panel",
            "Panel: care policies and the Ministries of Labor",
            "Panel: políticas de cuidado y Ministerios de Trabajo",
        ),
        (
            "10:50",
            "12:20",
            "group_work",
            "Exchange in sub-groups: what has worked?",
            "Intercambio en subgrupos: ¿qué ha funcionado?",
        ),
        (
            "12:20",
            "12:45",
            "conclusions",
            "Conclusions and recommendations",
            "Conclusiones y recomendaciones",
        ),
        ("12:45", "13:00", "closing", "Closing", "Clausura"),
    ],
    "questions": [
        (
            "What care measures has your ministry put in place for workers with family responsibilities?",
            "¿Qué medidas de cuidado ha puesto en marcha su ministerio para las personas trabajadoras con responsabilidades familiares?",
        ),
        (
            "What would help your gender unit most to advance on care?",
            "¿Qué ayudaría más a su unidad de género a avanzar en materia de cuidados?",
        ),
    ],
}

# Where a few countries stand on some recommendations (illustrative).
PROGRESS = [
    (
        5,
        4,
        "CR",
        "done",
        "Inspectors trained every year on the Guide with a gender approach.",
        "Personas inspectoras capacitadas cada año en la Guía con enfoque de género.",
    ),
    (
        5,
        5,
        "CR",
        "done",
        "Labor Inspection Guide with a Gender Approach and its catalog of infractions.",
        "Guía de Inspección Laboral con Enfoque de Género y su catálogo de infracciones.",
    ),
    (
        5,
        6,
        "CL",
        "in_progress",
        "A gender focal point is being named in each regional inspection office.",
        "Se está designando un punto focal de género en cada oficina regional de inspección.",
    ),
    (
        5,
        4,
        "AR",
        "in_progress",
        "Course for inspectors under design with the gender directorate.",
        "Curso para personas inspectoras en diseño con la dirección de género.",
    ),
    (
        6,
        2,
        "MX",
        "done",
        "Social security reform incorporating domestic workers.",
        "Reforma de la seguridad social que incorpora a las trabajadoras del hogar.",
    ),
    (
        6,
        5,
        "UY",
        "done",
        "Domestic workers' social security covers a wide range of benefits.",
        "La seguridad social de las trabajadoras domésticas cubre un amplio conjunto de prestaciones.",
    ),
    (
        6,
        3,
        "CO",
        "in_progress",
        "Domestic work included in the national care system under preparation.",
        "Trabajo doméstico incluido en el sistema nacional de cuidado en preparación.",
    ),
    (6, 4, "TT", "not_started", "", ""),
]


def _plural_paragraphs(items):
    return "\n\n".join(items)


def _event(data, *, start, end, state=State.PUBLISHED, **extra) -> Event:
    event = Event.objects.filter(kind=EventKind.DIALOGUE, number=data["number"]).first()
    created = event is None
    if created:
        event = Event(kind=EventKind.DIALOGUE, number=data["number"])
    for field in ("title", "description", "objective", "background"):
        for code in ("en", "es"):
            value = data.get(f"{field}_{code}")
            if value is not None:
                setattr(event, f"{field}_{code}", value)
    if created:
        event.starts_at, event.ends_at = start, end
        event.languages = ["es", "en"]
        event.interpretation = True
        for name, value in extra.items():
            setattr(event, name, value)
    event.state = state
    event.published_at = event.published_at or min(
        start - datetime.timedelta(days=30), timezone.now()
    )
    event.save()
    return event


def _outcome(event: Event, data) -> None:
    if "conclusions_en" not in data:
        return
    areas = {area.slug: area for area in AreaOfAction.objects.all()}
    outcome, _created = Outcome.objects.get_or_create(event=event)
    outcome.conclusions_en = _plural_paragraphs(data["conclusions_en"])
    outcome.conclusions_es = _plural_paragraphs(data["conclusions_es"])
    outcome.next_steps_en = _plural_paragraphs(data["next_steps_en"])
    outcome.next_steps_es = _plural_paragraphs(data["next_steps_es"])
    outcome.state = State.PUBLISHED
    outcome.published_at = outcome.published_at or event.ends_at + datetime.timedelta(days=30)
    outcome.save()
    for number, (addressee, slugs, text_en, text_es) in enumerate(data["recommendations"], 1):
        recommendation, _created = Recommendation.objects.update_or_create(
            outcome=outcome, number=number,
            defaults={"text_en": text_en, "text_es": text_es, "addressee": addressee},
        )  # fmt: skip
        recommendation.areas.set([areas[slug] for slug in slugs if slug in areas])


def _participation(event: Event, data) -> None:
    if event.participation.exists():
        return
    counts = data.get("participants")
    rows = []
    if counts:
        for category, places in counts.items():
            for place, count in places.items():
                by_country = len(place) == 2 and place.isupper()
                rows.append(
                    ParticipationCount(
                        event=event,
                        category=category,
                        country=place if by_country else "",
                        organization="" if by_country else place,
                        count=count,
                    )  # fmt: skip
                )
    elif data.get("ministries"):
        # Only the number of ministries is known: 1 to 3 people each, for illustration.
        ministries = list(Ministry.objects.exclude(country="ES").order_by("country"))
        for index, ministry in enumerate(ministries[: data["ministries"]]):
            rows.append(
                ParticipationCount(
                    event=event,
                    category=Category.MEMBER_STATE,
                    country=ministry.country,
                    count=(2, 1, 3, 2, 1)[index % 5],
                )  # fmt: skip
            )
    ParticipationCount.objects.bulk_create(rows)


def _agenda(event: Event, items, groups=None, descriptions=True) -> None:
    if event.agenda.exists():
        return
    for item in items:
        start, end, kind, title_en, title_es = item[:5]
        agenda_item = AgendaItem.objects.create(
            event=event, start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end), kind=kind, title_en=title_en,
            title_es=title_es,
            description_en=item[5] if len(item) > 5 else "",
            description_es=item[6] if len(item) > 6 else "",
        )  # fmt: skip
        if kind == "group_work" and groups:
            agenda_item.breakout_groups_en, agenda_item.breakout_groups_es = groups
            agenda_item.save()
        if kind in ("opening", "presentation", "panel"):
            Speaker.objects.create(
                item=agenda_item, name="Technical Secretariat of RIAL/GENDER",
                role_en="OAS Department of Human Development, Education and Employment",
                role_es="Departamento de Desarrollo Humano, Educación y Empleo de la OEA",
            )  # fmt: skip


def _questions(event: Event, questions) -> None:
    if event.questions.exists():
        return
    for order, (text_en, text_es) in enumerate(questions, 1):
        Question.objects.create(event=event, order=order, text_en=text_en, text_es=text_es)


def _register_demo_members(event: Event) -> None:
    for member in Member.objects.active().select_related("user", "ministry"):
        user = member.user
        if event.registrations.filter(email__iexact=user.email).exists():
            continue
        Registration.objects.create(
            event=event, user=user, first_name=user.first_name, last_name=user.last_name,
            email=user.email, language=user.language, time_zone=member.effective_time_zone,
            job_title=member.title, category=Category.MEMBER_STATE,
            country=member.ministry.country, ministry=member.ministry,
            delegation=f"country:{member.ministry.country.code}",
            status=RegistrationStatus.CONFIRMED, registered_by=user, created_at=min(timezone.now(), event.starts_at - datetime.timedelta(days=10)),
        )  # fmt: skip


@transaction.atomic
def load(stdout) -> None:
    events = {}
    for data in DIALOGUES:
        start, end = _at(data["date"], 10), _at(data["date"], 13)
        extra = {}
        if "closes" in data:
            extra["registration_closes_at"] = _at(data["closes"], 23, 59)
        if "questions_deadline" in data:
            extra["questions_deadline"] = _at(data["questions_deadline"], 23, 59)
        event = _event(data, start=start, end=end, **extra)
        events[data["number"]] = event
        _outcome(event, data)
        _participation(event, data)
    four = events[4]
    _agenda(four, AGENDA_4, groups=GROUPS_4)
    _questions(four, QUESTIONS_4)
    # The demo focal points were at the 4th dialogue: the sample participant report matches them.
    _register_demo_members(four)

    # One dialogue ahead, dated from today: six weeks on, 10:00 in Washington.
    today = timezone.localdate()
    day = today + datetime.timedelta(days=42)
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=WASHINGTON)
    upcoming = _event(
        UPCOMING, start=start, end=start + datetime.timedelta(hours=3),
        connection_link="https://meet.example.org/rialgender-dialogue-8",
        connection_details="ID 000 0000 0008 · código / passcode 2024",
        cap_per_delegation=4, questions_deadline=start - datetime.timedelta(days=7),
    )  # fmt: skip
    if upcoming.starts_at < timezone.now():  # loaded again, weeks later: still ahead
        upcoming.starts_at, upcoming.ends_at = start, start + datetime.timedelta(hours=3)
        upcoming.questions_deadline = start - datetime.timedelta(days=7)
        upcoming.save()
    _agenda(upcoming, UPCOMING["agenda"], groups=GROUPS_4)
    _questions(upcoming, UPCOMING["questions"])
    _register_demo_members_upcoming(upcoming)

    ministries = {m.country.code: m for m in Ministry.objects.all()}
    for event_number, number, country, status, note_en, note_es in PROGRESS:
        recommendation = Recommendation.objects.filter(
            outcome__event=events[event_number], number=number
        ).first()
        if recommendation and country in ministries:
            RecommendationProgress.objects.get_or_create(
                recommendation=recommendation, ministry=ministries[country],
                defaults={"status": status, "note": note_es if country not in ("TT", "US", "CA", "JM") else note_en},
            )  # fmt: skip
    stdout.write("Dialogues: 8 events, the 4th's agenda, outcomes of the 1st to 6th.")


def _register_demo_members_upcoming(event: Event) -> None:
    # A few focal points have registered already; the others (and the Paraguayan one) have not.
    registered = {"lucia.ferreyra@ar.demo.rialgender.org", "camila.undurraga@cl.demo.rialgender.org",
                  "alisha.ramcharan@tt.demo.rialgender.org", "itzel.cuautle@mx.demo.rialgender.org"}  # fmt: skip
    for member in (
        Member.objects.active()
        .filter(user__email__in=registered)
        .select_related("user", "ministry")
    ):
        user = member.user
        if event.registrations.filter(email__iexact=user.email).exists():
            continue
        Registration.objects.create(
            event=event, user=user, first_name=user.first_name, last_name=user.last_name,
            email=user.email, language=user.language, time_zone=member.effective_time_zone,
            job_title=member.title, category=Category.MEMBER_STATE,
            country=member.ministry.country, ministry=member.ministry,
            delegation=f"country:{member.ministry.country.code}",
            status=RegistrationStatus.CONFIRMED, registered_by=user,
        )  # fmt: skip
