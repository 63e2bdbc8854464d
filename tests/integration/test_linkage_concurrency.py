"""Two staff accept the same resource for two needs at the same moment: one wins, capacity never below zero.

Each acceptance runs in its own process with its own database connection, on committed data. Inside
each process the check is slowed down (a pause after what is left was read under the lock), so without
the resource's row lock both would read the same capacity and both would pass; the control test shows
that this really happens when the lock is taken away.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import frappe
import pytest
from factories import make_community
from linkage_support import make_emergency, make_need, make_resource
from parallel import assert_overlapped, run_workers

pytestmark = pytest.mark.commits

WORKER = r"""
import json, os, sys, time
import frappe

need, resource, start_at, hold, locking = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5] == "1"
emergency = sys.argv[6]
frappe.init(site=os.environ["WUSE_TEST_SITE"], sites_path=os.environ["WUSE_SITES_PATH"])
frappe.connect()
frappe.set_user("Administrator")
frappe.local.lang = "en"  # as the test harness (conftest) does; the site itself speaks zh
from wuse_app.linkage import api
from wuse_app.linkage.doctype.need_match import need_match

read_left = need_match.committed_left

def slow_left(*args, **kwargs):
	left = read_left(*args, **kwargs)
	time.sleep(hold)  # a long critical section: the other process is accepting meanwhile
	return left

need_match.committed_left = slow_left
if not locking:
	need_match.COMMITTED_SQL = need_match.COMMITTED_SQL.replace(" for update", "")
	need_match.lock_resource = lambda name: frappe._dict(frappe.db.get_value(
		"Resource Offer", name, ["name", "capacity", "capacity_unit", "status", "covers_whole_subdistrict"], as_dict=True))
while time.time() < start_at:
	time.sleep(0.002)
began = time.time()
try:
	if emergency:  # emergency mode: assigned at once by the 两委, same capacity rule
		from wuse_app.linkage.emergency import assign_resource
		assign_resource(emergency, resource, 2)
	else:
		api.accept_resource(need, resource, 2)
	frappe.db.commit()
	result = {"ok": True}
except Exception as error:
	frappe.db.rollback()
	result = {"ok": False, "type": type(error).__name__, "error": str(error)}
result.update(began=began, ended=time.time())
frappe.destroy()
print("RESULT " + json.dumps(result))
"""


@pytest.fixture
def race_data():
	"""Committed: a resource for 3 people and two needs that want 2 each; removed afterwards."""
	frappe.set_user("Administrator")
	community = make_community()
	resource = make_resource(community, capacity=3)
	needs = [make_need(community).name for _i in range(2)]
	emergency = make_emergency([community]).name
	frappe.db.commit()
	yield frappe._dict(resource=resource.name, needs=needs, emergency=emergency)
	frappe.db.rollback()
	frappe.db.delete("Need Match", {"resource": resource.name})
	frappe.db.delete("Community Emergency", {"name": emergency})
	frappe.db.delete("Resource Offer Community", {"parent": emergency})
	for doctype, names in (("Resident Need", needs), ("Resource Offer", [resource.name])):
		for name in names:
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
			frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
			frappe.db.delete(doctype, {"name": name})
	for table in ("Resource Offer Category", "Resource Offer Community"):
		frappe.db.delete(table, {"parent": resource.name})
	sub_district = frappe.db.get_value("Community", community, "sub_district")
	frappe.db.delete("Community", {"name": community})
	frappe.db.delete("Sub District", {"name": sub_district})
	frappe.db.commit()


def race(data, locking: bool = True, hold: float = 1.5, emergency: bool = False) -> list[dict]:
	start_at = time.time() + 5
	argvs = [
		[
			need,
			data.resource,
			str(start_at),
			str(hold),
			"1" if locking else "0",
			data.emergency if emergency else "",
		]
		for need in data.needs
	]
	results = run_workers(WORKER, argvs)
	assert_overlapped(results)
	return results


def committed(resource: str) -> tuple[float, float]:
	frappe.db.rollback()  # a fresh snapshot
	stored = frappe.db.get_value("Resource Offer", resource, "remaining_capacity")
	total = frappe.db.sql(
		"select coalesce(sum(quantity), 0) from `tabNeed Match` where resource = %s and status != 'Cancelled'",
		resource,
	)[0][0]
	return float(stored), float(total)


def test_two_staff_accepting_at_once_one_wins_capacity_never_negative(race_data):
	results = race(race_data)
	winners = [r for r in results if r["ok"]]
	losers = [r for r in results if not r["ok"]]
	assert len(winners) == 1 and len(losers) == 1, results
	assert "Only 1 is left" in losers[0]["error"], losers[0]
	assert committed(race_data.resource) == (1.0, 2.0)


def test_control_without_the_lock_the_race_overcommits(race_data):
	"""Shows the test above is not vacuous: with plain reads and no row lock, both acceptances pass."""
	results = race(race_data, locking=False)
	assert all(r["ok"] for r in results), results
	assert committed(race_data.resource)[1] == 4.0  # more than the capacity of 3


def test_two_secretaries_assigning_in_emergency_mode_at_once_never_overcommit(race_data):
	"""Emergency assignments skip the matching checks, not the capacity rule: one of two wins."""
	results = race(race_data, emergency=True)
	assert sorted(r["ok"] for r in results) == [False, True], results
	assert "Only 1 is left" in next(r for r in results if not r["ok"])["error"]
	assert committed(race_data.resource) == (1.0, 2.0)
