"""Checks for uploaded files: the type comes from the content, never from the name."""

import os

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# (magic prefix, extension, content type)
SIGNATURES = [
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
]
OOXML = {
    b"word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    b"xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    b"ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
ALLOWED_DESCRIPTION = "PDF, Word, Excel, PowerPoint, PNG, JPEG"


def detect_type(upload) -> tuple[str, str] | None:
    """(extension, content type) read from the file's first bytes, or None."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    for magic, ext, ctype in SIGNATURES:
        if head.startswith(magic):
            return ext, ctype
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for prefix, result in OOXML.items():
                if any(n.encode().startswith(prefix) for n in names):
                    return result
    return None


def clean_upload(upload) -> tuple[str, str]:
    """Validate an uploaded file; return (clean file name, content type)."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
            }
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    detected = detect_type(upload)
    if detected is None:
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": ALLOWED_DESCRIPTION}
        )
    ext, content_type = detected
    stem = slugify(os.path.splitext(os.path.basename(upload.name))[0])[:80] or "file"
    return f"{stem}.{ext}", content_type
