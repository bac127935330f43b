"""PDF pages joined into one document that names itself.

kaleido's Chromium stamps every page it prints with the title of its own render page
("Kaleido-fier"): a reader's title bar, a document list and a search index then show
that instead of what the file is. Every PDF export goes through :func:`titled_pdf`,
which joins the rendered pages and writes the document's own title.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

PRODUCER = "Frontline"


def titled_pdf(pages: Sequence[bytes], title: str, subject: str = "") -> bytes:
    """One PDF of ``pages`` (each a rendered PDF), titled ``title``."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for page in pages:
        writer.append(io.BytesIO(page))
    meta = {"/Title": title, "/Author": PRODUCER, "/Creator": PRODUCER,
            "/Producer": PRODUCER}
    if subject:
        meta["/Subject"] = subject
    writer.add_metadata(meta)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
