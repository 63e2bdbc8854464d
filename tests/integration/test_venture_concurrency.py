"""Two reviewers confirm one call's ranking at the same moment: the awards are made once, the pool holds.

Each confirmation runs in its own process with its own database connection, on committed data. The
awards step is slowed down (a pause after the awards are written, before the commit), so the second
confirmation arrives while the first still holds the fund's row lock.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import frappe
import pytest
from parallel import assert_overlapped, run_workers
from venture_support import act, new_reviewer, purge, scored_call

from wuse_app.domain import venture as rules
from wuse_app.workflows import venture_call as wf

pytestmark = pytest.mark.commits

WORKER = r"""
import json, os, sys, time
import frappe

call, user, start_at, hold = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
frappe.init(site=os.environ["WUSE_TEST_SITE"], sites_path=os.environ["WUSE_SITES_PATH"])
frappe.connect()
frappe.local.lang = "en"
from frappe.model.workflow import apply_workflow
from wuse_app.venture import awards

make_awards = awards.make_awards

def slow_awards(call_doc):
	make_awards(call_doc)
	time.sleep(hold)  # a long critical section: the other reviewer confirms meanwhile

awards.make_awards = slow_awards
frappe.set_user(user)
doc = frappe.get_doc("Venture Call", call)
while time.time() < start_at:
	time.sleep(0.002)
began = time.time()
try:
	apply_workflow(doc, sys.argv[5])
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
def ranked_call():
	"""Committed: a call whose ranking (two awards of 40,000 and 30,000 from a 100,000 pool) waits for
	confirmation, and two reviewers. Removed afterwards."""
	frappe.set_user("Administrator")
	call, proposals, sheets = scored_call(pool=100000, amounts=(40000, 30000))
	call = act(call, wf.SUBMIT_RANKING)
	reviewers = [new_reviewer(), new_reviewer()]
	frappe.db.commit()
	judges = {sheet.judge for row in sheets for sheet in row}
	communities = [p.community for p in proposals]
	yield frappe._dict(call=call.name, fund=call.fund, reviewers=reviewers)
	purge([call.name], users=[*reviewers, *judges], communities=communities)


def race(call: str, users: list[str], hold: float = 1.5) -> list[dict]:
	start_at = time.time() + 5
	results = run_workers(
		WORKER, [[call, user, str(start_at), str(hold), wf.CONFIRM_RANKING] for user in users]
	)
	assert_overlapped(results)
	return results


def test_two_confirmations_at_once_award_once_and_never_exceed_the_pool(ranked_call):
	results = race(ranked_call.call, ranked_call.reviewers)
	assert sorted(r["ok"] for r in results) == [False, True], results
	frappe.db.rollback()  # a fresh snapshot
	call = frappe.db.get_value(
		"Venture Call", ranked_call.call, ["status", "reserved_amount", "awarded_amount"], as_dict=True
	)
	assert (call.status, call.awarded_amount, call.reserved_amount) == (rules.AWARDED, 70000, 30000)
	allocations = frappe.get_all(
		"Fund Allocation", filters={"fund": ranked_call.fund, "docstatus": 1}, pluck="amount"
	)
	assert sorted(allocations) == [30000, 40000]
	projects = frappe.get_all(
		"Venture Proposal", filters={"venture_call": ranked_call.call}, pluck="service_project"
	)
	assert len([p for p in projects if p]) == 2
	fund = frappe.db.get_value(
		"Community Fund", ranked_call.fund, ["total_reserved", "total_allocated"], as_dict=True
	)
	assert (fund.total_reserved, fund.total_allocated) == (30000, 70000)
