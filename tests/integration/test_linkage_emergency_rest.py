"""Emergency mode over HTTP: who may switch it on, dispatch and end it; the volunteer answers in the portal;
server-kept fields cannot be forged by a REST client."""

from __future__ import annotations

import frappe
import pytest
from factories import RestClient, assign, make_community, make_user, make_volunteer
from linkage_support import make_resource, volunteer_skill

from wuse_app.domain import linkage as rules
from wuse_app.setup import roles as R

pytestmark = pytest.mark.commits

EMERGENCIES = "/api/resource/Community Emergency"
METHOD = "/api/method/wuse_app.linkage.emergency."


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	here, there = make_community(), make_community()
	data = frappe._dict(
		here=here,
		there=there,
		skill=volunteer_skill(),
		secretary=make_user(),
		other_secretary=make_user(),
		staff=make_user(),
		volunteer_user=make_user(R.VOLUNTEER),
		other_volunteer_user=make_user(R.VOLUNTEER),
	)
	assign(data.secretary, here, R.COMMUNITY_SECRETARY)
	assign(data.other_secretary, there, R.COMMUNITY_SECRETARY)
	assign(data.staff, here, R.COMMUNITY_STAFF)
	data.volunteers = [
		make_volunteer(here, user=data.volunteer_user, skills=[{"skill": data.skill}]).name,
		make_volunteer(here, user=data.other_volunteer_user).name,
	]
	data.resource = make_resource(here, capacity=3).name
	frappe.db.commit()
	yield data
	frappe.db.rollback()
	emergencies = frappe.get_all(
		"Resource Offer Community",
		filters={"parenttype": "Community Emergency", "community": here},
		pluck="parent",
	)
	frappe.db.delete("Emergency Dispatch", {"emergency": ["in", emergencies or [""]]})
	frappe.db.delete("Need Match", {"resource": data.resource})
	for name in emergencies:
		frappe.db.delete("Resource Offer Community", {"parent": name})
		frappe.db.delete("Community Emergency", {"name": name})
		frappe.db.delete("Version", {"ref_doctype": "Community Emergency", "docname": name})
	frappe.db.delete("Resource Offer Category", {"parent": data.resource})
	frappe.db.delete("Resource Offer Community", {"parent": data.resource})
	frappe.db.delete("Resource Offer", {"name": data.resource})
	for volunteer in data.volunteers:
		frappe.db.delete("Volunteer Skill Item", {"parent": volunteer})
		frappe.db.delete("Volunteer", {"name": volunteer})
	users = (data.secretary, data.other_secretary, data.staff, data.volunteer_user, data.other_volunteer_user)
	frappe.db.delete("Notification Log", {"for_user": ["in", users]})
	for user in users:
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for community in (here, there):
		sub_district = frappe.db.get_value("Community", community, "sub_district")
		frappe.db.delete("Community Assignment", {"community": community})
		frappe.db.delete("User Permission", {"for_value": community})
		frappe.db.delete("Community", {"name": community})
		frappe.db.delete("Sub District", {"name": sub_district})
	frappe.db.commit()


def test_emergency_mode_end_to_end_over_rest(world):
	secretary = RestClient(world.secretary)
	body = {
		"title": "暴雨应急",
		"emergency_type": "Flood",
		"communities": [{"community": world.here}],
		"start_reason": "暴雨红色预警，低洼小区积水",
		"status": "Ended",
		"started_by": world.staff,
	}
	assert RestClient(world.staff).post(EMERGENCIES, json=body).status_code == 403
	refused = RestClient(world.other_secretary).post(EMERGENCIES, json=body)
	assert refused.status_code == 417 and "only for your own communities" in refused.text
	response = secretary.post(EMERGENCIES, json=body)
	assert response.status_code == 200, response.text
	emergency = response.json()["data"]
	assert (emergency["status"], emergency["started_by"]) == (rules.EMERGENCY_ACTIVE, world.secretary)
	name = emergency["name"]
	# server-kept fields ignored on update; the other community's secretary cannot even read it
	assert (
		secretary.put(f"{EMERGENCIES}/{name}", json={"status": "Ended"}).json()["data"]["status"] == "Active"
	)
	assert RestClient(world.other_secretary).get(f"{EMERGENCIES}/{name}").status_code == 403
	board = RestClient(world.other_secretary).get(METHOD + "emergency_board", params={"emergency": name})
	assert board.status_code == 403

	# dispatch: the volunteer answers in the portal; nobody else can answer for them
	assert (
		RestClient(world.staff)
		.post(METHOD + "dispatch_volunteers", data={"emergency": name, "skills": world.skill})
		.status_code
		== 403
	)
	sent = secretary.post(
		METHOD + "dispatch_volunteers", data={"emergency": name, "skills": world.skill, "task": "转移老人"}
	)
	assert sent.status_code == 200 and sent.json()["message"]["dispatched"] == 1, sent.text
	volunteer = RestClient(world.volunteer_user)
	page = volunteer.get("/emergency_tasks")
	assert page.status_code == 200 and "转移老人" in page.text
	assert "转移老人" not in RestClient(world.other_volunteer_user).get("/emergency_tasks").text
	dispatch = volunteer.get("/api/resource/Emergency Dispatch").json()["data"][0]["name"]
	answer = METHOD + "respond_to_dispatch"
	assert (
		RestClient(world.other_volunteer_user)
		.post(answer, data={"dispatch": dispatch, "response": "Accepted"})
		.status_code
		== 403
	)
	assert volunteer.post(answer, data={"dispatch": dispatch, "response": "Accepted"}).status_code == 200
	assert (
		volunteer.put(f"/api/resource/Emergency Dispatch/{dispatch}", json={"status": "Declined"}).status_code
		== 403
	)

	# assign at once, capacity exact; end with a reason and a summary
	assign_url = METHOD + "assign_resource"
	assert (
		secretary.post(
			assign_url, data={"emergency": name, "resource": world.resource, "quantity": 4}
		).status_code
		== 417
	)
	assert (
		secretary.post(
			assign_url, data={"emergency": name, "resource": world.resource, "quantity": 3}
		).status_code
		== 200
	)
	assert secretary.post(METHOD + "end_emergency", data={"emergency": name, "reason": ""}).status_code == 417
	ended = secretary.post(METHOD + "end_emergency", data={"emergency": name, "reason": "积水已退"})
	assert ended.status_code == 200, ended.text
	frappe.db.rollback()
	doc = frappe.get_doc("Community Emergency", name)
	assert doc.status == rules.EMERGENCY_ENDED and doc.end_reason == "积水已退"
	assert "accepted: 1" in doc.summary or "接受" in doc.summary
	assert frappe.db.get_value("Resource Offer", world.resource, "remaining_capacity") == 0
