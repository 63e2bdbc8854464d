# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

"""A venture call (创投/大赛): its phase follows the workflow; publishing reserves the pool in the fund.

The money steps run under the fund's row lock, taken *before* the call's own row (as Donation and Fund
Allocation do, see charity.ledger.LocksFundFirst): the fund's balance reads every call's reservation
with locking reads, so a call whose row were locked first could deadlock with an allocation on the fund.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, get_datetime, getdate, now_datetime, nowdate

from wuse_app.charity import ledger
from wuse_app.domain import venture as rules
from wuse_app.utils.print_support import pdf_zoom
from wuse_app.utils.validation import domain_errors, throw
from wuse_app.venture import awards, printing

# Written by the server only (a REST save of them is ignored).
SERVER_FIELDS = (
	"status",
	"reserved_amount",
	"awarded_amount",
	"ranking_submitted_by",
	"confirmed_by",
	"confirmed_on",
	"publicity_reference",
	"published_on",
)
# Fixed once the call is published: the terms every proposal was written and judged under.
TERMS = (
	"fund",
	"pool_amount",
	"project_ceiling",
	"submission_deadline",
	"criteria",
	"judges_per_proposal",
	"tie_rule",
	"minimum_score",
	"organization_types",
	"accept_registered",
	"accept_filed",
	"require_active",
	"allow_multiple_proposals",
	"communities",
	"categories",
	"funding_source",
)


class VentureCall(Document):
	def save(self, *args, **kwargs):
		if self.get("fund") and not self.is_new():
			ledger.lock_fund(frappe.db.get_value(self.doctype, self.name, "fund") or self.fund)
		return super().save(*args, **kwargs)

	# --- validation ------------------------------------------------------------------------------

	def validate(self) -> None:
		previous = self.get_doc_before_save()
		self.keep_server_fields(previous)
		self.set_phase_from_workflow()
		if previous is not None and previous.status != rules.DRAFT:
			self.validate_terms_unchanged(previous)
		self.validate_terms()
		if not (self.issuing_organ or "").strip():
			self.issuing_organ = printing.default_issuing_organ(self)
		old_phase = previous.status if previous is not None else rules.DRAFT
		if old_phase != self.status:
			self.change_phase(old_phase, self.status)

	def keep_server_fields(self, previous: Document | None) -> None:
		if self.flags.venture_server_update:
			return
		for fieldname in SERVER_FIELDS:
			self.set(fieldname, previous.get(fieldname) if previous is not None else None)
		if previous is None:
			self.status = rules.DRAFT

	def set_phase_from_workflow(self) -> None:
		"""The phase is what the current workflow state sets (its Update Field on `status`)."""
		workflow_name = frappe.model.workflow.get_workflow_name(self.doctype)
		if not workflow_name or not self.workflow_state:
			return
		for state in frappe.get_cached_doc("Workflow", workflow_name).states:
			if state.state == self.workflow_state and state.update_field == "status" and state.update_value:
				self.status = state.update_value
				return

	def validate_terms(self) -> None:
		with domain_errors(_("Invalid scoring rubric")):
			rules.validate_rubric(self.rubric())
		with domain_errors(_("Invalid amount")):
			rules.validate_call_amounts(self.pool_amount, self.project_ceiling)
		with domain_errors(_("Invalid dates")):
			rules.validate_call_dates(
				get_datetime(self.submission_deadline) if self.submission_deadline else None,
				getdate(self.judging_end) if self.judging_end else None,
				getdate(self.announcement_date) if self.announcement_date else None,
			)
		with domain_errors(_("Invalid number of judges")):
			rules.validate_judges_per_proposal(cint(self.judges_per_proposal))
		if self.tie_rule not in rules.TIE_RULES:
			throw(_("Choose one of the tie rules."), title=_("Invalid tie rule"))

	def validate_terms_unchanged(self, previous: Document) -> None:
		changed = [f for f in TERMS if _value(previous, f) != _value(self, f)]
		if changed:
			throw(
				_("The call is published: its terms can no longer change ({0}).").format(
					", ".join(_(self.meta.get_label(f)) for f in changed)
				),
				title=_("Locked"),
			)

	# --- phases ----------------------------------------------------------------------------------

	def change_phase(self, old: str, new: str) -> None:
		if old == rules.DRAFT and new == rules.OPEN:
			self.published_on = nowdate()
		if old not in rules.RESERVING_PHASES and new in rules.RESERVING_PHASES:
			self.reserve_pool()
		if new == rules.JUDGING and old == rules.OPEN:
			if now_datetime() <= get_datetime(self.submission_deadline):
				throw(
					_("Submissions close at the deadline ({0}); judging starts after it.").format(
						frappe.utils.format_datetime(self.submission_deadline)
					),
					title=_("Too early"),
				)
		if new == rules.PENDING_CONFIRMATION:
			awards.store_ranking(self)
			self.ranking_submitted_by = frappe.session.user
		if new == rules.AWARDED:
			if old != rules.PENDING_CONFIRMATION:
				throw(_("The awards follow a ranking waiting for confirmation."), title=_("Not allowed"))
			user = frappe.session.user
			if user in {self.owner, self.ranking_submitted_by} and user != "Administrator":
				throw(
					_("Whoever created the call or submitted its ranking cannot also confirm it."),
					title=_("Not allowed"),
					exc=frappe.PermissionError,
				)
			self.confirmed_by = user
			self.confirmed_on = now_datetime()
			self.flags.make_awards = True
		if new == rules.CLOSED:
			self.reserved_amount = 0
			self.flags.release_pool = True
			awards.close_undecided(self)

	def reserve_pool(self) -> None:
		"""Publication: the whole pool comes out of the fund's available undesignated money."""
		fund = ledger.lock_fund(self.fund)
		if fund.status != "Active":
			throw(_("Fund {0} is closed: it cannot fund a call.").format(self.fund), title=_("Fund closed"))
		position = ledger.fund_position(self.fund, lock=True, exclude_call=self.name)
		with domain_errors(_("Not enough money in the fund")):
			rules.check_pool_available(self.fund, position.undesignated_available, self.pool_amount)
		self.reserved_amount = self.pool_amount
		self.flags.reservation_changed = True

	def on_update(self) -> None:
		if self.flags.make_awards:
			self.flags.make_awards = False
			awards.make_awards(self)
		if self.flags.reservation_changed or self.flags.release_pool:
			ledger.update_fund_balances(self.fund)
		# 公示 hook point: once the app has a publicity (公示) step, the confirmed results are handed
		# to it here (see awards.hand_over_to_publicity).
		if self.status == rules.AWARDED and self.has_value_changed("status"):
			awards.hand_over_to_publicity(self)

	# --- print (GB/T 9704: the 公告 and the results list; see wuse_app.venture.printing) -------------

	def get_notice_layout(self):
		return printing.typeset(printing.notice_content(self))

	def get_results_layout(self):
		return printing.typeset(printing.results_content(self))

	def get_pdf_zoom(self) -> float:
		return pdf_zoom()

	# --- helpers ---------------------------------------------------------------------------------

	def rubric(self) -> list[rules.Criterion]:
		return [rules.Criterion(row.criterion, row.weight) for row in self.criteria]

	def eligibility(self) -> rules.Eligibility:
		statuses = {
			s for s, on in (("Registered", self.accept_registered), ("Filed", self.accept_filed)) if on
		}
		return rules.Eligibility(
			frozenset(row.organization_type for row in self.organization_types),
			frozenset(statuses) if len(statuses) < 2 else frozenset(),
			bool(self.require_active),
		)


def _value(doc: Document, fieldname: str):
	value = doc.get(fieldname)
	if isinstance(value, list):
		meta = frappe.get_meta(doc.meta.get_field(fieldname).options)
		fields = [df.fieldname for df in meta.fields if df.fieldtype not in ("Section Break", "Column Break")]
		return [tuple(str(row.get(f) or "") for f in fields) for row in value]
	if doc.meta.get_field(fieldname).fieldtype in ("Currency", "Float", "Int", "Check"):
		return float(value or 0)
	return str(value or "")


def on_doctype_update() -> None:
	frappe.db.add_index("Venture Call", ["fund"], index_name="fund")
