"""The 联动 rules over HTTP: a resident submits a need through /my-needs, sees only their own needs and
alone rates the service; community scope, server-only fields and capacity hold for REST clients."""

from __future__ import annotations

import json
from datetime import timedelta

import frappe
import pytest
from factories import RestClient, assign, make_community, make_user
from frappe.utils import get_datetime
from linkage_support import CATEGORY, make_need, make_resource

from wuse_app.domain import linkage as rules
from wuse_app.setup import roles as R

pytestmark = pytest.mark.commits

NEEDS = "/api/resource/Resident Need"
FEEDBACK = "/api/method/wuse_app.linkage.api.give_feedback"


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	here, there = make_community(), make_community()
	data = frappe._dict(
		here=here,
		there=there,
		resident=make_user(R.RESIDENT),
		other_resident=make_user(R.RESIDENT),
		staff=make_user(),
		unscoped=make_user(R.COMMUNITY_STAFF),
	)
	assign(data.staff, here, R.COMMUNITY_STAFF)
	data.theirs = make_need(there).name
	data.resource = make_resource(here, capacity=2).name
	frappe.db.commit()
	yield data
	frappe.db.rollback()
	needs = frappe.get_all("Resident Need", filters={"community": ["in", [here, there]]}, pluck="name")
	frappe.db.delete("Need Match", {"resource": data.resource})
	for doctype, names in (("Resident Need", needs), ("Resource Offer", [data.resource])):
		for name in names:
			for table in ("Version", "Comment"):
				field = "ref_doctype" if table == "Version" else "reference_doctype"
				key = "docname" if table == "Version" else "reference_name"
				frappe.db.delete(table, {field: doctype, key: name})
			frappe.db.delete(doctype, {"name": name})
	frappe.db.delete("Resource Offer Category", {"parent": data.resource})
	frappe.db.delete("Resource Offer Community", {"parent": data.resource})
	frappe.db.delete(
		"Notification Log", {"document_type": "Resident Need", "document_name": ["in", needs or [""]]}
	)
	for user in (data.resident, data.other_resident, data.staff, data.unscoped):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for community in (here, there):
		sub_district = frappe.db.get_value("Community", community, "sub_district")
		frappe.db.delete("Community Assignment", {"community": community})
		frappe.db.delete("User Permission", {"for_value": community})
		frappe.db.delete("Community", {"name": community})
		frappe.db.delete("Sub District", {"name": sub_district})
	frappe.db.commit()


def submit_in_portal(client: RestClient, community: str, **values) -> str:
	data = {
		"doctype": "Resident Need",
		"web_form_name": "my-needs",
		"community": community,
		"category": CATEGORY,
		"description": "家里老人行动不便，需要每天送餐",
		"people_affected": 1,
		# fields the form does not offer are ignored
		"urgency": "Urgent",
		"satisfaction": 5,
		**values,
	}
	response = client.post(
		"/api/method/frappe.website.doctype.web_form.web_form.accept",
		data={"web_form": "my-needs", "data": json.dumps(data)},
	)
	assert response.status_code == 200, response.text
	return response.json()["message"]["name"]


def test_resident_submits_follows_and_alone_rates_their_need(world):
	resident, other = RestClient(world.resident), RestClient(world.other_resident)
	name = submit_in_portal(resident, world.here)
	frappe.db.rollback()
	need = frappe.get_doc("Resident Need", name)
	assert need.resident_user == world.resident and need.source == rules.PORTAL_SOURCE
	assert need.urgency == "Normal" and not need.satisfaction  # portal urgency from Wuse Settings
	assert get_datetime(need.response_deadline) - get_datetime(need.reported_on) == timedelta(days=7)
	# only their own needs
	listed = [r["name"] for r in resident.get(NEEDS).json()["data"]]
	assert listed == [name]
	assert other.get(NEEDS).json()["data"] == []
	assert other.get(f"{NEEDS}/{name}").status_code == 403
	assert resident.get(f"{NEEDS}/{world.theirs}").status_code == 403
	# feedback: not before the need is resolved, never by someone else, once
	assert resident.post(FEEDBACK, data={"need": name, "rating": 5}).status_code == 417
	frappe.db.set_value("Resident Need", name, {"status": rules.RESOLVED, "workflow_state": rules.RESOLVED})
	frappe.db.commit()
	assert other.post(FEEDBACK, data={"need": name, "rating": 1}).status_code == 403
	assert RestClient(world.staff).post(FEEDBACK, data={"need": name, "rating": 1}).status_code == 403
	assert resident.post(FEEDBACK, data={"need": name, "rating": 9}).status_code == 417
	response = resident.post(FEEDBACK, data={"need": name, "rating": 4, "comment": "送餐准时"})
	assert response.status_code == 200, response.text
	assert resident.post(FEEDBACK, data={"need": name, "rating": 5}).status_code == 417
	frappe.db.rollback()
	assert frappe.db.get_value("Resident Need", name, ["satisfaction", "feedback_comment"]) == (4, "送餐准时")
	# a resident cannot change the need afterwards
	assert resident.put(f"{NEEDS}/{name}", json={"satisfaction": 1}).status_code in (403, 417)


def test_scope_over_rest_fails_closed(world):
	staff, unscoped = RestClient(world.staff), RestClient(world.unscoped)
	assert staff.get(f"{NEEDS}/{world.theirs}").status_code == 403
	assert world.theirs not in [r["name"] for r in staff.get(NEEDS).json()["data"]]
	assert unscoped.get(NEEDS).json()["data"] == []
	assert unscoped.get(f"{NEEDS}/{world.theirs}").status_code == 403
	response = staff.get("/api/method/wuse_app.linkage.api.suggest_resources", params={"need": world.theirs})
	assert response.status_code == 403


def test_server_fields_and_capacity_hold_over_rest(world):
	staff = RestClient(world.staff)
	response = staff.post(
		NEEDS,
		json={
			"community": world.here,
			"category": CATEGORY,
			"source": "Hotline",
			"urgency": "Urgent",
			"description": "电话求助：独居老人摔倒后需要陪护",
			"people_affected": 1,
			"response_deadline": "2099-01-01 00:00:00",
			"satisfaction": 5,
		},
	)
	assert response.status_code == 200, response.text
	need = response.json()["data"]
	assert need["satisfaction"] == 0
	assert get_datetime(need["response_deadline"]) - get_datetime(need["reported_on"]) == timedelta(hours=24)
	accept = "/api/method/wuse_app.linkage.api.accept_resource"
	too_much = staff.post(accept, data={"need": need["name"], "resource": world.resource, "quantity": 3})
	assert too_much.status_code == 417 and "Only 2 is left" in too_much.text
	ok = staff.post(accept, data={"need": need["name"], "resource": world.resource, "quantity": 2})
	assert ok.status_code == 200, ok.text
	frappe.db.rollback()
	assert frappe.db.get_value("Resource Offer", world.resource, "remaining_capacity") == 0
	assert frappe.db.get_value("Resident Need", need["name"], "status") == rules.MATCHED
