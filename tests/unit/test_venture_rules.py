"""Venture (公益创投) rules: rubric weights, eligibility, deadline, trimmed mean, ties, the budget line."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from domain_asserts import assert_clerk_message
from hypothesis import given
from hypothesis import strategies as st

from wuse_app.domain import venture as rules
from wuse_app.domain.errors import DomainValidationError

D = Decimal
T0 = datetime(2026, 5, 1, 9, 0)
RUBRIC = [rules.Criterion("Need", 40), rules.Criterion("Feasibility", 35), rules.Criterion("Budget", 25)]


def refused(fn, *args, **kwargs) -> str:
	with pytest.raises(DomainValidationError) as caught:
		fn(*args, **kwargs)
	return assert_clerk_message(caught.value)


# --- rubric ------------------------------------------------------------------------------------------


def test_a_rubric_whose_weights_add_up_to_100_is_accepted():
	assert rules.validate_rubric(RUBRIC) == RUBRIC
	assert rules.validate_rubric([rules.Criterion("A", "33.5"), rules.Criterion("B", "66.5")])


def test_a_rubric_whose_weights_do_not_add_up_to_100_is_refused_with_the_sum():
	assert "99" in refused(rules.validate_rubric, [rules.Criterion("A", 50), rules.Criterion("B", 49)])


def test_a_rubric_needs_criteria_with_names_positive_weights_and_no_duplicates():
	refused(rules.validate_rubric, [])
	refused(rules.validate_rubric, [rules.Criterion(" ", 100)])
	refused(rules.validate_rubric, [rules.Criterion("A", 0), rules.Criterion("B", 100)])
	assert "A" in refused(rules.validate_rubric, [rules.Criterion("A", 50), rules.Criterion("A", 50)])


def test_a_judges_total_is_the_weighted_mean_of_the_criterion_scores():
	# 80×40 + 70×35 + 90×25 = 3200 + 2450 + 2250 = 7900 → 79.00
	assert rules.weighted_total(RUBRIC, {"Need": 80, "Feasibility": 70, "Budget": 90}) == D("79.00")
	assert rules.weighted_total(RUBRIC, {"Need": 100, "Feasibility": 100, "Budget": 100}) == D("100.00")


def test_every_criterion_must_be_scored_between_0_and_100():
	assert "Budget" in refused(rules.weighted_total, RUBRIC, {"Need": 80, "Feasibility": 70})
	refused(rules.weighted_total, RUBRIC, {"Need": 101, "Feasibility": 70, "Budget": 1})
	refused(rules.weighted_total, RUBRIC, {"Need": -1, "Feasibility": 70, "Budget": 1})
	refused(rules.weighted_total, RUBRIC, {"Need": 1, "Feasibility": 1, "Budget": 1, "Other": 5})


# --- trimmed mean -------------------------------------------------------------------------------------


def test_with_fewer_than_five_judges_the_final_score_is_the_plain_mean():
	assert rules.trimmed_mean([80, 70, 90]) == D("80.00")
	assert rules.trimmed_mean([D("85.5"), D("70")]) == D("77.75")
	assert rules.trimmed_mean([60, 100, 100, 100]) == D("90.00")


def test_with_five_or_more_judges_the_highest_and_lowest_totals_are_dropped():
	# worked example: 95, 82, 80, 78, 40 → drop 95 and 40 → (82 + 80 + 78) / 3 = 80
	assert rules.trimmed_mean([95, 82, 80, 78, 40]) == D("80.00")
	# only one of two equal highest totals is dropped
	assert rules.trimmed_mean([90, 90, 70, 70, 50, 50]) == D("70.00")


def test_a_proposal_without_scores_has_no_final_score():
	refused(rules.trimmed_mean, [])


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=9), st.randoms())
def test_the_trimmed_mean_lies_between_the_extremes_and_ignores_order(totals, rnd):
	result = rules.trimmed_mean(totals)
	assert min(totals) - D("0.01") <= result <= max(totals) + D("0.01")
	shuffled = list(totals)
	rnd.shuffle(shuffled)
	assert rules.trimmed_mean(shuffled) == result


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=5, max_size=9))
def test_one_outlier_judge_cannot_move_a_trimmed_score_beyond_the_others(totals):
	honest = rules.trimmed_mean(totals)
	middle = sorted(totals)[1:-1]
	assert min(middle) - D("0.01") <= honest <= max(middle) + D("0.01")


# --- ranking, ties and the budget line -----------------------------------------------------------------


def entry(name, score, requested, minutes=0, first=0):
	return rules.Entry(name, D(score), D(requested), T0 + timedelta(minutes=minutes), D(first))


def test_ranking_funds_down_the_list_and_draws_the_line_where_the_pool_runs_out():
	# worked example: pool 100,000; A 90 asks 40,000; B 85 asks 50,000; C 80 asks 30,000; D 75 asks 5,000
	ranking = rules.rank(
		[entry("C", 80, 30000), entry("A", 90, 40000), entry("D", 75, 5000), entry("B", 85, 50000)],
		pool=100000,
		tie_rule=rules.TIE_EARLIER_SUBMISSION,
	)
	assert [(r.name, r.rank, r.funded) for r in ranking] == [
		("A", 1, True),
		("B", 2, True),
		("C", 3, False),  # 10,000 left: the line is drawn here
		("D", 4, False),  # would fit, but a cheaper proposal does not jump the line
	]
	assert [r.reason for r in ranking] == [None, None, rules.BELOW_LINE, rules.BELOW_LINE]
	assert rules.total_awarded(ranking) == D("90000.00")


def test_proposals_below_the_minimum_score_are_not_funded_and_do_not_draw_the_line():
	ranking = rules.rank(
		[entry("A", 90, 40000), entry("B", 55, 10000), entry("C", 70, 10000)],
		pool=100000,
		tie_rule=rules.TIE_EARLIER_SUBMISSION,
		minimum_score=60,
	)
	assert [(r.name, r.funded, r.reason) for r in ranking] == [
		("A", True, None),
		("C", True, None),
		("B", False, rules.BELOW_MINIMUM),
	]


def test_equal_scores_are_ordered_by_the_calls_tie_rule():
	a = entry("A", 80, 30000, minutes=1, first=70)
	b = entry("B", 80, 20000, minutes=2, first=90)
	c = entry("C", 80, 25000, minutes=0, first=80)
	names = lambda rule: [r.name for r in rules.rank([a, b, c], 1000000, rule)]  # noqa: E731
	assert names(rules.TIE_LOWER_AMOUNT) == ["B", "C", "A"]
	assert names(rules.TIE_EARLIER_SUBMISSION) == ["C", "A", "B"]
	assert names(rules.TIE_FIRST_CRITERION) == ["B", "C", "A"]


def test_a_tie_decides_who_is_funded_when_only_one_fits():
	a = entry("A", 80, 60000, minutes=0)
	b = entry("B", 80, 50000, minutes=5)
	earlier = rules.rank([a, b], 70000, rules.TIE_EARLIER_SUBMISSION)
	cheaper = rules.rank([a, b], 70000, rules.TIE_LOWER_AMOUNT)
	assert [r.name for r in earlier if r.funded] == ["A"]
	assert [r.name for r in cheaper if r.funded] == ["B"]


def test_an_unknown_tie_rule_is_refused():
	refused(rules.rank, [entry("A", 1, 1)], 10, "Toss a coin")


amounts = st.decimals(min_value=1, max_value=50000, places=2)
entries = st.lists(
	st.tuples(st.decimals(min_value=0, max_value=100, places=2), amounts, st.integers(0, 100)),
	min_size=0,
	max_size=12,
)


@given(entries, st.decimals(min_value=0, max_value=200000, places=2), st.sampled_from(rules.TIE_RULES))
def test_the_awards_never_exceed_the_pool_and_the_funded_proposals_are_a_prefix(rows, pool, tie_rule):
	ranking = rules.rank(
		[entry(f"P{i}", s, a, minutes=m, first=s) for i, (s, a, m) in enumerate(rows)], pool, tie_rule
	)
	assert rules.total_awarded(ranking) <= pool
	assert sorted(r.name for r in ranking) == sorted(f"P{i}" for i in range(len(rows)))
	assert [r.rank for r in ranking] == list(range(1, len(rows) + 1))
	funded = [r.funded for r in ranking]
	assert funded == sorted(funded, reverse=True)  # no funded proposal below an unfunded one
	scores = [r.final_score for r in ranking]
	assert scores == sorted(scores, reverse=True)
	for r in ranking:
		assert r.award == (r.requested if r.funded else 0)


# --- call and proposal checks ----------------------------------------------------------------------------


def test_the_pool_and_ceiling_are_positive_and_the_ceiling_fits_in_the_pool():
	rules.validate_call_amounts(100000, 20000)
	refused(rules.validate_call_amounts, 0, 0)
	refused(rules.validate_call_amounts, 1000, 0)
	assert "20,000.00" in refused(rules.validate_call_amounts, 10000, 20000)


def test_the_call_dates_follow_one_another():
	rules.validate_call_dates(T0, T0.date() + timedelta(days=5), T0.date() + timedelta(days=10))
	refused(rules.validate_call_dates, T0, T0.date() - timedelta(days=1), None)
	refused(rules.validate_call_dates, T0, T0.date() + timedelta(days=5), T0.date())


def test_publishing_needs_the_whole_pool_available_in_the_fund():
	rules.check_pool_available("F", D("100000"), 100000)
	assert "99,999.99" in refused(rules.check_pool_available, "F", D("99999.99"), 100000)


def test_an_award_must_fit_in_what_is_left_of_the_pool():
	rules.check_award_fits("VC", 500, 500)
	refused(rules.check_award_fits, "VC", D("499.99"), 500)


ELIGIBLE = rules.Eligibility(frozenset({"Social Service Agency"}), frozenset({"Registered"}), True)


def test_only_active_organisations_of_the_listed_types_and_registration_statuses_may_apply():
	rules.check_eligible("Org", ELIGIBLE, "Social Service Agency", "Registered", "Active")
	assert "Org" in refused(
		rules.check_eligible, "Org", ELIGIBLE, "Social Service Agency", "Registered", "Suspended"
	)
	assert "Foundation" in refused(
		rules.check_eligible, "Org", ELIGIBLE, "Foundation", "Registered", "Active"
	)
	assert "Filed" in refused(
		rules.check_eligible, "Org", ELIGIBLE, "Social Service Agency", "Filed", "Active"
	)
	open_to_all = rules.Eligibility(frozenset(), frozenset(), False)
	rules.check_eligible("Org", open_to_all, "Foundation", "Filed", "Suspended")


def test_proposals_are_accepted_only_while_the_call_is_open_and_before_the_deadline():
	rules.check_submission_open(rules.OPEN, T0, T0)
	assert "2026-05-01 09:00" in refused(
		rules.check_submission_open, rules.OPEN, T0 + timedelta(seconds=1), T0
	)
	refused(rules.check_submission_open, rules.JUDGING, T0 - timedelta(days=1), T0)
	refused(rules.check_submission_open, rules.DRAFT, T0 - timedelta(days=1), T0)


def test_one_proposal_per_organisation_unless_the_call_allows_more():
	rules.check_proposal_count("Org", 0, False)
	rules.check_proposal_count("Org", 2, True)
	refused(rules.check_proposal_count, "Org", 1, False)


def test_the_requested_amount_is_positive_and_within_the_ceiling():
	rules.check_requested_amount(20000, 20000)
	refused(rules.check_requested_amount, 0, 20000)
	refused(rules.check_requested_amount, "20000.01", 20000)


def test_proposals_short_of_judges_are_listed():
	assert rules.missing_scores({"B": 1, "A": 3, "C": 0}, 2) == ["B", "C"]
	refused(rules.validate_judges_per_proposal, 0)


# --- the pool reservation in the fund's balance (charity rules) --------------------------------------------


def test_a_reserved_pool_is_not_available_for_other_allocations():
	from wuse_app.domain import charity

	position = charity.fund_position({None: 100000, "P-1": 5000}, {"P-2": 10000}, reserved=60000)
	assert position.available_balance == D("35000.00")
	assert position.undesignated_available == D("30000.00")
	assert position.available_for("P-1") == D("35000.00")
	charity.check_allocation(position, "F", "P-3", 30000)
	undesignated_only = charity.fund_position({None: 100000}, {}, reserved=60000)
	assert "60,000.00" in refused(charity.check_allocation, undesignated_only, "F", "P-3", 40001)


def test_a_fund_cannot_hold_a_negative_reservation():
	from wuse_app.domain import charity

	refused(charity.fund_position, {None: 1}, {}, reserved=-1)
