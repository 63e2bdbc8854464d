# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from wuse_app.approvals.config import stage_of
from wuse_app.charity import ledger
from wuse_app.domain import charity as rules
from wuse_app.utils.settings import get_settings
from wuse_app.utils.validation import domain_errors


class FundAllocation(ledger.LocksFundFirst, Document):
	"""Money from a fund to a service project (用).

	Never more than the money available for the project: the fund's undesignated balance plus what
	donors designated to this project. The check runs again on submit with the fund row locked, so two
	allocations submitted at the same moment are checked one after the other.
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allocation_date: DF.Date
		amended_from: DF.Link | None
		amount: DF.Currency
		available_for_project: DF.Currency
		community: DF.Link | None
		custodian_organization: DF.Link | None
		fund: DF.Link
		implementing_organization: DF.Link | None
		naming_series: DF.Literal["FA-.YYYY.-.#####"]
		project_title: DF.Data | None
		purpose: DF.SmallText | None
		service_project: DF.Link
	# end: auto-generated types

	MONEY_FIELDS = ("fund", "service_project", "amount")

	def validate(self) -> None:
		self.set_project_details()
		self.validate_project_state()
		self.validate_fund()
		self.validate_separation()
		self.validate_amount()
		self.set_available_for_project()

	def before_submit(self) -> None:
		fund = ledger.lock_fund(self.fund)
		self.validate_separation(fund.custodian_organization)
		position = ledger.fund_position(self.fund, lock=True, exclude_allocation=self.name)
		with domain_errors(_("Not enough money in the fund")):
			rules.check_allocation(position, self.fund, self.service_project, self.amount)
		self.available_for_project = float(position.available_for(self.service_project))

	def on_submit(self) -> None:
		ledger.update_fund_balances(self.fund)

	def before_cancel(self) -> None:
		self.validate_unchanged_on_cancel()

	def on_cancel(self) -> None:
		ledger.update_fund_balances(self.fund)

	# --- steps ----------------------------------------------------------------------------------------

	def set_project_details(self) -> None:
		"""The implementer is always the project's applicant (whatever was sent in)."""
		project = frappe.db.get_value(
			"Service Project",
			self.service_project,
			["project_title", "applicant_organization", "workflow_state"],
			as_dict=True,
		)
		if not project:
			return  # the Link check reports a missing project
		self.project_title = project.project_title
		self.implementing_organization = project.applicant_organization
		self._project_state = project.workflow_state

	def validate_project_state(self) -> None:
		if self.docstatus == 2:
			return
		state = getattr(self, "_project_state", None)
		with domain_errors(_("Project not approved")):
			rules.check_project_allocatable(
				self.service_project, state, _(state) if state else None, stage_of("Service Project", state)
			)

	def validate_fund(self) -> None:
		fund = frappe.db.get_value(
			"Community Fund", self.fund, ["status", "custodian_organization"], as_dict=True
		)
		if not fund:
			return
		self.custodian_organization = fund.custodian_organization
		if fund.status != "Active":
			frappe.throw(
				_("Fund {0} is closed: nothing more can be allocated from it.").format(self.fund),
				title=_("Fund closed"),
			)

	def validate_separation(self, custodian: str | None = None) -> None:
		"""募用分离 (Wuse Settings): the fund's custodian does not implement projects paid from it."""
		with domain_errors(_("Fundraising and spending must be separate")):
			rules.check_separation(
				get_settings().enforce_fund_separation,
				custodian or self.custodian_organization,
				self.implementing_organization,
			)

	def validate_amount(self) -> None:
		if rules.money(self.amount) <= 0:
			frappe.throw(_("The amount to allocate must be more than 0 yuan."), title=_("Invalid amount"))

	def set_available_for_project(self) -> None:
		"""Shown on the draft for information; the binding check is on submit, under lock."""
		if self.docstatus == 0 and self.fund and self.service_project:
			position = ledger.fund_position(self.fund)
			self.available_for_project = float(position.available_for(self.service_project))


def on_doctype_update() -> None:
	ledger.add_fund_index("Fund Allocation")
