"""Spreadsheets of the network's figures (the glance's yearly table). Text that a spreadsheet
would run as a formula (=, +, -, @, tab, carriage return first) is kept as text."""

import csv
import io

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    if not isinstance(value, str):
        return value
    value = "".join(c for c in value if c in "\t\n\r" or ord(c) >= 32)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_export(rows, *, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads accents only with the byte-order mark
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(str(v) if not isinstance(v, int) else v) for v in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_export(rows, *, filename: str, sheet: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(str(sheet)[:31])
    for row in rows:
        worksheet.append([safe_cell(str(v) if not isinstance(v, int) else v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
