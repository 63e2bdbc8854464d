# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from wuse_app.charity import ledger
from wuse_app.domain import charity as rules
from wuse_app.utils.validation import domain_errors


class CommunityFund(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		available_balance: DF.Currency
		community: DF.Link | None
		custodian_organization: DF.Link
		established_on: DF.Date | None
		fund_name: DF.Data
		fund_type: DF.Literal["Community Fund", "Special Fund"]
		purpose: DF.SmallText | None
		status: DF.Literal["Active", "Closed"]
		total_allocated: DF.Currency
		total_in_kind_value: DF.Currency
		total_received: DF.Currency

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_custodian()
		self.set_balances()

	def validate_custodian(self) -> None:
		organization = frappe.db.get_value(
			"Social Organization",
			self.custodian_organization,
			["status", "is_charity_organization", "has_public_fundraising_qualification"],
			as_dict=True,
		)
		if not organization:
			return  # the Link check reports a missing organisation
		if organization.status != "Active" and self.status == "Active":
			frappe.throw(
				_("{0} is {1}: an active fund needs an active custodian organisation.").format(
					self.custodian_organization, _(organization.status)
				),
				title=_("Custodian not active"),
			)
		with domain_errors(_("Custodian not qualified")):
			rules.check_custodian_qualified(
				self.custodian_organization,
				organization.is_charity_organization,
				organization.has_public_fundraising_qualification,
			)

	def set_balances(self) -> None:
		"""Balances are derived from submitted documents; whatever was typed in is replaced."""
		if self.is_new():
			position = rules.fund_position({}, {})
		else:
			position = ledger.lock_and_read(self.name)
		self.update(ledger.balance_values(position))
