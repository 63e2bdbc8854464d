# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

"""A judge's assignment to one proposal and their score sheet; submitted scores are final.

On assignment the registry is searched for links between the judge and the applicant (portal member,
employee, donor); a linked judge is marked conflicted and neither sees nor scores the proposal. The judge
may also declare a conflict. Only the judge writes the scores, and only while the call is being judged.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from wuse_app.domain import venture as rules
from wuse_app.setup.roles import VENTURE_JUDGE
from wuse_app.utils.validation import domain_errors, throw
from wuse_app.venture import conflicts

SERVER_FIELDS = ("status", "conflict_reason", "conflict_source", "total_score", "submitted_on")


class VentureScore(Document):
	def validate(self) -> None:
		previous = self.get_doc_before_save()
		if not self.flags.venture_server_update:
			for fieldname in SERVER_FIELDS:
				self.set(fieldname, previous.get(fieldname) if previous is not None else None)
		proposal = frappe.db.get_value(
			"Venture Proposal",
			self.proposal,
			["venture_call", "applicant_organization", "status"],
			as_dict=True,
		)
		if not proposal:
			return
		self.venture_call = proposal.venture_call
		self.applicant_organization = proposal.applicant_organization
		call = frappe.get_doc("Venture Call", proposal.venture_call)
		if previous is None:
			self.validate_assignment(call, proposal)
		elif self.scores_changed(previous) and frappe.session.user != self.judge:
			throw(_("Only the judge writes the scores."), exc=frappe.PermissionError)
		self.set_rows(call)

	def validate_assignment(self, call: Document, proposal: frappe._dict) -> None:
		if call.status not in (rules.OPEN, rules.JUDGING):
			throw(
				_("Judges are assigned while the call takes proposals or is being judged."),
				title=_("Not allowed"),
			)
		if proposal.status != rules.SUBMITTED:
			throw(_("Judges are assigned to submitted proposals only."), title=_("Not allowed"))
		if VENTURE_JUDGE not in frappe.get_roles(self.judge):
			throw(_("{0} is not a Venture Judge.").format(self.judge), title=_("Not a judge"))
		if frappe.db.exists(
			self.doctype, {"proposal": self.proposal, "judge": self.judge, "docstatus": ["<", 2]}
		):
			throw(_("{0} is already assigned to this proposal.").format(self.judge), title=_("Duplicate"))
		self.status = rules.ASSIGNED
		reason = conflicts.detect(self.judge, proposal.applicant_organization)
		if reason:
			self.status = rules.CONFLICT
			self.conflict_reason = reason
			self.conflict_source = "Detected in the registry"

	def scores_changed(self, previous: Document) -> bool:
		def rows(doc):
			return [(r.criterion, r.score, r.comment) for r in doc.scores] + [doc.overall_comment]

		return rows(previous) != rows(self)

	def set_rows(self, call: Document) -> None:
		"""One row per rubric criterion, in rubric order, keeping the judge's scores and comments."""
		given = {row.criterion: row for row in self.scores}
		extra = set(given) - {c.criterion for c in call.criteria}
		if extra:
			throw(
				_("“{0}” is not a criterion of this call's rubric.").format(sorted(extra)[0]),
				title=_("Invalid score"),
			)
		self.set("scores", [])
		for criterion in call.criteria:
			row = given.get(criterion.criterion)
			self.append(
				"scores",
				{
					"criterion": criterion.criterion,
					"weight": criterion.weight,
					"score": row.score if row else None,
					"comment": row.comment if row else None,
				},
			)

	def before_submit(self) -> None:
		if frappe.session.user != self.judge:
			throw(_("Only the judge submits their scores."), exc=frappe.PermissionError)
		if self.status != rules.ASSIGNED:
			throw(
				_("A conflicted judge does not score this proposal."),
				title=_("Conflict of interest"),
				exc=frappe.PermissionError,
			)
		call = frappe.get_doc("Venture Call", self.venture_call)
		if call.status != rules.JUDGING:
			throw(_("Scores are submitted while the call is being judged."), title=_("Not allowed"))
		with domain_errors(_("Invalid score")):
			total = rules.weighted_total(
				call.rubric(), {row.criterion: row.score for row in self.scores if row.score is not None}
			)
		self.total_score = float(total)
		self.status = rules.SCORED
		self.submitted_on = now_datetime()

	def before_cancel(self) -> None:
		call_status = frappe.db.get_value("Venture Call", self.venture_call, "status")
		if call_status not in (rules.OPEN, rules.JUDGING):
			throw(_("Scores can be cancelled only while the call is being judged."), title=_("Not allowed"))


def declare_conflict(name: str, reason: str) -> None:
	"""The judge declares a conflict of interest (before scoring): the proposal is hidden from them."""
	doc = frappe.get_doc("Venture Score", name)
	if frappe.session.user != doc.judge:
		throw(_("Only the judge declares their own conflict of interest."), exc=frappe.PermissionError)
	if doc.docstatus != 0:
		throw(_("The scores are already submitted."), title=_("Not allowed"))
	if not (reason or "").strip():
		throw(_("Say how you are linked to the applicant."), title=_("Reason required"))
	doc.check_permission("write")
	doc.flags.venture_server_update = True
	doc.flags.ignore_permissions = True  # checked just above; a conflicted sheet is read-only to its judge
	doc.status = rules.CONFLICT
	doc.conflict_reason = reason.strip()
	doc.conflict_source = "Declared by the judge"
	doc.save()
