"""The time bank: a ledger whose sum is the volunteer's balance, and points exchange (积分兑换) limits."""

from __future__ import annotations

import frappe
import pytest
from factories import assign, make_community, make_reward_item, make_service_record, make_user, make_volunteer
from frappe.utils import add_days, nowdate

from wuse_app.setup import roles as R


def ledger_sum(volunteer: str) -> float:
	return float(
		frappe.db.sql(
			"select coalesce(sum(points), 0) from `tabTime Bank Entry` where volunteer = %s", volunteer
		)[0][0]
	)


def balance(volunteer: str) -> float:
	return float(frappe.db.get_value("Volunteer", volunteer, "time_bank_balance"))


def stock(item: str) -> int:
	return int(frappe.db.get_value("Reward Item", item, "stock"))


def redeem(volunteer: str, item: str, qty: int = 1, submit: bool = True):
	doc = frappe.get_doc(
		{"doctype": "Points Redemption", "volunteer": volunteer, "reward_item": item, "qty": qty}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc


@pytest.fixture
def community():
	return make_community()


@pytest.fixture
def volunteer(community):
	"""A volunteer with 20 verified hours = 20 points (1 point per hour by default)."""
	name = make_volunteer(community).name
	make_service_record(name, hours=12, service_date=add_days(nowdate(), -1))
	make_service_record(name, hours=8, service_date=add_days(nowdate(), -2))
	return name


def test_ledger_balance_equals_the_sum_of_entries_through_earning_spending_and_cancelling(
	community, volunteer
):
	assert balance(volunteer) == ledger_sum(volunteer) == 20
	item = make_reward_item(community, points_cost=3, stock=10)

	redemption = redeem(volunteer, item, qty=2)
	assert redemption.total_points == 6 and redemption.points_per_item == 3
	assert balance(volunteer) == ledger_sum(volunteer) == 14

	record = make_service_record(volunteer, hours=1.5)
	assert balance(volunteer) == ledger_sum(volunteer) == 15.5

	redemption.cancel()
	assert balance(volunteer) == ledger_sum(volunteer) == 21.5
	record.cancel()
	assert balance(volunteer) == ledger_sum(volunteer) == 20

	entries = frappe.get_all(
		"Time Bank Entry",
		filters={"volunteer": volunteer},
		fields=["entry_type", "points", "reference_doctype", "reverses_entry"],
		order_by="creation",
	)
	assert [(e.entry_type, e.points) for e in entries] == [
		("Earned", 12),
		("Earned", 8),
		("Redeemed", -6),
		("Earned", 1.5),
		("Reversal", 6),
		("Reversal", -1.5),
	]
	assert all(e.reverses_entry for e in entries if e.entry_type == "Reversal")


def test_ledger_entries_cannot_be_written_changed_or_deleted_by_hand(volunteer):
	with pytest.raises(frappe.PermissionError, match="written by the system"):
		frappe.get_doc(
			{
				"doctype": "Time Bank Entry",
				"volunteer": volunteer,
				"posting_date": nowdate(),
				"entry_type": "Earned",
				"points": 100,
			}
		).insert(ignore_permissions=True)
	entry = frappe.get_doc("Time Bank Entry", {"volunteer": volunteer})
	entry.points = 1000
	with pytest.raises(frappe.PermissionError, match="cannot be changed"):
		entry.save(ignore_permissions=True)
	with pytest.raises(frappe.PermissionError, match="cannot be deleted"):
		frappe.delete_doc("Time Bank Entry", entry.name, ignore_permissions=True)
	for role in (R.WUSE_ADMINISTRATOR, R.COMMUNITY_STAFF, R.VOLUNTEER):
		assert not frappe.has_permission("Time Bank Entry", "create", user=make_user(role))
		assert not frappe.has_permission("Time Bank Entry", "write", user=make_user(role))
	assert balance(volunteer) == ledger_sum(volunteer) == 20


def test_redemption_is_refused_when_points_would_go_negative(community, volunteer):
	item = make_reward_item(community, points_cost=7, stock=10)
	with pytest.raises(frappe.ValidationError, match="has 20 points and this needs 21"):
		redeem(volunteer, item, qty=3)
	assert stock(item) == 10 and balance(volunteer) == 20
	redeem(volunteer, item, qty=2)
	with pytest.raises(frappe.ValidationError, match="has 6 points and this needs 7"):
		redeem(volunteer, item)
	assert stock(item) == 8 and balance(volunteer) == ledger_sum(volunteer) == 6


def test_redemption_is_refused_when_stock_would_go_negative(community, volunteer):
	item = make_reward_item(community, points_cost=1, stock=2, item_name="食用油")
	with pytest.raises(frappe.ValidationError, match="Only 2 of “食用油” left in stock; 3 were requested"):
		redeem(volunteer, item, qty=3)
	redeem(volunteer, item, qty=2)
	assert stock(item) == 0
	with pytest.raises(frappe.ValidationError, match="Only 0 of"):
		redeem(volunteer, item)
	assert stock(item) == 0 and balance(volunteer) == 18


def test_cancelling_a_redemption_returns_the_stock_and_the_points(community, volunteer):
	item = make_reward_item(community, points_cost=5, stock=3)
	redemption = redeem(volunteer, item, qty=3)
	assert stock(item) == 0 and balance(volunteer) == 5
	redemption.cancel()
	assert stock(item) == 3 and balance(volunteer) == 20


@pytest.mark.parametrize("qty", [0, -1])
def test_quantity_must_be_positive(community, volunteer, qty):
	item = make_reward_item(community)
	with pytest.raises(frappe.ValidationError, match="whole number above zero"):
		redeem(volunteer, item, qty=qty, submit=False)


def test_reward_items_need_a_cost_and_no_negative_stock(community):
	with pytest.raises(frappe.ValidationError, match="must be greater than zero"):
		make_reward_item(community, points_cost=0)
	with pytest.raises(frappe.ValidationError):
		make_reward_item(community, stock=-1)


def test_disabled_items_cannot_be_redeemed(community, volunteer):
	item = make_reward_item(community, disabled=1)
	with pytest.raises(frappe.ValidationError, match="no longer offered"):
		redeem(volunteer, item)


def test_spent_points_keep_their_hours_record(community, volunteer):
	"""Cancelling verified hours whose points were spent would make the balance negative: refused."""
	item = make_reward_item(community, points_cost=15, stock=1)
	redeem(volunteer, item)
	record = frappe.get_doc("Volunteer Service Record", {"volunteer": volunteer, "hours": 12})
	with pytest.raises(frappe.ValidationError, match="has 5 points and this needs 12"):
		record.cancel()
	assert frappe.db.get_value("Volunteer Service Record", record.name, "docstatus") == 1
	assert balance(volunteer) == ledger_sum(volunteer) == 5


def test_redemptions_are_scoped_to_the_supermarket_community(community, volunteer):
	item = make_reward_item(community)
	outsider = make_user(R.COMMUNITY_STAFF)
	assign(outsider, make_community(), R.COMMUNITY_STAFF)
	frappe.set_user(outsider)
	with pytest.raises(frappe.PermissionError):
		redeem(volunteer, item, submit=False)
	staff = make_user(R.COMMUNITY_STAFF)
	frappe.set_user("Administrator")
	assign(staff, community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	assert redeem(volunteer, item).docstatus == 1
