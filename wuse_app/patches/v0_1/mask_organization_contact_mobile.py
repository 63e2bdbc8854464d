"""Social organisations' contact mobiles became personal data (permission level 2) with a masked copy."""

from __future__ import annotations

import frappe

from wuse_app.domain.mobile import mask_mobile


def execute() -> None:
	for row in frappe.get_all(
		"Social Organization",
		filters={"contact_mobile": ("is", "set"), "contact_mobile_masked": ("is", "not set")},
		fields=["name", "contact_mobile"],
	):
		frappe.db.set_value(
			"Social Organization",
			row.name,
			"contact_mobile_masked",
			mask_mobile(row.contact_mobile),
			update_modified=False,
		)
