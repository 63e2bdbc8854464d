"""委托 / 转交 / 撤回 / 抄送 on any governed doctype, and the state rules read from the Workflow rows.

Runs on the custom (browser-made) DocType "Venue Booking" of test_approvals_any_doctype: nothing here
is code written for it.
"""

from __future__ import annotations

import json

import frappe
import pytest
from factories import RestClient, make_user
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, today
from test_approvals_any_doctype import DOCTYPE, WORKFLOW, as_user, booking, venue

from wuse_app.approvals import api
from wuse_app.approvals.actions import WithdrawalError
from wuse_app.approvals.delegation import DelegationError
from wuse_app.approvals.engine import ForwardedError, RequiredFieldError, SelfDecisionError
from wuse_app.setup.roles import COMMUNITY_SECRETARY, COMMUNITY_STAFF, LEADERSHIP_MEMBER


@pytest.fixture(scope="module")
def people(venue):  # noqa: F811
	"""A second secretary (colleague), a deputy without the secretary role, a leader (CC)."""
	frappe.set_user("Administrator")
	colleague = make_user(COMMUNITY_SECRETARY)
	deputy = make_user(COMMUNITY_STAFF)
	leader = make_user(LEADERSHIP_MEMBER)
	frappe.db.commit()
	yield frappe._dict(venue, colleague=colleague, deputy=deputy, leader=leader)
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.db.delete("Approval Delegation", {"delegator": ["in", [venue.secretary, venue.both]]})
	for user in (colleague, deputy, leader):
		frappe.db.delete("ToDo", {"allocated_to": user})
		frappe.db.delete("DocShare", {"user": user})
		frappe.db.delete("Notification Log", {"for_user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()


def delegate(delegator: str, to: str, days: int = 2, doctypes: tuple[str, ...] = ()) -> str:
	with as_user(delegator):
		doc = frappe.get_doc(
			{
				"doctype": "Approval Delegation",
				"delegator": delegator,
				"delegate": to,
				"from_date": today(),
				"to_date": add_days(today(), days),
				"document_types": [{"document_type": d} for d in doctypes],
				"reason": "出差",
			}
		).insert()
	return doc.name


def trail(name: str) -> list:
	with as_user("Administrator"):
		return api.trail(DOCTYPE, name)


def edit_workflow(change) -> None:
	"""What an administrator does in the Workflow form (rolled back after the test)."""
	wf = frappe.get_doc("Workflow", WORKFLOW)
	change(wf)
	wf.save()


# --- 委托 --------------------------------------------------------------------------------------------


def test_a_delegate_decides_on_behalf_of_the_approver_while_the_delegation_holds(people):
	name = booking(people.both)
	delegation = delegate(people.secretary, people.deputy)
	with as_user(people.deputy):
		with pytest.raises(frappe.PermissionError):  # no delegation from the colleague
			api.decide(DOCTYPE, name, "Approve", on_behalf_of=people.colleague)
		result = api.decide(DOCTYPE, name, "Approve", "同意（代签）", on_behalf_of=people.secretary)
	assert result["state"] == "Approved" and frappe.session.user == "Administrator"
	last = trail(name)[-1]
	assert (last.action, last.user, last.on_behalf_of, last.opinion) == (
		"Approve",
		people.deputy,
		people.secretary,
		"同意（代签）",
	)
	# It ends by itself: yesterday was its last day.
	other = booking(people.both)
	frappe.db.set_value(
		"Approval Delegation",
		delegation,
		{"from_date": add_days(today(), -5), "to_date": add_days(today(), -1)},
	)
	with as_user(people.deputy), pytest.raises(DelegationError):
		api.decide(DOCTYPE, other, "Approve", on_behalf_of=people.secretary)


def test_a_delegation_never_lets_the_applicant_decide_and_holds_only_for_its_doctypes(people):
	name = booking(people.both)
	delegate(people.secretary, people.both)  # the applicant as delegate
	with as_user(people.both), pytest.raises(SelfDecisionError):
		api.decide(DOCTYPE, name, "Approve", on_behalf_of=people.secretary)
	delegate(people.colleague, people.deputy, doctypes=("Service Project",))
	with as_user(people.deputy), pytest.raises(DelegationError):
		api.decide(DOCTYPE, name, "Approve", on_behalf_of=people.colleague)
	assert frappe.db.get_value(DOCTYPE, name, "workflow_state") == "Pending Review"


def test_users_manage_their_own_delegations_and_administrators_all(people):
	mine = delegate(people.secretary, people.deputy)
	with as_user(people.colleague):
		assert frappe.get_list("Approval Delegation", pluck="name") == []
		assert not frappe.has_permission("Approval Delegation", "read", mine)
		with pytest.raises(frappe.PermissionError):  # for someone else
			frappe.get_doc(
				{
					"doctype": "Approval Delegation",
					"delegator": people.secretary,
					"delegate": people.colleague,
					"from_date": today(),
					"to_date": today(),
				}
			).insert()
	with as_user(people.deputy):  # the delegate sees it, cannot change it
		assert frappe.get_list("Approval Delegation", pluck="name") == [mine]
		assert not frappe.has_permission("Approval Delegation", "write", mine)
	assert mine in frappe.get_list("Approval Delegation", pluck="name")  # Administrator


# --- 转交 --------------------------------------------------------------------------------------------


def test_forwarding_hands_the_decision_to_a_colleague_with_the_same_role(people):
	name = booking(people.both)
	with as_user(people.secretary):
		with pytest.raises(frappe.ValidationError, match="does not hold the role"):
			api.forward(DOCTYPE, name, people.deputy, "请审")
		with pytest.raises(frappe.ValidationError, match="applied for this document"):
			api.forward(DOCTYPE, name, people.both, "请审")
		api.forward(DOCTYPE, name, people.colleague, "我下周休假，请你审")
		with pytest.raises(ForwardedError):
			apply_workflow(frappe.get_doc(DOCTYPE, name), "Approve")
	assert frappe.db.exists(
		"ToDo", {"allocated_to": people.colleague, "reference_name": name, "status": "Open"}
	)
	with as_user(people.colleague):
		assert apply_workflow(frappe.get_doc(DOCTYPE, name), "Approve").workflow_state == "Approved"
	rows = trail(name)
	assert [(r.kind, r.user, r.forwarded_to, r.opinion) for r in rows if r.kind] == [
		("Forward", people.secretary, people.colleague, "我下周休假，请你审")
	]


# --- 撤回 --------------------------------------------------------------------------------------------


def test_the_applicant_withdraws_until_the_first_decision_of_the_round(people):
	edit_workflow(
		lambda wf: [
			t.update({"approval_mode": "At least N", "approvals_required": 2})
			for t in wf.transitions
			if t.action == "Approve"
		]
	)
	name = booking(people.both)
	with as_user(people.secretary), pytest.raises(WithdrawalError, match="Only the applicant"):
		api.withdraw(DOCTYPE, name)
	with as_user(people.both):
		assert api.withdraw(DOCTYPE, name, "补充场地照片")["state"] == "Draft"
		apply_workflow(frappe.get_doc(DOCTYPE, name), "Submit")
	withdrawal = [r for r in trail(name) if r.kind == "Withdrawal"]
	assert [(r.user, r.state, r.next_state, r.opinion) for r in withdrawal] == [
		(people.both, "Pending Review", "Draft", "补充场地照片")
	]
	with as_user(people.secretary):
		assert api.decide(DOCTYPE, name, "Approve", "同意")["moved"] is False  # a decision in this round
	with as_user(people.both), pytest.raises(WithdrawalError, match="already decided"):
		api.withdraw(DOCTYPE, name)


# --- 抄送, required fields, a renamed state ----------------------------------------------------------


def test_cc_required_fields_and_locks_follow_the_rows_after_a_rename(people):
	def configure(wf):
		for row in wf.states:
			if row.state == "Pending Review":
				row.state = "待场地审核"
			if row.state == "Approved":
				row.required_fields = "purpose"
		for t in wf.transitions:
			t.state = "待场地审核" if t.state == "Pending Review" else t.state
			t.next_state = "待场地审核" if t.next_state == "Pending Review" else t.next_state
			if t.action == "Approve":
				t.cc = f"{LEADERSHIP_MEMBER}, {people.deputy}"

	if not frappe.db.exists("Workflow State", "待场地审核"):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "待场地审核"}).insert()
	edit_workflow(configure)
	with as_user(people.both):
		empty = frappe.get_doc({"doctype": DOCTYPE, "venue": "活动室"}).insert()
		apply_workflow(empty, "Submit")
	name = booking(people.both)
	assert frappe.db.get_value(DOCTYPE, name, "workflow_state") == "待场地审核"
	with as_user(people.secretary):
		with pytest.raises(RequiredFieldError, match="Purpose"):
			apply_workflow(frappe.get_doc(DOCTYPE, empty.name), "Approve")
		doc = frappe.get_doc(DOCTYPE, name)
		doc.venue = "改个场地"
		with pytest.raises(frappe.ValidationError, match="can no longer be changed"):
			doc.save()
		apply_workflow(frappe.get_doc(DOCTYPE, name), "Approve")
	with as_user(people.both), pytest.raises(SelfDecisionError):  # the renamed review keeps its rule
		apply_workflow(frappe.get_doc(DOCTYPE, empty.name), "Approve")
	for user in (people.leader, people.deputy):  # a role and a user on the row
		assert frappe.db.exists("Notification Log", {"for_user": user, "document_name": name})
	# The leader has no right on bookings: read access to that one document, nothing else.
	assert frappe.has_permission(DOCTYPE, "read", name, user=people.leader)
	assert not frappe.has_permission(DOCTYPE, "read", empty.name, user=people.leader)
	assert not frappe.has_permission(DOCTYPE, "write", name, user=people.leader)


# --- REST ------------------------------------------------------------------------------------------


@pytest.mark.commits
def test_over_rest_delegation_forwarding_and_withdrawal_hold(people):
	delegate(people.secretary, people.deputy)
	first, second = booking(people.both), booking(people.both)
	frappe.db.commit()
	deputy, colleague, applicant = (
		RestClient(people.deputy),
		RestClient(people.colleague),
		RestClient(people.both),
	)
	response = deputy.post(
		"/api/method/wuse_app.approvals.api.decide",
		data={"doctype": DOCTYPE, "name": first, "action": "Approve", "on_behalf_of": people.secretary},
	)
	assert response.status_code == 200, response.text
	response = applicant.post(  # Frappe's own endpoint cannot be used to act for someone
		"/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": json.dumps({"doctype": DOCTYPE, "name": second}), "action": "Approve"},
	)
	assert response.status_code == 417, response.text
	response = colleague.post(
		"/api/method/wuse_app.approvals.api.withdraw", data={"doctype": DOCTYPE, "name": second}
	)
	assert response.status_code == 417, response.text
	response = deputy.post(  # no role for this step: cannot forward
		"/api/method/wuse_app.approvals.api.forward",
		data={"doctype": DOCTYPE, "name": second, "to_user": people.colleague},
	)
	assert response.status_code == 403, response.text
	response = applicant.post(
		"/api/method/wuse_app.approvals.api.withdraw",
		data={"doctype": DOCTYPE, "name": second, "note": "撤回"},
	)
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	assert frappe.db.get_value(DOCTYPE, first, "workflow_state") == "Approved"
	assert frappe.db.get_value(DOCTYPE, second, "workflow_state") == "Draft"
	row = frappe.get_all(
		"Approval Vote",
		filters={"reference_name": first, "action": "Approve"},
		fields=["user", "on_behalf_of"],
	)
	assert row == [{"user": people.deputy, "on_behalf_of": people.secretary}]
