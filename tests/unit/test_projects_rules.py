"""Service project rules (wuse_app.domain.projects), no Frappe."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuse_app.domain import projects as rules
from wuse_app.domain.approvals import ACTIVE, CLOSED, EDITING, REVIEW, Policy, StateRule
from wuse_app.domain.errors import DomainValidationError

D = datetime.date


# --- budget and amounts ---------------------------------------------------------------------------


def test_budget_total_is_the_sum_of_the_lines():
	assert rules.validate_budget([1000, "2500.50", Decimal("0.5")]) == Decimal("3501.00")


@pytest.mark.parametrize("amounts,row", [([100, 0], 2), ([-5], 1), ([None], 1), ([10, 20, -0.004], 3)])
def test_budget_lines_must_be_positive(amounts, row):
	with pytest.raises(DomainValidationError) as excinfo:
		rules.validate_budget(amounts)
	assert excinfo.value.params["row"] == row


def test_budget_needs_a_line():
	with pytest.raises(DomainValidationError, match="at least one budget line"):
		rules.validate_budget([])


@given(st.lists(st.decimals(min_value="0.01", max_value="10000000", places=2), min_size=1, max_size=30))
def test_budget_total_never_loses_a_cent(amounts):
	assert rules.validate_budget(amounts) == sum(amounts, Decimal(0))


def test_approved_amount_at_most_requested():
	rules.validate_approved_amount(50000, 50000)
	rules.validate_approved_amount(0, 50000)
	rules.validate_approved_amount(None, 100)
	with pytest.raises(DomainValidationError, match="cannot exceed"):
		rules.validate_approved_amount("50000.01", 50000)
	with pytest.raises(DomainValidationError, match="negative"):
		rules.validate_approved_amount(-1, 50000)


def test_blank_approved_amount_means_the_requested_amount():
	assert rules.amount_to_approve(0, 12000) == Decimal("12000.00")
	assert rules.amount_to_approve(None, 12000) == Decimal("12000.00")
	assert rules.amount_to_approve(8000, 12000) == Decimal("8000.00")


@pytest.mark.parametrize(
	"requested,threshold,expected",
	[(50000, 50000, False), ("50000.01", 50000, True), (1, 0, True), (0, 0, False), (80000, 100000, False)],
)
def test_leadership_approval_only_above_the_threshold(requested, threshold, expected):
	assert rules.needs_leadership_approval(requested, threshold) is expected


# --- dates, score, milestones ---------------------------------------------------------------------


def test_period_end_not_before_start():
	rules.validate_period(D(2026, 1, 1), D(2026, 1, 1))
	rules.validate_period(None, D(2026, 1, 1))
	with pytest.raises(DomainValidationError, match="cannot be before"):
		rules.validate_period(D(2026, 3, 1), D(2026, 2, 28))


@pytest.mark.parametrize("score", [0, 1, 99, 100, None])
def test_scores_in_range_are_accepted(score):
	rules.validate_evaluation_score(score)


@pytest.mark.parametrize("score", [-1, 101, 1000])
def test_scores_out_of_range_are_refused(score):
	with pytest.raises(DomainValidationError, match="between 0 and 100"):
		rules.validate_evaluation_score(score)


def test_milestone_due_dates_fall_within_the_period():
	start, end = D(2026, 1, 1), D(2026, 12, 31)
	ok = rules.Milestone(1, "启动", D(2026, 1, 1), "Planned")
	rules.validate_milestones(False, [ok], start, end)
	late = rules.Milestone(2, "结项", D(2027, 1, 1), "Planned")
	with pytest.raises(DomainValidationError, match="outside the project period") as excinfo:
		rules.validate_milestones(False, [ok, late], start, end)
	assert excinfo.value.params["row"] == 2


def test_milestone_progress_only_once_started():
	done = rules.Milestone(1, "培训", D(2026, 5, 1), "Completed")
	with pytest.raises(DomainValidationError, match="only once the project is in progress"):
		rules.validate_milestones(False, [done], None, None)
	rules.validate_milestones(True, [done], None, None)


# --- workflow rules (the seeded workflow's meaning; wuse_app.domain.approvals reads it) ---------

SEEDED = Policy(
	states={
		name: StateRule(name, stage, fields)
		for name, stage, fields in (
			(rules.DRAFT, EDITING, None),
			(rules.RETURNED, EDITING, None),
			(rules.PENDING_COMMUNITY_REVIEW, REVIEW, None),
			(rules.PENDING_SUBDISTRICT_REVIEW, REVIEW, frozenset({"approved_amount"})),
			(rules.PENDING_LEADERSHIP_APPROVAL, REVIEW, frozenset({"approved_amount"})),
			(rules.APPROVED, ACTIVE, None),
			(rules.IN_PROGRESS, ACTIVE, frozenset({"outcome_summary", rules.MILESTONE_PROGRESS})),
			(rules.PENDING_COMPLETION_REVIEW, REVIEW, frozenset({"evaluation_score", "evaluation_comments"})),
			(rules.COMPLETED, CLOSED, None),
			(rules.REJECTED, CLOSED, None),
		)
	}
)


def editable(state):
	return SEEDED.editable_fields(state, rules.STAGE_DEFAULTS)


def test_missing_reason_is_refused_and_blank_counts_as_missing():
	for reason in (None, "", "   \n"):
		with pytest.raises(DomainValidationError, match="Give a reason"):
			rules.validate_reason(True, rules.REJECTED, reason)
	assert rules.validate_reason(True, rules.REJECTED, " 预算不实 ") == "预算不实"
	assert rules.validate_reason(False, rules.PENDING_COMMUNITY_REVIEW, None) is None


@pytest.mark.parametrize("from_state", sorted(SEEDED.states_in(REVIEW)))
def test_applicant_cannot_review_own_project(from_state):
	with pytest.raises(DomainValidationError, match="cannot review it"):
		rules.validate_not_own_project(
			"a@example.com", {"a@example.com", "b@example.com"}, SEEDED.is_review(from_state)
		)
	rules.validate_not_own_project("c@example.com", {"a@example.com"}, SEEDED.is_review(from_state))


@pytest.mark.parametrize("from_state", [rules.DRAFT, rules.RETURNED, rules.APPROVED, rules.IN_PROGRESS])
def test_applicant_moves_own_project_outside_review(from_state):
	rules.validate_not_own_project("a@example.com", {"a@example.com"}, SEEDED.is_review(from_state))


def test_self_approval_off_on_the_row_refuses_the_applicant_outside_review_too():
	with pytest.raises(DomainValidationError, match="cannot review it"):
		rules.validate_not_own_project("a@example.com", {"a@example.com"}, False, self_approval_allowed=False)


# --- field locks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [rules.DRAFT, rules.RETURNED])
def test_application_is_editable_in_draft_and_returned(state):
	assert rules.locked_changes(editable(state), ["project_title", "budget_items", "milestones"]) == []
	assert rules.locked_changes(editable(state), ["approved_amount", "evaluation_score"]) == [
		"approved_amount",
		"evaluation_score",
	]


@pytest.mark.parametrize("state", sorted(set(SEEDED.states) - SEEDED.states_in(EDITING)))
def test_application_is_locked_once_submitted(state):
	assert rules.locked_changes(editable(state), ["project_title", "budget_items", "start_date"]) == [
		"budget_items",
		"project_title",
		"start_date",
	]


def test_each_later_state_opens_only_its_own_fields():
	assert rules.locked_changes(editable(rules.PENDING_SUBDISTRICT_REVIEW), ["approved_amount"]) == []
	assert rules.locked_changes(editable(rules.PENDING_LEADERSHIP_APPROVAL), ["approved_amount"]) == []
	assert rules.locked_changes(editable(rules.PENDING_COMMUNITY_REVIEW), ["approved_amount"]) == [
		"approved_amount"
	]
	assert rules.locked_changes(editable(rules.APPROVED), ["approved_amount"]) == ["approved_amount"]
	assert (
		rules.locked_changes(editable(rules.IN_PROGRESS), ["outcome_summary", rules.MILESTONE_PROGRESS]) == []
	)
	assert rules.locked_changes(editable(rules.IN_PROGRESS), ["milestones"]) == ["milestones"]
	assert rules.locked_changes(editable(rules.PENDING_COMPLETION_REVIEW), ["evaluation_score"]) == []
	assert rules.locked_changes(editable(rules.COMPLETED), ["evaluation_score", "outcome_summary"]) == [
		"evaluation_score",
		"outcome_summary",
	]
	assert rules.locked_changes(editable("Unknown State"), ["outcome_summary"]) == ["outcome_summary"]


def test_locked_change_message_names_the_fields():
	with pytest.raises(DomainValidationError) as excinfo:
		rules.validate_no_locked_changes(
			rules.APPROVED,
			editable(rules.APPROVED),
			["project_title", "start_date"],
			{"project_title": "Project Title"},
		)
	assert (
		str(excinfo.value) == "The project is Approved: Project Title, start_date can no longer be changed."
	)


def test_inactive_organisation_cannot_apply():
	rules.validate_organization_can_apply("阳光社工", "Active")
	with pytest.raises(DomainValidationError, match="cannot apply"):
		rules.validate_organization_can_apply("阳光社工", "Suspended")


def test_workflow_may_forbid_self_approval_outside_review_states():
	with pytest.raises(DomainValidationError, match="cannot review it"):
		rules.validate_not_own_project("a@example.com", {"a@example.com"}, rules.APPROVED, False)
	rules.validate_not_own_project("b@example.com", {"a@example.com"}, rules.APPROVED, False)


def test_a_field_an_administrator_added_follows_the_application_unless_the_state_lists_its_own():
	defaults = rules.stage_defaults(["custom_wechat_group"])
	for state in (rules.DRAFT, rules.RETURNED):
		assert "custom_wechat_group" in SEEDED.editable_fields(state, defaults)
	for state in (rules.PENDING_COMMUNITY_REVIEW, rules.IN_PROGRESS, rules.COMPLETED, rules.REJECTED):
		assert "custom_wechat_group" not in SEEDED.editable_fields(state, defaults)
	assert rules.stage_defaults()[EDITING] == rules.APPLICATION_FIELDS


def test_under_review_the_approved_amount_starts_at_the_request_and_restarts_on_resubmission():
	assert rules.prefilled_approved_amount(0, 12000) == Decimal("12000.00")
	assert rules.prefilled_approved_amount(8000, 12000) == Decimal("8000.00")  # a reviewer's figure stays
	assert rules.prefilled_approved_amount(8000, 9000, submitted_again=True) == Decimal("9000.00")
