"""Approval rules read from configuration (wuse_app.domain.approvals), no Frappe."""

from __future__ import annotations

import pytest

from wuse_app.domain import approvals as rules
from wuse_app.domain.approvals import ACTIVE, CLOSED, EDITING, REVIEW, Policy, StateRule, TransitionRule
from wuse_app.domain.errors import DomainValidationError

POLICY = Policy(
	states={
		"草稿": StateRule("草稿", EDITING),
		"待审": StateRule("待审", REVIEW, frozenset({"amount"})),
		"新增审核层级": StateRule("新增审核层级", REVIEW),
		"已批准": StateRule("已批准", ACTIVE),
		"已驳回": StateRule("已驳回", CLOSED),
		"无阶段": StateRule("无阶段", None),
	},
	transitions=(
		TransitionRule("草稿", "提交", "待审", "Staff", allow_self_approval=True),
		TransitionRule("待审", "批准", "新增审核层级", "Reviewer", allow_self_approval=True),
		TransitionRule("待审", "驳回", "已驳回", "Reviewer", reason_required=True),
		TransitionRule("新增审核层级", "批准", "已批准", "Worker", allow_self_approval=True),
	),
)
DEFAULTS = {EDITING: frozenset({"title", "amount"})}


def test_stages_come_from_the_rows_not_the_names():
	assert POLICY.governed
	assert POLICY.states_in(REVIEW) == {"待审", "新增审核层级"}
	assert POLICY.is_review("新增审核层级") and not POLICY.is_review("草稿")
	assert POLICY.stage("无阶段") is None and POLICY.stage("unknown") is None
	assert not Policy(states={"A": StateRule("A")}).governed


def test_editable_fields_are_the_states_own_else_the_stage_default_else_none():
	assert POLICY.editable_fields("草稿", DEFAULTS) == {"title", "amount"}
	assert POLICY.editable_fields("待审", DEFAULTS) == {"amount"}
	assert POLICY.editable_fields("新增审核层级", DEFAULTS) == frozenset()
	assert POLICY.editable_fields("unknown", DEFAULTS) == frozenset()


def test_reason_comes_from_the_transition_row():
	assert POLICY.reason_required("待审", "已驳回", "驳回")
	assert not POLICY.reason_required("待审", "新增审核层级", "批准")


def test_approval_is_review_to_active():
	assert POLICY.is_approval("新增审核层级", "已批准")
	assert not POLICY.is_approval("待审", "新增审核层级")


@pytest.mark.parametrize(
	"text,expected", [(None, None), ("  ", None), ("a, b\nc", {"a", "b", "c"}), ("a,,a", {"a"})]
)
def test_parse_fields(text, expected):
	assert rules.parse_fields(text) == (frozenset(expected) if expected is not None else None)


def test_unknown_editable_fields_are_refused():
	rules.validate_editable_fields("待审", {"amount"}, {"amount", "title"})
	with pytest.raises(DomainValidationError, match="nope"):
		rules.validate_editable_fields("待审", {"amount", "nope"}, {"amount"})


def test_applicants_are_the_owner_and_whoever_left_an_editing_state():
	moves = [("a@x", "草稿"), ("b@x", "待审"), ("c@x", "草稿")]
	assert rules.applicants("o@x", moves, POLICY) == {"o@x", "a@x", "c@x"}


@pytest.mark.parametrize("state", ["待审", "新增审核层级"])
def test_no_decision_on_ones_own_application_out_of_any_review_state(state):
	with pytest.raises(DomainValidationError, match="cannot decide"):
		rules.validate_not_applicant("a@x", {"a@x"}, POLICY, state, self_approval_allowed=True)
	rules.validate_not_applicant("b@x", {"a@x"}, POLICY, state)


def test_outside_review_the_row_decides():
	rules.validate_not_applicant("a@x", {"a@x"}, POLICY, "草稿", self_approval_allowed=True)
	with pytest.raises(DomainValidationError):
		rules.validate_not_applicant("a@x", {"a@x"}, POLICY, "草稿", self_approval_allowed=False)


def test_reasons_and_locks():
	with pytest.raises(DomainValidationError, match="Give a reason"):
		rules.clean_reason(True, "已驳回", "  ")
	assert rules.clean_reason(True, "已驳回", " 不符合 ") == "不符合"
	assert rules.clean_reason(False, "待审", None) is None
	with pytest.raises(DomainValidationError, match="Title can no longer be changed"):
		rules.validate_no_locked_changes("待审", {"amount"}, {"title", "amount"}, {"title": "Title"})


# --- required fields, withdrawal, forwarding, delegation ----------------------------------------------


def _policy_with_return() -> Policy:
	return Policy(
		states={
			"起草": StateRule("起草", EDITING),
			"退回修改": StateRule("退回修改", EDITING),
			"待审": StateRule("待审", REVIEW, required_fields=frozenset({"purpose"})),
			"通过": StateRule("通过", ACTIVE),
		},
		transitions=(
			TransitionRule("起草", "提交", "待审", "申请人"),
			TransitionRule("待审", "退回", "退回修改", "审核人", reason_required=True),
			TransitionRule("待审", "同意", "通过", "审核人"),
		),
	)


def test_required_fields_come_from_the_state_row():
	policy = _policy_with_return()
	assert policy.required_fields("待审") == {"purpose"} and policy.required_fields("通过") == frozenset()
	rules.validate_required_fields("待审", [])
	with pytest.raises(DomainValidationError, match="Purpose"):
		rules.validate_required_fields("待审", ["Purpose"])


def test_withdrawal_goes_back_where_it_came_from_else_where_the_review_returns_to():
	policy = _policy_with_return()
	assert policy.withdrawal_target("待审", "起草") == "起草"
	assert policy.withdrawal_target("待审", "退回修改") == "退回修改"
	assert policy.withdrawal_target("待审", None) == "退回修改"  # the Return transition's Editing state
	assert policy.withdrawal_target("通过", "待审") is None  # not in review: nothing to withdraw
	assert policy.approved_state() == "通过"


def test_only_the_applicant_withdraws_and_only_before_a_decision():
	rules.validate_can_withdraw("a", {"a"}, "起草", False)
	with pytest.raises(DomainValidationError, match="Only the applicant"):
		rules.validate_can_withdraw("b", {"a"}, "起草", False)
	with pytest.raises(DomainValidationError, match="already decided"):
		rules.validate_can_withdraw("a", {"a"}, "起草", True)
	with pytest.raises(DomainValidationError, match="nothing to withdraw"):
		rules.validate_can_withdraw("a", {"a"}, None, False)


def test_forwarding_goes_to_a_colleague_with_the_role_never_to_the_applicant():
	rules.validate_forward("r1", "r2", {"a"}, True)
	for to, same in (("r1", True), ("", True), ("a", True), ("x", False)):
		with pytest.raises(DomainValidationError):
			rules.validate_forward("r1", to, {"a"}, same)


def test_a_delegation_holds_inclusive_of_its_days_and_for_its_doctypes_only():
	from datetime import date

	start, end = date(2026, 12, 1), date(2026, 12, 3)
	assert rules.delegation_active(date(2026, 12, 1), start, end, [], "Service Project")
	assert rules.delegation_active(date(2026, 12, 3), start, end, ["Service Project"], "Service Project")
	assert not rules.delegation_active(
		date(2026, 12, 4), start, end, [], "Service Project"
	)  # ended by itself
	assert not rules.delegation_active(date(2026, 11, 30), start, end, [], "Service Project")
	assert not rules.delegation_active(
		date(2026, 12, 2), start, end, ["Official Document"], "Service Project"
	)
	with pytest.raises(DomainValidationError):
		rules.validate_delegation("a", "a", start, end)
	with pytest.raises(DomainValidationError):
		rules.validate_delegation("a", "b", end, start)
	with pytest.raises(DomainValidationError, match="applicant"):
		rules.validate_not_applicant_delegation("b", "a", {"b"})
	with pytest.raises(DomainValidationError, match="applicant"):
		rules.validate_not_applicant_delegation("b", "a", {"a"})


def test_cc_names_keep_their_spaces():
	assert rules.parse_names("Community Secretary, a@x.cn\nLeadership Group Member") == {
		"Community Secretary",
		"a@x.cn",
		"Leadership Group Member",
	}
	assert rules.parse_names(None) == frozenset()


def test_a_row_given_a_new_name_is_a_rename_of_its_state():
	before = {"r1": "Draft", "r2": "Pending Sub-district Review", "r3": "Approved"}
	after = {"r1": "Draft", "r2": "街道复核", "r3": "Approved"}
	assert rules.renamed_states(before, after) == {"Pending Sub-district Review": "街道复核"}


def test_unchanged_rows_and_added_or_removed_rows_rename_nothing():
	before = {"r1": "Draft", "r2": "Review"}
	assert rules.renamed_states(before, dict(before)) == {}
	assert rules.renamed_states(before, {"r1": "Draft", "r2": "Review", "r9": "New Level"}) == {}
	assert rules.renamed_states(before, {"r1": "Draft", "r9": "Other Review"}) == {}


def test_a_swap_or_a_merge_into_an_existing_state_is_not_a_rename():
	before = {"r1": "Draft", "r2": "Review", "r3": "Approved"}
	# Two rows exchange names: both names still exist, no document should move.
	assert rules.renamed_states(before, {"r1": "Draft", "r2": "Approved", "r3": "Review"}) == {}
	# A row renamed to a name another row had: the old name's documents would land in another step.
	assert rules.renamed_states(before, {"r1": "Draft", "r2": "Approved"}) == {}
	# The old name kept by another row: nothing is left behind to move.
	assert rules.renamed_states(before, {"r1": "Draft", "r2": "Checked", "r4": "Review"}) == {}


def test_several_rows_renamed_at_once_each_carry_their_state():
	before = {"r1": "Draft", "r2": "A", "r3": "B"}
	assert rules.renamed_states(before, {"r1": "草稿", "r2": "A2", "r3": "B2"}) == {
		"Draft": "草稿",
		"A": "A2",
		"B": "B2",
	}
