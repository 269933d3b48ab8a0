"""The printed documents: each town's 督导手册 and the county campaign handbook (issue 4)."""

from builder.handbook.plan import Chapter, Document, plan_documents
from builder.handbook.render import Handbooks, add_pdfs, render_handbooks, render_index, unlink_missing_pdfs

__all__ = ["Chapter", "Document", "Handbooks", "add_pdfs", "plan_documents", "render_handbooks", "render_index",
           "unlink_missing_pdfs"]
