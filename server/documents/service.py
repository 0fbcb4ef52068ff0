"""Documents other domains issue (receipts, certificates, actas): numbered per site and year,
with a verification code anyone may check; the caller's transaction keeps them."""

from server.documents.issuing import (
    Holder,
    IssuedDocument,
    attach_pdf,
    document_out,
    issue,
    issued_out,
    new_code,
    next_number,
    normalise_code,
    void,
)
from server.documents.schemas import DocumentLine, DocumentOut

__all__ = ["DocumentLine", "DocumentOut", "Holder", "IssuedDocument", "attach_pdf",
           "document_out", "issue", "issued_out",
           "new_code", "next_number", "normalise_code", "void"]
