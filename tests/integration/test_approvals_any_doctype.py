"""Any doctype is governed by its workflow's approval stages, with no code: a DocType an administrator
creates in the browser (custom) gets no self-decision, locked fields, required reasons and a trail.
"""

from __future__ import annotations

import json

import frappe
import pytest
from factories import RestClient, make_user
from frappe.model.workflow import apply_workflow

from wuse_app.approvals.engine import LockedFieldError, ReasonRequiredError, SelfDecisionError
from wuse_app.setup.roles import COMMUNITY_SECRETARY, COMMUNITY_STAFF

pytestmark = pytest.mark.commits

DOCTYPE = "Venue Booking"
WORKFLOW = "Venue Booking Approval"


def as_user(user):
	from projects_support import as_user as _as_user

	return _as_user(user)


@pytest.fixture(scope="module")
def venue():
	"""The custom DocType and its workflow, made as an administrator makes them in the desk."""
	frappe.set_user("Administrator")
	if not frappe.db.exists("DocType", DOCTYPE):
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": DOCTYPE,
				"module": "Approvals",
				"custom": 1,
				"autoname": "hash",
				"fields": [
					{"fieldname": "venue", "fieldtype": "Data", "label": "Venue", "reqd": 1},
					{"fieldname": "purpose", "fieldtype": "Small Text", "label": "Purpose"},
					{"fieldname": "approval_reason", "fieldtype": "Small Text", "label": "Reason"},
					{
						"fieldname": "workflow_state",
						"fieldtype": "Link",
						"label": "Workflow State",
						"options": "Workflow State",
						"hidden": 1,
					},
				],
				"permissions": [
					{"role": COMMUNITY_STAFF, "read": 1, "write": 1, "create": 1},
					{"role": COMMUNITY_SECRETARY, "read": 1, "write": 1},
				],
			}
		).insert()
	for state in ("Draft", "Pending Review", "Approved", "Rejected"):
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
	for action in ("Submit", "Approve", "Reject"):
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert()
	if not frappe.db.exists("Workflow", WORKFLOW):
		frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_name": WORKFLOW,
				"document_type": DOCTYPE,
				"workflow_state_field": "workflow_state",
				"is_active": 1,
				"send_email_alert": 0,
				"states": [
					{
						"state": "Draft",
						"doc_status": "0",
						"allow_edit": COMMUNITY_STAFF,
						"approval_stage": "Editing",
					},
					{
						"state": "Pending Review",
						"doc_status": "0",
						"allow_edit": COMMUNITY_SECRETARY,
						"approval_stage": "Review",
						"editable_fields": "approval_reason",
					},
					{
						"state": "Approved",
						"doc_status": "0",
						"allow_edit": COMMUNITY_SECRETARY,
						"approval_stage": "Active",
					},
					{
						"state": "Rejected",
						"doc_status": "0",
						"allow_edit": COMMUNITY_SECRETARY,
						"approval_stage": "Closed",
					},
				],
				"transitions": [
					{
						"state": "Draft",
						"action": "Submit",
						"next_state": "Pending Review",
						"allowed": COMMUNITY_STAFF,
						"allow_self_approval": 1,
					},
					{
						"state": "Pending Review",
						"action": "Approve",
						"next_state": "Approved",
						"allowed": COMMUNITY_SECRETARY,
						"allow_self_approval": 1,  # Frappe's default for a new row
					},
					{
						"state": "Pending Review",
						"action": "Reject",
						"next_state": "Rejected",
						"allowed": COMMUNITY_SECRETARY,
						"allow_self_approval": 1,
						"reason_required": 1,
					},
				],
			}
		).insert()
	both = make_user(COMMUNITY_STAFF, COMMUNITY_SECRETARY)
	secretary = make_user(COMMUNITY_SECRETARY)
	frappe.db.commit()
	yield frappe._dict(both=both, secretary=secretary)
	frappe.db.rollback()
	frappe.set_user("Administrator")
	names = frappe.get_all(DOCTYPE, pluck="name")
	frappe.db.delete("Approval Vote", {"reference_doctype": DOCTYPE})
	for doctype, field in (("Workflow Action", "reference_name"), ("Comment", "reference_name")):
		frappe.db.delete(doctype, {field: ["in", names or ["-"]]})
	frappe.delete_doc("Workflow", WORKFLOW, force=True, ignore_permissions=True)
	frappe.delete_doc("DocType", DOCTYPE, force=True, ignore_permissions=True)
	for user in (both, secretary):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()
	frappe.clear_cache()


def booking(user: str) -> str:
	with as_user(user):
		doc = frappe.get_doc({"doctype": DOCTYPE, "venue": "社区活动室", "purpose": "老年书法班"}).insert()
		apply_workflow(doc, "Submit")
	frappe.db.commit()
	return doc.name


def test_the_applicant_cannot_approve_their_own_booking_whatever_the_row_allows(venue):
	name = booking(venue.both)
	with as_user(venue.both), pytest.raises(SelfDecisionError):
		apply_workflow(frappe.get_doc(DOCTYPE, name), "Approve")
	frappe.db.rollback()
	with as_user(venue.secretary):
		doc = apply_workflow(frappe.get_doc(DOCTYPE, name), "Approve")
	frappe.db.commit()
	assert doc.workflow_state == "Approved"
	trail = frappe.get_all(
		"Approval Vote",
		filters={"reference_doctype": DOCTYPE, "reference_name": name},
		fields=["action", "user", "state", "next_state"],
		order_by="creation asc",
	)
	assert [(t.action, t.user) for t in trail] == [("Submit", venue.both), ("Approve", venue.secretary)]


def test_fields_lock_in_review_and_a_reject_needs_its_reason(venue):
	name = booking(venue.both)
	with as_user(venue.secretary):
		doc = frappe.get_doc(DOCTYPE, name)
		doc.purpose = "改成别的用途"
		with pytest.raises(LockedFieldError):
			doc.save()
		with pytest.raises(ReasonRequiredError):
			apply_workflow(frappe.get_doc(DOCTYPE, name), "Reject")
		doc = frappe.get_doc(DOCTYPE, name)
		doc.approval_reason = "场地已被预约"
		doc.save()
		doc = apply_workflow(doc, "Reject")
	frappe.db.commit()
	assert doc.workflow_state == "Rejected"


def test_over_rest_the_applicant_is_refused_too(venue):
	name = booking(venue.both)
	response = RestClient(venue.both).post(
		"/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": json.dumps({"doctype": DOCTYPE, "name": name}), "action": "Approve"},
	)
	assert response.status_code == 417, response.text
	assert "cannot decide on it" in response.text
	response = RestClient(venue.both).put(f"/api/resource/{DOCTYPE}/{name}", json={"purpose": "REST 改"})
	assert response.status_code == 417, response.text
	frappe.db.rollback()
	assert frappe.db.get_value(DOCTYPE, name, ["workflow_state", "purpose"]) == (
		"Pending Review",
		"老年书法班",
	)


# --- 会签 / N-of-M ------------------------------------------------------------------------------------


@pytest.fixture
def two_of_many(venue):
	"""The Approve step of the booking needs 2 approvals (At least N); a Reject still applies at once."""
	wf = frappe.get_doc("Workflow", WORKFLOW)
	for t in wf.transitions:
		if t.action == "Approve":
			t.approval_mode, t.approvals_required = "At least N", 2
	wf.save()
	third = make_user(COMMUNITY_SECRETARY)
	frappe.db.commit()
	yield frappe._dict(venue, third=third)
	frappe.db.rollback()
	wf = frappe.get_doc("Workflow", WORKFLOW)
	for t in wf.transitions:
		t.approval_mode, t.approvals_required = "Any one", 0
	wf.save()
	frappe.delete_doc("User", third, force=True, ignore_permissions=True)
	frappe.db.commit()


def decide(user: str, name: str, action: str, opinion: str | None = None) -> dict:
	from wuse_app.approvals.api import decide as _decide

	with as_user(user):
		result = _decide(DOCTYPE, name, action, opinion=opinion)
	frappe.db.commit()
	return result


def test_two_approvals_are_needed_and_nobody_votes_twice(two_of_many):
	name = booking(two_of_many.both)
	with as_user(two_of_many.secretary), pytest.raises(frappe.ValidationError, match="needs 2 approvals"):
		apply_workflow(frappe.get_doc(DOCTYPE, name), "Approve")  # Frappe's endpoint cannot skip the count
	frappe.db.rollback()
	first = decide(two_of_many.secretary, name, "Approve", "同意")
	assert first == {"name": name, "state": "Pending Review", "moved": False, "votes": 1, "needed": 2}
	with pytest.raises(frappe.ValidationError, match="already approved"):
		decide(two_of_many.secretary, name, "Approve")
	frappe.db.rollback()
	assert decide(two_of_many.third, name, "Approve", "同意，注意安全")["moved"] is True
	assert frappe.db.get_value(DOCTYPE, name, "workflow_state") == "Approved"
	from wuse_app.approvals.api import trail

	rows = trail(DOCTYPE, name)
	assert [(r.action, r.user, r.moved, r.opinion) for r in rows] == [
		("Submit", two_of_many.both, 1, None),
		("Approve", two_of_many.secretary, 0, "同意"),
		("Approve", two_of_many.third, 1, "同意，注意安全"),
	]


def test_one_reject_applies_at_once_on_a_two_approval_step(two_of_many):
	name = booking(two_of_many.both)
	decide(two_of_many.secretary, name, "Approve")
	assert decide(two_of_many.third, name, "Reject", "时间冲突")["moved"] is True
	assert frappe.db.get_value(DOCTYPE, name, "workflow_state") == "Rejected"


def test_the_applicant_cannot_vote_and_rest_voting_works(two_of_many):
	name = booking(two_of_many.both)
	response = RestClient(two_of_many.both).post(
		"/api/method/wuse_app.approvals.api.decide",
		data={"doctype": DOCTYPE, "name": name, "action": "Approve"},
	)
	assert response.status_code == 417, response.text
	response = RestClient(two_of_many.secretary).post(
		"/api/method/wuse_app.approvals.api.decide",
		data={"doctype": DOCTYPE, "name": name, "action": "Approve"},
	)
	assert response.status_code == 200 and response.json()["message"]["moved"] is False, response.text
	frappe.db.rollback()
	assert frappe.db.count("Approval Vote", {"reference_name": name, "moved": 0}) == 1
