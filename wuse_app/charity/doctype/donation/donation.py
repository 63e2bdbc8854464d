# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from wuse_app.approvals.config import stage_of
from wuse_app.charity import ledger
from wuse_app.domain import charity as rules
from wuse_app.utils.validation import domain_errors
from wuse_app.wuse_setup.doctype.wuse_sequence.wuse_sequence import next_value


class Donation(ledger.LocksFundFirst, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from wuse_app.charity.doctype.donation_item.donation_item import DonationItem

		acknowledgement_date: DF.Date | None
		acknowledgement_number: DF.Data | None
		amended_from: DF.Link | None
		amount: DF.Currency
		community: DF.Link | None
		custodian_organization: DF.Link | None
		designated_project: DF.Link | None
		designated_project_title: DF.Data | None
		donation_date: DF.Date
		donation_type: DF.Literal["Money", "Goods", "Services"]
		donor: DF.Link
		donor_display_name: DF.Data | None
		donor_name: DF.Data | None
		fiscal_receipt_code: DF.Data | None
		fiscal_receipt_number: DF.Data | None
		fund: DF.Link
		is_anonymous: DF.Check
		items: DF.Table[DonationItem]
		naming_series: DF.Literal["DON-.YYYY.-.#####"]
		payment_method: DF.Link | None
		payment_reference: DF.Data | None
		purpose: DF.SmallText | None
		service_description: DF.SmallText | None
		service_value: DF.Currency
		total_value: DF.Currency
	# end: auto-generated types
	MONEY_FIELDS = ("fund", "donation_type", "amount", "total_value", "designated_project")

	def validate(self) -> None:
		self.set_donor_details()
		self.validate_donation_date()
		self.validate_fund()
		self.validate_values()
		self.validate_designated_project()
		self.clean_receipt_reference()
		self.clear_acknowledgement_of_drafts()

	def before_update_after_submit(self) -> None:
		self.clean_receipt_reference()

	def before_submit(self) -> None:
		# Lock the fund first: balances of one fund change one transaction at a time.
		ledger.lock_fund(self.fund)
		self.assign_acknowledgement_number()

	def on_submit(self) -> None:
		ledger.update_fund_balances(self.fund)

	def before_cancel(self) -> None:
		self.validate_unchanged_on_cancel()
		position = ledger.lock_and_read(self.fund, exclude_donation=self.name)
		with domain_errors(_("Cannot cancel this donation")):
			rules.check_balances_not_negative(position, self.fund)

	def on_cancel(self) -> None:
		ledger.update_fund_balances(self.fund)

	# --- steps ----------------------------------------------------------------------------------------

	def set_donor_details(self) -> None:
		donor = frappe.db.get_value(
			"Donor", self.donor, ["donor_name", "is_anonymous", "disabled"], as_dict=True
		)
		if not donor:
			return  # the Link check reports a missing donor
		if donor.disabled and self.docstatus == 0:
			frappe.throw(_("Donor {0} is disabled.").format(self.donor), title=_("Disabled donor"))
		self.donor_name = donor.donor_name
		self.is_anonymous = donor.is_anonymous
		self.donor_display_name = display_name(donor.donor_name, donor.is_anonymous)

	def validate_donation_date(self) -> None:
		if self.donation_date and getdate(self.donation_date) > getdate(nowdate()):
			frappe.throw(_("The donation date cannot be in the future."), title=_("Invalid date"))

	def validate_fund(self) -> None:
		status = frappe.db.get_value("Community Fund", self.fund, "status")
		if status and status != "Active":
			frappe.throw(
				_("Fund {0} is closed and takes no new donations.").format(self.fund), title=_("Fund closed")
			)

	def validate_values(self) -> None:
		if self.donation_type != rules.MONEY:
			self.payment_method = None
		goods = [
			rules.GoodsLine(row.item_name, row.qty, row.unit, row.estimated_value) for row in self.items or []
		]
		with domain_errors(_("Invalid donation")):
			value = rules.donation_value(self.donation_type, self.amount, goods, self.service_value)
		self.amount = float(value.amount)
		self.total_value = float(value.total_value)
		if self.donation_type != rules.SERVICES:
			self.service_value = 0

	def validate_designated_project(self) -> None:
		project = self.get("designated_project")
		if not project:
			return
		state = frappe.db.get_value("Service Project", project, "workflow_state")
		with domain_errors(_("Project closed")):
			rules.check_project_open_for_gifts(
				project, state, _(state) if state else None, stage_of("Service Project", state)
			)

	def clean_receipt_reference(self) -> None:
		"""Only a reference to the official receipt is kept: its code and number, trimmed."""
		for fieldname in ("fiscal_receipt_code", "fiscal_receipt_number"):
			self.set(fieldname, (self.get(fieldname) or "").strip() or None)

	def clear_acknowledgement_of_drafts(self) -> None:
		"""Only submitting assigns a number (a copied or hand-typed one is dropped)."""
		if self.docstatus == 0:
			self.acknowledgement_number = self.acknowledgement_date = None

	def assign_acknowledgement_number(self) -> None:
		"""Gap-free per year: the Wuse Sequence row stays locked until this transaction ends."""
		today = getdate(nowdate())
		sequence = next_value(rules.acknowledgement_sequence_key(today.year))
		self.acknowledgement_number = rules.acknowledgement_number(today.year, sequence)
		self.acknowledgement_date = today


def display_name(donor_name: str | None, is_anonymous: int | bool | None) -> str:
	"""The name shown for a donor, in the site's language (匿名捐赠人 for anonymous donors)."""
	language = frappe.db.get_default("lang") or "en"
	return rules.donor_display_name(donor_name, is_anonymous, _("Anonymous Donor", lang=language))


def on_doctype_update() -> None:
	ledger.add_fund_index("Donation")
