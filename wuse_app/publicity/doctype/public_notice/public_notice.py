# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from wuse_app.domain import publicity as rules

# What a reviewer may change on a notice: withdraw it (an upheld objection) and note why.
REVIEWER_FIELDS = ("status", "review_note")


class PublicNotice(Document):
	"""公示 of one document (opened by wuse_app.publicity.notices; content fixed when opened)."""

	def validate(self) -> None:
		if self.is_new():
			return
		before = self.get_doc_before_save()
		if not before:
			return
		for df in self.meta.fields:
			if df.fieldname in REVIEWER_FIELDS or not df.fieldname:
				continue
			if str(before.get(df.fieldname) or "") != str(self.get(df.fieldname) or ""):
				frappe.throw(
					_("{0} of a public notice cannot be changed.").format(_(df.label or df.fieldname)),
					title=_("Not allowed"),
				)
		if before.status != self.status:
			if before.status in (rules.CLOSED, rules.WITHDRAWN):
				frappe.throw(_("This public notice has ended."), title=_("Not allowed"))
			if self.status not in (rules.WITHDRAWN, before.status):
				frappe.throw(
					_("A reviewer may only withdraw a public notice; the system opens and closes it."),
					title=_("Not allowed"),
				)
