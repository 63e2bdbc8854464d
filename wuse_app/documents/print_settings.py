"""What the printed documents read from Wuse Settings: the issuing office, 发文字号 series, seal, footer
and wording. An administrator edits them in the desk (Wuse Settings → Printed Documents); nothing
here is typed into a template."""

from __future__ import annotations

import base64
import mimetypes

import frappe
from frappe import _

from wuse_app.domain import official_document as rules
from wuse_app.utils.settings import get_settings

DOCTYPE = "Official Document"


def settings():
	return get_settings()


def document_defaults(document_kind: str | None = None) -> dict:
	"""Values a new Official Document takes from Wuse Settings."""
	values = settings()
	series = rules.series_for_kind(
		[(row.series, row.document_kind, row.is_default) for row in values.get("document_series") or []],
		document_kind,
	)
	return {
		"issuing_organ": values.get("issuing_organ") or "",
		"organ_mark": values.get("organ_mark") or "",
		"document_series": series or "",
		"printing_organ": values.get("printing_organ") or "",
		"cc": values.get("default_cc") or "",
	}


@frappe.whitelist()
def get_document_defaults(document_kind: str | None = None) -> dict:
	"""The form's defaults for a new document (who may draft one may read them)."""
	if not frappe.has_permission(DOCTYPE, "create"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	return document_defaults(document_kind)


def wuse_print_settings() -> dict:
	"""Jinja helper for print formats: footer, acknowledgement wording, issuing organ (no files)."""
	values = settings()
	return {
		"issuing_organ": values.get("issuing_organ") or "",
		"footer_text": values.get("footer_text") or "",
		"acknowledgement_text": values.get("acknowledgement_text") or "",
		"acknowledgement_closing": values.get("acknowledgement_closing") or "",
	}


def image_data_uri(file_url: str | None) -> str:
	"""A (private) image file as a data: URI, so that wkhtmltopdf needs no login to fetch it.

	Called only while printing a document the user may print; the file itself stays private.
	"""
	if not file_url:
		return ""
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		return ""
	content = frappe.get_doc("File", name).get_content()
	if isinstance(content, str):
		content = content.encode()
	mime = mimetypes.guess_type(file_url)[0] or "image/png"
	return f"data:{mime};base64,{base64.b64encode(content).decode()}"
