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
