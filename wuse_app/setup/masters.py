"""Master lists the app seeds once from fixtures/masters/ (an administrator may add, rename or disable
entries later; the files also load with Data Import)."""

from __future__ import annotations

import frappe

from wuse_app.setup.data_files import read_csv

# English source names, one per line in fixtures/masters/*.csv; zh names come from translations/zh.csv.
MASTERS = (
	("Service Area", "service_area_name", "service_area.csv"),
	("Volunteer Skill", "skill_name", "volunteer_skill.csv"),
)


def ensure_masters() -> None:
	for doctype, fieldname, filename in MASTERS:
		_ensure(doctype, fieldname, tuple(row[fieldname] for row in read_csv("masters", filename)))
	from wuse_app.linkage.setup import ensure_linkage_masters

	ensure_linkage_masters()


def _ensure(doctype: str, fieldname: str, names: tuple[str, ...]) -> None:
	if not frappe.db.exists("DocType", doctype):
		return
	for name in names:
		if not frappe.db.exists(doctype, name):
			frappe.get_doc({"doctype": doctype, fieldname: name}).insert(ignore_permissions=True)
