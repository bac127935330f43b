"""PDF pages joined into one document that names itself.

kaleido's Chromium stamps every page it prints with the title of its own render page
("Kaleido-fier"): a reader's title bar, a document list and a search index then show
that instead of what the file is. Every PDF export goes through :func:`titled_pdf`,
which joins the rendered pages and writes the document's own title, author and date.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

PRODUCER = "Frontline"


def pdf_date(when: dt.datetime) -> str:
    """A PDF date string (``D:YYYYMMDDHHmmSS+00'00'``) of an aware UTC time."""
    return when.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def titled_pdf(pages: Sequence[bytes], title: str, subject: str = "",
               created: dt.datetime | None = None) -> bytes:
    """One PDF of ``pages`` (each a rendered PDF), titled ``title`` and dated ``created``
    (by default now)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for page in pages:
        writer.append(io.BytesIO(page))
    stamp = pdf_date(created or dt.datetime.now(dt.UTC))
    meta = {"/Title": title, "/Author": PRODUCER, "/Creator": PRODUCER,
            "/Producer": PRODUCER, "/CreationDate": stamp, "/ModDate": stamp}
    if subject:
        meta["/Subject"] = subject
    writer.add_metadata(meta)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
