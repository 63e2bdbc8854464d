"""Reads of the most sensitive personal data are logged: who read which record's what, and when.

Frappe's own Access Log (a core doctype) is the log: it has exactly these columns (`user`,
`export_from` = doctype, `reference_document`, `method`, `columns`, and `creation` as the time),
Frappe already writes it for exports and PDF downloads, only System Managers can read it, nobody can
edit it, and it is not among the logs Log Settings deletes by default. A separate doctype would only
duplicate it.

Use: a controller that holds such data mixes in `AuditedReadMixin` and names the fields in
`AUDITED_READ_FIELDS` (resident ID numbers now; care files of elders and children later). Frappe
calls `apply_fieldlevel_read_permissions` whenever it hands a whole record to a user — the desk form
(`frappe.desk.form.load.getdoc`), REST (`/api/resource/<doctype>/<name>`, API v2) and
`frappe.client.get` — so the read is logged exactly when a user who may read the fields receives
them in clear (users who may not never get them, and are not logged).
"""

from __future__ import annotations

import frappe

READ_METHOD = "Read Personal Data"


class AuditedReadMixin:
	AUDITED_READ_FIELDS: tuple[str, ...] = ()

	def apply_fieldlevel_read_permissions(self) -> None:
		super().apply_fieldlevel_read_permissions()
		log_personal_data_read(self, self.AUDITED_READ_FIELDS)


def log_personal_data_read(doc, fieldnames: tuple[str, ...] | list[str]) -> None:
	"""Record that the session user received `fieldnames` of `doc` in clear (those that have a value)."""
	shown = [fieldname for fieldname in fieldnames if doc.get(fieldname)]
	if not shown or doc.is_new():
		return
	write_access_log(
		{"export_from": doc.doctype, "reference_document": doc.name, "columns": ", ".join(shown)}
	)


def write_access_log(values: dict, method: str = READ_METHOD) -> None:
	"""Insert an Access Log row for the session user, kept even though the request only reads.

	Frappe's own `make_access_log` commits in the middle of the request; here the row joins the
	request's transaction and the request is marked to commit (Frappe rolls GET requests back).
	"""
	frappe.get_doc(
		{"doctype": "Access Log", "user": frappe.session.user, "method": method, **values}
	).db_insert()
	request = getattr(frappe.local, "request", None)
	if request is not None and getattr(request, "method", None) == "GET":
		frappe.local.flags.commit = True
