"""Whitelisted actions of the venture module (each checks its own permission inside)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint

from wuse_app.utils.validation import throw
from wuse_app.venture.doctype.venture_proposal import venture_proposal
from wuse_app.venture.doctype.venture_score import venture_score


@frappe.whitelist(methods=["POST"])
def withdraw_proposal(name: str) -> str:
	"""The applicant withdraws their proposal before the deadline."""
	venture_proposal.withdraw(name)
	return frappe.db.get_value("Venture Proposal", name, "status")


@frappe.whitelist(methods=["POST"])
def declare_conflict(name: str, reason: str) -> str:
	"""A judge declares a conflict of interest with the applicant of an assigned proposal."""
	venture_score.declare_conflict(name, reason)
	return frappe.db.get_value("Venture Score", name, "status")


@frappe.whitelist(methods=["POST"])
def save_scores(name: str, scores: str | list, overall_comment: str | None = None, submit: int = 0) -> dict:
	"""The judge's portal page saves (and, with `submit`, submits) their own score sheet.

	`scores`: a list of {criterion, score, comment}. The sheet goes through the Venture Score controller
	(only its judge writes and submits, only while judging, never a conflicted sheet, scores 0-100).
	"""
	doc = frappe.get_doc("Venture Score", name)
	doc.check_permission("write")
	rows = frappe.parse_json(scores) if isinstance(scores, str) else scores
	if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
		throw(_("The scores must be a list of criteria with their scores."), title=_("Invalid score"))
	given = {str(row.get("criterion")): row for row in rows}
	for row in doc.scores:
		if row.criterion in given:
			value = given[row.criterion].get("score")
			try:
				row.score = None if value in (None, "") else float(value)
			except (TypeError, ValueError):
				throw(
					_("The score for {0} must be a number.").format(row.criterion), title=_("Invalid score")
				)
			row.comment = given[row.criterion].get("comment") or None
	doc.overall_comment = overall_comment or None
	doc.save()
	if cint(submit):
		doc.check_permission("submit")
		doc.submit()
	return {"name": doc.name, "docstatus": doc.docstatus, "total_score": doc.total_score}
