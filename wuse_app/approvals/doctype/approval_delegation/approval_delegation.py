# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from wuse_app.approvals.delegation import is_admin
from wuse_app.domain import approvals as rules
from wuse_app.utils.validation import domain_errors, throw


class ApprovalDelegation(Document):
	"""委托: see wuse_app.approvals.delegation. Only an administrator records one for someone else."""

	def validate(self) -> None:
		if not is_admin() and self.delegator != frappe.session.user:
			throw(
				_("You can delegate only your own approvals."),
				title=_("Not allowed"),
				exc=frappe.PermissionError,
			)
		with domain_errors(_("Invalid delegation")):
			rules.validate_delegation(
				self.delegator,
				self.delegate,
				getdate(self.from_date) if self.from_date else None,
				getdate(self.to_date) if self.to_date else None,
			)
		enabled, user_type = frappe.db.get_value("User", self.delegate, ["enabled", "user_type"]) or (0, None)
		if not enabled or user_type != "System User":
			throw(
				_("{0} is not an active staff user, so approvals cannot be delegated to them.").format(
					self.delegate
				)
			)
		seen = set()
		for row in self.document_types:
			if row.document_type in seen:
				throw(_("{0} is listed twice.").format(_(row.document_type)))
			seen.add(row.document_type)
