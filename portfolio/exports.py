"""CSV and XLSX of any search result, in the language of the page."""

import csv

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from portfolio.search import SearchParams, search_queryset

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


class _Echo:
    def write(self, value):
        return value


def export_csv(request, params: SearchParams):
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        ("\ufeff" if i == 0 else "") + writer.writerow(row)
        for i, row in enumerate(_rows(params, request))
    )  # fmt: skip
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = 'attachment; filename="rialgender-portfolio.csv"'
    return response


def export_xlsx(request, params: SearchParams):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Programs"))
    for row in _rows(params, request):
        sheet.append(row)
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="rialgender-portfolio.xlsx"'
    workbook.save(response)
    return response
