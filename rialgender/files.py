"""Uploaded files, written once for every tool: what is accepted, where it is stored, who may
download it and how it is served.

A model declares its file with `ProtectedFileField`:

    class Report(Publishable):
        file = ProtectedFileField(_("file"), kinds=DOCUMENTS)        # or kinds=IMAGES, ("pdf",)

and gets, with no other code:

- **Checked uploads**, in every ModelForm (the site's and the admin's): the type is read from
  the content (`detect_type`), never from the name or the browser's claim. Empty files, files
  over the limit, renamed executables, HTML or SVG dressed as an image are refused with a
  translated message (`clean_upload`). The stored name is the slug of the uploaded name with
  the extension of the detected type: "picture.html" holding a PNG is stored as "picture.png".
- **Unguessable paths**: `<app>/<model>/<random token>/<name>.<ext>` (`upload_to`).
- **Permission-checked downloads**: `fieldfile.url` is the address of `protected_file_view`,
  which answers only whom may see the object (`file_viewable`): published content for anyone;
  otherwise its authors and the Secretariat (`rialgender.workflow.can_view`); a model whose
  file belongs to another object says so with `FILE_OWNER = "<field>"` (an attachment names
  its program); a model that is not published content is the Secretariat's alone unless it
  defines `file_viewable_by(user)`. Everyone else gets a 404. Nothing under MEDIA_URL is
  served by Django.
- **One way to answer a download** (`serve_file`): the content type of the detected type
  (anything else is `application/octet-stream`), `X-Content-Type-Options: nosniff`,
  `Content-Disposition: attachment` unless a PNG, JPEG or PDF is asked for inline, and
  private caching for what is not public. In production, with
  `settings.PROTECTED_MEDIA_REDIRECT` set (e.g. "/protected-media/"), Django only checks the
  permission and hands the file to nginx through `X-Accel-Redirect` (see the README).

Forms that are not ModelForms use `UploadField(kinds=...)` the same way.
"""

import math
import os
import re
import uuid
import zipfile
from urllib.parse import quote

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from rialgender.permissions import is_secretariat
from rialgender.workflow import Publishable, can_view

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# extension -> (content type, name people know it by)
TYPES = {
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "OpenDocument"),
    "png": ("image/png", "PNG"),
    "jpg": ("image/jpeg", "JPEG"),
}
DOCUMENTS = ("pdf", "docx", "xlsx", "pptx", "png", "jpg")
IMAGES = ("png", "jpg")
# Types a browser may show in the page; everything else is always downloaded.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}
OCTET_STREAM = "application/octet-stream"

_SIGNATURES = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
]
_OOXML = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
# Markup a browser would run if it ever read an image as HTML or SVG. It is looked for where
# an image keeps text (metadata, comments, whatever follows its end), never in its compressed
# pixels, where any short byte sequence turns up by chance.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta\b|link\b|style\b)"
    rb"|javascript:|on(?:load|error)\s*=",
    re.IGNORECASE,
)


def _read_head(upload, size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def detect_type(upload) -> tuple[str, str] | None:
    """(extension, content type) read from the file's content, or None when it is none of
    the accepted types. `upload` is any file object (an upload, a stored file)."""
    head = _read_head(upload, 8192)
    for magic, ext in _SIGNATURES:
        if head.startswith(magic):
            return ext, TYPES[ext][0]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
                # An OpenDocument file names its type in a first, uncompressed "mimetype".
                mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, KeyError):
            return None
        finally:
            upload.seek(0)
        if mimetype.strip() == TYPES["odt"][0].encode():
            return "odt", TYPES["odt"][0]
        if "[Content_Types].xml" in names:
            for prefix, ext in _OOXML.items():
                if any(name.startswith(prefix) for name in names):
                    return ext, TYPES[ext][0]
    return None


def _png_text(data: bytes) -> list[bytes] | None:
    """The parts of a PNG that are not pixels (every chunk but IDAT, and anything after
    IEND), or None if the chunks do not follow the format."""
    parts, position = [], 8
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if not kind.isalpha() or end > len(data) or (position == 8 and kind != b"IHDR"):
            return None
        if kind != b"IDAT":
            parts.append(data[position + 8 : end - 4])
        position = end
        if kind == b"IEND":
            return [*parts, data[position:]]
    return None


def _jpeg_text(data: bytes) -> list[bytes] | None:
    """The parts of a JPEG that are not pixels (application and comment segments, and
    anything after the last end-of-image marker), or None if the segments are malformed."""
    parts, position = [], 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            position += 2
            continue
        if marker == 0xD9:
            break
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if length < 2 or position + 2 + length > len(data):
            return None
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            parts.append(data[position + 4 : position + 2 + length])
        position += 2 + length
        if marker == 0xDA:  # start of scan: compressed pixels until the end-of-image marker
            end = data.rfind(b"\xff\xd9")
            return [*parts, data[end + 2 :]] if end >= position else None
    return parts


def _image_text(data: bytes, ext: str) -> list[bytes] | None:
    return _png_text(data) if ext == "png" else _jpeg_text(data)


def _describe(kinds) -> str:
    return ", ".join(dict.fromkeys(TYPES[ext][1] for ext in kinds))


def _megabytes(size: int, *, up: bool = False) -> str:
    """A size in MB as the reader's language writes it: 286.1 / 286,1; 20 without decimals.
    `up` rounds up, so that a file over a limit never reads as the limit (20.1 MB, not 20)."""
    tenths = size * 10 / 1024 / 1024
    value = (math.ceil(tenths) if up else round(tenths)) / 10
    return number_format(value, 0 if value == int(value) else 1)


def clean_upload(upload, *, kinds=DOCUMENTS, max_bytes: int | None = None) -> tuple[str, str]:
    """Check an uploaded file; return (file name to store, content type).

    The name is the slug of the uploaded name's stem with the extension of the detected
    type. Raises ValidationError, translated, for an empty file, a file over `max_bytes`
    (default MAX_UPLOAD_BYTES), a type outside `kinds`, or an image carrying markup."""
    limit = max_bytes or MAX_UPLOAD_BYTES
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": _megabytes(size, up=True), "limit": _megabytes(limit)},
            code="too_large",
        )
    detected = detect_type(upload)
    if detected is None or detected[0] not in kinds:
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": _describe(kinds)},
            code="type",
        )
    ext, content_type = detected
    if ext in IMAGES:
        # An image made to be read as a page too (a "polyglot") is refused, whatever it shows.
        parts = _image_text(_read_head(upload, limit), ext)
        if parts is None:
            raise ValidationError(
                _(
                    "This file is not a valid %(type)s image. Please save it again and upload the new file."
                )
                % {"type": TYPES[ext][1]},
                code="invalid_image",
            )
        if any(_MARKUP.search(part) for part in parts):
            raise ValidationError(
                _(
                    "This image also contains web page code, so it is not accepted. Please export it again as a plain %(type)s file."
                )
                % {"type": TYPES[ext][1]},
                code="markup",
            )
    stem = slugify(os.path.splitext(os.path.basename(upload.name or ""))[0])[:80] or "file"
    return f"{stem}.{ext}", content_type


def content_type_of(name: str) -> str:
    """The content type a stored file is served with, from the extension it was given when
    its content was checked; anything else is served as a download of unknown type."""
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    return TYPES[ext][0] if ext in TYPES else OCTET_STREAM


@deconstructible
class UploadTo:
    def __call__(self, instance, filename: str) -> str:
        """`<app>/<model>/<random token>/<name>`: the token makes the path unguessable, and
        the name (already cleaned by the form) is reduced to a slug with a known extension."""
        stem, ext = os.path.splitext(os.path.basename(filename))
        ext = ext.lower().lstrip(".")
        name = f"{slugify(stem)[:80] or 'file'}.{ext if ext in TYPES else 'bin'}"
        opts = instance._meta
        return f"{opts.app_label}/{opts.model_name}/{uuid.uuid4().hex}/{name}"

    def __eq__(self, other):
        return isinstance(other, UploadTo)


upload_to = UploadTo()


# -- forms ------------------------------------------------------------------------------------


# A file field's own errors in the portal's words (Django's Spanish says "fichero", Spain's
# word; the portal says "archivo" everywhere). For every file field of a form.
FILE_FIELD_MESSAGES = {
    "invalid": gettext_lazy("No file was sent. Please choose the file again."),
    "missing": gettext_lazy("No file was sent. Please choose the file again."),
    "empty": gettext_lazy("The file is empty."),
    "contradiction": gettext_lazy("Please either send a file or tick “Clear”, not both."),
}


class UploadField(forms.FileField):
    """A file form field that checks the upload with `clean_upload` and renames it; the
    detected content type is left on the file as `detected_content_type`."""

    default_error_messages = FILE_FIELD_MESSAGES

    def __init__(self, *, kinds=DOCUMENTS, max_bytes: int | None = None, **kwargs):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes
        super().__init__(**kwargs)
        accept = ",".join(dict.fromkeys(TYPES[ext][0] for ext in self.kinds))
        self.widget.attrs.setdefault("accept", accept)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if (
            upload
            and upload is not initial
            and hasattr(upload, "size")
            and not isinstance(upload, FieldFile)
        ):
            name, content_type = clean_upload(upload, kinds=self.kinds, max_bytes=self.max_bytes)
            upload.name = name
            upload.detected_content_type = content_type
        return upload


# -- models -----------------------------------------------------------------------------------

PROTECTED_FIELDS: set[tuple[str, str]] = set()  # ("app_label.model_name", field name)


class ProtectedFieldFile(FieldFile):
    @property
    def url(self) -> str:
        """The permission-checked address of the file (never a path under MEDIA_URL)."""
        self._require_file()
        opts = self.instance._meta
        return reverse(
            "protected-file",
            kwargs={
                "label": opts.label_lower,
                "pk": self.instance.pk,
                "field": self.field.name,
                "name": os.path.basename(self.name),
            },
        )

    @property
    def content_type(self) -> str:
        return content_type_of(self.name)


class ProtectedFileField(models.FileField):
    """A FileField whose uploads are checked (`kinds`, `max_bytes`), stored under an
    unguessable path and downloaded only through `protected_file_view`."""

    attr_class = ProtectedFieldFile

    def __init__(self, *args, kinds=DOCUMENTS, max_bytes: int | None = None, **kwargs):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes
        kwargs.setdefault("upload_to", upload_to)
        kwargs.setdefault("max_length", 300)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kinds"] = list(self.kinds)
        if self.max_bytes:
            kwargs["max_bytes"] = self.max_bytes
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            PROTECTED_FIELDS.add((cls._meta.label_lower, name))

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "form_class": UploadField,
                "kinds": self.kinds,
                "max_bytes": self.max_bytes,
                **kwargs,
            }
        )


# -- downloads --------------------------------------------------------------------------------


def file_viewable(user, obj) -> bool:
    """May `user` download the files of `obj`? See the module's docstring."""
    if hasattr(obj, "file_viewable_by"):
        return bool(obj.file_viewable_by(user))
    owner_field = getattr(obj, "FILE_OWNER", None)
    owner = getattr(obj, owner_field) if owner_field else obj
    if isinstance(owner, Publishable):
        return can_view(user, owner)
    return is_secretariat(user)


def serve_file(
    request, fieldfile, *, filename: str, content_type: str, inline: bool = False,
    public: bool = False,
) -> HttpResponse:  # fmt: skip
    """The one way to answer a download; the caller has checked the permission.

    `content_type` outside the accepted types becomes application/octet-stream; only PNG,
    JPEG and PDF are shown `inline` (when asked), everything else is an attachment. `public`
    content may be kept by shared caches; the rest is `private`."""
    if content_type not in {ctype for ctype, _label in TYPES.values()}:
        content_type = OCTET_STREAM
    inline = inline and content_type in INLINE_TYPES
    redirect_prefix = getattr(settings, "PROTECTED_MEDIA_REDIRECT", "")
    if redirect_prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{redirect_prefix.rstrip('/')}/{quote(fieldfile.name)}"
    else:
        try:
            handle = fieldfile.storage.open(fieldfile.name, "rb")
        except (FileNotFoundError, ValueError):
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, max-age=600"
    if content_type == "application/pdf":
        response._csp_exempt = True  # browsers' PDF viewers do not work under a CSP
    else:
        # Should a browser ever read the file as a page, nothing in it runs.
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
def protected_file_view(request, label: str, pk: int, field: str, name: str):
    """A file of an object, for whom may see the object; a 404 for everyone else, and for
    any address that does not name a protected file exactly."""
    if (label, field) not in PROTECTED_FIELDS:
        raise Http404
    model = apps.get_model(label)
    queryset = model._default_manager.all()
    owner_field = getattr(model, "FILE_OWNER", None)
    if owner_field:
        queryset = queryset.select_related(owner_field)
    obj = queryset.filter(pk=pk).first()
    fieldfile = getattr(obj, field, None) if obj is not None else None
    if not fieldfile or os.path.basename(fieldfile.name) != name:
        raise Http404
    if not file_viewable(request.user, obj):
        raise Http404
    content_type = content_type_of(fieldfile.name)
    return serve_file(
        request, fieldfile, filename=name, content_type=content_type,
        inline=content_type in INLINE_TYPES, public=file_viewable(AnonymousUser(), obj),
    )  # fmt: skip


def relocate_legacy_files(model, field_name: str) -> int:
    """Move files stored before `upload_to` (under guessable paths, with the uploaded
    extension) to an unguessable path named after their detected type. For data migrations;
    returns how many files moved. A file whose type is not recognised keeps no extension a
    browser would act on ("bin")."""
    field = model._meta.get_field(field_name)
    opts = model._meta
    prefix = re.compile(rf"^{opts.app_label}/{opts.model_name}/[0-9a-f]{{32}}/")
    moved = 0
    for obj in model._default_manager.exclude(**{field_name: ""}).iterator():
        fieldfile = getattr(obj, field_name)
        if prefix.match(fieldfile.name) or not fieldfile.storage.exists(fieldfile.name):
            continue
        with fieldfile.storage.open(fieldfile.name, "rb") as handle:
            detected = detect_type(handle)
            stem = os.path.splitext(os.path.basename(fieldfile.name))[0]
            ext = detected[0] if detected and detected[0] in field.kinds else "bin"
            new_name = fieldfile.storage.save(upload_to(obj, f"{stem}.{ext}"), handle)
        old_name = fieldfile.name
        model._default_manager.filter(pk=obj.pk).update(**{field_name: new_name})
        fieldfile.storage.delete(old_name)
        moved += 1
    return moved


@checks.register()
def check_uploads_are_protected(app_configs=None, **kwargs):
    """Every file field of the project's models is a ProtectedFileField: a plain FileField
    would be stored under a guessable name and have no permission-checked address."""
    return [
        checks.Error(
            f"{field.model._meta.label}.{field.name} is a plain FileField.",
            hint="Use rialgender.files.ProtectedFileField(kinds=...): checked uploads, "
            "unguessable paths, downloads that ask the object's permission.",
            obj=field,
            id="rialgender.E010",
        )
        for field in plain_file_fields(apps.get_models())
    ]


# Models of installed libraries are theirs (none of them has a file field today).
_LIBRARIES = {"django", "allauth", "django_celery_beat", "simple_history", "import_export"}


def plain_file_fields(model_classes) -> list:
    """The FileFields of the project's models (not the libraries') that are not protected."""
    return [
        field
        for model in model_classes
        if model.__module__.split(".")[0] not in _LIBRARIES
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and not isinstance(field, ProtectedFileField)
    ]
