# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

"""An organisation's proposal to a venture call: eligible applicant, within the ceiling, locked after the deadline."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_datetime, getdate, now_datetime

from wuse_app.domain import charity as money_rules
from wuse_app.domain import venture as rules
from wuse_app.projects.doctype.service_project.service_project import is_portal_user, is_portal_user_of
from wuse_app.utils.validation import domain_errors, throw

# Written by the server only (ranking and awards); a REST save of them is ignored.
SERVER_FIELDS = (
	"status",
	"submitted_on",
	"requested_amount",
	"final_score",
	"judge_count",
	"rank",
	"award_amount",
	"service_project",
	"fund_allocation",
)
# What the reviewer may still write after the deadline (permission level 1 guards it further).
AFTER_DEADLINE = frozenset({"decision_reason"})
NO_VALUE = frozenset({"Section Break", "Column Break", "Tab Break", "HTML", "Heading", "Button"})


class VentureProposal(Document):
	def validate(self) -> None:
		previous = self.get_doc_before_save()
		self.keep_server_fields(previous)
		self.set_requested_amount()
		call = frappe.get_doc("Venture Call", self.venture_call)
		if previous is None:
			self.validate_applicant(call)
			self.check_open(call)
			self.submitted_on = now_datetime()
			self.status = rules.SUBMITTED
		elif self.content_changed(previous):
			if previous.status != rules.SUBMITTED:
				throw(_("A {0} proposal can no longer change.").format(_(previous.status)), title=_("Locked"))
			self.check_open(call)
		self.validate_against_call(call)
		self.validate_period()

	def keep_server_fields(self, previous: Document | None) -> None:
		if self.flags.venture_server_update:
			return
		for fieldname in SERVER_FIELDS:
			self.set(fieldname, previous.get(fieldname) if previous is not None else None)

	def set_requested_amount(self) -> None:
		total = money_rules.ZERO
		for row in self.budget_items:
			with domain_errors(_("Invalid budget")):
				amount = money_rules.money(row.amount)
			if amount <= 0:
				throw(
					_("Budget row {0}: the amount must be more than 0 yuan.").format(row.idx),
					title=_("Invalid budget"),
				)
			total += amount
		self.requested_amount = flt(total, 2)

	def validate_applicant(self, call: Document) -> None:
		"""Web forms insert with ignore_permissions, so the create right is checked here as well."""
		if not frappe.has_permission(self.doctype, "create"):
			throw(_("You are not allowed to send venture proposals."), exc=frappe.PermissionError)
		if is_portal_user() and not is_portal_user_of(self.applicant_organization):
			throw(
				_(
					"You can apply only for your own organisation; {0} has not registered you as its user."
				).format(self.applicant_organization),
				exc=frappe.PermissionError,
			)
		org = frappe.db.get_value(
			"Social Organization",
			self.applicant_organization,
			["organization_type", "registration_status", "status"],
			as_dict=True,
		)
		if not org:
			return  # the Link check reports it
		with domain_errors(_("Not eligible")):
			rules.check_eligible(
				self.applicant_organization,
				call.eligibility(),
				org.organization_type,
				org.registration_status,
				org.status,
			)
		existing = frappe.db.count(
			self.doctype,
			{
				"venture_call": call.name,
				"applicant_organization": self.applicant_organization,
				"status": ["!=", rules.WITHDRAWN],
			},
		)
		with domain_errors(_("Already applied")):
			rules.check_proposal_count(
				self.applicant_organization, existing, bool(call.allow_multiple_proposals)
			)
		custodian = frappe.db.get_value("Community Fund", call.fund, "custodian_organization")
		if custodian and custodian == self.applicant_organization:
			throw(
				_("{0} holds the call's fund, so it cannot apply for money from it (募用分离).").format(
					custodian
				),
				title=_("Not eligible"),
			)

	def check_open(self, call: Document) -> None:
		with domain_errors(_("Call not open")):
			rules.check_submission_open(
				call.status,
				now_datetime(),
				get_datetime(call.submission_deadline) if call.submission_deadline else None,
			)

	def content_changed(self, previous: Document) -> bool:
		for df in self.meta.fields:
			if df.fieldtype in NO_VALUE or df.fieldname in SERVER_FIELDS or df.fieldname in AFTER_DEADLINE:
				continue
			if df.fieldtype == "Table":
				fields = [
					f.fieldname for f in frappe.get_meta(df.options).fields if f.fieldtype not in NO_VALUE
				]
				rows = lambda doc: [tuple(str(r.get(f) or "") for f in fields) for r in doc.get(df.fieldname)]  # noqa: E731
				if rows(previous) != rows(self):
					return True
			elif str(previous.get(df.fieldname) or "") != str(self.get(df.fieldname) or ""):
				if df.fieldtype in ("Currency", "Float", "Int", "Check") and flt(
					previous.get(df.fieldname)
				) == flt(self.get(df.fieldname)):
					continue
				return True
		return False

	def validate_against_call(self, call: Document) -> None:
		with domain_errors(_("Invalid amount")):
			rules.check_requested_amount(self.requested_amount, call.project_ceiling)
		communities = {row.community for row in call.communities}
		if communities and self.community not in communities:
			throw(
				_("This call is open to {0} only.").format(", ".join(sorted(communities))),
				title=_("Not eligible"),
			)
		categories = {row.category for row in call.categories}
		if categories and self.category not in categories:
			throw(
				_("This call funds {0} only.").format(", ".join(_(c) for c in sorted(categories))),
				title=_("Not eligible"),
			)

	def validate_period(self) -> None:
		if self.start_date and self.end_date and getdate(self.end_date) < getdate(self.start_date):
			throw(_("The end date cannot be before the start date."), title=_("Invalid period"))

	def on_trash(self) -> None:
		if self.status != rules.SUBMITTED or frappe.db.exists("Venture Score", {"proposal": self.name}):
			throw(
				_("A proposal that was judged or decided cannot be deleted."),
				title=_("Not allowed"),
				exc=frappe.PermissionError,
			)


def withdraw(name: str) -> None:
	"""Withdraw before the deadline (the applicant's own proposal: write permission is checked)."""
	doc = frappe.get_doc("Venture Proposal", name)
	doc.check_permission("write")
	if doc.status != rules.SUBMITTED:
		throw(_("Only a submitted proposal can be withdrawn."), title=_("Not allowed"))
	doc.check_open(frappe.get_doc("Venture Call", doc.venture_call))
	doc.db_set("status", rules.WITHDRAWN)
	doc.add_comment("Info", _("Withdrawn by {0}.").format(frappe.utils.get_fullname()))
