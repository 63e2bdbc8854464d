"""Fields are locked once a project leaves Draft / Returned for Revision (server-side, whatever the client)."""

from __future__ import annotations

import frappe
import pytest
from frappe.client import set_value
from projects_support import act, as_user, make_cast, set_threshold, state

from wuse_app.projects.approval import LockedFieldError


def _cast():
	set_threshold(50000)
	return make_cast()


@pytest.fixture(scope="module")
def cast(shared_data):
	"""The people of one approval chain, created once for the module (each test rolls back to them)."""
	return shared_data(_cast)


def submitted(cast, **values):
	project = cast.project(**values)
	act(cast.staff, project.name, "Submit for Review")
	return project.name


def in_progress(cast):
	name = submitted(cast)
	act(cast.secretary, name, "Approve")
	act(cast.reviewer, name, "Approve")
	act(cast.staff, name, "Start")
	assert state(name) == "In Progress"
	return name


def edit(user: str, name: str, **changes):
	with as_user(user):
		doc = frappe.get_doc("Service Project", name)
		for field, value in changes.items():
			doc.set(field, value)
		doc.save()
	return doc


@pytest.mark.parametrize(
	"field,value",
	[
		("project_title", "改名后的项目"),
		("start_date", "2030-01-01"),
		("objectives", "新的目标"),
		("category", "Other"),
		("beneficiary_count", 999),
		("applicant_organization", None),  # replaced below by another organisation
	],
)
def test_application_fields_are_locked_after_submission(cast, field, value):
	from factories import make_organization

	name = submitted(cast)
	if field == "applicant_organization":
		value = make_organization(community=cast.community)
	with pytest.raises(LockedFieldError, match="can no longer be changed"):
		edit(cast.staff, name, **{field: value})
	with pytest.raises(LockedFieldError):  # frappe.client.set_value: what REST and the desk call
		with as_user(cast.staff):
			set_value("Service Project", name, field, value)
	with pytest.raises(LockedFieldError):  # even an administrator
		edit("Administrator", name, **{field: value})


def test_budget_and_milestone_plan_are_locked_after_submission(cast):
	name = submitted(cast)
	with as_user(cast.staff):
		doc = frappe.get_doc("Service Project", name)
		doc.budget_items[0].amount += 1
		with pytest.raises(LockedFieldError):
			doc.save()
		doc = frappe.get_doc("Service Project", name)
		doc.append("milestones", {"title": "追加", "due_date": doc.end_date})
		with pytest.raises(LockedFieldError):
			doc.save()
	assert frappe.db.count("Service Project Milestone", {"parent": name}) == 2


def test_application_is_editable_in_draft_and_after_return(cast):
	project = cast.project()
	edit(cast.staff, project.name, project_title="草稿可改")
	act(cast.staff, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Return for Revision", reason="请修改标题")
	doc = edit(cast.staff, project.name, project_title="退回后可改")
	assert doc.project_title == "退回后可改"


def test_approved_amount_only_in_the_approving_states(cast):
	project = cast.project(amount=80000)
	with pytest.raises(LockedFieldError):
		edit("Administrator", project.name, approved_amount=100)  # not in Draft
	act(cast.staff, project.name, "Submit for Review")
	with pytest.raises(LockedFieldError):
		edit(cast.admin, project.name, approved_amount=100)  # not at community review
	act(cast.secretary, project.name, "Approve")
	edit(cast.reviewer, project.name, approved_amount=70000)
	act(cast.reviewer, project.name, "Approve")
	edit(cast.leader, project.name, approved_amount=60000)
	act(cast.leader, project.name, "Approve")
	with pytest.raises(LockedFieldError):
		edit(cast.admin, project.name, approved_amount=1)  # approved: final
	assert frappe.db.get_value("Service Project", project.name, "approved_amount") == 60000


def test_applicant_cannot_set_approved_amount(cast):
	"""Permission level 1: Frappe drops the value silently for the applicant, and the lock would refuse it."""
	project = cast.project(amount=80000)
	with as_user(cast.staff):
		doc = frappe.get_doc("Service Project", project.name)
		doc.approved_amount = 80000
		doc.save()
	assert not frappe.db.get_value("Service Project", project.name, "approved_amount")


def test_new_application_cannot_carry_review_data(cast):
	project = cast.project(
		approved_amount=5000,
		evaluation_score=100,
		evaluation_comments="自评满分",
		outcome_summary="已完成",
		last_review_reason="x",
		approval_log=[{"action": "Approve", "to_state": "Approved", "user": cast.reviewer}],
		owner=None,
	)
	doc = frappe.get_doc("Service Project", project.name)
	assert not doc.approved_amount and not doc.evaluation_score and not doc.evaluation_comments
	assert not doc.outcome_summary and not doc.last_review_reason and not doc.approval_log


def test_in_progress_opens_outcome_and_milestone_progress_only(cast):
	name = in_progress(cast)
	with as_user(cast.staff):
		doc = frappe.get_doc("Service Project", name)
		doc.milestones[1].status = "In Progress"
		doc.outcome_summary = "进行中"
		doc.save()
		doc = frappe.get_doc("Service Project", name)
		doc.milestones[0].title = "改计划"
		with pytest.raises(LockedFieldError, match="Milestones"):
			doc.save()
	with pytest.raises(LockedFieldError):
		edit(cast.reviewer, name, evaluation_score=80)  # evaluation only at completion review
	with pytest.raises(LockedFieldError, match="only"):
		edit(cast.reviewer, name, outcome_summary="审核人改写")  # not this state's editor


def test_editing_needs_a_role_that_may_edit_in_the_state(cast):
	"""Frappe enforces the workflow's "Only Allow Edit For" in the browser only; the server does too."""
	project = cast.project()
	with pytest.raises(LockedFieldError, match="only"):
		edit(cast.secretary, project.name, project_title="书记改草稿")
	with pytest.raises(LockedFieldError, match="only"):
		edit(cast.leader, project.name, objectives="领导改草稿")


def test_reason_field_cannot_be_rewritten_without_an_action(cast):
	name = submitted(cast)
	act(cast.secretary, name, "Return for Revision", reason="原始理由")
	with pytest.raises(LockedFieldError, match="reason"):
		edit(cast.staff, name, last_review_reason="被篡改的理由")
	assert frappe.db.get_value("Service Project", name, "last_review_reason") == "原始理由"


def test_trail_rows_sent_by_the_client_are_ignored(cast):
	name = submitted(cast)
	act(cast.secretary, name, "Return for Revision", reason="原始理由")
	with as_user(cast.staff):
		doc = frappe.get_doc("Service Project", name)
		doc.approval_log[1].reason = "改写的理由"
		doc.approval_log[1].user = cast.staff
		doc.append("approval_log", {"action": "Approve", "to_state": "Approved", "user": cast.leader})
		doc.project_title = "修改"
		doc.save()
	rows = frappe.get_all(
		"Project Approval Log", filters={"parent": name}, fields=["reason", "user"], order_by="idx asc"
	)
	assert len(rows) == 2 and rows[1].reason == "原始理由" and rows[1].user == cast.secretary


def test_rows_of_another_project_cannot_be_pulled_in(cast):
	victim = cast.project()
	mine = cast.project()
	foreign_row = frappe.get_all(
		"Service Project Budget Item", filters={"parent": victim.name}, pluck="name"
	)[0]
	with as_user(cast.staff):
		doc = frappe.get_doc("Service Project", mine.name)
		doc.append("budget_items", {"name": foreign_row, "description": "窃取", "amount": 1})
		doc.budget_items[-1].__dict__.pop("__islocal", None)
		with pytest.raises(frappe.PermissionError, match="another document"):
			doc.save()
	assert frappe.db.get_value("Service Project Budget Item", foreign_row, "parent") == victim.name


def test_only_drafts_can_be_deleted(cast):
	draft = cast.project()
	frappe.delete_doc("Service Project", draft.name)
	name = submitted(cast)
	with pytest.raises(frappe.PermissionError, match="draft"):
		frappe.delete_doc("Service Project", name)
