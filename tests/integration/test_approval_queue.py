"""待我审批 over REST: each reviewer's queue holds what waits for them, in their scope, and nothing else."""

from __future__ import annotations

import os

import frappe
import pytest
import requests
from factories import RestClient, make_user
from projects_support import act, commit_cast, remove_cast

from wuse_app.approvals.queue import governed_doctypes
from wuse_app.setup.roles import COMMUNITY_SECRETARY

pytestmark = pytest.mark.commits

METHOD = "/api/method/wuse_app.approvals.queue.pending_for_me"


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	cast = commit_cast()
	community_step = cast.project(amount=12000, project_title="待我审批-社区审核")
	act(cast.staff, community_step.name, "Submit for Review")
	subdistrict_step = cast.project(amount=8000, project_title="待我审批-街道审核")
	act(cast.staff, subdistrict_step.name, "Submit for Review")
	act(cast.secretary, subdistrict_step.name, "Approve")
	unscoped = make_user(COMMUNITY_SECRETARY)  # the role, but no Community Assignment
	frappe.db.commit()
	yield frappe._dict(
		cast=cast,
		community_step=community_step.name,
		subdistrict_step=subdistrict_step.name,
		unscoped=unscoped,
	)
	frappe.db.delete("User", {"name": unscoped})
	frappe.db.delete("Has Role", {"parent": unscoped})
	remove_cast(cast)


CLIENTS: dict[str, RestClient] = {}


def queue(user: str) -> list[dict]:
	if user not in CLIENTS:
		CLIENTS[user] = RestClient(user)
	response = CLIENTS[user].get(METHOD)
	assert response.status_code == 200, response.text
	return response.json()["message"]


def by_name(items: list[dict]) -> dict[str, dict]:
	return {item["name"]: item for item in items}


def test_every_doctype_whose_active_workflow_has_approval_stages_is_governed():
	staged = set(
		frappe.get_all("Workflow Document State", filters={"approval_stage": ["is", "set"]}, pluck="parent")
	)
	expected = {
		w.document_type
		for w in frappe.get_all("Workflow", filters={"is_active": 1}, fields=["name", "document_type"])
		if w.name in staged
	}
	assert {"Service Project", "Official Document"} <= expected
	assert set(governed_doctypes()) == expected


def test_two_reviewers_see_each_the_step_that_waits_for_them(world):
	secretary = by_name(queue(world.cast.secretary))
	reviewer = by_name(queue(world.cast.reviewer))

	assert world.community_step in secretary and world.subdistrict_step not in secretary
	assert world.subdistrict_step in reviewer and world.community_step not in reviewer

	item = secretary[world.community_step]
	assert item["doctype"] == "Service Project"
	assert item["title"] == "待我审批-社区审核"
	assert item["community"] == world.cast.community
	assert item["amount"] == 12000
	assert item["state"] == "Pending Community Review"
	assert item["waited_hours"] >= 0 and item["since"]
	assert item["route"] == f"/app/service-project/{world.community_step}"
	assert reviewer[world.subdistrict_step]["state"] == "Pending Sub-district Review"


def test_the_applicant_and_another_communitys_secretary_do_not_see_the_project(world):
	for user in (world.cast.staff, world.cast.other_secretary):
		names = set(by_name(queue(user)))
		assert world.community_step not in names and world.subdistrict_step not in names, user


def test_a_secretary_without_a_community_sees_nothing(world):
	assert queue(world.unscoped) == []


def test_a_portal_user_and_a_guest_are_refused(world):
	assert RestClient(world.cast.portal_user).get(METHOD).status_code == 403
	assert requests.get(os.environ["WUSE_TEST_URL"].rstrip("/") + METHOD).status_code == 403


def test_under_review_the_approved_amount_is_prefilled_from_the_request_on_the_server(world):
	assert frappe.db.get_value("Service Project", world.community_step, "approved_amount") == 12000
