"""Donors, funds and donations: validation, balances across submit/cancel/amend, acknowledgement numbers."""

from __future__ import annotations

import frappe
import pytest
from factories import (
	make_community,
	make_custodian,
	make_donation,
	make_donor,
	make_fund,
	make_organization,
	resident_id,
)
from frappe.utils import getdate, nowdate

from wuse_app.domain.uscc import organization_code_check_char, uscc_check_char


def credit_code(prefix: str, org: str | None = None) -> str:
	org = org or frappe.generate_hash(length=8).upper().translate(str.maketrans("IOZSV", "12345"))
	body = prefix + "500114" + org + organization_code_check_char(org)
	return body + uscc_check_char(body)


def balances(fund: str) -> dict:
	return frappe.db.get_value(
		"Community Fund",
		fund,
		["total_received", "total_allocated", "available_balance", "total_in_kind_value"],
		as_dict=True,
	)


def amend(doc):
	"""What the desk's Amend button does: a draft copy pointing at the cancelled document."""
	amended = frappe.copy_doc(doc, ignore_no_copy=False)
	amended.docstatus = 0
	amended.amended_from = doc.name
	return amended


# --- donors -------------------------------------------------------------------------------------------


def test_individual_donor_id_number_is_validated_and_masked():
	number = resident_id()
	donor = make_donor("Individual", id_number=number, mobile="138 0013 8000")
	assert donor.id_number == number
	assert donor.id_number_masked == number[:6] + "********" + number[-4:]
	assert donor.mobile == "13800138000" and donor.mobile_masked == "138****8000"
	assert donor.gender and donor.date_of_birth
	with pytest.raises(frappe.ValidationError, match="ID"):
		make_donor("Individual", id_number=number[:-1] + ("0" if number[-1] != "0" else "1"))


def test_individual_donor_may_give_no_id_number_but_not_twice_the_same():
	assert make_donor("Individual").id_number is None
	number = resident_id()
	make_donor("Individual", id_number=number)
	with pytest.raises(frappe.DuplicateEntryError):
		make_donor("Individual", id_number=number)


def test_enterprise_donor_needs_a_91_credit_code():
	code = credit_code("91")
	donor = make_donor("Enterprise", "重庆某某实业有限公司", uscc=code.lower(), id_number=resident_id())
	assert donor.uscc == code
	assert donor.id_number is None, "an organisation has no resident ID"
	with pytest.raises(frappe.ValidationError, match="must begin with 91"):
		make_donor("Enterprise", uscc=credit_code("52"))
	with pytest.raises(frappe.ValidationError, match="credit code"):
		make_donor("Enterprise")
	with pytest.raises(frappe.DuplicateEntryError):
		make_donor("Enterprise", uscc=code)


@pytest.mark.parametrize("prefix", ["51", "52", "53"])
def test_social_organization_donor_credit_codes(prefix):
	assert make_donor("Social Organization", uscc=credit_code(prefix)).uscc.startswith(prefix)


def test_social_organization_donor_refuses_an_enterprise_code():
	with pytest.raises(frappe.ValidationError, match="51 / 52 / 53"):
		make_donor("Social Organization", uscc=credit_code("91"))


# --- funds --------------------------------------------------------------------------------------------


def test_fund_custodian_must_be_a_charity_or_hold_fundraising_qualification():
	community = make_community()
	plain = make_organization(community=community)
	with pytest.raises(frappe.ValidationError, match="公开募捐资格"):
		make_fund(community, custodian=plain)
	make_fund(community, custodian=make_organization(is_charity_organization=1))
	make_fund(community, custodian=make_organization(has_public_fundraising_qualification=1))


def test_fund_custodian_must_be_active():
	custodian = make_custodian(status="Suspended")
	with pytest.raises(frappe.ValidationError, match="active custodian"):
		make_fund(custodian=custodian)


def test_fund_balances_cannot_be_typed_in():
	fund = make_fund(total_received=99999, available_balance=99999)
	assert balances(fund).total_received == 0 and balances(fund).available_balance == 0
	make_donation(fund, 300)
	doc = frappe.get_doc("Community Fund", fund)
	doc.total_received = doc.available_balance = 1_000_000
	doc.save()
	assert balances(fund).total_received == 300 and balances(fund).available_balance == 300


# --- donations and balances ---------------------------------------------------------------------------


def test_money_donation_balance_across_submit_cancel_amend():
	fund = make_fund()
	first = make_donation(fund, 1200.5)
	make_donation(fund, 800)
	assert balances(fund) == {
		"total_received": 2000.5,
		"total_allocated": 0,
		"available_balance": 2000.5,
		"total_in_kind_value": 0,
	}

	first.cancel()
	assert balances(fund).total_received == 800 and balances(fund).available_balance == 800

	amended = amend(first)
	amended.amount = 1500
	amended.insert()
	assert balances(fund).total_received == 800, "a draft does not count"
	amended.submit()
	assert amended.name == f"{first.name}-1"
	assert balances(fund).total_received == 2300 and balances(fund).available_balance == 2300
	assert amended.acknowledgement_number != first.acknowledgement_number


def test_draft_donations_do_not_count():
	fund = make_fund()
	make_donation(fund, 500, submit=False)
	frappe.get_doc("Community Fund", fund).save()
	assert balances(fund).total_received == 0


def test_goods_and_services_are_in_kind_value_not_money():
	fund = make_fund()
	goods = make_donation(
		fund,
		0,
		donation_type="Goods",
		payment_method=None,
		items=[
			{"item_name": "大米", "qty": 20, "unit": "袋", "estimated_value": 1000},
			{"item_name": "食用油", "qty": 10, "unit": "桶", "estimated_value": 599.99},
		],
	)
	assert goods.total_value == 1599.99 and goods.amount == 0
	services = make_donation(
		fund,
		0,
		donation_type="Services",
		payment_method=None,
		service_description="义诊两次",
		service_value=800,
	)
	assert services.total_value == 800
	make_donation(fund, 100)
	assert balances(fund) == {
		"total_received": 100,
		"total_allocated": 0,
		"available_balance": 100,
		"total_in_kind_value": 2399.99,
	}
	goods.cancel()
	assert balances(fund).total_in_kind_value == 800 and balances(fund).available_balance == 100


def test_money_donation_needs_an_amount_and_goods_need_rows():
	fund = make_fund()
	with pytest.raises(frappe.ValidationError, match="amount of money"):
		make_donation(fund, 0)
	with pytest.raises(frappe.ValidationError, match="at least one row"):
		make_donation(fund, 0, donation_type="Goods", payment_method=None)
	with pytest.raises(frappe.ValidationError, match="quantity"):
		make_donation(
			fund, 0, donation_type="Goods", items=[{"item_name": "米", "qty": 0, "estimated_value": 1}]
		)


def test_closed_fund_takes_no_donations():
	fund = make_fund(status="Closed")
	with pytest.raises(frappe.ValidationError, match="closed"):
		make_donation(fund, 10)


def test_future_donation_date_is_refused():
	with pytest.raises(frappe.ValidationError, match="future"):
		make_donation(make_fund(), 10, donation_date=frappe.utils.add_days(nowdate(), 1))


def test_anonymous_donor_is_shown_as_anonymous():
	donor = make_donor(donor_name="王某某", is_anonymous=1)
	donation = make_donation(make_fund(), 50, donor=donor.name)
	assert donation.donor_display_name == frappe._(
		"Anonymous Donor", lang=frappe.db.get_default("lang") or "en"
	)
	assert "王某某" not in donation.donor_display_name
	named = make_donor(donor_name="李四")
	other = make_donation(make_fund(), 50, donor=named.name)
	assert other.donor_display_name == "李四"
	# Asking for anonymity later covers the donations already recorded.
	named.is_anonymous = 1
	named.save()
	assert frappe.db.get_value("Donation", other.name, "donor_display_name") == donation.donor_display_name


def test_fiscal_receipt_reference_can_be_recorded_after_submit():
	donation = make_donation(make_fund(), 100)
	donation.fiscal_receipt_code = " 50010124 "
	donation.fiscal_receipt_number = "0001234567"
	donation.save()
	assert frappe.db.get_value(
		"Donation", donation.name, ["fiscal_receipt_code", "fiscal_receipt_number"]
	) == (
		"50010124",
		"0001234567",
	)
	donation.reload()
	donation.amount = 1
	with pytest.raises(frappe.ValidationError):
		donation.save()


# --- acknowledgement numbers ---------------------------------------------------------------------------


def ack_sequence(number: str) -> tuple[int, int]:
	prefix, year, sequence = number.split("-")
	assert prefix == "JZ" and len(sequence) == 5
	return int(year), int(sequence)


def test_acknowledgement_numbers_are_gap_free_per_year(monkeypatch):
	fund = make_fund()
	year = getdate(nowdate()).year
	numbers = [make_donation(fund, 10 + i).acknowledgement_number for i in range(3)]
	parsed = [ack_sequence(n) for n in numbers]
	assert {y for y, _s in parsed} == {year}
	first = parsed[0][1]
	assert [s for _y, s in parsed] == [first, first + 1, first + 2]

	# A draft has no number; a submit that fails after taking a number gives it back.
	draft = make_donation(fund, 99, submit=False)
	assert not draft.acknowledgement_number
	from wuse_app.charity import ledger

	def fail(fund_name):
		raise frappe.ValidationError("simulated failure after numbering")

	frappe.db.savepoint("before_failed_submit")
	monkeypatch.setattr(ledger, "update_fund_balances", fail)
	with pytest.raises(frappe.ValidationError, match="simulated"):
		draft.submit()
	frappe.db.rollback(save_point="before_failed_submit")
	monkeypatch.undo()

	draft = frappe.get_doc("Donation", draft.name)
	draft.submit()
	assert ack_sequence(draft.acknowledgement_number) == (year, first + 3)
	assert draft.acknowledgement_date == getdate(nowdate())

	# A cancelled donation keeps its number (the register has no holes); the amendment gets the next one.
	draft.cancel()
	assert (
		frappe.db.get_value("Donation", draft.name, "acknowledgement_number") == draft.acknowledgement_number
	)
	amended = amend(draft)
	amended.insert()
	assert not amended.acknowledgement_number
	amended.submit()
	assert ack_sequence(amended.acknowledgement_number) == (year, first + 4)


def test_acknowledgement_number_cannot_be_set_by_hand():
	donation = make_donation(make_fund(), 10, submit=False, acknowledgement_number="JZ-1999-00001")
	donation.submit()
	assert not donation.acknowledgement_number.startswith("JZ-1999")
