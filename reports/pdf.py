"""The annual report as a PDF in the layout of Chinese official documents (GB/T 9704-2012).

The markup is `templates/reports/report_print.html`, rendered with autoescaping so that
nothing a writer types becomes markup; its stylesheet, `templates/reports/report_print.css`,
holds the page, the fonts and the grid of 22 lines × 28 characters. Fonts are embedded as
subsets and the text stays copyable.

Nothing is fetched while rendering: the stylesheet is inside the HTML and the fonts come
from fontconfig, and the URL fetcher refuses every URL, so no text in a report can make the
server open a file or a network address.
"""

from django.template.loader import render_to_string

from reports.document import Document


def print_html(document: Document) -> str:
    """The report as one self-contained HTML file, the source of the PDF."""
    return render_to_string("reports/report_print.html", {"document": document})


def render_pdf(document: Document) -> bytes:
    # A third of a second to import: only the processes that render pay it.
    import weasyprint

    # An empty list of allowed protocols refuses every URL, file:// included.
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    return weasyprint.HTML(string=print_html(document), url_fetcher=fetcher).write_pdf()
