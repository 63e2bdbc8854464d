"""The need source "Consultation" (来访咨询) is renamed "Walk-in Consultation": the bare word is also the name
of the 议事协商 module, and a link's value is translated without context in the desk, so one of the two
read wrongly in Chinese. Resident needs that name the source follow the rename. A site whose
administrator already renamed or removed the source is left as it is."""

from __future__ import annotations

import frappe

OLD, NEW = "Consultation", "Walk-in Consultation"


def execute() -> None:
	if frappe.db.exists("Need Source", OLD) and not frappe.db.exists("Need Source", NEW):
		frappe.rename_doc("Need Source", OLD, NEW, force=True, show_alert=False)
