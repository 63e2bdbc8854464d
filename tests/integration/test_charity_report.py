"""Fund Ledger report: totals equal the sums of the submitted documents; community scoping applies."""

from __future__ import annotations

import frappe
import pytest
from factories import (
	assign,
	make_allocation,
	make_charity_project,
	make_community,
	make_donation,
	make_fund,
	make_user,
)

from wuse_app.charity.report.fund_ledger.fund_ledger import execute
from wuse_app.setup import roles as R


def document_sums(fund: str) -> dict:
	"""Independent of the ledger code: plain sums of the submitted documents."""
	received = frappe.db.sql(
		"""select coalesce(sum(amount), 0) from `tabDonation`
		where fund = %s and docstatus = 1 and donation_type = 'Money'""",
		fund,
	)[0][0]
	in_kind = frappe.db.sql(
		"""select coalesce(sum(total_value), 0) from `tabDonation`
		where fund = %s and docstatus = 1 and donation_type != 'Money'""",
		fund,
	)[0][0]
	allocated = frappe.db.sql(
		"select coalesce(sum(amount), 0) from `tabFund Allocation` where fund = %s and docstatus = 1", fund
	)[0][0]
	return {
		"received": float(received),
		"allocated": float(allocated),
		"available": float(received - allocated),
		"in_kind_value": float(in_kind),
	}


@pytest.fixture
def ledger_data():
	community = make_community()
	fund_a, fund_b = make_fund(community), make_fund(community)
	p1 = make_charity_project(community)
	p2 = make_charity_project(community, state="In Progress")
	make_donation(fund_a, 10_000)
	make_donation(fund_a, 4000, designated_project=p1)
	make_donation(fund_a, 1500.25, designated_project=p2)
	make_donation(fund_a, 999, submit=False)  # drafts do not count
	make_donation(fund_a, 500).cancel()  # nor do cancelled donations
	make_donation(
		fund_a,
		0,
		donation_type="Goods",
		payment_method=None,
		items=[{"item_name": "棉被", "qty": 50, "unit": "床", "estimated_value": 7500}],
	)
	make_allocation(fund_a, p1, 6000)  # 4000 designated + 2000 undesignated
	make_allocation(fund_a, p2, 1000)
	make_allocation(fund_a, p2, 300, submit=False)
	make_donation(fund_b, 2000)
	make_allocation(fund_b, p2, 1200).cancel()
	make_allocation(fund_b, p1, 800)
	return frappe._dict(community=community, funds=[fund_a, fund_b], p1=p1, p2=p2)


def rows_of(data, fund):
	return [row for row in data if row["fund"] == fund]


def test_report_totals_equal_document_sums(ledger_data):
	columns, data, _message, _chart, summary = execute({"community": ledger_data.community})
	assert {row["fund"] for row in data} == set(ledger_data.funds)
	for fund in ledger_data.funds:
		rows = rows_of(data, fund)
		fund_row = next(row for row in rows if row["row_type"] == "Fund")
		sums = document_sums(fund)
		assert {key: fund_row[key] for key in sums} == sums
		# The fund's pots add up to the fund.
		pots = [row for row in rows if row["row_type"] != "Fund"]
		for key in ("received", "allocated", "available"):
			assert sum(row[key] for row in pots) == pytest.approx(fund_row[key])
		# Every allocation to a project appears in full on the project's row.
		allocated_to_projects = sum(row["allocated_to_project"] or 0 for row in pots)
		assert allocated_to_projects == pytest.approx(sums["allocated"])
		# The stored balances on the fund agree as well.
		stored = frappe.db.get_value(
			"Community Fund", fund, ["total_received", "total_allocated", "available_balance"], as_dict=True
		)
		assert (stored.total_received, stored.total_allocated, stored.available_balance) == (
			sums["received"],
			sums["allocated"],
			sums["available"],
		)
	totals = {item["label"]: item["value"] for item in summary}
	everything = [document_sums(fund) for fund in ledger_data.funds]
	assert totals["Money Received"] == sum(s["received"] for s in everything) == 17500.25
	assert totals["Money Allocated"] == sum(s["allocated"] for s in everything) == 7800
	assert totals["Available Balance"] == sum(s["available"] for s in everything) == 9700.25
	assert totals["In-kind Value Received"] == 7500
	assert "received" in {column["fieldname"] for column in columns}


def test_report_rows_per_designated_project(ledger_data):
	fund_a = ledger_data.funds[0]
	_columns, data, *_rest = execute({"fund": fund_a})
	rows = {(row["row_type"], row["service_project"]): row for row in data}
	undesignated = rows[("Undesignated", None)]
	assert (undesignated["received"], undesignated["allocated"], undesignated["available"]) == (
		10_000,
		2000,
		8000,
	)
	p1 = rows[("Project", ledger_data.p1)]
	assert (p1["received"], p1["allocated"], p1["available"], p1["allocated_to_project"]) == (
		4000,
		4000,
		0,
		6000,
	)
	p2 = rows[("Project", ledger_data.p2)]
	assert (p2["received"], p2["allocated"], p2["available"], p2["allocated_to_project"]) == (
		1500.25,
		1000,
		500.25,
		1000,
	)
	assert [row["indent"] for row in data] == [0, 1, 1, 1]


def test_funds_only(ledger_data):
	_columns, data, *_rest = execute({"community": ledger_data.community, "funds_only": 1})
	assert [row["row_type"] for row in data] == ["Fund", "Fund"]


def test_report_respects_community_scoping(ledger_data):
	other_community = make_community()
	other_fund = make_fund(other_community)
	make_donation(other_fund, 123)
	staff = make_user()
	assign(staff, ledger_data.community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	_columns, data, *_rest = execute({})
	funds = {row["fund"] for row in data}
	assert set(ledger_data.funds) <= funds
	assert other_fund not in funds
	_columns, data, *_rest = execute({"community": other_community})
	assert not data


def test_report_is_open_to_fund_readers_only():
	from frappe.desk.query_report import run

	frappe.set_user(make_user(R.VOLUNTEER))
	with pytest.raises(frappe.PermissionError):
		run("Fund Ledger", filters={})


def test_designated_money_left_on_a_rejected_project_is_flagged():
	community = make_community()
	fund = make_fund(community)
	rejected, running = make_charity_project(community), make_charity_project(community)
	make_donation(fund, 3000, designated_project=rejected)
	make_donation(fund, 2000, designated_project=running)
	frappe.db.set_value("Service Project", rejected, "workflow_state", "Rejected", update_modified=False)
	frappe.local.lang = "zh"
	try:
		data = execute({"fund": fund})[1]
	finally:
		frappe.local.lang = "en"
	by_project = {row["service_project"]: row for row in data if row["row_type"] == "Project"}
	assert by_project[rejected]["available"] == 3000 and by_project[rejected]["project_state"] == "已驳回"
	assert "捐赠人协商" in by_project[rejected]["note"]
	assert by_project[running]["note"] is None
