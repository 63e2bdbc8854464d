"""拨付审批: the seeded Fund Allocation workflow, its Leadership Group 会签 above the threshold, no way
around it (direct submit), the money under two approvals at once, and the Workflow Builder layout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import frappe
import pytest
from factories import (
	RestClient,
	make_allocation,
	make_community,
	make_donation,
	make_fund,
)
from frappe.model.workflow import apply_workflow
from parallel import run_workers

from wuse_app.approvals import api
from wuse_app.approvals.direct import WorkflowBypassError
from wuse_app.approvals.engine import AlreadyVotedError
from wuse_app.workflows import ensure_default_workflows
from wuse_app.workflows.fund_allocation import (
	ALLOCATED,
	PENDING_ALLOCATION_REVIEW,
	PENDING_LEADERSHIP_APPROVAL,
	WORKFLOW_NAME,
)

THRESHOLD = 50_000


def as_user(user):
	from projects_support import as_user as _as_user

	return _as_user(user)


@pytest.fixture
def money(people, funding):
	"""The shared fund (100 000 yuan) and project; the threshold at 50 000."""
	frappe.db.set_single_value("Wuse Settings", "leadership_approval_threshold", THRESHOLD)
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")
	yield frappe._dict(
		fund=funding.fund,
		project=funding.project,
		drafter=people.drafter,
		reviewer=people.reviewers[0],
		leaders=people.leaders,
	)
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")


def submitted_for_review(data, amount: float) -> str:
	with as_user(data.drafter):
		doc = make_allocation(data.fund, data.project, amount, submit=False)
		doc = apply_workflow(frappe.get_doc("Fund Allocation", doc.name), "Submit for Review")
	assert doc.workflow_state == PENDING_ALLOCATION_REVIEW
	return doc.name


def available(fund: str) -> float:
	return float(frappe.db.get_value("Community Fund", fund, "available_balance"))


def test_within_the_threshold_one_reviewer_allocates(money):
	name = submitted_for_review(money, 30_000)
	with as_user(money.reviewer):
		result = api.decide("Fund Allocation", name, "Approve", opinion="同意拨付")
	assert result["moved"] and result["state"] == ALLOCATED
	assert frappe.db.get_value("Fund Allocation", name, "docstatus") == 1
	assert available(money.fund) == 70_000


def test_above_the_threshold_two_leaders_are_needed_and_nobody_votes_twice(money):
	name = submitted_for_review(money, 60_000)
	with as_user(money.reviewer):
		assert api.decide("Fund Allocation", name, "Approve")["state"] == PENDING_LEADERSHIP_APPROVAL
	first, second = money.leaders
	with as_user(first):
		vote = api.decide("Fund Allocation", name, "Approve", opinion="同意")
		assert vote == {
			"name": name,
			"state": PENDING_LEADERSHIP_APPROVAL,
			"moved": False,
			"votes": 1,
			"needed": 2,
		}
		with pytest.raises(AlreadyVotedError):
			api.decide("Fund Allocation", name, "Approve")
	assert available(money.fund) == 100_000  # one vote spends nothing
	with as_user(second):
		assert api.decide("Fund Allocation", name, "Approve")["moved"]
	doc = frappe.get_doc("Fund Allocation", name)
	assert (doc.workflow_state, doc.docstatus) == (ALLOCATED, 1)
	assert available(money.fund) == 40_000
	votes = api.trail("Fund Allocation", name)
	assert [v.user for v in votes if v.state == PENDING_LEADERSHIP_APPROVAL] == [first, second]


def test_the_leader_count_is_the_administrators_setting(money):
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	row = next(
		t for t in workflow.transitions if t.state == PENDING_LEADERSHIP_APPROVAL and t.action == "Approve"
	)
	row.approvals_required = 1
	workflow.save()
	name = submitted_for_review(money, 60_000)
	with as_user(money.reviewer):
		api.decide("Fund Allocation", name, "Approve")
	with as_user(money.leaders[0]):
		assert api.decide("Fund Allocation", name, "Approve")["moved"]


def test_no_way_around_the_review(money):
	"""Neither a direct submit nor the drafter approving their own allocation skips the review."""
	name = submitted_for_review(money, 60_000)
	with as_user(money.reviewer), pytest.raises(WorkflowBypassError):
		frappe.get_doc("Fund Allocation", name).submit()
	with as_user(money.drafter):  # also a Sub-district Reviewer, but this is their own allocation
		with pytest.raises(frappe.ValidationError, match=r"[Ss]elf|cannot decide"):
			api.decide("Fund Allocation", name, "Approve")
	assert available(money.fund) == 100_000


# --- the Workflow Builder layout ----------------------------------------------------------------------


def test_seeded_workflows_open_laid_out_in_review_order_and_migrate_keeps_an_admins_layout():
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	elements = json.loads(workflow.workflow_data)
	position = {
		e["id"]: (e["position"]["x"], e["position"]["y"]) for e in elements if e["type"] != "transition"
	}
	x_of = {row.state: position[row.workflow_builder_id][0] for row in workflow.states}
	assert (
		x_of["Draft"] < x_of[PENDING_ALLOCATION_REVIEW] < x_of[PENDING_LEADERSHIP_APPROVAL] < x_of[ALLOCATED]
	)
	assert len(set(position.values())) == len(position)  # no two nodes at one place
	assert all(t.workflow_builder_id in position for t in workflow.transitions)

	frappe.db.set_value("Workflow", WORKFLOW_NAME, "workflow_data", '[{"id": "mine"}]')
	ensure_default_workflows()  # what migrate runs
	assert frappe.db.get_value("Workflow", WORKFLOW_NAME, "workflow_data") == '[{"id": "mine"}]'


# --- over REST, and two approvals at the same moment -------------------------------------------------


@pytest.fixture(scope="module")
def committed(people, funding):
	"""Committed (REST and worker processes see it): a 1000-yuan fund and three allocations in review."""
	frappe.set_user("Administrator")
	frappe.db.set_single_value("Wuse Settings", "leadership_approval_threshold", 750)
	community = make_community()
	fund = make_fund(community)
	donation = make_donation(fund, 1000)
	project = funding.project  # an allocation may come from any fund
	allocations = []
	for amount in (700, 700, 800):
		with as_user(people.drafter):
			doc = make_allocation(fund, project, amount, submit=False)
			apply_workflow(frappe.get_doc("Fund Allocation", doc.name), "Submit for Review")
		allocations.append(doc.name)
	frappe.db.commit()
	yield frappe._dict(fund=fund, allocations=allocations, reviewers=people.reviewers, leaders=people.leaders)

	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.db.delete("Approval Vote", {"reference_name": ["in", allocations]})
	frappe.db.delete("Public Notice", {"reference_name": ["in", allocations]})
	for name in allocations:
		frappe.db.delete("Version", {"ref_doctype": "Fund Allocation", "docname": name})
		frappe.db.delete("Fund Allocation", {"name": name})
	frappe.db.delete("Donation", {"name": donation.name})
	frappe.db.delete("Donor", {"name": donation.donor})
	custodian = frappe.db.get_value("Community Fund", fund, "custodian_organization")
	sub_district = frappe.db.get_value("Community", community, "sub_district")
	frappe.db.delete("Workflow Action", {"reference_name": ["in", allocations]})
	frappe.db.delete("Community Fund", {"name": fund})
	frappe.db.delete("Social Organization", {"name": custodian})
	frappe.db.delete("Community", {"name": community})
	frappe.db.delete("Sub District", {"name": sub_district})
	frappe.db.set_single_value("Wuse Settings", "leadership_approval_threshold", THRESHOLD)
	frappe.db.commit()
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")


WORKER = r"""
import json, os, sys, time
import frappe

user, name, start_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
frappe.init(site=os.environ["WUSE_TEST_SITE"], sites_path=os.environ["WUSE_SITES_PATH"])
frappe.connect()
frappe.set_user(user)
frappe.local.lang = "en"
from wuse_app.approvals import api
while time.time() < start_at:
	time.sleep(0.002)
began = time.time()
try:
	result = {"ok": True, "state": api.decide("Fund Allocation", name, "Approve")["state"]}
	frappe.db.commit()
except Exception as error:
	frappe.db.rollback()
	result = {"ok": False, "type": type(error).__name__, "error": str(error)}
result.update(began=began, ended=time.time())
frappe.destroy()
print("RESULT " + json.dumps(result))
"""


@pytest.mark.commits
def test_two_reviewers_approving_at_once_never_overspend(committed):
	"""Two 700-yuan allocations from a 1000-yuan fund approved at the same moment: one is allocated."""
	start_at = time.time() + 3
	reviewer = committed.reviewers[0]  # one approval per allocation, both at once
	pairs = [(reviewer, name) for name in committed.allocations[:2]]
	results = run_workers(WORKER, [[user, name, str(start_at)] for user, name in pairs])
	assert [r["ok"] for r in results].count(True) == 1, results
	loser = next(r for r in results if not r["ok"])
	assert "Not enough money" in loser["error"], loser
	frappe.db.rollback()
	assert frappe.db.get_value(
		"Community Fund", committed.fund, ["total_allocated", "available_balance"]
	) == (
		700,
		300,
	)


@pytest.mark.commits
def test_over_rest_leaders_vote_and_direct_submit_is_refused(committed):
	name = committed.allocations[2]  # 800 yuan: above the 750 threshold
	reviewer = RestClient(committed.reviewers[0])
	response = reviewer.post(
		"/api/method/frappe.client.submit",
		data={"doc": json.dumps({"doctype": "Fund Allocation", "name": name})},
	)
	assert response.status_code in (403, 417), response.text
	response = reviewer.post(
		"/api/method/wuse_app.approvals.api.decide",
		data={"doctype": "Fund Allocation", "name": name, "action": "Approve"},
	)
	assert response.json()["message"]["state"] == PENDING_LEADERSHIP_APPROVAL, response.text
	first = RestClient(committed.leaders[0]).post(
		"/api/method/wuse_app.approvals.api.decide",
		data={"doctype": "Fund Allocation", "name": name, "action": "Approve", "opinion": "同意"},
	)
	assert first.json()["message"]["moved"] is False, first.text
	frappe.db.rollback()
	assert frappe.db.get_value("Fund Allocation", name, ["workflow_state", "docstatus"]) == (
		PENDING_LEADERSHIP_APPROVAL,
		0,
	)
