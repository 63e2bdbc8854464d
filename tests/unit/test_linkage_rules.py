"""联动 rules: response deadlines, reasons, feedback, capacity, ranking of resources, needs → projects."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from domain_asserts import assert_clerk_message
from hypothesis import given
from hypothesis import strategies as st

from wuse_app.domain import linkage as L
from wuse_app.domain.errors import DomainValidationError

HOURS = dict(L.DEFAULT_URGENCY_HOURS)
REPORTED = datetime(2026, 11, 27, 9, 30)
TODAY = date(2026, 11, 27)  # a Friday


# --- deadlines ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"urgency, delta",
	[
		("Urgent", timedelta(hours=24)),
		("High", timedelta(hours=72)),
		("Normal", timedelta(days=7)),
		("Low", timedelta(days=30)),
	],
)
def test_default_deadlines_follow_the_urgency(urgency, delta):
	assert L.response_deadline(REPORTED, urgency, HOURS) == REPORTED + delta


def test_an_administrators_urgency_level_sets_its_own_deadline():
	levels = L.validate_urgency_levels([("Urgent", 12), ("Critical", 2)])
	assert L.response_deadline(REPORTED, "Critical", levels) == REPORTED + timedelta(hours=2)
	with pytest.raises(DomainValidationError, match="not an urgency level") as error:
		L.response_deadline(REPORTED, "High", levels)
	assert "Urgent, Critical" in assert_clerk_message(error.value)


def test_urgency_is_required():
	with pytest.raises(DomainValidationError, match="Choose the urgency"):
		L.response_deadline(REPORTED, None, HOURS)


@pytest.mark.parametrize(
	"rows, message",
	[
		([], "at least one urgency level"),
		([("", 5)], "needs a name"),
		([("Urgent", 24), ("Urgent", 12)], "listed twice"),
		([("Urgent", 0)], "more than 0 hours"),
		([("Urgent", None)], "more than 0 hours"),
	],
)
def test_urgency_table_is_refused_when_broken(rows, message):
	with pytest.raises(DomainValidationError, match=message) as error:
		L.validate_urgency_levels(rows)
	assert_clerk_message(error.value)


def test_portal_urgency_must_be_a_level():
	L.validate_default_urgency("Normal", HOURS)
	with pytest.raises(DomainValidationError, match="must be one of"):
		L.validate_default_urgency("Whenever", HOURS)


def test_overdue_only_while_waiting_for_an_answer():
	deadline = REPORTED + timedelta(hours=24)
	late = deadline + timedelta(minutes=1)
	assert L.is_overdue(L.OPEN, deadline, late)
	assert not L.is_overdue(L.OPEN, deadline, deadline)
	assert not L.is_overdue(L.ASSIGNED, deadline, late)
	assert not L.is_overdue(L.OPEN, None, late)


# --- reasons, people, feedback -----------------------------------------------------------------------


@pytest.mark.parametrize("status", sorted(L.REASON_STATUSES))
def test_referring_or_declining_needs_a_reason(status):
	with pytest.raises(DomainValidationError, match="reason") as error:
		L.validate_reason(status, "  ")
	assert status in assert_clerk_message(error.value)
	assert L.validate_reason(status, " 不属于本街道 ") == "不属于本街道"


def test_other_statuses_need_no_reason():
	assert L.validate_reason(L.ASSIGNED, "") is None


def test_at_least_one_person_is_affected():
	assert L.validate_people_affected(3) == 3
	for bad in (0, -1, None):
		with pytest.raises(DomainValidationError, match="At least one person"):
			L.validate_people_affected(bad)


def test_feedback_once_resolved_and_rated_one_to_five():
	assert L.validate_feedback(L.RESOLVED, 5, " 很满意 ") == (5, "很满意")
	assert L.validate_feedback(L.CLOSED, 1, None) == (1, "")
	for rating in (0, 6, None):
		with pytest.raises(DomainValidationError, match="from 1 to 5"):
			L.validate_feedback(L.RESOLVED, rating, "")
	for status in (L.OPEN, L.IN_SERVICE, L.DECLINED):
		with pytest.raises(DomainValidationError, match="once the need has been resolved"):
			L.validate_feedback(status, 5, "")


# --- capacity ----------------------------------------------------------------------------------------


def test_commitment_takes_at_most_what_is_left():
	assert L.validate_commitment(3, 3) == Decimal(3)
	with pytest.raises(DomainValidationError, match="Only 2 is left") as error:
		L.validate_commitment(3, 2)
	assert_clerk_message(error.value)
	with pytest.raises(DomainValidationError, match="more than 0"):
		L.validate_commitment(0, 5)


def test_capacity_cannot_drop_below_what_is_committed():
	assert L.remaining_capacity(10, 4) == Decimal(6)
	with pytest.raises(DomainValidationError, match="cannot be less than what is already committed"):
		L.remaining_capacity(3, 4)
	with pytest.raises(DomainValidationError, match="more than 0"):
		L.validate_capacity(0)


@given(st.lists(st.integers(min_value=-3, max_value=8), max_size=30), st.integers(min_value=1, max_value=40))
def test_accepting_in_any_order_never_overcommits(requests, capacity):
	left = Decimal(capacity)
	for quantity in requests:
		try:
			left -= L.validate_commitment(quantity, left)
		except DomainValidationError:
			pass
		assert left >= 0


def test_weekdays_are_parsed_monday_one():
	assert L.parse_weekdays("1,3，5、7") == frozenset({0, 2, 4, 6})
	assert L.parse_weekdays("") == frozenset()
	assert L.format_weekdays({4, 0}) == "1,5"
	with pytest.raises(DomainValidationError, match="1 \\(Monday\\) to 7"):
		L.parse_weekdays("8")


def test_availability_period_in_order():
	L.validate_availability(TODAY, TODAY)
	with pytest.raises(DomainValidationError):
		L.validate_availability(TODAY, TODAY - timedelta(days=1))


# --- ranking -----------------------------------------------------------------------------------------

NEED = L.NeedFacts("Elderly Support", "群力社区", people_affected=4)


def resource(name, **values):
	data = dict(
		name=name,
		categories=frozenset({"Elderly Support"}),
		communities=frozenset({"群力社区"}),
		remaining=Decimal(10),
	)
	data.update(values)
	return L.ResourceFacts(**data)


def test_only_resources_that_can_serve_are_suggested():
	resources = [
		resource("ok"),
		resource("other category", categories=frozenset({"Child Safety"})),
		resource("other community", communities=frozenset({"朝阳社区"})),
		resource("used up", remaining=Decimal(0)),
		resource("expired", available_to=TODAY - timedelta(days=1)),
		resource("whole sub-district", communities=frozenset()),
	]
	assert [s.resource for s in L.rank(NEED, resources, TODAY)] == ["ok", "whole sub-district"]


def test_ranking_prefers_own_community_capacity_availability_and_feedback():
	resources = [
		resource("subdistrict", communities=frozenset()),
		resource("small", remaining=Decimal(1)),
		resource("later", available_from=TODAY + timedelta(days=3)),
		resource("mondays", weekdays=frozenset({0})),
		resource("praised", average_rating=5.0, rating_count=3),
		resource("plain"),
	]
	ranked = [s.resource for s in L.rank(NEED, resources, TODAY)]
	assert ranked[0] == "praised"
	assert ranked.index("plain") < ranked.index("small")
	assert ranked.index("plain") < ranked.index("later")
	assert ranked.index("plain") < ranked.index("mondays")
	assert ranked.index("plain") < ranked.index("subdistrict")


def test_suggestions_show_their_reasons():
	suggestion = L.rank(
		NEED,
		[resource("r", average_rating=4.5, rating_count=2, available_from=TODAY + timedelta(days=2))],
		TODAY,
	)[0]
	texts = [reason.render() for reason in suggestion.reasons]
	assert texts[0] == "Offers Elderly Support"
	assert "Serves 群力社区" in texts
	assert "10 left" in texts
	assert "Available from 2026-11-29" in texts
	assert "Residents rated the provider 4.5 of 5 (2 ratings)" in texts
	assert suggestion.reasons[0].render(lambda s: "提供{category}") == "提供Elderly Support"


def test_ranking_is_stable_and_limited():
	resources = [resource(f"r{i:02d}") for i in range(30)]
	ranked = L.rank(NEED, resources, TODAY, limit=5)
	assert [s.resource for s in ranked] == ["r00", "r01", "r02", "r03", "r04"]


# --- needs → projects --------------------------------------------------------------------------------


def summary(name, **values):
	data = dict(
		name=name,
		community="群力社区",
		category="Elderly Support",
		status=L.OPEN,
		people_affected=2,
		description=f"{name} 需要助餐",
	)
	data.update(values)
	return L.NeedSummary(**data)


def test_needs_of_one_community_and_category_make_one_draft():
	draft = L.draft_project([summary("RN-1"), summary("RN-2", people_affected=3, status=L.MATCHED)])
	assert draft.people_affected == 5
	assert draft.needs == ("RN-1", "RN-2")
	assert draft.description == "RN-1: RN-1 需要助餐\nRN-2: RN-2 需要助餐"
	assert (draft.community, draft.category) == ("群力社区", "Elderly Support")


@pytest.mark.parametrize(
	"needs, message",
	[
		([], "at least one need"),
		([summary("a"), summary("b", community="朝阳社区")], "one community and one category"),
		([summary("a"), summary("b", category="Child Safety")], "one community and one category"),
		([summary("a", project="SP-1")], "already answered by project SP-1"),
		([summary("a", status=L.RESOLVED)], "only needs not yet served"),
	],
)
def test_drafts_refuse_mixed_served_or_linked_needs(needs, message):
	with pytest.raises(DomainValidationError, match=message) as error:
		L.draft_project(needs)
	assert_clerk_message(error.value)


def test_needs_summary_per_community_and_category():
	now = datetime(2026, 11, 27, 12)
	day = timedelta(days=1)
	records = [
		L.NeedRecord("群力", "Elderly Support", L.OPEN, now - 3 * day, now - day, None, None),  # overdue
		L.NeedRecord("群力", "Elderly Support", L.MATCHED, now - 3 * day, now - day, None, None),
		L.NeedRecord("群力", "Elderly Support", L.RESOLVED, now - 5 * day, now, now - 3 * day, 4),
		L.NeedRecord("群力", "Elderly Support", L.CLOSED, now - 9 * day, now, now - 3 * day, 5),
		L.NeedRecord("朝阳", "Child Safety", L.ASSIGNED, now, now + day, None, None),
	]
	rows = L.summarise_needs(records, now)
	assert [(r.community, r.category) for r in rows] == [
		("朝阳", "Child Safety"),
		("群力", "Elderly Support"),
	]
	qunli = rows[1]
	assert (qunli.total, qunli.open, qunli.matched, qunli.resolved, qunli.overdue) == (4, 1, 1, 2, 1)
	assert qunli.median_days_to_resolve == 4.0 and qunli.satisfaction == 4.5
	assert rows[0].median_days_to_resolve is None and rows[0].overdue == 0


# --- emergency mode ----------------------------------------------------------------------------------


def test_emergency_starts_for_the_callers_own_communities_with_a_reason_once():
	assert L.validate_emergency_start(["群力", "群力", "朝阳"], "暴雨", None, {}) == ("群力", "朝阳")
	with pytest.raises(DomainValidationError, match="List the communities"):
		L.validate_emergency_start([], "暴雨", None, {})
	with pytest.raises(DomainValidationError, match="reason for switching"):
		L.validate_emergency_start(["群力"], "  ", None, {})
	with pytest.raises(DomainValidationError, match="only for your own") as error:
		L.validate_emergency_start(["群力", "朝阳"], "暴雨", ["群力"], {})
	assert error.value.params["communities"] == "朝阳"
	with pytest.raises(DomainValidationError, match="already in emergency"):
		L.validate_emergency_start(["群力"], "暴雨", ["群力"], {"群力": "EMG-2026-0001"})


def test_ending_and_dispatching_need_an_active_emergency_and_a_reason():
	assert L.validate_emergency_end(L.EMERGENCY_ACTIVE, " 积水已退 ") == "积水已退"
	with pytest.raises(DomainValidationError, match="reason for ending"):
		L.validate_emergency_end(L.EMERGENCY_ACTIVE, "")
	with pytest.raises(DomainValidationError, match="already ended"):
		L.validate_emergency_end(L.EMERGENCY_ENDED, "again")
	with pytest.raises(DomainValidationError, match="has ended"):
		L.ensure_emergency_active(L.EMERGENCY_ENDED)
	L.ensure_emergency_active(L.EMERGENCY_ACTIVE)


def test_a_volunteer_answers_a_dispatch_once_and_says_why_when_declining():
	assert L.validate_dispatch_response(L.DISPATCH_NOTIFIED, L.DISPATCH_ACCEPTED, None) == ""
	assert L.validate_dispatch_response(L.DISPATCH_NOTIFIED, L.DISPATCH_DECLINED, "出差") == "出差"
	with pytest.raises(DomainValidationError, match="why you cannot come"):
		L.validate_dispatch_response(L.DISPATCH_NOTIFIED, L.DISPATCH_DECLINED, " ")
	with pytest.raises(DomainValidationError, match="already answered"):
		L.validate_dispatch_response(L.DISPATCH_ACCEPTED, L.DISPATCH_DECLINED, "x")
	with pytest.raises(DomainValidationError, match="Accepted or Declined"):
		L.validate_dispatch_response(L.DISPATCH_NOTIFIED, "Maybe", None)


def test_an_emergency_assignment_is_reviewed_once_never_by_who_made_it():
	L.validate_review(L.REVIEW_PENDING, "a@example.com", "b@example.com")
	with pytest.raises(DomainValidationError, match="someone other"):
		L.validate_review(L.REVIEW_PENDING, "a@example.com", "a@example.com")
	with pytest.raises(DomainValidationError, match="not waiting"):
		L.validate_review(L.REVIEW_DONE, "a@example.com", "b@example.com")


def test_the_emergency_summary_counts_what_was_done():
	summary = L.summarise_emergency(
		[L.OPEN, L.RESOLVED, L.CLOSED],
		[L.DISPATCH_NOTIFIED, L.DISPATCH_ACCEPTED, L.DISPATCH_DECLINED, L.DISPATCH_ACCEPTED],
		[("People", 3, L.REVIEW_PENDING), ("Items", 2.5, L.REVIEW_DONE), ("People", 2, L.REVIEW_PENDING)],
	)
	assert (summary.needs, summary.needs_resolved) == (3, 2)
	assert (summary.volunteers_notified, summary.volunteers_accepted, summary.volunteers_declined) == (
		4,
		2,
		1,
	)
	assert (summary.assignments, summary.assignments_pending_review) == (3, 2)
	lines = [line.render() for line in summary.lines()]
	assert lines[-2:] == ["Assigned 2.5 (Items)", "Assigned 5 (People)"]


# --- supply against demand (资源供给分布, 未对接资源) ---------------------------------------------------


def supply(name, community, categories, communities=(), committed=0, remaining=5):
	return L.ResourceRecord(
		name, community, frozenset(categories), frozenset(communities), Decimal(committed), Decimal(remaining)
	)


def test_supply_rows_count_resources_by_home_community_and_flag_waiting_needs_nobody_serves():
	resources = [
		supply("R1", "朝阳", {"Elderly Support", "Caring Visits"}, committed=2, remaining=3),
		supply("R2", "朝阳", {"Elderly Support"}, communities={"朝阳"}),  # unmatched
		supply("R3", "群力", {"Caring Visits"}, communities={"群力"}, committed=5, remaining=0),  # full
	]
	waiting = [("群力", "Caring Visits"), ("群力", "Caring Visits"), ("团结", "Poverty Relief")]
	rows = {(r.community, r.category): r for r in L.summarise_supply(resources, waiting)}

	elderly = rows[("朝阳", "Elderly Support")]
	assert (elderly.resources, elderly.with_capacity_left, elderly.unmatched) == (2, 2, 1)
	assert elderly.waiting_needs == 0 and not elderly.gap
	visits = rows[("群力", "Caring Visits")]
	# R3 is full, but R1 covers the whole sub-district and has capacity left
	assert (visits.resources, visits.with_capacity_left, visits.waiting_needs, visits.servable_by) == (
		1,
		0,
		2,
		1,
	)
	assert not visits.gap
	relief = rows[("团结", "Poverty Relief")]
	assert (relief.resources, relief.waiting_needs, relief.servable_by, relief.gap) == (0, 1, 0, True)
	assert list(rows) == sorted(rows)


def test_a_resource_is_unmatched_until_something_is_committed_from_it():
	assert L.is_unmatched(supply("R", "朝阳", {"Elderly Support"}))
	assert not L.is_unmatched(supply("R", "朝阳", {"Elderly Support"}, committed=1))


def test_servable_needs_follow_category_and_coverage():
	r = supply("R", "朝阳", {"Elderly Support"}, communities={"朝阳", "群力"})
	waiting = [
		("朝阳", "Elderly Support"),
		("群力", "Elderly Support"),
		("团结", "Elderly Support"),
		("朝阳", "Other"),
	]
	assert L.servable_needs(r, waiting) == 2
	assert L.servable_needs(supply("W", "朝阳", {"Elderly Support"}), waiting) == 3  # whole sub-district
