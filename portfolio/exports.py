"""CSV and XLSX of any search result, in the language of the page (rialgender.exports escapes
every cell, and the CSV runs its query before the response is handed back)."""

from django.utils.translation import gettext as _

from portfolio.search import SearchParams, search_queryset
from rialgender.exports import csv_response, xlsx_response

MAX_ROWS = 10_000


def _rows(params: SearchParams, request):
    yield [
        _("Title"), _("Country"), _("Ministry"), _("Type of intervention"), _("Areas of action"),
        _("Population groups reached"), _("Start year"), _("End year"), _("Evaluation"),
        _("Summary"), _("Results achieved"), _("Address"),
    ]  # fmt: skip
    for program in search_queryset(params).prefetch_related("areas")[:MAX_ROWS]:
        yield [
            program.title, program.ministry.country.name, program.ministry.name,
            program.get_intervention_type_display(), "; ".join(a.name for a in program.areas.all()),
            "; ".join(str(label) for label in program.population_group_labels()),
            program.start_year or "", program.end_year or "", program.get_evaluation_type_display(),
            program.summary, program.results, request.build_absolute_uri(program.get_absolute_url()),
        ]  # fmt: skip


def export_csv(request, params: SearchParams):
    return csv_response(_rows(params, request), filename="rialgender-portfolio.csv")


def export_xlsx(request, params: SearchParams):
    return xlsx_response(
        _rows(params, request), filename="rialgender-portfolio.xlsx", sheet=_("Programs")
    )
