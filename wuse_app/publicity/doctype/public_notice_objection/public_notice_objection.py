# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from wuse_app.domain import publicity as rules


class PublicNoticeObjection(Document):
	"""异议: filed through wuse_app.publicity.api.file_objection; a reviewer upholds or dismisses it."""

	def validate(self) -> None:
		if self.is_new():
			return
		before = self.get_doc_before_save()
		if before and before.status != rules.PENDING and before.status != self.status:
			frappe.throw(_("This objection has been decided already."), title=_("Not allowed"))
		if self.status != rules.PENDING and before and before.status == rules.PENDING:
			self.reviewed_by = frappe.session.user

	def on_update(self) -> None:
		from wuse_app.publicity.notices import refresh_status

		refresh_status(self.notice)
