# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document


class ApprovalReminder(Document):
	"""Insert-only record of one 催办 or escalation (see wuse_app.approvals.reminders).

	Reviewer roles have only "report" on this doctype: the 逾期待审 report's access, which lists the
	documents they may read (not these records).
	"""

	def validate(self) -> None:
		if not self.is_new():
			frappe.throw(_("A reminder record cannot be changed."), frappe.PermissionError)
