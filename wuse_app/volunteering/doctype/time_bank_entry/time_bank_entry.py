# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document


class TimeBankEntry(Document):
	"""A line of the time-bank ledger. Written by wuse_app.volunteering.time_bank only; never changed."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		community: DF.Link | None
		entry_type: DF.Literal["Earned", "Redeemed", "Reversal"]
		naming_series: DF.Literal["TBE-.YYYY.-.######"]
		points: DF.Float
		posting_date: DF.Date
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		remarks: DF.SmallText | None
		reverses_entry: DF.Link | None
		volunteer: DF.Link
		volunteer_name: DF.Data | None
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_written_by_system()
		self.validate_unchanged()

	def validate_written_by_system(self) -> None:
		if self.is_new() and not self.flags.posted_by_system:
			frappe.throw(
				_(
					"Time bank entries are written by the system when hours are verified or points are redeemed."
				),
				exc=frappe.PermissionError,
				title=_("Not allowed"),
			)

	def validate_unchanged(self) -> None:
		if not self.is_new():
			frappe.throw(
				_("A time bank entry cannot be changed. Cancel the document it belongs to instead."),
				exc=frappe.PermissionError,
				title=_("Not allowed"),
			)

	def on_trash(self) -> None:
		frappe.throw(
			_("A time bank entry cannot be deleted. Cancel the document it belongs to instead."),
			exc=frappe.PermissionError,
			title=_("Not allowed"),
		)
