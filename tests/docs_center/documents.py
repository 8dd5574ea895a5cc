"""Documents for the tests, good and bad, written here (PDF with fpdf2, DOCX and ODT as the
zip of XML they are)."""

import io
import zipfile

from docs_center.pdfs import make_pdf

GUIDE_PAGES = [
    "Introducción. Esta guía apoya a las unidades de género de los ministerios de trabajo.",
    "Capítulo 2. La planificación anual de la unidad y su relación con otras áreas.",
    "Capítulo 3. La inspección con enfoque de género permite detectar la discriminación salarial en las empresas.",
]


def guide_pdf(pages=None) -> bytes:
    return make_pdf("Guía de prueba", pages or GUIDE_PAGES)


def scanned_pdf() -> bytes:
    """A PDF whose page is only a picture (no text layer), as a scanner makes."""
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("RGB", (200, 280), "white")
    for x in range(20, 180):
        for y in (40, 60, 80):
            image.putpixel((x, y), (0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.cell(0, 10, "confidential")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    return bytes(pdf.output())


def corrupt_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + b"\x00garbage" * 50


def page_bomb_pdf(pages: int = 50_000) -> bytes:
    """A small PDF that declares `pages` pages (every one the same page object)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join([b"3 0 R"] * pages) + b"] /Count %d >>" % pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def docx(pages: list[str]) -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'.join(
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in pages
    )
    return _zip({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>',
    })  # fmt: skip


def docx_entity_bomb() -> bytes:
    """A DOCX whose XML defines entities that expand a billion times (billion laughs)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    return _zip({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": f'<?xml version="1.0"?><!DOCTYPE d [{entities}]><w:document {w}>'
        f"<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>",
    })  # fmt: skip


def docx_zip_bomb() -> bytes:
    """A DOCX of a few kB whose text unpacks to more than the reader reads (65 MB)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return _zip({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": f'<?xml version="1.0"?><w:document {w}><w:body>'
        + " " * (65 * 1024 * 1024) + "</w:body></w:document>",
    }, compression=zipfile.ZIP_DEFLATED)  # fmt: skip


def odt(pages: list[str]) -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')  # fmt: skip
    body = "<text:soft-page-break/>".join(
        f"<text:p>{text.split(' ', 1)[0]} <text:span>{text.split(' ', 1)[1]}</text:span></text:p>"
        for text in pages
    )
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": f'<?xml version="1.0"?><office:document-content {ns}><office:body>'
            f"<office:text>{body}</office:text></office:body></office:document-content>",
        }
    )


def _zip(members: dict, compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()
