# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document


class ApprovalVote(Document):
	"""Insert-only: the trail of a governed document is never rewritten (see wuse_app.approvals)."""

	def validate(self) -> None:
		if not self.is_new():
			frappe.throw(_("An approval record cannot be changed."), frappe.PermissionError)
