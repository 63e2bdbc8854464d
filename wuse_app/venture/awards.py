"""Ranking, awards and the pool: the money steps of a venture call (rules in wuse_app.domain.venture).

Every step here runs inside the call's save, which holds the fund's row lock (VentureCall.save) and the
call's row lock (Frappe's check_if_latest). Two confirmations of one call at once are therefore checked
one after the other: the second finds the call changed and is refused, so awards are made once.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import flt, get_datetime, get_fullname, now_datetime, nowdate

from wuse_app.charity import ledger
from wuse_app.domain import charity as money_rules
from wuse_app.domain import venture as rules
from wuse_app.utils.validation import domain_errors, throw

PROPOSAL = "Venture Proposal"
SCORE = "Venture Score"


def submitted_scores(call: str) -> dict[str, list[frappe._dict]]:
	"""Each live proposal's submitted score sheets (conflicted and cancelled sheets never count)."""
	sheets = frappe.get_all(
		SCORE,
		filters={"venture_call": call, "docstatus": 1, "status": rules.SCORED},
		fields=["name", "proposal", "total_score"],
	)
	by_proposal: dict[str, list[frappe._dict]] = defaultdict(list)
	for sheet in sheets:
		by_proposal[sheet.proposal].append(sheet)
	return by_proposal


def live_proposals(call: str) -> list[frappe._dict]:
	return frappe.get_all(
		PROPOSAL,
		filters={"venture_call": call, "status": ["!=", rules.WITHDRAWN]},
		fields=["name", "requested_amount", "submitted_on", "creation", "decision_reason"],
		order_by="creation asc",
	)


def first_criterion_means(call_doc, sheets: list[frappe._dict]) -> Decimal:
	if not call_doc.criteria or not sheets:
		return Decimal(0)
	first = call_doc.criteria[0].criterion
	values = frappe.get_all(
		"Venture Score Item",
		filters={"parent": ["in", [s.name for s in sheets]], "parenttype": SCORE, "criterion": first},
		pluck="score",
	)
	return sum((Decimal(str(v or 0)) for v in values), Decimal(0)) / max(len(values), 1)


def compute_ranking(call_doc) -> list[rules.Ranked]:
	"""The ranking from the submitted scores; refused while a proposal lacks its judges' scores."""
	proposals = live_proposals(call_doc.name)
	sheets = submitted_scores(call_doc.name)
	required = int(call_doc.judges_per_proposal or 1)
	missing = rules.missing_scores({p.name: len(sheets.get(p.name, [])) for p in proposals}, required)
	if missing:
		throw(
			_("Each proposal needs {0} submitted scores before the ranking; still short: {1}.").format(
				required, ", ".join(missing)
			),
			title=_("Scores missing"),
		)
	entries = []
	for p in proposals:
		with domain_errors(_("Invalid scores")):
			final = rules.trimmed_mean(s.total_score for s in sheets[p.name])
		entries.append(
			rules.Entry(
				name=p.name,
				final_score=final,
				requested=Decimal(str(p.requested_amount or 0)),
				submitted_at=get_datetime(p.submitted_on or p.creation),
				first_criterion=first_criterion_means(call_doc, sheets[p.name]),
			)
		)
	with domain_errors(_("Invalid ranking")):
		return rules.rank(entries, call_doc.pool_amount, call_doc.tie_rule, call_doc.minimum_score)


def default_reason(ranked: rules.Ranked) -> str | None:
	if ranked.reason == rules.BELOW_MINIMUM:
		return _("The final score is below the call's minimum score for an award.")
	if ranked.reason == rules.BELOW_LINE:
		return _("Ranked below the budget line: the pool ran out before this proposal.")
	return None


def store_ranking(call_doc) -> None:
	"""Submit Ranking: each proposal gets its final score, rank, recommended award and reason."""
	sheets = submitted_scores(call_doc.name)
	for ranked in compute_ranking(call_doc):
		frappe.db.set_value(
			PROPOSAL,
			ranked.name,
			{
				"final_score": float(ranked.final_score),
				"judge_count": len(sheets.get(ranked.name, [])),
				"rank": ranked.rank,
				"award_amount": float(ranked.award),
				"decision_reason": default_reason(ranked),
			},
		)


def make_awards(call_doc) -> None:
	"""Confirm Ranking: each award becomes an approved Service Project paid from the reserved pool."""
	ledger.lock_fund(call_doc.fund)
	left = money_rules.money(
		frappe.db.sql(
			"select reserved_amount from `tabVenture Call` where name = %s for update", call_doc.name
		)[0][0]
	)
	awarded = money_rules.ZERO
	for ranked in compute_ranking(call_doc):
		proposal = frappe.get_doc(PROPOSAL, ranked.name)
		if not ranked.funded:
			proposal.db_set(
				{
					"status": rules.NOT_AWARDED,
					"award_amount": 0,
					"decision_reason": proposal.decision_reason or default_reason(ranked),
				}
			)
			continue
		with domain_errors(_("Not enough money in the pool")):
			rules.check_award_fits(call_doc.name, left, ranked.award)
		project = create_project(call_doc, proposal, ranked.award)
		left -= ranked.award
		awarded += ranked.award
		# The reservation shrinks by the award before the allocation is checked against the fund.
		frappe.db.set_value(
			"Venture Call", call_doc.name, "reserved_amount", float(left), update_modified=False
		)
		allocation = frappe.get_doc(
			{
				"doctype": "Fund Allocation",
				"fund": call_doc.fund,
				"service_project": project,
				"amount": float(ranked.award),
				"allocation_date": nowdate(),
				"purpose": _("Award of venture call {0}: {1}").format(call_doc.name, call_doc.call_title),
			}
		)
		allocation.insert()
		# The confirmed ranking is the decision: the allocation skips 拨付审批 (wuse_app.approvals.direct).
		allocation.flags.system_action = True
		allocation.submit()
		proposal.db_set(
			{
				"status": rules.AWARDED_PROPOSAL,
				"award_amount": float(ranked.award),
				"decision_reason": None,
				"service_project": project,
				"fund_allocation": allocation.name,
			}
		)
	call_doc.reserved_amount = float(left)
	call_doc.awarded_amount = float(awarded)
	frappe.db.set_value(
		"Venture Call",
		call_doc.name,
		{"reserved_amount": float(left), "awarded_amount": float(awarded)},
		update_modified=False,
	)
	ledger.update_fund_balances(call_doc.fund)


def create_project(call_doc, proposal, amount: Decimal) -> str:
	"""An approved Service Project for an award, owned by the proposal's author.

	Frappe's workflow can only create a document in its first state, and the Service Project's applicant
	check asks whether the *session* user may apply (a reviewer may not). The award is approved by the
	call's own governed step (Confirm Ranking), so the project is created by the system as a draft and
	set to the approved state, with a row in its approval trail naming the call and the confirming
	reviewer.
	"""
	reviewer = frappe.session.user
	project = frappe.get_doc(
		{
			"doctype": "Service Project",
			"project_title": proposal.project_title,
			"applicant_organization": proposal.applicant_organization,
			"community": proposal.community,
			"category": proposal.category,
			"funding_source": call_doc.funding_source,
			"beneficiary_count": proposal.beneficiary_count,
			"start_date": proposal.start_date,
			"end_date": proposal.end_date,
			"objectives": "\n\n".join(filter(None, [proposal.needs, proposal.objectives])),
			"budget_items": [
				{"description": r.description, "amount": r.amount} for r in proposal.budget_items
			],
			"milestones": [
				{"title": r.title, "due_date": r.due_date, "status": "Planned"} for r in proposal.milestones
			],
		}
	)
	with as_system():
		project.insert(ignore_permissions=True)
	approved_state = project_approved_state()
	frappe.get_doc(
		{
			"doctype": "Project Approval Log",
			"parent": project.name,
			"parenttype": "Service Project",
			"parentfield": "approval_log",
			"idx": len(project.approval_log) + 1,
			"action": _("Confirm Ranking"),
			"from_state": project.workflow_state,
			"to_state": approved_state,
			"user": reviewer,
			"user_full_name": get_fullname(reviewer),
			"role": _("Venture Call {0}").format(call_doc.name),
			"acted_on": now_datetime(),
			"reason": _("Awarded in venture call {0} ({1}), rank {2}.").format(
				call_doc.name, call_doc.call_title, proposal.rank
			),
		}
	).db_insert()
	frappe.db.set_value(
		"Service Project",
		project.name,
		{"workflow_state": approved_state, "approved_amount": flt(amount, 2), "owner": proposal.owner},
		update_modified=False,
	)
	return project.name


def project_approved_state() -> str:
	"""The state an approval takes a project to, read from the project workflow (its first Review →
	Active transition), never a name: an administrator may rename it."""
	from wuse_app.approvals.config import get_policy

	policy = get_policy("Service Project")
	state = policy.approved_state() if policy else None
	if not state:
		throw(
			_("The service project workflow has no approval step (a Review state leading to an Active one)."),
			title=_("Workflow incomplete"),
		)
	return state


class as_system:
	"""Run a block as Administrator (see create_project), then restore the session user."""

	def __enter__(self):
		self.user = frappe.session.user
		frappe.set_user("Administrator")

	def __exit__(self, *exc):
		frappe.set_user(self.user)
		return False


def close_undecided(call_doc) -> None:
	"""Closing: proposals never decided (the call closed before its awards) are not awarded."""
	for name in frappe.get_all(
		PROPOSAL, filters={"venture_call": call_doc.name, "status": rules.SUBMITTED}, pluck="name"
	):
		frappe.db.set_value(
			PROPOSAL,
			name,
			{"status": rules.NOT_AWARDED, "decision_reason": _("The call was closed without an award.")},
		)


def hand_over_to_publicity(call_doc) -> None:
	"""公示 hook point: hands the confirmed results over to the publicity step (hooks
	`venture_results_publicity`: wuse_app.publicity.venture.publicise_results, which stores the
	Public Notice's name in `publicity_reference`)."""
	hooks = frappe.get_hooks("venture_results_publicity")
	for method in hooks:
		frappe.get_attr(method)(call_doc)
