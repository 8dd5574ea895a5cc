"""What the documentation center accepts as a file, checked from the content.

The portal's checks (rialgender.files.clean_upload: type from the content, size, name) come
first; then a PDF, DOCX or ODT file is opened in the reader's helper process, so that an
encrypted, damaged or page-bomb PDF, or a damaged, bomb-like or entity-expanding DOCX or ODT
file, is refused with its reason when it is uploaded rather than found later.
"""

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from docs_center import extraction
from rialgender.files import TYPES, clean_upload

MAX_FILE_BYTES = 20 * 1024 * 1024
PROBE_TIMEOUT_SECONDS = 15
KINDS = ("pdf", "docx", "odt", "pptx", "xlsx")
READABLE = {"pdf", "docx", "odt"}  # types whose text is read page by page


def kind_of(content_type: str) -> str:
    return next((ext for ext, (ctype, _label) in TYPES.items() if ctype == content_type), "")


def check_upload(upload) -> tuple[str, str]:
    """(name to store, content type) of an acceptable document; ValidationError, translated,
    saying what is wrong otherwise."""
    name, content_type = clean_upload(upload, kinds=KINDS, max_bytes=MAX_FILE_BYTES)
    check_content(upload, content_type)
    return name, content_type


def check_content(upload, content_type: str) -> None:
    """The reader's check of a file whose type is known (the focal points' form and the
    admin's): a PDF, DOCX or ODT file is opened in the helper process."""
    if content_type == TYPES["pdf"][0]:
        check_pdf(upload)
    elif content_type in (TYPES["docx"][0], TYPES["odt"][0]):
        check_text_document(upload, kind_of(content_type))


def _count(number: int) -> str:
    """A count as the reader's language writes it, grouped from five digits on (50,000 /
    50 000, but 2000)."""
    return number_format(number, force_grouping=number >= 10_000)


def _refuse_if_too_heavy(error: str) -> None:
    """A file the reader gave up on (its time or memory ran out) is not called damaged."""
    if error in ("timeout", "crashed"):
        raise ValidationError(
            _(
                "This file is too large or complex to be read here. Please save it as a lighter PDF (for example, with smaller images) and upload that."
            ),
            code="too_complex",
        )


def check_pdf(upload) -> None:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    probe = extraction.read_isolated(data, "probe", timeout=PROBE_TIMEOUT_SECONDS)
    if probe.error == "encrypted":
        raise ValidationError(
            _("This PDF is protected with a password. Please upload a copy without protection."),
            code="encrypted",
        )
    if probe.error == "too_many_pages":
        raise ValidationError(
            _(
                "This PDF declares %(pages)s pages; the documentation center accepts at most %(limit)s."
            )
            % {
                "pages": _count(probe.declared_pages),
                "limit": _count(extraction.MAX_PAGES),
            },
            code="too_many_pages",
        )
    _refuse_if_too_heavy(probe.error)
    if probe.error:
        raise ValidationError(
            _(
                "This PDF is damaged and cannot be opened. Please export it again and upload the new file."
            ),
            code="corrupt",
        )


def check_text_document(upload, kind: str) -> None:
    """A DOCX or ODT file is read as the task will read it (in the helper process, where a
    zip bomb or an XML entity expansion is refused and cannot exhaust the server)."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    result = extraction.read_isolated(data, f"probe-{kind}", timeout=PROBE_TIMEOUT_SECONDS)
    if result.error == "too_many_pages":
        raise ValidationError(
            _(
                "This document has more than %(limit)s pages; the documentation center accepts at most %(limit)s."
            )
            % {"limit": _count(extraction.MAX_PAGES)},
            code="too_many_pages",
        )
    _refuse_if_too_heavy(result.error)
    if result.error:
        raise ValidationError(
            _(
                "This document is damaged and cannot be opened. Please save it again (or as a PDF) and upload the new file."
            ),
            code="corrupt",
        )
