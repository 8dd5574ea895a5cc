"""What the documentation center accepts as a file, checked from the content.

`check_upload()` is the one place an upload is checked; it becomes a call to the portal's
shared checks (rialgender.files) when they exist. On top of the type and size, a PDF is
opened in an isolated process, so that an encrypted, damaged or page-bomb PDF is refused
with its reason when it is uploaded rather than discovered later.
"""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from docs_center import extraction

MAX_FILE_BYTES = 20 * 1024 * 1024
PROBE_TIMEOUT_SECONDS = 15

# extension -> content type
TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ACCEPTED = "PDF, Word (DOCX), OpenDocument (ODT), PowerPoint (PPTX), Excel (XLSX)"
_OOXML = {"word/": "docx", "ppt/": "pptx", "xl/": "xlsx"}
READABLE = {"pdf", "docx", "odt"}  # types whose text is read page by page


def detect_type(upload) -> str | None:
    """The extension of the type read from the content, or None."""
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.read("mimetype").strip() == TYPES["odt"].encode():
                return "odt"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names:
        for prefix, ext in _OOXML.items():
            if any(name.startswith(prefix) for name in names):
                return ext
    return None


def kind_of(content_type: str) -> str:
    return next((ext for ext, ctype in TYPES.items() if ctype == content_type), "")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


def check_upload(upload) -> tuple[str, str]:
    """(name to store, content type) of an acceptable document; ValidationError, translated,
    saying what is wrong otherwise."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": _megabytes(size), "limit": _megabytes(MAX_FILE_BYTES)},
            code="too_large",
        )
    ext = detect_type(upload)
    if ext is None:
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": ACCEPTED},
            code="type",
        )
    if ext == "pdf":
        _check_pdf(upload)
    stem = slugify(os.path.splitext(os.path.basename(upload.name or ""))[0])[:80] or "file"
    return f"{stem}.{ext}", TYPES[ext]


def _check_pdf(upload) -> None:
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
            % {"pages": f"{probe.declared_pages:,}", "limit": f"{extraction.MAX_PAGES:,}"},
            code="too_many_pages",
        )
    if probe.error:
        raise ValidationError(
            _(
                "This PDF is damaged and cannot be opened. Please export it again and upload the new file."
            ),
            code="corrupt",
        )
