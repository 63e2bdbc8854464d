"""Charity rules: donor identity, donation values, fund balances, designated giving, 募用分离."""

from __future__ import annotations

from decimal import Decimal

import pytest
from domain_asserts import assert_clerk_message
from hypothesis import given
from hypothesis import strategies as st

from wuse_app.domain import charity as rules
from wuse_app.domain.errors import DomainValidationError
from wuse_app.domain.uscc import organization_code_check_char, uscc_check_char

D = Decimal


def credit_code(prefix: str, region: str = "500114", org: str = "MA5U7ABC") -> str:
	body = prefix + region + org + organization_code_check_char(org)
	return body + uscc_check_char(body)


# --- donors -------------------------------------------------------------------------------------------


def test_individual_donors_have_no_credit_code():
	assert rules.validate_donor_identity("Individual", None) is None
	assert rules.validate_donor_identity("Individual", credit_code("91")) is None


@pytest.mark.parametrize(
	"donor_type,prefix",
	[
		("Enterprise", "91"),
		("Social Organization", "51"),
		("Social Organization", "52"),
		("Social Organization", "53"),
	],
)
def test_organisation_donors_need_a_code_of_their_kind(donor_type, prefix):
	code = credit_code(prefix)
	assert rules.validate_donor_identity(donor_type, code.lower()) == code


@pytest.mark.parametrize(
	"donor_type,prefix", [("Enterprise", "51"), ("Enterprise", "92"), ("Social Organization", "91")]
)
def test_credit_code_of_the_wrong_kind_is_refused(donor_type, prefix):
	with pytest.raises(DomainValidationError) as error:
		rules.validate_donor_identity(donor_type, credit_code(prefix))
	assert prefix in assert_clerk_message(error.value)


def test_organisation_donor_without_code_or_with_a_bad_code():
	with pytest.raises(DomainValidationError) as error:
		rules.validate_donor_identity("Enterprise", " ")
	assert "credit code" in assert_clerk_message(error.value)
	bad = credit_code("91")[:-1] + ("0" if credit_code("91")[-1] != "0" else "1")
	with pytest.raises(DomainValidationError):
		rules.validate_donor_identity("Enterprise", bad)
	with pytest.raises(DomainValidationError):
		rules.validate_donor_identity("Company", None)


def test_anonymous_donors_show_the_label():
	assert rules.donor_display_name("张三", 1, "匿名捐赠人") == "匿名捐赠人"
	assert rules.donor_display_name(" 张三 ", 0, "匿名捐赠人") == "张三"


# --- donations ----------------------------------------------------------------------------------------


def test_money_donation_value():
	value = rules.donation_value("Money", "12000.5")
	assert value == rules.DonationValue(amount=D("12000.50"), total_value=D("12000.50"))
	assert value.is_money


@pytest.mark.parametrize("amount", [0, None, "-5", ""])
def test_money_donation_needs_a_positive_amount(amount):
	with pytest.raises(DomainValidationError) as error:
		rules.donation_value("Money", amount)
	assert_clerk_message(error.value)


def test_goods_total_is_the_sum_of_estimated_values():
	lines = [rules.GoodsLine("大米", 20, "袋", "1000"), rules.GoodsLine("食用油", "10", "桶", 599.99)]
	value = rules.donation_value("Goods", 0, lines)
	assert value.total_value == D("1599.99")
	assert value.amount == 0 and not value.is_money


@pytest.mark.parametrize(
	"line",
	[
		rules.GoodsLine("", 1, "袋", 10),
		rules.GoodsLine("大米", 0, "袋", 10),
		rules.GoodsLine("大米", None, "袋", 10),
		rules.GoodsLine("大米", 1, "袋", -1),
	],
)
def test_bad_goods_rows_are_refused(line):
	with pytest.raises(DomainValidationError) as error:
		rules.donation_value("Goods", 0, [line])
	assert "row 1" in assert_clerk_message(error.value)


def test_goods_donation_needs_rows_and_no_money():
	with pytest.raises(DomainValidationError):
		rules.donation_value("Goods", 0, [])
	with pytest.raises(DomainValidationError):
		rules.donation_value("Goods", 100, [rules.GoodsLine("大米", 1, "袋", 10)])
	with pytest.raises(DomainValidationError):
		rules.donation_value("Money", 100, [rules.GoodsLine("大米", 1, "袋", 10)])


def test_services_value_is_recorded_but_is_not_money():
	value = rules.donation_value("Services", None, service_value="800")
	assert value == rules.DonationValue(amount=D("0.00"), total_value=D("800.00"))
	assert rules.donation_value("Services", 0).total_value == 0
	with pytest.raises(DomainValidationError):
		rules.donation_value("Services", 0, service_value=-1)
	with pytest.raises(DomainValidationError):
		rules.donation_value("Services", 50)
	with pytest.raises(DomainValidationError):
		rules.donation_value("Blood", 50)


@given(st.lists(st.decimals(min_value=0, max_value=10**8, places=2), max_size=20))
def test_goods_total_property(values):
	lines = [rules.GoodsLine(f"物品{i}", 1, "件", v) for i, v in enumerate(values)]
	assert rules.goods_total(lines) == sum(values, D("0.00"))


# --- acknowledgement numbers ---------------------------------------------------------------------------


def test_acknowledgement_number_format():
	assert rules.acknowledgement_number(2026, 1) == "JZ-2026-00001"
	assert rules.acknowledgement_number(2026, 123456) == "JZ-2026-123456"
	assert rules.parse_acknowledgement_number("JZ-2026-00042") == (2026, 42)
	assert rules.acknowledgement_sequence_key(2026) == "Donation Acknowledgement 2026"
	for year, sequence in ((26, 1), (2026, 0)):
		with pytest.raises(DomainValidationError):
			rules.acknowledgement_number(year, sequence)
	for text in ("", "JZ-2026", "SJ-2026-00001", "JZ-26a-1"):
		with pytest.raises(DomainValidationError):
			rules.parse_acknowledgement_number(text)


@given(st.integers(min_value=1000, max_value=9999), st.integers(min_value=1, max_value=10**7))
def test_acknowledgement_number_round_trip(year, sequence):
	assert rules.parse_acknowledgement_number(rules.acknowledgement_number(year, sequence)) == (
		year,
		sequence,
	)


# --- balances and designated giving -------------------------------------------------------------------


def test_undesignated_fund_arithmetic():
	position = rules.fund_position({None: 1000, "": "500.5"}, {"P1": 300}, in_kind_value=2000)
	assert position.total_received == D("1500.50")
	assert position.total_allocated == D("300.00")
	assert position.available_balance == D("1200.50")
	assert position.available_for("P1") == position.available_for("P2") == D("1200.50")
	assert position.in_kind_value == D("2000.00")


def test_designated_money_goes_only_to_its_project():
	position = rules.fund_position({None: 1000, "P1": 5000}, {})
	assert position.available_for("P1") == D("6000.00")
	assert position.available_for("P2") == D("1000.00")
	assert position.available_balance == D("6000.00")
	rules.check_allocation(position, "基金", "P1", 6000)
	rules.check_allocation(position, "基金", "P2", 1000)
	with pytest.raises(DomainValidationError) as error:
		rules.check_allocation(position, "基金", "P2", "1000.01")
	message = assert_clerk_message(error.value)
	assert "1,000.00 yuan can go to project P2" in message
	assert "5,000.00 yuan is designated by donors to other projects" in message


def test_allocations_use_designated_money_first():
	position = rules.fund_position({None: 1000, "P1": 5000}, {"P1": 5500})
	project = position.projects["P1"]
	assert project.designated_used == D("5000.00") and project.undesignated_used == D("500.00")
	assert position.undesignated_available == D("500.00")
	assert position.available_for("P1") == position.available_for("P2") == D("500.00")
	assert position.available_balance == D("500.00")


def test_overspend_message_without_designations():
	position = rules.fund_position({None: 100}, {"P1": 100})
	with pytest.raises(DomainValidationError) as error:
		rules.check_allocation(position, "社区基金", "P1", "0.01")
	message = assert_clerk_message(error.value)
	assert "Not enough money in fund 社区基金: 0.00 yuan can go to project P1" in message
	assert "designated" not in message
	for amount in (0, -1):
		with pytest.raises(DomainValidationError):
			rules.check_allocation(position, "社区基金", "P1", amount)


def test_cancelling_a_donation_that_was_already_spent_is_refused():
	# 1000 undesignated + 500 for P1; 1200 allocated to P2. Without the 1000: 500 stays reserved for P1.
	rules.check_balances_not_negative(rules.fund_position({None: 1000, "P1": 500}, {"P2": 1000}), "F")
	without = rules.fund_position({"P1": 500}, {"P2": 1000})
	assert without.available_balance == D("-500.00")
	with pytest.raises(DomainValidationError) as error:
		rules.check_balances_not_negative(without, "F")
	assert "1,000.00 yuan short" in assert_clerk_message(error.value)
	# Cancelling designated money already spent on its project: the spill-over is undesignated.
	with pytest.raises(DomainValidationError):
		rules.check_balances_not_negative(rules.fund_position({None: 100}, {"P1": 400}), "F")


amounts = st.decimals(min_value=0, max_value=10**6, places=2)
projects = st.sampled_from(["P1", "P2", "P3"])


@given(
	st.lists(st.tuples(st.one_of(st.none(), projects), amounts), max_size=8),
	st.lists(st.tuples(projects, amounts), max_size=8),
)
def test_allocations_that_pass_the_check_never_overspend(donations, requests):
	"""Apply allocations one at a time through the check: no part of the fund ever goes negative."""
	received: dict[str | None, Decimal] = {}
	for project, amount in donations:
		received[project] = received.get(project, D(0)) + amount
	allocated: dict[str, Decimal] = {}
	for project, amount in requests:
		position = rules.fund_position(received, allocated)
		try:
			rules.check_allocation(position, "F", project, amount)
		except DomainValidationError:
			assert amount <= 0 or amount > position.available_for(project)
			continue
		allocated[project] = allocated.get(project, D(0)) + amount
		after = rules.fund_position(received, allocated)
		assert after.undesignated_available >= 0
		assert after.available_balance >= 0
		assert all(p.designated_available >= 0 for p in after.projects.values())
		assert after.available_balance == after.total_received - after.total_allocated
		assert after.available_balance == after.undesignated_available + after.designated_elsewhere
		rules.check_balances_not_negative(after, "F")


def test_every_allocation_names_a_project():
	with pytest.raises(DomainValidationError):
		rules.fund_position({None: 1}, {"": 1})


# --- 募用分离, project state, custodian ----------------------------------------------------------------


def test_separation_rule():
	rules.check_separation(True, "慈善会", "社工站")
	rules.check_separation(False, "慈善会", "慈善会")
	rules.check_separation(True, "慈善会", None)
	with pytest.raises(DomainValidationError) as error:
		rules.check_separation(1, "慈善会", "慈善会")
	assert "募用分离" in assert_clerk_message(error.value)


@pytest.mark.parametrize("state", ["Approved", "In Progress", "已立项（改名）"])
def test_allocatable_projects_are_those_in_an_active_stage_whatever_the_state_is_called(state):
	rules.check_project_allocatable("P1", state, stage="Active")


@pytest.mark.parametrize(
	("state", "stage"),
	[
		(None, None),
		("", None),
		("Draft", "Editing"),
		("Pending Review", "Review"),
		("Rejected", "Closed"),
		("Approved", None),
	],
)
def test_projects_in_other_stages_are_refused(state, stage):
	with pytest.raises(DomainValidationError) as error:
		rules.check_project_allocatable("P1", state, state_label=f"<{state}>" if state else None, stage=stage)
	message = assert_clerk_message(error.value)
	assert "P1" in message and "approved projects" in message
	if state:
		assert f"<{state}>" in message


def test_custodian_must_be_qualified():
	rules.check_custodian_qualified("慈善会", 1, 0)
	rules.check_custodian_qualified("基金会", 0, 1)
	with pytest.raises(DomainValidationError) as error:
		rules.check_custodian_qualified("兴趣小组", 0, 0)
	assert "公开募捐资格" in assert_clerk_message(error.value)


@pytest.mark.parametrize("value", ["abc", "nan", True])
def test_amounts_must_be_numbers(value):
	with pytest.raises(DomainValidationError):
		rules.money(value)


@pytest.mark.parametrize("state", ["Rejected", "Completed", "已结项（改名）"])
def test_closed_projects_take_no_designated_gifts(state):
	with pytest.raises(DomainValidationError) as error:
		rules.check_project_open_for_gifts("P1", state, stage="Closed")
	assert "P1" in assert_clerk_message(error.value)


@pytest.mark.parametrize("stage", [None, "Editing", "Review", "Active"])
def test_open_projects_take_designated_gifts(stage):
	rules.check_project_open_for_gifts("P1", "Completed", stage=stage)


@pytest.mark.parametrize(
	("stage", "available", "stranded"),
	[
		("Closed", Decimal("500.00"), True),
		("Closed", 0.01, True),
		("Closed", 0, False),  # all spent: nothing to settle
		("Active", 500, False),  # may still be allocated
		("Review", 500, False),  # may still be approved
		(None, 500, False),
	],
)
def test_designated_money_of_a_closed_project_is_flagged(stage, available, stranded):
	assert rules.designated_money_is_stranded(stage, available) is stranded
