"""The 联动 workspace (cards scoped, fail closed) and emergency mode (应急, seed 三(六)): the Community Secretary switches it on for their communities with a
reason; needs reported meanwhile are marked and come first; volunteers with matching skills are called
out and answer in the portal; resources of the area are assigned at once (provider told, capacity still
exact, reviewed afterwards by the sub-district); ending it needs a reason and writes the summary."""

from __future__ import annotations

import json
from datetime import timedelta

import frappe
import pytest
from factories import RestClient, assign, make_community, make_user, make_volunteer
from frappe.utils import now_datetime
from linkage_support import make_emergency, make_need, make_resource, volunteer_skill

from wuse_app.domain import linkage as rules
from wuse_app.linkage import emergency as api
from wuse_app.linkage.api import accept_resource
from wuse_app.setup import roles as R

EMERGENCIES = "/api/resource/Community Emergency"
METHOD = "/api/method/wuse_app.linkage.emergency."


@pytest.fixture(scope="module")
def w():
	"""Built once and committed (users are slow to create); each test still rolls back its own changes."""
	frappe.set_user("Administrator")
	here, there = make_community(), make_community()
	skill = volunteer_skill()
	data = frappe._dict(
		here=here,
		there=there,
		skill=skill,
		secretary=make_user(),
		other_secretary=make_user(),
		staff=make_user(),
		unscoped=make_user(R.COMMUNITY_SECRETARY),
		reviewer=make_user(R.SUBDISTRICT_REVIEWER),
		volunteer_user=make_user(R.VOLUNTEER),
		other_volunteer_user=make_user(R.VOLUNTEER),
	)
	assign(data.secretary, here, R.COMMUNITY_SECRETARY)
	assign(data.other_secretary, there, R.COMMUNITY_SECRETARY)
	assign(data.staff, here, R.COMMUNITY_STAFF)
	data.called = make_volunteer(here, user=data.volunteer_user, skills=[{"skill": skill}]).name
	data.no_skill = make_volunteer(here, user=data.other_volunteer_user).name
	data.elsewhere = make_volunteer(there, skills=[{"skill": skill}]).name
	# a volunteer's resource of another category than the needs: in an emergency it may still be assigned
	data.resource = make_resource(
		here, capacity=5, categories=("Poverty Relief",), provider_type="Volunteer", volunteer=data.called
	).name
	data.resource_there = make_resource(there, capacity=5).name
	frappe.db.commit()
	yield data
	delete_world(data)


USERS = (
	"secretary",
	"other_secretary",
	"staff",
	"unscoped",
	"reviewer",
	"volunteer_user",
	"other_volunteer_user",
)


def delete_world(data) -> None:
	frappe.db.rollback()
	frappe.set_user("Administrator")
	communities = [data.here, data.there]
	emergencies = frappe.get_all(
		"Resource Offer Community",
		filters={"parenttype": "Community Emergency", "community": ["in", communities]},
		pluck="parent",
	)
	resources = [data.resource, data.resource_there]
	needs = frappe.get_all("Resident Need", filters={"community": ["in", communities]}, pluck="name")
	frappe.db.delete("Emergency Dispatch", {"emergency": ["in", emergencies or [""]]})
	frappe.db.delete("Need Match", {"resource": ["in", resources]})
	for doctype, names in (
		("Community Emergency", emergencies),
		("Resident Need", needs),
		("Resource Offer", resources),
	):
		for name in names:
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
			frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
			frappe.db.delete(doctype, {"name": name})
	for table in ("Resource Offer Category", "Resource Offer Community"):
		frappe.db.delete(table, {"parent": ["in", resources + emergencies]})
	for volunteer in (data.called, data.no_skill, data.elsewhere):
		frappe.db.delete("Volunteer Skill Item", {"parent": volunteer})
		frappe.db.delete("Volunteer", {"name": volunteer})
	users = [data[key] for key in USERS]
	frappe.db.delete("Notification Log", {"for_user": ["in", users]})
	for community in communities:
		frappe.db.delete("Community Assignment", {"community": community})
		frappe.db.delete("User Permission", {"for_value": community})
	for user in users:
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for community in communities:
		sub_district = frappe.db.get_value("Community", community, "sub_district")
		frappe.db.delete("Community", {"name": community})
		frappe.db.delete("Sub District", {"name": sub_district})
	frappe.db.commit()


def notified(user: str, doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": doctype, "document_name": name},
		pluck="subject",
	)


def test_only_the_secretary_of_the_community_switches_it_on_with_a_reason_once(w):
	frappe.set_user(w.other_secretary)  # another community: refused (User Permissions, then the rule)
	with pytest.raises(frappe.PermissionError):
		make_emergency([w.here])
	frappe.set_user(w.staff)  # community staff may read emergencies, not declare one
	with pytest.raises(frappe.PermissionError):
		make_emergency([w.here])
	frappe.set_user(w.secretary)
	with pytest.raises(frappe.ValidationError, match="reason for switching"):
		make_emergency([w.here], reason="")
	doc = make_emergency([w.here], status="Ended", started_by=w.staff)
	assert (doc.status, doc.started_by, doc.lead) == (rules.EMERGENCY_ACTIVE, w.secretary, w.secretary)
	assert doc.started_on and doc.community == w.here
	with pytest.raises(frappe.ValidationError, match="already in emergency"):
		make_emergency([w.here])
	# nothing of it changes but through end_emergency
	doc.reload()
	doc.status, doc.start_reason = rules.EMERGENCY_ENDED, doc.start_reason
	doc.save()
	assert frappe.db.get_value("Community Emergency", doc.name, "status") == rules.EMERGENCY_ACTIVE
	frappe.set_user("Administrator")  # (for the secretary, Frappe's User Permissions refuse it already)
	doc.reload()
	doc.append("communities", {"community": w.there})
	with pytest.raises(frappe.ValidationError, match="cannot be changed"):
		doc.save()


def test_needs_reported_meanwhile_are_marked_and_come_first_on_the_board(w):
	frappe.set_user(w.secretary)
	earlier = make_need(w.here, urgency="Urgent")
	doc = make_emergency([w.here])
	during = make_need(w.here, urgency="Low")
	assert (during.is_emergency, during.emergency) == (1, doc.name)
	assert not earlier.is_emergency
	frappe.set_user(w.other_secretary)
	assert not make_need(w.there).is_emergency  # another community is not in emergency mode
	with pytest.raises(frappe.PermissionError):
		api.emergency_board(doc.name)
	frappe.set_user(w.secretary)
	board = api.emergency_board(doc.name)
	assert [n.name for n in board["needs"]] == [during.name, earlier.name]  # triage: emergency needs first
	assert board["can_dispatch"] == 1


def test_volunteers_with_matching_skills_in_scope_are_called_out_and_answer_once(w):
	frappe.set_user(w.secretary)
	doc = make_emergency([w.here])
	frappe.set_user(w.staff)
	with pytest.raises(frappe.PermissionError):
		api.dispatch_volunteers(doc.name, skills=[w.skill], task="转移低洼小区老人")
	frappe.set_user(w.secretary)
	result = api.dispatch_volunteers(doc.name, skills=[w.skill], task="转移低洼小区老人")
	assert result["dispatched"] == 1 and result["notified"] == 1
	dispatch = frappe.get_doc("Emergency Dispatch", {"emergency": doc.name})
	assert (dispatch.volunteer, dispatch.status, dispatch.dispatched_by) == (
		w.called,
		"Notified",
		w.secretary,
	)
	assert notified(w.volunteer_user, "Emergency Dispatch", dispatch.name)
	assert api.dispatch_volunteers(doc.name, skills=[w.skill])["dispatched"] == 0  # never called twice
	# the volunteer answers in the portal: only they, a reason when declining, once
	frappe.set_user(w.secretary)
	with pytest.raises(frappe.PermissionError):
		api.respond_to_dispatch(dispatch.name, "Accepted")
	frappe.set_user(w.volunteer_user)
	assert [d.name for d in api.my_dispatches()] == [dispatch.name]
	with pytest.raises(frappe.ValidationError, match="why you cannot come"):
		api.respond_to_dispatch(dispatch.name, "Declined")
	assert api.respond_to_dispatch(dispatch.name, "Accepted") == "Accepted"
	with pytest.raises(frappe.ValidationError, match="already answered"):
		api.respond_to_dispatch(dispatch.name, "Declined", "生病")
	assert notified(w.secretary, "Emergency Dispatch", dispatch.name)
	# a form or REST save cannot forge a dispatch
	frappe.set_user("Administrator")
	with pytest.raises(frappe.ValidationError, match="made from the emergency"):
		frappe.get_doc(
			{"doctype": "Emergency Dispatch", "emergency": doc.name, "volunteer": w.no_skill}
		).insert()


def test_resources_are_assigned_at_once_provider_told_capacity_exact_reviewed_afterwards(w):
	frappe.set_user(w.secretary)
	doc = make_emergency([w.here])
	need = make_need(w.here)  # Elderly Support; the resource offers Poverty Relief only
	with pytest.raises(frappe.ValidationError, match="does not serve"):
		accept_resource(need.name, w.resource, 1)  # normal matching refuses; an emergency assigns
	match = frappe.get_doc("Need Match", api.assign_resource(doc.name, w.resource, 3, need=need.name))
	assert (match.is_emergency, match.emergency, match.review_status) == (1, doc.name, rules.REVIEW_PENDING)
	assert frappe.db.get_value("Resource Offer", w.resource, "remaining_capacity") == 2
	assert notified(w.volunteer_user, "Need Match", match.name)  # the provider is told, not asked
	with pytest.raises(frappe.ValidationError, match="Only 2 is left"):
		api.assign_resource(doc.name, w.resource, 3)
	whole = api.assign_resource(doc.name, w.resource, 2, note="安置点用")  # to the emergency as a whole
	assert frappe.db.get_value("Need Match", whole, ["need", "community"]) == (None, w.here)
	assert frappe.db.get_value("Resource Offer", w.resource, "remaining_capacity") == 0
	frappe.set_user("Administrator")  # (the secretary cannot even read a resource of another community)
	with pytest.raises(frappe.ValidationError, match="does not serve the communities"):
		api.assign_resource(doc.name, w.resource_there, 1)
	frappe.set_user(w.staff)
	with pytest.raises(frappe.PermissionError):
		api.assign_resource(doc.name, w.resource, 1)
	# a forged REST insert of an emergency match goes through the same checks
	frappe.set_user(w.other_secretary)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{"doctype": "Need Match", "resource": w.resource_there, "quantity": 1, "emergency": doc.name}
		).insert()
	# reviewed afterwards by the sub-district, once; what was committed cannot be edited
	frappe.set_user(w.secretary)
	with pytest.raises(frappe.PermissionError):
		api.review_assignment(match.name)
	match.reload()
	match.quantity, match.review_status = 1, rules.REVIEW_DONE
	match.save()
	assert frappe.db.get_value("Need Match", match.name, ["quantity", "review_status"]) == (
		3,
		rules.REVIEW_PENDING,
	)
	frappe.set_user(w.reviewer)
	assert api.review_assignment(match.name, "物资发放合理") == rules.REVIEW_DONE
	with pytest.raises(frappe.ValidationError, match="not waiting for a review"):
		api.review_assignment(match.name)


def test_ending_needs_a_reason_writes_the_summary_and_stops_dispatching(w):
	frappe.set_user(w.secretary)
	doc = make_emergency([w.here])
	make_need(w.here)
	api.dispatch_volunteers(doc.name, skills=[w.skill], task="巡查")
	api.assign_resource(doc.name, w.resource, 4)
	with pytest.raises(frappe.ValidationError, match="reason for ending"):
		api.end_emergency(doc.name, " ")
	summary = api.end_emergency(doc.name, "积水已退，转入常态服务")
	assert "Needs reported in emergency mode: 1" in summary and "Volunteers notified: 1" in summary
	assert "Resources assigned: 1; waiting for review: 1" in summary and "Assigned 4 (People)" in summary
	doc.reload()
	assert (doc.status, doc.ended_by, doc.end_reason) == (
		rules.EMERGENCY_ENDED,
		w.secretary,
		"积水已退，转入常态服务",
	)
	with pytest.raises(frappe.ValidationError, match="has ended"):
		api.assign_resource(doc.name, w.resource, 1)
	with pytest.raises(frappe.ValidationError, match="has ended"):
		api.dispatch_volunteers(doc.name, skills=[w.skill])
	with pytest.raises(frappe.ValidationError, match="already ended"):
		api.end_emergency(doc.name, "again")
	doc.title = "changed"
	with pytest.raises(frappe.ValidationError, match="can no longer be changed"):
		doc.save()
	assert not make_need(w.here).is_emergency  # mode is off again
	frappe.set_user(w.volunteer_user)
	dispatch = frappe.db.get_value("Emergency Dispatch", {"emergency": doc.name})
	with pytest.raises(frappe.ValidationError, match="has ended"):
		api.respond_to_dispatch(dispatch, "Accepted")


def test_emergencies_and_dispatches_are_scoped_and_fail_closed(w):
	frappe.set_user(w.secretary)
	doc = make_emergency([w.here])
	api.dispatch_volunteers(doc.name, skills=[w.skill])
	for user, expected in (
		(w.other_secretary, []),
		(w.unscoped, []),
		(w.staff, [doc.name]),
		(w.reviewer, [doc.name]),
	):
		frappe.set_user(user)
		names = frappe.get_list("Community Emergency", filters={"name": doc.name}, pluck="name")
		assert names == expected, user
		dispatches = frappe.get_list("Emergency Dispatch", filters={"emergency": doc.name}, pluck="name")
		assert len(dispatches) == len(expected), user
	frappe.set_user(w.other_volunteer_user)  # another volunteer sees no one else's dispatch
	assert frappe.get_list("Emergency Dispatch", filters={"emergency": doc.name}) == []


# --- the 联动 workspace --------------------------------------------------------------------------------

WORKSPACE = "Linkage"
CARDS = (
	"Open Needs",
	"Overdue Needs",
	"Resources with Capacity Left",
	"Average Satisfaction",
	"Active Emergencies",
)


def card_value(name: str) -> float:
	from frappe.desk.doctype.number_card.number_card import get_result

	card = frappe.get_doc("Number Card", name)
	filters = json.loads(card.filters_json or "[]")
	# the desk evaluates the dynamic filters in the browser; here: now
	for doctype, field, op, _expression in json.loads(card.dynamic_filters_json or "[]"):
		filters.append([doctype, field, op, str(now_datetime())])
	return get_result(card.as_dict(), json.dumps(filters)) or 0


def test_workspace_ships_cards_shortcuts_and_lists():
	workspace = frappe.get_doc("Workspace", WORKSPACE)
	assert {c.number_card_name for c in workspace.number_cards} == set(CARDS)
	assert [c.chart_name for c in workspace.charts] == ["Needs by Category"]
	assert all(frappe.db.exists("Number Card", name) for name in CARDS)
	shortcuts = {s.link_to for s in workspace.shortcuts}
	assert {"Resident Need", "Resource Offer", "Service Project", "Community Emergency"} <= shortcuts
	links = {link.link_to for link in workspace.links if link.type == "Link"}
	assert {
		"Need Match",
		"Emergency Dispatch",
		"Needs by Community and Category",
		"Service Category",
	} <= links
	frappe.local.lang = "zh"
	assert frappe._(workspace.title) == "联动" and frappe._("Open Needs") != "Open Needs"


def test_cards_count_only_the_users_communities_and_fail_closed(w):
	here, there = w.here, w.there
	overdue = make_need(here, urgency="Urgent")
	frappe.db.set_value(
		"Resident Need", overdue.name, "response_deadline", now_datetime() - timedelta(hours=1)
	)
	rated_here = make_need(here)
	rated_there = make_need(there)
	make_need(there)
	make_need(there)
	frappe.db.set_value("Resident Need", rated_here.name, "satisfaction", 3)
	frappe.db.set_value("Resident Need", rated_there.name, "satisfaction", 5)
	make_resource(here, capacity=2)
	make_resource(there, capacity=2)
	make_emergency([there])

	frappe.set_user(w.secretary)
	from frappe.desk.desktop import get_desktop_page

	page = get_desktop_page(json.dumps({"name": WORKSPACE, "title": WORKSPACE, "public": 1}))
	assert len(page["number_cards"]["items"]) == len(CARDS)
	assert card_value("Open Needs") == 2
	assert card_value("Overdue Needs") == 1
	assert card_value("Resources with Capacity Left") == 2  # with the world's resource in this community
	assert card_value("Average Satisfaction") == 3
	from wuse_app.linkage.dashboard_chart_source.needs_by_category.needs_by_category import get

	chart = get(chart_name="Needs by Category")
	assert chart["labels"] == ["Elderly Support"] and chart["datasets"][0]["values"] == [2]
	assert card_value("Active Emergencies") == 0  # the emergency is in another community
	frappe.set_user(w.unscoped)  # a community role without a community sees nothing
	assert [card_value(name) for name in CARDS] == [0] * len(CARDS)
	frappe.set_user("Administrator")
	assert card_value("Open Needs") >= 5 and card_value("Active Emergencies") >= 1


# --- over HTTP -----------------------------------------------------------------------------------------


@pytest.mark.commits  # over HTTP: the served site sees committed data only; the world's teardown cleans up
def test_emergency_mode_end_to_end_over_rest(w):
	secretary = RestClient(w.secretary)
	body = {
		"title": "暴雨应急",
		"emergency_type": "Flood",
		"communities": [{"community": w.here}],
		"start_reason": "暴雨红色预警，低洼小区积水",
		"status": "Ended",
		"started_by": w.staff,
	}
	assert RestClient(w.staff).post(EMERGENCIES, json=body).status_code == 403
	assert RestClient(w.other_secretary).post(EMERGENCIES, json=body).status_code == 403
	response = secretary.post(EMERGENCIES, json=body)
	assert response.status_code == 200, response.text
	emergency = response.json()["data"]
	assert (emergency["status"], emergency["started_by"]) == (rules.EMERGENCY_ACTIVE, w.secretary)
	name = emergency["name"]
	# server-kept fields ignored on update; the other community's secretary cannot even read it
	assert (
		secretary.put(f"{EMERGENCIES}/{name}", json={"status": "Ended"}).json()["data"]["status"] == "Active"
	)
	assert RestClient(w.other_secretary).get(f"{EMERGENCIES}/{name}").status_code == 403
	board = RestClient(w.other_secretary).get(METHOD + "emergency_board", params={"emergency": name})
	assert board.status_code == 403

	# dispatch: the volunteer answers in the portal; nobody else can answer for them
	assert (
		RestClient(w.staff)
		.post(METHOD + "dispatch_volunteers", data={"emergency": name, "skills": w.skill})
		.status_code
		== 403
	)
	sent = secretary.post(
		METHOD + "dispatch_volunteers", data={"emergency": name, "skills": w.skill, "task": "转移老人"}
	)
	assert sent.status_code == 200 and sent.json()["message"]["dispatched"] == 1, sent.text
	volunteer = RestClient(w.volunteer_user)
	page = volunteer.get("/emergency_tasks")
	assert page.status_code == 200 and "转移老人" in page.text
	assert "转移老人" not in RestClient(w.other_volunteer_user).get("/emergency_tasks").text
	dispatch = volunteer.get("/api/resource/Emergency Dispatch").json()["data"][0]["name"]
	answer = METHOD + "respond_to_dispatch"
	assert (
		RestClient(w.other_volunteer_user)
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
			assign_url, data={"emergency": name, "resource": w.resource, "quantity": 6}
		).status_code
		== 417
	)
	assert (
		secretary.post(
			assign_url, data={"emergency": name, "resource": w.resource, "quantity": 5}
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
	assert frappe.db.get_value("Resource Offer", w.resource, "remaining_capacity") == 0
