"""Emergency mode (应急, seed 三(六)): the Community Secretary switches it on for their communities with a
reason; needs reported meanwhile are marked and come first; volunteers with matching skills are called
out and answer in the portal; resources of the area are assigned at once (provider told, capacity still
exact, reviewed afterwards by the sub-district); ending it needs a reason and writes the summary."""

from __future__ import annotations

import frappe
import pytest
from factories import assign, make_community, make_user, make_volunteer
from linkage_support import make_emergency, make_need, make_resource, volunteer_skill

from wuse_app.domain import linkage as rules
from wuse_app.linkage import emergency as api
from wuse_app.linkage.api import accept_resource
from wuse_app.setup import roles as R


@pytest.fixture
def w():
	here, there = make_community(), make_community()
	skill = volunteer_skill()
	data = frappe._dict(
		here=here,
		there=there,
		skill=skill,
		secretary=make_user(),
		other_secretary=make_user(),
		staff=make_user(),
		reviewer=make_user(R.SUBDISTRICT_REVIEWER),
		volunteer_user=make_user(R.VOLUNTEER),
	)
	assign(data.secretary, here, R.COMMUNITY_SECRETARY)
	assign(data.other_secretary, there, R.COMMUNITY_SECRETARY)
	assign(data.staff, here, R.COMMUNITY_STAFF)
	data.called = make_volunteer(here, user=data.volunteer_user, skills=[{"skill": skill}]).name
	data.no_skill = make_volunteer(here).name
	data.elsewhere = make_volunteer(there, skills=[{"skill": skill}]).name
	# a volunteer's resource of another category than the needs: in an emergency it may still be assigned
	data.resource = make_resource(
		here, capacity=5, categories=("Poverty Relief",), provider_type="Volunteer", volunteer=data.called
	).name
	data.resource_there = make_resource(there, capacity=5).name
	return data


def notified(user: str, doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": doctype, "document_name": name},
		pluck="subject",
	)


def test_only_the_secretary_of_the_community_switches_it_on_with_a_reason_once(w):
	frappe.set_user(w.other_secretary)
	with pytest.raises(frappe.ValidationError, match="only for your own communities"):
		make_emergency([w.here])
	frappe.set_user(w.staff)  # community staff may read emergencies, not declare one
	with pytest.raises(frappe.PermissionError):
		make_emergency([w.here])
	frappe.set_user(w.secretary)
	with pytest.raises(frappe.ValidationError, match="reason for switching"):
		make_emergency([w.here], reason="")
	doc = make_emergency([w.here], status="Ended", started_by="someone@example.com")
	assert (doc.status, doc.started_by, doc.lead) == (rules.EMERGENCY_ACTIVE, w.secretary, w.secretary)
	assert doc.started_on and doc.community == w.here
	with pytest.raises(frappe.ValidationError, match="already in emergency"):
		make_emergency([w.here])
	# nothing of it changes but through end_emergency
	doc.reload()
	doc.status, doc.start_reason = rules.EMERGENCY_ENDED, doc.start_reason
	doc.save()
	assert frappe.db.get_value("Community Emergency", doc.name, "status") == rules.EMERGENCY_ACTIVE
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
	unscoped = make_user(R.COMMUNITY_SECRETARY)
	for user, expected in (
		(w.other_secretary, []),
		(unscoped, []),
		(w.staff, [doc.name]),
		(w.reviewer, [doc.name]),
	):
		frappe.set_user(user)
		names = frappe.get_list("Community Emergency", filters={"name": doc.name}, pluck="name")
		assert names == expected, user
		dispatches = frappe.get_list("Emergency Dispatch", filters={"emergency": doc.name}, pluck="name")
		assert len(dispatches) == len(expected), user
	frappe.set_user(make_user(R.VOLUNTEER))  # another volunteer sees no one else's dispatch
	assert frappe.get_list("Emergency Dispatch", filters={"emergency": doc.name}) == []
