# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

from frappe import _
from frappe.model.document import Document

from wuse_app.utils.validation import throw


class EmergencyDispatch(Document):
	"""Made by `linkage.emergency.dispatch_volunteers` and answered by `respond_to_dispatch`, which check
	who may do so; any other way in (a form or REST save) is refused, so the record stays a true log."""

	def validate(self) -> None:
		if not self.flags.ignore_permissions:
			throw(
				_(
					"Emergency dispatches are made from the emergency and answered by the volunteer in the portal."
				),
				title=_("Not allowed"),
			)


def on_doctype_update() -> None:
	import frappe

	frappe.db.add_index("Emergency Dispatch", ["emergency", "volunteer"])
	frappe.db.add_index("Emergency Dispatch", ["volunteer_user"])
