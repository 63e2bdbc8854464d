"""Who sees which project, the reviewers' queue (Workflow Action) and their notifications."""

from __future__ import annotations

import frappe
import pytest
from factories import assign, make_portal_user, make_user
from projects_support import act, as_user, make_cast, set_threshold

from wuse_app.setup.roles import COMMUNITY_SECRETARY, COMMUNITY_STAFF


def _cast():
	set_threshold(50000)
	return make_cast()


@pytest.fixture(scope="module")
def cast(shared_data):
	"""The people of one approval chain, created once for the module (each test rolls back to them)."""
	return shared_data(_cast)


def visible(user: str, doctype: str = "Service Project", **filters) -> set[str]:
	with as_user(user):
		return set(frappe.get_list(doctype, filters=filters, pluck="name", limit_page_length=0))


def open_actions(user: str, project: str) -> list[str]:
	"""The user's queue at /app/workflow-action for this project."""
	with as_user(user):
		return frappe.get_list(
			"Workflow Action",
			filters={"reference_doctype": "Service Project", "reference_name": project, "status": "Open"},
			pluck="workflow_state",
		)


def notifications(user: str, project: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": "Service Project", "document_name": project},
		pluck="subject",
	)


# --- community scoping ----------------------------------------------------------------------------


def test_community_secretary_sees_only_their_community(cast):
	mine = cast.project()
	staff_elsewhere = make_user(COMMUNITY_STAFF)
	assign(staff_elsewhere, cast.other_community, COMMUNITY_STAFF)
	from factories import make_organization, make_service_project

	other_org = make_organization(community=cast.other_community)
	theirs = make_service_project(
		owner=staff_elsewhere, community=cast.other_community, organization=other_org
	)
	assert mine.name in visible(cast.secretary) and theirs.name not in visible(cast.secretary)
	assert theirs.name in visible(cast.other_secretary) and mine.name not in visible(cast.other_secretary)
	for user in (cast.reviewer, cast.leader, cast.admin):
		assert {mine.name, theirs.name} <= visible(user)
	assert not frappe.has_permission("Service Project", "read", theirs, user=cast.secretary)
	assert not frappe.has_permission("Service Project", "read", mine, user=staff_elsewhere)


def test_portal_user_sees_only_own_applications(cast):
	colleague = make_portal_user(cast.organization)
	own = cast.project(owner=cast.portal_user)
	colleagues = cast.project(owner=colleague)
	staffs = cast.project(owner=cast.staff)
	assert visible(cast.portal_user) == {own.name}
	assert visible(colleague) == {colleagues.name}
	assert frappe.has_permission("Service Project", "read", own, user=cast.portal_user)
	for other in (colleagues, staffs):
		assert not frappe.has_permission("Service Project", "read", other, user=cast.portal_user)


# --- the approval queue: Workflow Action -----------------------------------------------------------


def test_reviewer_of_the_next_step_finds_the_project_in_the_queue(cast):
	project = cast.project(amount=80000)
	assert open_actions(cast.secretary, project.name) == []
	act(cast.staff, project.name, "Submit for Review")
	assert open_actions(cast.secretary, project.name) == ["Pending Community Review"]
	assert open_actions(cast.other_secretary, project.name) == []  # other community
	assert open_actions(cast.reviewer, project.name) == []  # not yet their turn
	act(cast.secretary, project.name, "Approve")
	assert open_actions(cast.secretary, project.name) == []
	assert open_actions(cast.reviewer, project.name) == ["Pending Sub-district Review"]
	completed = frappe.get_all(
		"Workflow Action",
		filters={"reference_name": project.name, "status": "Completed"},
		fields=["completed_by", "workflow_state"],
	)
	assert sorted((c.completed_by, c.workflow_state) for c in completed) == sorted(
		[(cast.staff, "Draft"), (cast.secretary, "Pending Community Review")]
	)
	act(cast.reviewer, project.name, "Approve")
	assert open_actions(cast.leader, project.name) == ["Pending Leadership Approval"]


def test_applicant_holding_the_reviewer_role_gets_no_queue_entry_for_own_project(cast):
	applicant = make_user(COMMUNITY_STAFF)
	assign(applicant, cast.community, COMMUNITY_SECRETARY)
	project = cast.project(owner=applicant)
	act(applicant, project.name, "Submit for Review")
	assert open_actions(cast.secretary, project.name) == ["Pending Community Review"]
	assert open_actions(applicant, project.name) == []
	action = frappe.get_all(
		"Workflow Action", filters={"reference_name": project.name, "status": "Open"}, pluck="name"
	)[0]
	assert frappe.has_permission("Workflow Action", "read", action, user=cast.secretary)
	assert not frappe.has_permission("Workflow Action", "read", action, user=applicant)
	assert not frappe.has_permission("Workflow Action", "read", action, user=cast.other_secretary)


def test_applicant_still_sees_their_own_next_steps(cast):
	"""Outside review the queue entry is the applicant's own task (e.g. start the approved project)."""
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Approve")
	act(cast.reviewer, project.name, "Approve")
	assert open_actions(cast.staff, project.name) == ["Approved"]


def test_queue_of_other_doctypes_is_untouched(cast):
	from wuse_app.projects.permissions import workflow_action_query_conditions

	condition = workflow_action_query_conditions(cast.secretary)
	assert "`reference_doctype` != 'Service Project'" in condition
	assert workflow_action_query_conditions("Administrator") == ""
	# A user who cannot read projects at all gets no project entries, and the condition is valid SQL.
	condition = workflow_action_query_conditions(make_user("Volunteer"))
	frappe.db.sql(f"select count(*) from `tabWorkflow Action` where {condition}")


# --- notifications --------------------------------------------------------------------------------


def test_next_reviewers_get_a_system_notification(cast):
	project = cast.project(amount=80000)
	act(cast.staff, project.name, "Submit for Review")
	assert len(notifications(cast.secretary, project.name)) == 1
	assert "waiting for your review" in notifications(cast.secretary, project.name)[0]
	assert notifications(cast.other_secretary, project.name) == []
	assert notifications(cast.staff, project.name) == []
	assert notifications(cast.reviewer, project.name) == []
	act(cast.secretary, project.name, "Approve")
	assert len(notifications(cast.reviewer, project.name)) == 1
	act(cast.reviewer, project.name, "Approve")
	assert len(notifications(cast.leader, project.name)) == 1


def test_self_applicant_is_not_notified_as_reviewer(cast):
	applicant = make_user(COMMUNITY_STAFF)
	assign(applicant, cast.community, COMMUNITY_SECRETARY)
	project = cast.project(owner=applicant)
	act(applicant, project.name, "Submit for Review")
	assert notifications(applicant, project.name) == []
	assert len(notifications(cast.secretary, project.name)) == 1


def test_applicant_is_told_the_outcome_with_the_reason(cast):
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Return for Revision", reason="请补充活动方案")
	[subject] = notifications(cast.staff, project.name)
	assert "Returned for Revision" in subject and "请补充活动方案" in subject


def test_notifications_are_in_the_recipients_language(cast):
	frappe.db.set_value("User", cast.secretary, "language", "zh")
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	[subject] = notifications(cast.secretary, project.name)
	assert "等待您审核" in subject and "待社区审核" in subject


def test_email_goes_out_when_outgoing_mail_is_set_up(cast, monkeypatch):
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	assert not frappe.get_all("Email Queue", filters={"reference_name": project.name})
	monkeypatch.setitem(frappe.local.conf, "mail_server", "smtp.example.com")
	monkeypatch.setitem(frappe.local.conf, "auto_email_id", "wuse@example.com")
	act(cast.secretary, project.name, "Approve")
	queued = frappe.get_all("Email Queue", filters={"reference_name": project.name}, pluck="name")
	recipients = {r.recipient for name in queued for r in frappe.get_doc("Email Queue", name).recipients}
	assert cast.reviewer in recipients
	assert cast.staff not in recipients and cast.secretary not in recipients
