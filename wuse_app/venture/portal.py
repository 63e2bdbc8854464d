"""The venture pages of the portal: published calls for everyone, the score sheets for judges.

- /venture-calls (Guest): the calls that were published (every phase but Draft). What a published call
  says is public by definition (it is the 公告), so the page reads it without a user permission, and
  only the call's public terms: title, phase, money, dates, scope, eligibility, rubric and notice.
- /venture-judging (Venture Judge): the judge's own score sheets, read through frappe.get_list (the
  Venture Score permission hooks: a judge sees only their own sheets), never a conflicted proposal and
  never another judge's scores. Scores are saved and submitted through wuse_app.venture.api, which go
  through the Venture Score controller like the desk form and REST.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import format_datetime, formatdate, now_datetime

from wuse_app.domain import gbt9704
from wuse_app.domain import venture as rules

PUBLIC_CALL_FIELDS = (
	"name",
	"call_title",
	"status",
	"funding_source",
	"pool_amount",
	"project_ceiling",
	"submission_deadline",
	"judging_end",
	"announcement_date",
	"judges_per_proposal",
	"allow_multiple_proposals",
	"notice",
)


def published_calls() -> list[frappe._dict]:
	"""Every published call with its public terms, the open ones first."""
	calls = frappe.get_all(
		"Venture Call",
		filters={"status": ["!=", rules.DRAFT]},
		fields=list(PUBLIC_CALL_FIELDS),
		order_by="submission_deadline desc",
	)
	if not calls:
		return []
	names = [c.name for c in calls]
	rows: dict[str, dict[str, list]] = {c.name: {} for c in calls}
	for child, field in (
		("Venture Call Community", "community"),
		("Venture Call Category", "category"),
		("Venture Call Organization Type", "organization_type"),
		("Venture Call Criterion", "criterion"),
	):
		extra = ["weight"] if field == "criterion" else []
		for row in frappe.get_all(
			child,
			filters={"parent": ["in", names], "parenttype": "Venture Call"},
			fields=["parent", field, *extra],
			order_by="idx asc",
		):
			value = f"{row[field]}（{frappe.utils.flt(row.weight, 2):g}）" if extra else row[field]
			rows[row.parent].setdefault(field, []).append(value)
	now = now_datetime()
	for call in calls:
		call.update(
			{
				"communities": rows[call.name].get("community", []),
				"categories": [
					_(c, context="Venture Call Category") for c in rows[call.name].get("category", [])
				],
				"organization_types": [_(t) for t in rows[call.name].get("organization_type", [])],
				"criteria": rows[call.name].get("criterion", []),
				"phase": _(call.status),
				"deadline": format_datetime(call.submission_deadline, "yyyy-MM-dd HH:mm")
				if call.submission_deadline
				else "",
				"judging_end": formatdate(call.judging_end, "yyyy-MM-dd") if call.judging_end else "",
				"announcement": formatdate(call.announcement_date, "yyyy-MM-dd")
				if call.announcement_date
				else "",
				"open": call.status == rules.OPEN
				and (not call.submission_deadline or now <= call.submission_deadline),
				# The notice as plain paragraphs (the template escapes them): no staff-typed HTML on the portal.
				"notice_paragraphs": [p.text for p in gbt9704.paragraphs_from_html(call.notice)],
			}
		)
		call.pop("notice", None)
	calls.sort(key=lambda c: (not c.open,))
	return calls


# --- judges ---------------------------------------------------------------------------------------------


def my_score_sheets() -> list[dict]:
	"""The session user's score sheets of calls being judged or decided, conflicted ones left out.

	frappe.get_list applies the Venture Score permission hooks (a judge reads only their own sheets);
	the filter on `judge` keeps staff who can read every sheet to their own here as well.
	"""
	sheets = frappe.get_list(
		"Venture Score",
		filters={
			"judge": frappe.session.user,
			"docstatus": ["<", 2],
			"status": ["!=", rules.CONFLICT],
		},
		fields=["name", "proposal", "project_title", "venture_call", "status", "docstatus"],
		order_by="creation asc",
	)
	out = []
	for sheet in sheets:
		doc = frappe.get_doc("Venture Score", sheet.name)
		doc.check_permission("read")
		proposal = frappe.get_doc("Venture Proposal", doc.proposal)
		proposal.check_permission("read")  # assigned to this judge without a conflict (permission hook)
		call = frappe.db.get_value("Venture Call", doc.venture_call, ["call_title", "status"], as_dict=True)
		out.append(
			{
				"name": doc.name,
				"submitted": doc.docstatus == 1,
				"can_score": doc.docstatus == 0 and call.status == rules.JUDGING,
				"call_title": call.call_title,
				"call_phase": _(call.status),
				"total_score": doc.total_score if doc.docstatus == 1 else None,
				"overall_comment": doc.overall_comment or "",
				"scores": [
					{
						"criterion": row.criterion,
						"weight": row.weight,
						"score": row.score,
						"comment": row.comment or "",
					}
					for row in doc.scores
				],
				"proposal": proposal_for_judge(proposal),
			}
		)
	return out


def proposal_for_judge(proposal) -> dict:
	"""What a judge reads of a proposal: the plan and budget, never its scores, rank or decision."""
	return {
		"name": proposal.name,
		"project_title": proposal.project_title,
		"applicant_organization": proposal.applicant_organization,
		"community": proposal.community,
		"category": _(proposal.category, context="Venture Proposal"),
		"needs": proposal.needs or "",
		"objectives": proposal.objectives or "",
		"beneficiary_count": proposal.beneficiary_count,
		"period": f"{formatdate(proposal.start_date, 'yyyy-MM-dd')} — {formatdate(proposal.end_date, 'yyyy-MM-dd')}",
		"requested_amount": proposal.requested_amount,
		"budget_items": [{"description": r.description, "amount": r.amount} for r in proposal.budget_items],
		"milestones": [
			{"title": r.title, "due_date": formatdate(r.due_date, "yyyy-MM-dd") if r.due_date else ""}
			for r in proposal.milestones
		],
	}
