"""Small PDFs the project writes itself (fpdf2): the demo's documents, the tests' and the
benchmark's. Nothing is downloaded."""

from fpdf import FPDF

# fpdf2's built-in fonts cover Latin-1 (Spanish and Portuguese accents included); typographic
# punctuation outside it is written plainly.
_PLAIN = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "·": "-"}
)


def _latin1(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def make_pdf(title: str, pages: list[str], *, author: str = "") -> bytes:
    """A PDF whose first page starts with `title` and whose page N holds `pages[N-1]`."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(_latin1(title))
    if author:
        pdf.set_author(_latin1(author))
    for number, text in enumerate(pages, start=1):
        pdf.add_page()
        if number == 1:
            pdf.set_font("Helvetica", "B", 16)  # bold
            pdf.multi_cell(0, 8, _latin1(title))
            pdf.ln(4)
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 5.5, _latin1(text))
        pdf.set_y(-15)
        pdf.set_font("Helvetica", size=8)
        pdf.cell(0, 5, str(number), align="C")
    return bytes(pdf.output())
