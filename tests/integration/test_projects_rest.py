"""Service projects over HTTP: the denials hold for REST clients and the web form endpoint as well."""

from __future__ import annotations

import json

import frappe
import pytest
from factories import RestClient, assign, make_user, project_data
from projects_support import act, commit_cast, remove_cast, set_threshold, state

from wuse_app.setup.roles import COMMUNITY_SECRETARY, COMMUNITY_STAFF

pytestmark = pytest.mark.commits

RESOURCE = "/api/resource/Service Project"


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	original_threshold = frappe.db.get_single_value("Wuse Settings", "leadership_approval_threshold")
	set_threshold(50000)
	cast = commit_cast()
	self_reviewer = make_user(COMMUNITY_STAFF)
	assign(self_reviewer, cast.community, COMMUNITY_SECRETARY)
	frappe.db.commit()
	yield frappe._dict(cast=cast, self_reviewer=self_reviewer)
	remove_cast(cast)
	set_threshold(original_threshold)
	frappe.db.commit()


def new_project(world, owner=None, submit=True, **values):
	project = world.cast.project(owner=owner, **values)
	if submit:
		act(owner or world.cast.staff, project.name, "Submit for Review")
	frappe.db.commit()
	return project.name


def error_text(response) -> str:
	body = response.json()
	messages = body.get("_server_messages") or "[]"
	return " ".join(json.loads(m).get("message", "") for m in json.loads(messages)) + body.get(
		"exception", ""
	)


def apply_workflow_over_http(client: RestClient, project: str, action: str):
	return client.post(
		"/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": json.dumps({"doctype": "Service Project", "name": project}), "action": action},
	)


def test_rest_edit_of_a_locked_field_is_refused(world):
	project = new_project(world)
	response = RestClient(world.cast.staff).put(f"{RESOURCE}/{project}", json={"project_title": "REST 改名"})
	assert response.status_code == 417, response.text
	assert "can no longer be changed" in error_text(response)
	frappe.db.rollback()
	assert frappe.db.get_value("Service Project", project, "project_title") != "REST 改名"


def test_rest_applicant_cannot_set_the_approved_amount(world):
	project = new_project(world, submit=False)
	response = RestClient(world.cast.staff).put(f"{RESOURCE}/{project}", json={"approved_amount": 10000})
	assert response.status_code == 200, response.text  # permission level 1: the value is dropped
	frappe.db.rollback()
	assert not frappe.db.get_value("Service Project", project, "approved_amount")


def test_rest_reject_without_reason_is_refused_and_with_reason_accepted(world):
	project = new_project(world)
	client = RestClient(world.cast.secretary)
	response = apply_workflow_over_http(client, project, "Reject")
	assert response.status_code == 417 and "reason" in error_text(response)
	frappe.db.rollback()
	assert state(project) == "Pending Community Review"
	response = client.post(
		"/api/method/wuse_app.projects.api.apply_review_action",
		data={
			"project": project,
			"action": "Reject",
			"reason": "材料不实",
			"expected_state": "Pending Community Review",
		},
	)
	assert response.status_code == 200, response.text
	assert response.json()["message"]["workflow_state"] == "Rejected"
	frappe.db.rollback()
	assert frappe.db.get_value("Service Project", project, "last_review_reason") == "材料不实"


def test_rest_wrong_role_cannot_approve(world):
	project = new_project(world)
	for user in (world.cast.staff, world.cast.reviewer, world.cast.other_secretary):
		response = apply_workflow_over_http(RestClient(user), project, "Approve")
		assert response.status_code in (403, 417), (user, response.text)
		response = RestClient(user).post(
			"/api/method/wuse_app.projects.api.apply_review_action",
			data={"project": project, "action": "Approve"},
		)
		assert response.status_code == 403, (user, response.text)
	frappe.db.rollback()
	assert state(project) == "Pending Community Review"


def test_rest_self_approval_is_refused_both_ways(world):
	project = new_project(world, owner=world.self_reviewer)
	client = RestClient(world.self_reviewer)
	response = apply_workflow_over_http(client, project, "Approve")
	assert response.status_code == 417 and "Self approval" in error_text(response)
	response = client.put(f"{RESOURCE}/{project}", json={"workflow_state": "Pending Sub-district Review"})
	assert response.status_code == 417 and "cannot review it" in error_text(response)
	frappe.db.rollback()
	assert state(project) == "Pending Community Review"


def test_rest_other_community_is_invisible(world):
	project = new_project(world)
	client = RestClient(world.cast.other_secretary)
	assert client.get(f"{RESOURCE}/{project}").status_code == 403
	listed = client.get(RESOURCE, params={"limit_page_length": 0}).json()["data"]
	assert project not in {row["name"] for row in listed}


def test_rest_portal_user_lists_own_applications_only(world):
	own = new_project(world, owner=world.cast.portal_user, submit=False)
	other = new_project(world, submit=False)
	client = RestClient(world.cast.portal_user)
	listed = client.get(
		RESOURCE, params={"limit_page_length": 0, "fields": json.dumps(["name", "workflow_state"])}
	)
	assert listed.status_code == 200, listed.text
	assert {row["name"] for row in listed.json()["data"]} == {own}
	assert client.get(f"{RESOURCE}/{other}").status_code == 403


def test_web_form_endpoint_drops_privileged_fields_over_http(world):
	cast = world.cast
	data = {
		**project_data(cast.community, cast.organization, 30000),
		"doctype": "Service Project",
		"web_form_name": "service-project-application",
		"workflow_state": "Approved",
		"approved_amount": 30000,
		"evaluation_score": 100,
		"last_review_reason": "x",
	}
	response = RestClient(cast.portal_user).post(
		"/api/method/frappe.website.doctype.web_form.web_form.accept",
		data={"web_form": "service-project-application", "data": json.dumps(data)},
	)
	assert response.status_code == 200, response.text
	name = response.json()["message"]["name"]
	frappe.db.rollback()
	doc = frappe.get_doc("Service Project", name)
	assert doc.owner == cast.portal_user and doc.workflow_state == "Draft"
	assert not doc.approved_amount and not doc.evaluation_score and not doc.last_review_reason
	response = RestClient(cast.portal_user).post(
		"/api/method/wuse_app.projects.api.submit_application", data={"project": name}
	)
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	assert state(name) == "Pending Community Review"


def test_review_endpoints_accept_post_only(world):
	project = new_project(world)
	response = RestClient(world.cast.secretary).get(
		"/api/method/wuse_app.projects.api.apply_review_action",
		params={"project": project, "action": "Approve"},
	)
	assert response.status_code in (403, 405), response.text
	frappe.db.rollback()
	assert state(project) == "Pending Community Review"
