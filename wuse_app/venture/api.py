"""Whitelisted actions of the venture module (each checks its own permission inside)."""

from __future__ import annotations

import frappe

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
