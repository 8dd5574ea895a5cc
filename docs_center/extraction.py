"""Reading the text of a document, page by page, without ever harming the process that asks.

`read_document(data, kind)` returns the text of each page (PDF with pypdfium2; DOCX and ODT
with the standard library's zip reader and defusedxml, whose XML parser refuses entity
expansion: both formats are a zip of XML, and all we need is the text and where the pages
break, which the word processor records) and a PNG thumbnail of a PDF's first page.

Documents come from outside, so `read_isolated()` reads them in a helper process with a
memory limit and a wall-clock timeout: an encrypted, damaged or hostile file (a "page bomb"
declaring millions of pages, a zip bomb, a file that makes PDFium loop or crash) costs at
most the helper, never the Celery worker or the web process. The outcome is an
`Extraction` whose `error` names what went wrong (`TextError` values).
"""

import base64
import io
import json
import os
import resource
import select
import struct
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field

MAX_PAGES = 2000  # a document declaring more pages is refused
MAX_PAGE_CHARS = 100_000  # text kept per page
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # the XML read from a DOCX or ODT, uncompressed
THUMBNAIL_WIDTH = 240
TIMEOUT_SECONDS = 120
MEMORY_BYTES = 1536 * 1024 * 1024  # the address space the helper process may take
# A page whose text has fewer letters than this, on average, is taken for a scanned image.
SCAN_LETTERS_PER_PAGE = 10
# Characters a search passage uses to mark the words found (see search.py): never in a text.
_DROPPED = ("\x00", "\ue000", "\ue001")


@dataclass
class Extraction:
    pages: list[str] = field(default_factory=list)
    error: str = ""  # a docs_center.models.TextError value, or ""
    declared_pages: int = 0
    thumbnail: bytes = b""

    @property
    def is_scan(self) -> bool:
        """No text layer: a scanned document (its pages are images)."""
        if self.error or not self.pages:
            return False
        needed, letters = SCAN_LETTERS_PER_PAGE * len(self.pages), 0
        for page in self.pages:  # counting stops as soon as there are enough letters
            letters += sum(map(str.isalpha, page))
            if letters >= needed:
                return False
        return True


def clean_text(text: str) -> str:
    for character in _DROPPED:  # str.translate() would cost ten times the rest
        if character in text:
            text = text.replace(character, "")
    return " ".join(text.split())[:MAX_PAGE_CHARS]


# -- PDF ------------------------------------------------------------------------------------


def _pdf_error(exc) -> str:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD or code == pdfium_c.FPDF_ERR_SECURITY:
        return "encrypted"
    return "corrupt"


def _open_pdf(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data), ""
    except pdfium.PdfiumError as exc:
        return None, _pdf_error(exc)


def probe_pdf(data: bytes) -> Extraction:
    """Open a PDF and count its pages (no text read): for checking an upload."""
    document, error = _open_pdf(data)
    if document is None:
        return Extraction(error=error)
    try:
        declared = len(document)
    finally:
        document.close()
    return Extraction(
        declared_pages=declared, error="too_many_pages" if declared > MAX_PAGES else ""
    )


def read_pdf(data: bytes, *, thumbnail: bool = True) -> Extraction:
    document, error = _open_pdf(data)
    if document is None:
        return Extraction(error=error)
    try:
        declared = len(document)
        if declared > MAX_PAGES:
            return Extraction(error="too_many_pages", declared_pages=declared)
        pages = []
        for index in range(declared):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(clean_text(textpage.get_text_bounded()))
            textpage.close()
            page.close()
        png = _thumbnail(document) if thumbnail and declared else b""
        return Extraction(pages=pages, declared_pages=declared, thumbnail=png)
    finally:
        document.close()


def _thumbnail(document) -> bytes:
    page = document[0]
    try:
        width, _height = page.get_size()
        bitmap = page.render(scale=THUMBNAIL_WIDTH / max(width, 1))
        buffer = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(buffer, "PNG", compress_level=1)
        return buffer.getvalue()
    finally:
        page.close()


# -- DOCX and ODT ---------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _xml_root(data: bytes, name: str):
    """The root of an XML file inside a zip, or None when the zip is damaged, lacks it, or
    would unpack to more than MAX_UNZIPPED_BYTES (a zip bomb)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import parse

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo(name)
        if info.file_size > MAX_UNZIPPED_BYTES:
            return None
        with archive.open(info) as member:
            return parse(member).getroot()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError, DefusedXmlException):
        return None


def _walk(root):
    """("start" | "end", element) in document order, without recursion."""
    stack = [(root, False)]
    while stack:
        element, done = stack.pop()
        if done:
            yield "end", element
            continue
        yield "start", element
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))


def _split_pages(root, *, paragraphs, is_page_break, text_of, tail_counts) -> list[str]:
    pages, current, depth = [], [], 0
    for event, element in _walk(root):
        if event == "start":
            if is_page_break(element) and "".join(current).strip():
                pages.append("".join(current))
                current = []
                if len(pages) > MAX_PAGES:
                    break
            if element.tag in paragraphs:
                depth += 1
            if depth:
                current.append(text_of(element))
        else:
            if element.tag in paragraphs:
                depth -= 1
                current.append("\n")
            elif depth and tail_counts and element.tail:
                current.append(element.tail)
    pages.append("".join(current))
    return [clean_text(page) for page in pages]


def read_docx(data: bytes) -> Extraction:
    root = _xml_root(data, "word/document.xml")
    if root is None:
        return Extraction(error="corrupt")

    def is_page_break(element):
        return element.tag == f"{W}lastRenderedPageBreak" or (
            element.tag == f"{W}br" and element.get(f"{W}type") == "page"
        )

    def text_of(element):
        if element.tag == f"{W}t":
            return element.text or ""
        return " " if element.tag in (f"{W}tab", f"{W}br") else ""

    return _checked(
        _split_pages(
            root,
            paragraphs={f"{W}p"},
            is_page_break=is_page_break,
            text_of=text_of,
            tail_counts=False,
        )  # fmt: skip
    )


def read_odt(data: bytes) -> Extraction:
    root = _xml_root(data, "content.xml")
    if root is None:
        return Extraction(error="corrupt")

    def text_of(element):
        if element.tag == f"{TEXT}s":
            return " "
        if element.tag in (f"{TEXT}tab", f"{TEXT}line-break"):
            return " "
        return element.text or ""

    return _checked(
        _split_pages(
            root,
            paragraphs={f"{TEXT}p", f"{TEXT}h"},
            is_page_break=lambda element: element.tag == f"{TEXT}soft-page-break",
            text_of=text_of,
            tail_counts=True,
        )  # fmt: skip
    )


def _checked(pages: list[str]) -> Extraction:
    if len(pages) > MAX_PAGES:
        return Extraction(error="too_many_pages", declared_pages=len(pages))
    return Extraction(pages=pages, declared_pages=len(pages))


def read_thumbnail(data: bytes) -> Extraction:
    """Only the PNG of a PDF's first page."""
    document, error = _open_pdf(data)
    if document is None:
        return Extraction(error=error)
    try:
        return Extraction(thumbnail=_thumbnail(document) if len(document) else b"")
    finally:
        document.close()


def probe_text_document(data: bytes, kind: str) -> Extraction:
    """What an upload's check needs of a DOCX or ODT file: whether it reads, and its pages,
    without its text (which the task reads later): the text never travels to the web
    process, whose memory a few kB file unpacking to 64 MB of text would otherwise take."""
    result = read_document(data, kind)
    return Extraction(error=result.error, declared_pages=result.declared_pages)


READERS = {
    "pdf": lambda data: read_pdf(data, thumbnail=False),
    "docx": read_docx,
    "odt": read_odt,
    "thumbnail": read_thumbnail,
    "probe-docx": lambda data: probe_text_document(data, "docx"),
    "probe-odt": lambda data: probe_text_document(data, "odt"),
}


def read_document(data: bytes, kind: str) -> Extraction:
    reader = READERS.get(kind)
    return reader(data) if reader else Extraction(error="unsupported")


# -- isolation ------------------------------------------------------------------------------
#
# Documents are read by a helper process of our own (`python -m docs_center.extraction`), one
# at a time, with a memory limit; the process that asks waits at most `timeout` seconds. A
# helper that crashes, overruns or answers nonsense is killed and replaced for the next
# document; only that document is lost ("crashed", "timeout"). The helper lives across
# documents (starting one costs more than reading a document) and is replaced every
# MAX_JOBS documents. Answers come back as JSON, never pickle: a helper subverted by a
# hostile file cannot make the worker run code.

MAX_JOBS = 500
_LENGTH = struct.Struct(">Q")


def _read_exactly(stream, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _send(stream, *payloads: bytes) -> None:
    stream.write(
        b"".join(part for payload in payloads for part in (_LENGTH.pack(len(payload)), payload))
    )
    stream.flush()


def _encode(result: Extraction) -> bytes:
    return json.dumps(
        {"pages": result.pages, "error": result.error, "declared_pages": result.declared_pages,
         "thumbnail": base64.b64encode(result.thumbnail).decode()}
    ).encode()  # fmt: skip


def _decode(payload: bytes) -> Extraction:
    data = json.loads(payload)
    pages = data["pages"]
    if not isinstance(pages, list) or not all(isinstance(page, str) for page in pages):
        raise ValueError("pages")
    return Extraction(
        pages=[page[:MAX_PAGE_CHARS] for page in pages[:MAX_PAGES]], error=str(data["error"])[:20],
        declared_pages=int(data["declared_pages"]), thumbnail=base64.b64decode(data["thumbnail"]),
    )  # fmt: skip


def limit_memory(memory: int = MEMORY_BYTES) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def serve() -> None:
    """The helper's loop: a job is a JSON header ({"kind": ...}) and the document's bytes."""
    limit_memory(int(os.environ.get("DOCS_READER_MEMORY", MEMORY_BYTES)))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            header = json.loads(_read_exactly(stdin, _LENGTH.unpack(_read_exactly(stdin, 8))[0]))
            data = _read_exactly(stdin, _LENGTH.unpack(_read_exactly(stdin, 8))[0])
        except EOFError:
            return
        try:
            result = (
                probe_pdf(data)
                if header["kind"] == "probe"
                else read_document(data, header["kind"])
            )
        except MemoryError:
            result = Extraction(error="crashed")
        except Exception:  # a reader's own failure on a strange file: that file is corrupt
            result = Extraction(error="corrupt")
        _send(stdout, _encode(result))


class Reader:
    """The helper process of this process, started when first needed (or by `start()`)."""

    def __init__(self, command=None, memory: int = MEMORY_BYTES):
        self.command = command or [sys.executable, "-m", "docs_center.extraction"]
        self.memory = memory
        self.process = None
        self.jobs = 0
        self.lock = threading.Lock()

    def start(self):
        """Start the helper now, if it is not running: a worker process does so as it starts
        (Python and pdfium load in about 0.1 s), so its first document does not wait."""
        with self.lock:
            self._ready()

    def _ready(self):
        if self.process is None or self.process.poll() is not None or self.jobs >= MAX_JOBS:
            self.stop()
            self._start()

    def _start(self):
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        self.process = subprocess.Popen(
            self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, cwd=root,
            env={**os.environ, "DOCS_READER_MEMORY": str(self.memory)},
        )  # fmt: skip
        self.jobs = 0

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                stream.close()
        self.process = None

    def read(self, data: bytes, kind: str, *, timeout: float = TIMEOUT_SECONDS) -> Extraction:
        with self.lock:
            self._ready()
            deadline = time.monotonic() + timeout
            try:
                header = json.dumps({"kind": kind}).encode()
                _send(self.process.stdin, header, data)  # one write: the helper wakes once
                length = _LENGTH.unpack(self._receive(8, deadline))[0]
                if length > 64 * MAX_UNZIPPED_BYTES:
                    raise ValueError("answer too long")
                result = _decode(self._receive(length, deadline))
            except TimeoutError:
                self.stop()
                return Extraction(error="timeout")
            except (OSError, EOFError, ValueError, KeyError, TypeError):
                self.stop()
                return Extraction(error="crashed")
            self.jobs += 1
            return result

    def _receive(self, size: int, deadline: float) -> bytes:
        stream, chunks, remaining = self.process.stdout, [], size
        descriptor = stream.fileno()
        while remaining:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([descriptor], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)


_reader = Reader()


def start_reader() -> None:
    """Start this process's helper now rather than at its first document."""
    _reader.start()


def read_isolated(data: bytes, kind: str, *, timeout: float = TIMEOUT_SECONDS) -> Extraction:
    """Read a document in this process's helper (see above)."""
    return _reader.read(data, kind, timeout=timeout)


if __name__ == "__main__":
    serve()
