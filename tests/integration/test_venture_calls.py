"""Venture calls on a real site: the pool reservation, eligibility, deadline lock, judging and awards."""

from __future__ import annotations

import datetime

import frappe
import pytest
from factories import (
	make_allocation,
	make_charity_project,
	make_community,
	make_donation,
	make_donor,
	make_fund,
	make_organization,
	make_portal_user,
	make_social_worker,
	make_user,
)
from venture_support import (
	act,
	assign,
	make_call,
	make_judge,
	make_proposal,
	new_reviewer,
	pass_deadline,
	publish,
	registered_org,
	score,
)

from wuse_app.domain import venture as rules
from wuse_app.venture import api
from wuse_app.workflows import venture_call as wf


def fund_values(fund: str) -> frappe._dict:
	return frappe.db.get_value(
		"Community Fund", fund, ["available_balance", "total_reserved", "total_allocated"], as_dict=True
	)


# --- item 1: the call and its pool ------------------------------------------------------------------------


def test_publishing_a_call_reserves_its_pool_in_the_fund():
	call = make_call(pool=100000, money=150000)
	assert call.status == rules.DRAFT and not call.reserved_amount
	call = publish(call)
	assert call.status == rules.OPEN
	assert call.reserved_amount == 100000
	assert fund_values(call.fund) == {
		"available_balance": 50000,
		"total_reserved": 100000,
		"total_allocated": 0,
	}


def test_a_reserved_pool_cannot_be_spent_by_an_ordinary_allocation_or_a_second_call():
	call = publish(make_call(pool=100000, money=150000))
	project = make_charity_project()
	with pytest.raises(frappe.ValidationError, match="reserved for venture calls"):
		make_allocation(call.fund, project, 50001)
	make_allocation(call.fund, project, 50000)
	second = make_call(fund=call.fund, pool=1000, ceiling=1000)
	with pytest.raises(frappe.ValidationError, match="cannot be published"):
		publish(second)


def test_a_call_whose_fund_lacks_the_pool_is_not_published():
	call = make_call(pool=100000, money=99999)
	with pytest.raises(frappe.ValidationError, match=r"99,999\.00"):
		publish(call)
	assert frappe.db.get_value("Venture Call", call.name, "status") == rules.DRAFT


def test_the_rubric_weights_must_add_up_to_100():
	with pytest.raises(frappe.ValidationError, match="add up to 100"):
		make_call(criteria=[{"criterion": "A", "weight": 60}, {"criterion": "B", "weight": 30}])


def test_the_ceiling_cannot_exceed_the_pool():
	with pytest.raises(frappe.ValidationError, match="ceiling"):
		make_call(pool=10000, ceiling=20000)


def test_a_published_calls_terms_are_locked_and_its_phase_and_reservation_cannot_be_typed_in():
	call = publish(make_call())
	call.pool_amount = 1
	with pytest.raises(frappe.ValidationError, match="terms can no longer change"):
		call.save()
	call = frappe.get_doc("Venture Call", call.name)
	call.status = rules.AWARDED
	call.reserved_amount = 0
	call.notice = "更新的公告"
	call.save()
	assert (call.status, call.reserved_amount) == (rules.OPEN, 100000)


def test_the_workflow_states_may_be_renamed_by_an_administrator():
	"""The server acts on the phase a state sets, not on the state's name."""
	workflow = frappe.get_doc("Workflow", wf.WORKFLOW_NAME)
	if not frappe.db.exists("Workflow State", "征集中"):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "征集中"}).insert()
	for row in workflow.states:
		if row.state == rules.OPEN:
			row.state = "征集中"
	for row in workflow.transitions:
		row.state = "征集中" if row.state == rules.OPEN else row.state
		row.next_state = "征集中" if row.next_state == rules.OPEN else row.next_state
	workflow.save()
	call = publish(make_call(pool=1000, ceiling=1000))
	assert (call.workflow_state, call.status, call.reserved_amount) == ("征集中", rules.OPEN, 1000)


# --- item 2: proposals ------------------------------------------------------------------------------------


def test_an_eligible_organisation_sends_one_proposal_whose_amount_is_the_sum_of_its_budget_lines():
	call = publish(make_call())
	community = make_community()
	org = make_organization(community=community)
	proposal = make_proposal(call.name, org, community, amount=30000)
	assert (proposal.status, proposal.requested_amount) == (rules.SUBMITTED, 30000)
	with pytest.raises(frappe.ValidationError, match="already sent a proposal"):
		make_proposal(call.name, org, community)


def test_a_call_may_allow_several_proposals_per_organisation():
	call = publish(make_call(allow_multiple_proposals=1))
	community = make_community()
	org = make_organization(community=community)
	make_proposal(call.name, org, community)
	make_proposal(call.name, org, community)


def test_ineligible_organisations_are_refused():
	call = publish(
		make_call(organization_types=[{"organization_type": "Social Service Agency"}], accept_filed=0)
	)
	community = make_community()
	with pytest.raises(frappe.ValidationError, match="open to Social Service Agency only"):
		make_proposal(call.name, make_organization(community=community), community)
	registered_only = publish(make_call(accept_filed=0))
	with pytest.raises(frappe.ValidationError, match="Registered"):
		make_proposal(registered_only.name, make_organization(community=community), community)
	suspended = registered_org(community, status="Suspended")
	with pytest.raises(frappe.ValidationError, match="not active"):
		make_proposal(call.name, suspended, community)
	make_proposal(call.name, registered_org(community), community)


def test_proposals_above_the_ceiling_or_outside_the_calls_communities_are_refused():
	inside, outside = make_community(), make_community()
	call = publish(make_call(ceiling=20000, communities=[{"community": inside}]))
	with pytest.raises(frappe.ValidationError, match="ceiling"):
		make_proposal(call.name, community=inside, amount=20001)
	with pytest.raises(frappe.ValidationError, match="open to"):
		make_proposal(call.name, community=outside, amount=1000)


def test_no_proposal_before_publication():
	call = make_call()
	with pytest.raises(frappe.ValidationError, match="not open"):
		make_proposal(call.name)


def test_a_proposal_is_locked_after_the_deadline_and_withdrawable_only_before_it():
	call = publish(make_call())
	proposal = make_proposal(call.name)
	proposal.objectives = "修改后的目标"
	proposal.save()
	pass_deadline(call)
	proposal = frappe.get_doc("Venture Proposal", proposal.name)
	proposal.objectives = "截止后再改"
	with pytest.raises(frappe.ValidationError, match="deadline"):
		proposal.save()
	with pytest.raises(frappe.ValidationError, match="deadline"):
		api.withdraw_proposal(proposal.name)
	with pytest.raises(frappe.ValidationError, match="deadline"):
		make_proposal(call.name)


def test_withdrawing_before_the_deadline_frees_the_organisation_to_apply_again():
	call = publish(make_call())
	community = make_community()
	org = make_organization(community=community)
	proposal = make_proposal(call.name, org, community)
	assert api.withdraw_proposal(proposal.name) == rules.WITHDRAWN
	make_proposal(call.name, org, community)


def test_a_portal_user_applies_only_for_their_own_organisation():
	call = publish(make_call())
	community = make_community()
	mine, other = make_organization(community=community), make_organization(community=community)
	user = make_portal_user(mine)
	make_proposal(call.name, mine, community, user=user)
	with pytest.raises(frappe.PermissionError):
		make_proposal(call.name, other, community, user=user)


def test_an_applicant_cannot_type_in_a_score_rank_or_status():
	call = publish(make_call())
	proposal = make_proposal(call.name)
	proposal.status = rules.AWARDED
	proposal.final_score = 99
	proposal.requested_amount = 1
	proposal.save()
	proposal.reload()
	assert (proposal.status, proposal.final_score, proposal.requested_amount) == (rules.SUBMITTED, 0, 30000)


# --- item 3: judging --------------------------------------------------------------------------------------


def test_registry_links_mark_a_judge_as_conflicted():
	call = publish(make_call())
	community = make_community()
	org = make_organization(
		community=community, is_charity_organization=1, has_public_fundraising_qualification=1
	)
	proposal = make_proposal(call.name, org, community)
	member = make_judge()
	registry = frappe.get_doc("Social Organization", org)
	registry.append("portal_users", {"user": member})
	registry.save()
	employee = make_judge()
	make_social_worker(community, user=employee, employer_organization=org, is_community_worker=0)
	donor_judge = make_user("Venture Judge")
	frappe.db.set_value("User", donor_judge, "mobile_no", "13800138123")
	donor = make_donor(mobile="13800138123")
	fund = make_fund(custodian=org, community=community)
	make_donation(fund, amount=100, donor=donor.name)
	free = make_judge()
	sheets = {judge: assign(proposal.name, judge) for judge in (member, employee, donor_judge, free)}
	assert [sheets[j].status for j in (member, employee, donor_judge, free)] == [
		rules.CONFLICT,
		rules.CONFLICT,
		rules.CONFLICT,
		rules.ASSIGNED,
	]
	assert "member" in sheets[member].conflict_reason
	assert "employed" in sheets[employee].conflict_reason
	assert "donor" in sheets[donor_judge].conflict_reason


def test_a_conflicted_judge_neither_sees_nor_scores_the_proposal():
	call = publish(make_call())
	proposal = make_proposal(call.name)
	judge = make_judge()
	sheet = assign(proposal.name, judge)
	frappe.set_user(judge)
	assert frappe.has_permission("Venture Proposal", "read", proposal.name)
	assert api.declare_conflict(sheet.name, "我是该机构理事") == rules.CONFLICT
	assert not frappe.has_permission("Venture Proposal", "read", proposal.name)
	assert frappe.get_list("Venture Proposal", pluck="name") == []
	frappe.set_user("Administrator")
	pass_deadline(call)
	act(call, wf.CLOSE_SUBMISSIONS)
	with pytest.raises(frappe.PermissionError):
		score(frappe.get_doc("Venture Score", sheet.name), [80, 80, 80])


def test_a_judge_sees_only_their_own_score_sheets():
	call = publish(make_call())
	proposal = make_proposal(call.name)
	first, second = make_judge(), make_judge()
	mine, theirs = assign(proposal.name, first), assign(proposal.name, second)
	pass_deadline(call)
	act(call, wf.CLOSE_SUBMISSIONS)
	score(theirs, [90, 90, 90])
	frappe.set_user(first)
	assert frappe.get_list("Venture Score", pluck="name") == [mine.name]
	assert not frappe.has_permission("Venture Score", "read", theirs.name)
	assert frappe.has_permission("Venture Score", "read", mine.name)


def test_a_judge_not_assigned_sees_no_proposal():
	call = publish(make_call())
	proposal = make_proposal(call.name)
	frappe.set_user(make_judge())
	assert frappe.get_list("Venture Proposal", pluck="name") == []
	assert not frappe.has_permission("Venture Proposal", "read", proposal.name)


def test_scores_are_given_while_judging_only_and_between_0_and_100():
	call = publish(make_call())
	sheet = assign(make_proposal(call.name).name, make_judge())
	with pytest.raises(frappe.ValidationError, match="being judged"):
		score(sheet, [80, 80, 80])
	pass_deadline(call)
	act(call, wf.CLOSE_SUBMISSIONS)
	with pytest.raises(frappe.ValidationError, match="between 0 and 100"):
		score(sheet, [101, 80, 80])
	with pytest.raises(frappe.ValidationError, match="Score the criterion"):
		score(sheet, {"需求迫切性": 80})
	done = score(sheet, [80, 70, 90])  # 80×40 + 70×35 + 90×25 = 7900 → 79
	assert (done.status, done.total_score) == (rules.SCORED, 79)


def test_judging_cannot_start_before_the_deadline():
	call = publish(make_call())
	with pytest.raises(frappe.ValidationError, match="judging starts after"):
		act(call, wf.CLOSE_SUBMISSIONS)


# --- item 3 and 4: ranking and awards -----------------------------------------------------------------------


def judged_call(pool=100000, amounts=(40000, 50000, 30000), marks=((90, 90), (85, 85), (80, 80)), **values):
	"""A call past its deadline whose proposals are each scored by two judges (all criteria alike)."""
	call = publish(make_call(pool=pool, **values))
	proposals = [make_proposal(call.name, amount=a) for a in amounts]
	judges = [make_judge(), make_judge()]
	sheets = [[assign(p.name, j) for j in judges] for p in proposals]
	pass_deadline(call)
	call = act(call, wf.CLOSE_SUBMISSIONS)
	for row, proposal_marks in zip(sheets, marks, strict=True):
		for sheet, mark in zip(row, proposal_marks, strict=True):
			score(sheet, [mark, mark, mark])
	return call, proposals


def test_the_ranking_needs_every_proposals_scores():
	call = publish(make_call())
	proposal = make_proposal(call.name)
	assign(proposal.name, make_judge())
	pass_deadline(call)
	call = act(call, wf.CLOSE_SUBMISSIONS)
	with pytest.raises(frappe.ValidationError, match="still short"):
		act(call, wf.SUBMIT_RANKING)


def test_confirming_the_ranking_creates_approved_projects_paid_from_the_reserved_pool():
	call, (a, b, c) = judged_call()
	call = act(call, wf.SUBMIT_RANKING)
	assert call.status == rules.PENDING_CONFIRMATION
	ranks = {p: frappe.db.get_value("Venture Proposal", p.name, ["rank", "final_score"]) for p in (a, b, c)}
	assert ranks == {a: (1, 90), b: (2, 85), c: (3, 80)}
	frappe.db.set_value("Venture Proposal", c.name, "decision_reason", "预算测算依据不足")
	call = act(call, wf.CONFIRM_RANKING, new_reviewer())
	assert call.status == rules.AWARDED
	assert (call.awarded_amount, call.reserved_amount) == (90000, 10000)
	# 公示: the confirmed results are published (wuse_app.publicity.venture), without personal data.
	notice = frappe.get_doc(
		"Public Notice", frappe.db.get_value("Venture Call", call.name, "publicity_reference")
	)
	assert (notice.reference_name, notice.status) == (call.name, "Open")
	assert "40,000.00" in notice.published_content and "50,000.00" in notice.published_content
	for proposal, amount in ((a, 40000), (b, 50000)):
		proposal.reload()
		assert (proposal.status, proposal.award_amount) == (rules.AWARDED_PROPOSAL, amount)
		project = frappe.get_doc("Service Project", proposal.service_project)
		assert (project.workflow_state, project.approved_amount, project.owner) == (
			"Approved",
			amount,
			proposal.owner,
		)
		assert project.approval_log[-1].to_state == "Approved"
		allocation = frappe.get_doc("Fund Allocation", proposal.fund_allocation)
		assert (allocation.docstatus, allocation.amount, allocation.service_project) == (
			1,
			amount,
			project.name,
		)
	c.reload()
	assert (c.status, c.decision_reason) == (rules.NOT_AWARDED, "预算测算依据不足")
	assert fund_values(call.fund) == {
		"available_balance": 100000,
		"total_reserved": 10000,
		"total_allocated": 90000,
	}
	call = act(call, wf.CLOSE_CALL)
	assert (call.status, call.reserved_amount) == (rules.CLOSED, 0)
	assert fund_values(call.fund) == {
		"available_balance": 110000,
		"total_reserved": 0,
		"total_allocated": 90000,
	}


def test_proposals_below_the_line_get_a_reason():
	call, (a, b, c) = judged_call(
		amounts=(40000, 50000, 5000), marks=((90, 90), (85, 85), (80, 80)), pool=60000
	)
	call = act(act(call, wf.SUBMIT_RANKING), wf.CONFIRM_RANKING, new_reviewer())
	statuses = {
		p.name: frappe.db.get_value("Venture Proposal", p.name, ["status", "decision_reason"])
		for p in (a, b, c)
	}
	assert statuses[a.name][0] == rules.AWARDED_PROPOSAL
	assert statuses[b.name][0] == statuses[c.name][0] == rules.NOT_AWARDED
	assert "budget line" in statuses[b.name][1] and "budget line" in statuses[c.name][1]
	assert call.awarded_amount == 40000


def test_ties_follow_the_calls_rule():
	call, (a, b) = judged_call(
		amounts=(40000, 30000),
		marks=((80, 80), (80, 80)),
		pool=45000,
		ceiling=40000,
		tie_rule=rules.TIE_LOWER_AMOUNT,
	)
	act(call, wf.SUBMIT_RANKING)
	assert frappe.db.get_value("Venture Proposal", b.name, "rank") == 1
	assert frappe.db.get_value("Venture Proposal", a.name, "award_amount") == 0


def test_whoever_submitted_the_ranking_cannot_confirm_it():
	reviewer_admin = make_user("Wuse Administrator", "Sub-district Reviewer")
	call, _proposals = judged_call()
	call = act(call, wf.SUBMIT_RANKING, reviewer_admin)
	with pytest.raises(frappe.PermissionError):
		act(call, wf.CONFIRM_RANKING, reviewer_admin)
	assert frappe.db.get_value("Venture Call", call.name, "status") == rules.PENDING_CONFIRMATION


def test_a_returned_ranking_goes_back_to_judging():
	call, _proposals = judged_call()
	call = act(act(call, wf.SUBMIT_RANKING), wf.RETURN_RANKING, new_reviewer())
	assert call.status == rules.JUDGING and call.reserved_amount == 100000


def test_five_judges_use_the_trimmed_mean():
	call = publish(make_call(judges_per_proposal=5))
	proposal = make_proposal(call.name)
	sheets = [assign(proposal.name, make_judge()) for _ in range(5)]
	pass_deadline(call)
	call = act(call, wf.CLOSE_SUBMISSIONS)
	for sheet, mark in zip(sheets, (95, 82, 80, 78, 40), strict=True):
		score(sheet, [mark, mark, mark])
	act(call, wf.SUBMIT_RANKING)
	assert frappe.db.get_value("Venture Proposal", proposal.name, ["final_score", "judge_count"]) == (80, 5)


def test_the_notice_deadline_is_stored_as_given():
	deadline = datetime.datetime(2030, 1, 1, 17, 0)
	call = make_call(submission_deadline=str(deadline))
	assert frappe.utils.get_datetime(call.submission_deadline) == deadline
