"""Reading the text of a document, page by page, without ever harming the process that asks.

`read_document(data, kind)` returns the text of each page (PDF with pypdfium2; DOCX and ODT
with the standard library's zip reader and defusedxml, whose XML parser refuses entity
expansion: both formats are a zip of XML, and all we need is the text and where the pages
break, which the word processor records) and a PNG thumbnail of a PDF's first page.

Documents come from outside, so `run_isolated()` reads them in a forked child process with
a memory limit, a CPU limit and a wall-clock timeout: an encrypted, damaged or hostile file
(a "page bomb" declaring millions of pages, a zip bomb, a file that makes PDFium loop or
crash) costs at most the child, never the Celery worker or the web process. The outcome is
an `Extraction` whose `error` names what went wrong (`TextError` values).
"""

import faulthandler
import io
import os
import pickle
import resource
import select
import signal
import time
import zipfile
from dataclasses import dataclass, field

MAX_PAGES = 2000  # a document declaring more pages is refused
MAX_PAGE_CHARS = 100_000  # text kept per page
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # the XML read from a DOCX or ODT, uncompressed
THUMBNAIL_WIDTH = 240
TIMEOUT_SECONDS = 120
MEMORY_BYTES = 1536 * 1024 * 1024  # more address space the child may take
# A page whose text has fewer letters than this, on average, is taken for a scanned image.
SCAN_LETTERS_PER_PAGE = 10
# Characters a search passage uses to mark the words found (see search.py): never in a text.
_DROPPED = dict.fromkeys([0, 0xE000, 0xE001])


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
        letters = sum(sum(ch.isalpha() for ch in page) for page in self.pages)
        return letters < SCAN_LETTERS_PER_PAGE * len(self.pages)


def clean_text(text: str) -> str:
    text = text.translate(_DROPPED)
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
        bitmap.to_pil().convert("RGB").save(buffer, "PNG")
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


READERS = {"pdf": read_pdf, "docx": read_docx, "odt": read_odt}


def read_document(data: bytes, kind: str) -> Extraction:
    reader = READERS.get(kind)
    return reader(data) if reader else Extraction(error="unsupported")


# -- isolation ------------------------------------------------------------------------------


def _limit_child(timeout: int, memory: int) -> None:
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    limit = mapped + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (timeout, timeout + 5))


def run_isolated(function, *args, timeout: int = TIMEOUT_SECONDS, memory: int = MEMORY_BYTES):
    """`function(*args)` (which returns an Extraction) in a forked child with limits; an
    Extraction with error "timeout" or "crashed" when the child overruns or dies."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running any cleanup
        status = 0
        try:
            os.close(read_end)
            faulthandler.disable()  # a crash in here is expected, not a report for the parent
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            _limit_child(timeout, memory)
            payload = pickle.dumps(function(*args), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:  # whatever happens in the child stays in the child
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    chunks, deadline, timed_out = [], time.monotonic() + timeout, False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready, _w, _x = select.select([read_end], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
    if timed_out:
        return Extraction(error="timeout")
    if status != 0 or not chunks:
        return Extraction(error="crashed")
    try:
        return pickle.loads(b"".join(chunks))
    except (pickle.UnpicklingError, EOFError, ValueError):
        return Extraction(error="crashed")
