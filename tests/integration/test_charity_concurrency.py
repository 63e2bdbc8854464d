"""Two allocations submitted against one fund at the same moment: one wins, the balance never goes negative.

Each allocation is submitted by its own process with its own database connection, on committed data.
Inside each process the check is slowed down (a pause after the balance is read under lock), so
without the fund row lock both would read the same balance and both would pass; the control test
shows that this really happens when the lock is taken away.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import frappe
import pytest
from factories import (
	make_allocation,
	make_charity_project,
	make_community,
	make_donation,
	make_fund,
)
from parallel import assert_overlapped, run_workers

from wuse_app.domain.charity import acknowledgement_sequence_key

pytestmark = pytest.mark.commits

WORKER = r"""
import json, os, sys, time
import frappe

name, start_at, hold, locking = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
frappe.init(site=os.environ["WUSE_TEST_SITE"], sites_path=os.environ["WUSE_SITES_PATH"])
frappe.connect()
frappe.set_user("Administrator")
frappe.local.lang = "en"  # as the test harness (conftest) does; the site itself speaks zh
from wuse_app.charity import ledger

read_position = ledger.fund_position

def slow_position(*args, **kwargs):
	if not locking:
		kwargs["lock"] = False
	position = read_position(*args, **kwargs)
	time.sleep(hold)  # a long critical section: the other process is trying to submit meanwhile
	return position

ledger.fund_position = slow_position
if not locking:
	ledger.lock_fund = lambda fund: frappe._dict(
		frappe.db.get_value("Community Fund", fund, ["name", "custodian_organization", "status"], as_dict=True)
	)
doc = frappe.get_doc("Fund Allocation", name)
frappe.db.sql("select available_balance from `tabCommunity Fund` where name = %s", doc.fund)  # read snapshot
while time.time() < start_at:
	time.sleep(0.002)
began = time.time()
try:
	doc.submit()
	frappe.db.commit()
	result = {"ok": True}
except Exception as error:
	frappe.db.rollback()
	result = {"ok": False, "type": type(error).__name__, "error": str(error)}
result.update(name=name, began=began, ended=time.time())
frappe.destroy()
print("RESULT " + json.dumps(result))
"""


@pytest.fixture
def race_data():
	"""Committed: funds A and B holding 1000 yuan each; draft allocations of 700 yuan (two on A, one on B).

	Everything is removed afterwards.
	"""
	frappe.set_user("Administrator")
	year = frappe.utils.getdate().year
	sequence_key = acknowledgement_sequence_key(year)
	sequence_before = frappe.db.get_value("Wuse Sequence", sequence_key, "current_value")
	community = make_community()
	project = make_charity_project(community)
	fund_a, fund_b = make_fund(community), make_fund(community)
	donations = [make_donation(fund_a, 1000), make_donation(fund_b, 1000)]
	on_a = [make_allocation(fund_a, project, 700, submit=False).name for _i in range(2)]
	on_b = make_allocation(fund_b, project, 700, submit=False).name
	frappe.db.commit()
	data = frappe._dict(fund=fund_a, allocations=on_a, other_fund=fund_b, other_allocation=on_b)
	yield data

	frappe.db.rollback()
	project_doc = frappe.get_doc("Service Project", project)
	funds = [frappe.get_doc("Community Fund", fund) for fund in (fund_a, fund_b)]
	organizations = {project_doc.applicant_organization, *(fund.custodian_organization for fund in funds)}
	for doctype, names in (
		("Fund Allocation", [*on_a, on_b]),
		("Donation", [d.name for d in donations]),
		("Donor", [d.donor for d in donations]),
		("Community Fund", [fund_a, fund_b]),
		("Service Project", [project]),
		("Social Organization", list(organizations)),
	):
		for name in names:
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
			frappe.db.delete(doctype, {"name": name})
	for table in frappe.get_meta("Service Project").get_table_fields():
		frappe.db.delete(table.options, {"parent": project, "parenttype": "Service Project"})
	sub_district = frappe.db.get_value("Community", community, "sub_district")
	frappe.db.delete("Community", {"name": community})
	frappe.db.delete("Sub District", {"name": sub_district})
	# Give the acknowledgement numbers back (nobody else numbers donations on the test site meanwhile).
	if sequence_before is None:
		frappe.db.delete("Wuse Sequence", {"name": sequence_key})
	else:
		frappe.db.set_value("Wuse Sequence", sequence_key, "current_value", sequence_before)
	frappe.db.commit()


def race(allocations: list[str], locking: bool = True, hold: float = 1.5) -> list[dict]:
	start_at = time.time() + 5
	results = run_workers(
		WORKER, [[name, str(start_at), str(hold), "1" if locking else "0"] for name in allocations]
	)
	assert_overlapped(results)
	return results


def committed_state(fund: str) -> tuple[tuple, float]:
	frappe.db.rollback()  # a fresh snapshot
	stored = frappe.db.get_value(
		"Community Fund", fund, ["total_received", "total_allocated", "available_balance"]
	)
	allocated = frappe.db.sql(
		"select coalesce(sum(amount), 0) from `tabFund Allocation` where fund = %s and docstatus = 1", fund
	)[0][0]
	return stored, float(allocated)


def test_concurrent_allocations_one_wins_balance_never_negative(race_data):
	results = race(race_data.allocations)
	winners = [r for r in results if r["ok"]]
	losers = [r for r in results if not r["ok"]]
	assert len(winners) == 1 and len(losers) == 1, results
	assert losers[0]["type"] == "ValidationError", losers[0]
	assert "Not enough money" in losers[0]["error"] and "300.00 yuan can go to project" in losers[0]["error"]
	stored, allocated = committed_state(race_data.fund)
	assert stored == (1000, 700, 300)
	assert allocated == 700
	statuses = frappe.get_all(
		"Fund Allocation", filters={"name": ("in", race_data.allocations)}, pluck="docstatus"
	)
	assert sorted(statuses) == [0, 1]


def test_control_without_the_lock_the_race_overspends(race_data):
	"""Shows the test above is not vacuous: with plain reads and no row lock, both allocations pass."""
	results = race(race_data.allocations, locking=False)
	assert all(r["ok"] for r in results), results
	_stored, allocated = committed_state(race_data.fund)
	assert allocated == 1400  # more than the 1000 received: exactly what the lock prevents


def test_concurrent_allocations_on_two_funds_both_pass_without_deadlock(race_data):
	"""Locks of one fund never block another fund's money (the sums read only that fund's rows)."""
	results = race([race_data.allocations[0], race_data.other_allocation])
	assert all(r["ok"] for r in results), results
	for fund in (race_data.fund, race_data.other_fund):
		stored, allocated = committed_state(fund)
		assert stored == (1000, 700, 300) and allocated == 700
