"""The need source "Consultation" served two meanings: a resident's walk-in consultation (来访咨询) and a
need raised from an agenda item of a 议事协商 (Community Consultation), and its Chinese name could only be
one of them. It is split: "Walk-in Consultation" (the old record, renamed) and "Community Consultation"
(new), which the needs raised from agenda items take. A site whose administrator already renamed or
removed the source is left as it is.
"""

from __future__ import annotations

import frappe

OLD, NEW, FROM_CONSULTATIONS = "Consultation", "Walk-in Consultation", "Community Consultation"


def execute() -> None:
	if not frappe.db.exists("Need Source", OLD) or frappe.db.exists("Need Source", NEW):
		return
	frappe.rename_doc("Need Source", OLD, NEW, force=True, show_alert=False)
	if not frappe.db.exists("Need Source", FROM_CONSULTATIONS):
		frappe.get_doc({"doctype": "Need Source", "source_name": FROM_CONSULTATIONS}).insert(
			ignore_permissions=True
		)
	need = frappe.qb.DocType("Resident Need")
	frappe.qb.update(need).set(need.source, FROM_CONSULTATIONS).where(
		(need.source == NEW) & (need.source_document_type == FROM_CONSULTATIONS)
	).run()
