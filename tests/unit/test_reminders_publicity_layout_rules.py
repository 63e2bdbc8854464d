"""催办 timing, 公示 rules and the Workflow Builder layout (framework-free rules)."""

from __future__ import annotations

import datetime

import pytest

from wuse_app.domain import publicity, reminders
from wuse_app.domain.errors import DomainValidationError
from wuse_app.domain.workflow_layout import builder_layout, review_order

T0 = datetime.datetime(2026, 11, 2, 9, 0)


def at(hours: float) -> datetime.datetime:
	return T0 + datetime.timedelta(hours=hours)


# --- 催办 -------------------------------------------------------------------------------------------


def test_a_reminder_is_due_after_the_limit_and_an_escalation_after_the_second():
	assert not reminders.due(T0, at(48), 48, 96, True).reminder  # exactly at the limit: not yet
	due = reminders.due(T0, at(49), 48, 96, True)
	assert due.reminder and not due.escalation and due.hours_waited == 49
	assert reminders.due(T0, at(97), 48, 96, True).escalation


def test_no_limit_or_no_escalation_role_means_nothing_is_due():
	assert not reminders.due(T0, at(1000), 0, 96, True).reminder
	assert not reminders.due(T0, at(1000), 48, 96, False).escalation
	assert not reminders.due(T0, at(1000), 48, 0, True).escalation


def test_an_escalation_never_comes_before_the_reminder():
	assert not reminders.due(T0, at(30), 48, 24, True).escalation


# --- 公示 ---------------------------------------------------------------------------------------------

KNOWN = {"title": "Data", "amount": "Currency", "id_number": "Data", "phone_no": "Phone", "note": "Data"}


@pytest.mark.parametrize("field", ["id_number", "mobile", "date_of_birth", "phone_no", "secret_level"])
def test_personal_fields_are_refused(field):
	known = {**KNOWN, "mobile": "Data", "date_of_birth": "Date", "secret_level": "Data"}
	with pytest.raises(DomainValidationError) as error:
		publicity.validate_rule_fields("Doc", ["title", field], known, set(), known, {"secret_level": 1})
	assert field in error.value.params["fields"]


def test_fields_the_app_marks_personal_are_refused_and_unknown_fields_reported():
	with pytest.raises(DomainValidationError):
		publicity.validate_rule_fields("Doc", ["note"], KNOWN, {"note"}, KNOWN, {})
	with pytest.raises(DomainValidationError) as error:
		publicity.validate_rule_fields("Doc", ["nope"], KNOWN, set(), KNOWN, {})
	assert "nope" in error.value.params["fields"]
	publicity.validate_rule_fields("Doc", ["title", "amount"], KNOWN, set(), KNOWN, {})


def test_period_in_calendar_and_working_days():
	friday = datetime.date(2026, 10, 2)
	assert publicity.period_end(friday, 5) == datetime.date(2026, 10, 6)
	weekend = lambda day: day.weekday() >= 5  # noqa: E731
	assert publicity.period_end(friday, 5, weekend) == datetime.date(2026, 10, 8)
	assert publicity.period_end(friday, 1, weekend) == friday


def test_a_notice_closes_only_after_its_period_with_every_objection_dismissed():
	end = datetime.date(2026, 10, 8)
	after = end + datetime.timedelta(days=1)
	assert not publicity.can_close(publicity.OPEN, [], end, end)
	assert publicity.can_close(publicity.OPEN, [], end, after)
	assert not publicity.can_close(publicity.UNDER_REVIEW, [publicity.PENDING], end, after)
	assert not publicity.can_close(publicity.UNDER_REVIEW, [publicity.UPHELD], end, after)
	assert publicity.can_close(publicity.OPEN, [publicity.DISMISSED], end, after)
	assert not publicity.can_close(publicity.WITHDRAWN, [], end, after)
	assert publicity.notice_status([publicity.DISMISSED, publicity.PENDING]) == publicity.UNDER_REVIEW


def test_an_objection_needs_a_real_reason():
	with pytest.raises(DomainValidationError):
		publicity.clean_reason("  短 ")
	assert publicity.clean_reason("  重复申报，请核实  ") == "重复申报，请核实"


# --- the Workflow Builder layout ---------------------------------------------------------------------

STATES = ["Draft", "Draft", "Review", "Leaders", "Done", "Returned", "Rejected"]
TRANSITIONS = [
	("Draft", "Submit", "Review"),
	("Review", "Approve", "Done"),
	("Review", "Approve", "Leaders"),
	("Review", "Return", "Returned"),
	("Review", "Reject", "Rejected"),
	("Leaders", "Approve", "Done"),
	("Leaders", "Return", "Returned"),
	("Returned", "Resubmit", "Review"),
]


def test_states_run_left_to_right_in_review_order_and_back_edges_do_not_count():
	column = review_order(list(dict.fromkeys(STATES)), [(s, n) for s, _a, n in TRANSITIONS])
	assert column["Draft"] < column["Review"] < column["Leaders"] < column["Done"]
	assert column["Returned"] > column["Review"]


def test_no_two_nodes_overlap_and_every_row_gets_a_builder_id():
	state_ids, action_ids, elements = builder_layout(STATES, TRANSITIONS)
	assert len(state_ids) == len(STATES) and len(action_ids) == len(TRANSITIONS)
	boxes = {
		e["id"]: (e["position"]["x"], e["position"]["y"], 200 if e["type"] == "state" else 150, 50)
		for e in elements
		if e["type"] in ("state", "action")
	}
	items = list(boxes.values())
	for i, (x1, y1, w1, h1) in enumerate(items):
		for x2, y2, w2, h2 in items[i + 1 :]:
			assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
	edges = [e for e in elements if e["type"] == "transition"]
	assert len(edges) == 2 * len(TRANSITIONS)
	assert all(e["source"] in boxes and e["target"] in boxes for e in edges)
