"""Service Project Approval: every transition, the routing by threshold, and every denial."""

from __future__ import annotations

import frappe
import pytest
from factories import assign, make_user
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from projects_support import act, as_user, make_cast, set_threshold, state, trail, workflow

from wuse_app.projects.approval import ReasonRequiredError, SelfReviewError
from wuse_app.setup.roles import COMMUNITY_SECRETARY, COMMUNITY_STAFF, SUBDISTRICT_REVIEWER
from wuse_app.workflows.service_project import SERVICE_PROJECT_WORKFLOW, WORKFLOW_NAME

REVIEW_STATES = ("Pending Community Review", "Pending Sub-district Review", "Pending Leadership Approval")


def _cast():
	set_threshold(50000)
	return make_cast()


@pytest.fixture(scope="module")
def cast(shared_data):
	"""The people of one approval chain, created once for the module (each test rolls back to them)."""
	return shared_data(_cast)


def reviewer_for(cast, review_state):
	return {
		"Pending Community Review": cast.secretary,
		"Pending Sub-district Review": cast.reviewer,
		"Pending Leadership Approval": cast.leader,
	}[review_state]


def bring_to(cast, project, target):
	"""Move a project (above the threshold when Leadership is wanted) to `target` along the happy path."""
	path = {
		"Pending Community Review": [(cast.staff, "Submit for Review")],
		"Pending Sub-district Review": [(cast.staff, "Submit for Review"), (cast.secretary, "Approve")],
		"Pending Leadership Approval": [
			(cast.staff, "Submit for Review"),
			(cast.secretary, "Approve"),
			(cast.reviewer, "Approve"),
		],
	}[target]
	for user, action in path:
		act(user, project, action)
	assert state(project) == target


# --- the seeded workflow --------------------------------------------------------------------------


def test_workflow_is_seeded_active_with_the_issue_states():
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	assert (
		wf.is_active and wf.document_type == "Service Project" and wf.workflow_state_field == "workflow_state"
	)
	assert {s.state for s in wf.states} == {s.name for s in SERVICE_PROJECT_WORKFLOW.states}
	assert {s.doc_status for s in wf.states} == {"0"}  # not submittable: locks are in the controller
	assert not wf.send_email_alert  # no signed-link approvals by email
	assert not wf.override_status  # the state is shown as the status indicator


def test_every_review_transition_forbids_self_approval():
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for t in wf.transitions:
		if t.state in (*REVIEW_STATES, "Pending Completion Review"):
			assert not t.allow_self_approval, (t.state, t.action)
		else:  # the applicant moves their own project: submit, resubmit, start, report completion
			assert t.allow_self_approval, (t.state, t.action)


def test_workflow_state_field_is_in_the_doctype_json():
	df = frappe.get_meta("Service Project").get_field("workflow_state")
	assert df.fieldtype == "Link" and df.options == "Workflow State" and not df.get("is_custom_field")
	assert not frappe.db.exists("Custom Field", {"dt": "Service Project", "fieldname": "workflow_state"})


# --- the whole lifecycle --------------------------------------------------------------------------


def test_full_lifecycle_below_the_threshold(cast):
	project = cast.project(amount=30000)
	assert project.workflow_state == "Draft" and project.requested_amount == 30000
	p = act(cast.staff, project.name, "Submit for Review")
	assert p.workflow_state == "Pending Community Review"
	p = act(cast.secretary, p.name, "Approve")
	assert p.workflow_state == "Pending Sub-district Review"
	with as_user(cast.reviewer):
		p.approved_amount = 25000
		p.save()
	p = act(cast.reviewer, p.name, "Approve")
	assert p.workflow_state == "Approved" and p.approved_amount == 25000
	p = act(cast.staff, p.name, "Start")
	assert p.workflow_state == "In Progress"
	with as_user(cast.staff):
		p.milestones[0].status = "Completed"
		p.outcome_summary = "服务高龄老人 120 人，助餐 3600 人次"
		p.save()
	assert str(p.milestones[0].completed_on) == frappe.utils.nowdate()
	p = act(cast.staff, p.name, "Submit for Completion Review")
	assert p.workflow_state == "Pending Completion Review"
	with as_user(cast.reviewer):
		p.evaluation_score = 92
		p.evaluation_comments = "目标完成，群众满意度高"
		p.save()
	p = act(cast.reviewer, p.name, "Accept Completion")
	assert p.workflow_state == "Completed"
	assert trail(p.name) == [
		("Submit for Review", "Pending Community Review", cast.staff),
		("Approve", "Pending Sub-district Review", cast.secretary),
		("Approve", "Approved", cast.reviewer),
		("Start", "In Progress", cast.staff),
		("Submit for Completion Review", "Pending Completion Review", cast.staff),
		("Accept Completion", "Completed", cast.reviewer),
	]
	log = p.approval_log[1]
	assert log.from_state == "Pending Community Review" and log.role == COMMUNITY_SECRETARY
	assert log.user_full_name == frappe.utils.get_fullname(cast.secretary) and log.acted_on


def test_above_the_threshold_leadership_approves_as_well(cast):
	project = cast.project(amount=80000)
	bring_to(cast, project.name, "Pending Leadership Approval")
	p = act(cast.leader, project.name, "Approve")
	assert p.workflow_state == "Approved"
	assert p.approved_amount == 80000  # left blank: the requested amount is approved
	assert [row.role for row in p.approval_log][-2:] == [SUBDISTRICT_REVIEWER, "Leadership Group Member"]


def test_threshold_is_read_live_from_settings(cast):
	"""The same 80,000 project: routed to leadership at 50,000, approved directly at 100,000; no code."""
	first, second = cast.project(amount=80000), cast.project(amount=80000)
	bring_to(cast, first.name, "Pending Sub-district Review")
	bring_to(cast, second.name, "Pending Sub-district Review")
	assert act(cast.reviewer, first.name, "Approve").workflow_state == "Pending Leadership Approval"
	set_threshold(100000)
	assert act(cast.reviewer, second.name, "Approve").workflow_state == "Approved"
	set_threshold(80000)  # "exceeds": exactly the threshold needs no leadership approval
	third = cast.project(amount=80000)
	bring_to(cast, third.name, "Pending Sub-district Review")
	assert act(cast.reviewer, third.name, "Approve").workflow_state == "Approved"
	set_threshold(79999.99)
	fourth = cast.project(amount=80000)
	bring_to(cast, fourth.name, "Pending Sub-district Review")
	assert act(cast.reviewer, fourth.name, "Approve").workflow_state == "Pending Leadership Approval"


def test_threshold_routing_through_frappe_workflow_endpoint(cast):
	project = cast.project(amount=60000)
	bring_to(cast, project.name, "Pending Sub-district Review")
	set_threshold(60000)
	assert workflow(cast.reviewer, project.name, "Approve").workflow_state == "Approved"


@pytest.mark.parametrize("review_state", REVIEW_STATES)
def test_return_for_revision_with_reason_from_every_review_state(cast, review_state):
	project = cast.project(amount=80000)
	bring_to(cast, project.name, review_state)
	p = act(
		reviewer_for(cast, review_state), project.name, "Return for Revision", reason="预算明细不全，请补充"
	)
	assert p.workflow_state == "Returned for Revision"
	assert p.last_review_reason == "预算明细不全，请补充"
	assert p.approval_log[-1].reason == "预算明细不全，请补充"
	# The applicant revises and resubmits; the reason is no longer shown as current.
	with as_user(cast.staff):
		p.budget_items[0].amount += 1000
		p.save()
	p = act(cast.staff, p.name, "Resubmit")
	assert p.workflow_state == "Pending Community Review" and not p.last_review_reason
	assert p.approval_log[-2].reason == "预算明细不全，请补充"  # kept in the trail


@pytest.mark.parametrize("review_state", REVIEW_STATES)
def test_reject_with_reason_from_every_review_state(cast, review_state):
	project = cast.project(amount=80000)
	bring_to(cast, project.name, review_state)
	p = act(reviewer_for(cast, review_state), project.name, "Reject", reason="不属于政府购买服务范围")
	assert p.workflow_state == "Rejected" and p.last_review_reason == "不属于政府购买服务范围"
	with pytest.raises(frappe.PermissionError):  # final: nothing more happens
		act(reviewer_for(cast, review_state), project.name, "Approve")


@pytest.mark.parametrize("review_state", REVIEW_STATES)
@pytest.mark.parametrize("action", ["Return for Revision", "Reject"])
def test_return_and_reject_without_reason_are_refused(cast, review_state, action):
	project = cast.project(amount=80000)
	bring_to(cast, project.name, review_state)
	reviewer = reviewer_for(cast, review_state)
	with pytest.raises(ReasonRequiredError, match="reason"):
		workflow(reviewer, project.name, action)  # Frappe's endpoint has no reason: refused
	with pytest.raises(ReasonRequiredError):
		act(reviewer, project.name, action, reason="   ")
	assert state(project.name) == review_state


def test_completion_review_sends_back_with_reason(cast):
	project = cast.project(amount=10000)
	bring_to(cast, project.name, "Pending Sub-district Review")
	act(cast.reviewer, project.name, "Approve")
	act(cast.staff, project.name, "Start")
	with as_user(cast.staff):
		p = frappe.get_doc("Service Project", project.name)
		p.outcome_summary = "已完成"
		p.save()
	act(cast.staff, project.name, "Submit for Completion Review")
	with pytest.raises(ReasonRequiredError):
		workflow(cast.reviewer, project.name, "Send Back")
	p = act(cast.reviewer, project.name, "Send Back", reason="缺少活动照片和签到表")
	assert p.workflow_state == "In Progress" and p.last_review_reason == "缺少活动照片和签到表"


def test_completion_needs_outcome_and_evaluation(cast):
	project = cast.project(amount=10000)
	bring_to(cast, project.name, "Pending Sub-district Review")
	act(cast.reviewer, project.name, "Approve")
	act(cast.staff, project.name, "Start")
	# The states' Required Fields in the workflow (not the states' names) ask for them.
	with pytest.raises(frappe.ValidationError, match=r"(?i)outcome summary"):
		act(cast.staff, project.name, "Submit for Completion Review")
	with as_user(cast.staff):
		p = frappe.get_doc("Service Project", project.name)
		p.outcome_summary = "已完成"
		p.save()
	act(cast.staff, project.name, "Submit for Completion Review")
	with pytest.raises(frappe.ValidationError, match=r"(?i)evaluation"):
		act(cast.reviewer, project.name, "Accept Completion")


def test_optional_remarks_on_approval_are_kept_in_the_trail(cast):
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	p = act(cast.secretary, project.name, "Approve", reason="社区已实地核查")
	assert p.approval_log[-1].reason == "社区已实地核查" and not p.last_review_reason


# --- wrong role -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"target,actor,action",
	[
		("Draft", "secretary", "Submit for Review"),
		("Draft", "reviewer", "Submit for Review"),
		("Pending Community Review", "staff", "Approve"),
		("Pending Community Review", "reviewer", "Approve"),
		("Pending Community Review", "leader", "Approve"),
		("Pending Sub-district Review", "secretary", "Approve"),
		("Pending Sub-district Review", "leader", "Approve"),
		("Pending Sub-district Review", "staff", "Reject"),
		("Pending Leadership Approval", "reviewer", "Approve"),
		("Pending Leadership Approval", "secretary", "Reject"),
	],
)
def test_wrong_role_cannot_take_the_action(cast, target, actor, action):
	project = cast.project(amount=80000)
	if target != "Draft":
		bring_to(cast, project.name, target)
	user = getattr(cast, actor)
	with pytest.raises((WorkflowTransitionError, frappe.PermissionError)):
		workflow(user, project.name, action)
	with pytest.raises(frappe.PermissionError):
		act(user, project.name, action, reason="x")
	assert state(project.name) == target


def test_secretary_of_another_community_cannot_review(cast):
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	with pytest.raises(frappe.PermissionError):
		workflow(cast.other_secretary, project.name, "Approve")
	with pytest.raises(frappe.PermissionError):
		act(cast.other_secretary, project.name, "Approve")
	assert state(project.name) == "Pending Community Review"


def test_state_cannot_be_set_by_saving_the_field_without_a_transition(cast):
	project = cast.project()
	with as_user(cast.staff):
		p = frappe.get_doc("Service Project", project.name)
		p.workflow_state = "Approved"
		with pytest.raises(WorkflowPermissionError):
			p.save()
	assert state(project.name) == "Draft"


def test_new_project_cannot_start_in_a_later_state(cast):
	from factories import project_data

	data = {"doctype": "Service Project", **project_data(cast.community, cast.organization)}
	with as_user(cast.staff), pytest.raises(WorkflowPermissionError):
		frappe.get_doc({**data, "workflow_state": "Approved"}).insert()


# --- self-approval --------------------------------------------------------------------------------


@pytest.fixture
def secretary_applicant(cast):
	"""A Community Secretary who is also Community Staff of the same community and applies."""
	user = make_user(COMMUNITY_STAFF)
	assign(user, cast.community, COMMUNITY_SECRETARY)  # one assignment per community; staff role kept
	return user


def test_applicant_holding_the_reviewer_role_cannot_approve_own_project(cast, secretary_applicant):
	project = cast.project(owner=secretary_applicant)
	act(secretary_applicant, project.name, "Submit for Review")
	with pytest.raises(frappe.ValidationError, match="Self approval"):
		workflow(secretary_applicant, project.name, "Approve")  # Frappe: allow_self_approval = 0
	with pytest.raises(SelfReviewError, match="cannot review it"):
		act(secretary_applicant, project.name, "Approve")
	with pytest.raises(SelfReviewError):
		act(secretary_applicant, project.name, "Reject", reason="撤回")
	assert state(project.name) == "Pending Community Review"
	assert act(cast.secretary, project.name, "Approve").workflow_state == "Pending Sub-district Review"


def test_self_approval_through_a_plain_save_is_refused(cast, secretary_applicant):
	"""Frappe checks self-approval only in apply_workflow; a save (REST PUT) changing the state is ours."""
	project = cast.project(owner=secretary_applicant)
	act(secretary_applicant, project.name, "Submit for Review")
	with as_user(secretary_applicant):
		p = frappe.get_doc("Service Project", project.name)
		p.workflow_state = "Pending Sub-district Review"
		with pytest.raises(SelfReviewError):
			p.save()
	assert state(project.name) == "Pending Community Review"


def test_submitter_counts_as_applicant(cast):
	"""Created by one colleague, submitted by another who is also a secretary: the submitter may not review."""
	submitter = make_user(COMMUNITY_STAFF)
	assign(submitter, cast.community, COMMUNITY_SECRETARY)
	project = cast.project(owner=cast.staff)
	act(submitter, project.name, "Submit for Review")
	with pytest.raises(SelfReviewError):
		act(submitter, project.name, "Approve")


def test_administrator_is_no_exception(cast):
	project = cast.project(owner="Administrator")
	act("Administrator", project.name, "Submit for Review")
	with pytest.raises(SelfReviewError):
		act("Administrator", project.name, "Approve")


# --- amounts --------------------------------------------------------------------------------------


def test_approved_amount_cannot_exceed_requested(cast):
	project = cast.project(amount=20000)
	bring_to(cast, project.name, "Pending Sub-district Review")
	with as_user(cast.reviewer):
		p = frappe.get_doc("Service Project", project.name)
		p.approved_amount = 20000.01
		with pytest.raises(frappe.ValidationError, match="cannot exceed"):
			p.save()


def test_requested_amount_is_the_budget_sum_whatever_the_client_sends(cast):
	project = cast.project(amount=10000, requested_amount=1)
	assert project.requested_amount == 10000
	with as_user(cast.staff):
		project.append("budget_items", {"description": "交通费", "amount": 500})
		project.requested_amount = 999999
		project.save()
	assert frappe.db.get_value("Service Project", project.name, "requested_amount") == 10500


@pytest.mark.parametrize("amount", [0, -100])
def test_budget_lines_must_be_positive(cast, amount):
	with pytest.raises(frappe.ValidationError, match="greater than zero"):
		cast.project(budget_items=[{"description": "物资", "amount": amount}])


def test_dates_and_score_are_validated(cast):
	with pytest.raises(frappe.ValidationError, match="cannot be before"):
		cast.project(start_date="2026-06-01", end_date="2026-05-31", milestones=[])
	with pytest.raises(frappe.ValidationError, match="outside the project period"):
		cast.project(milestones=[{"title": "结项", "due_date": "2099-01-01"}])


# --- approval trail helper ------------------------------------------------------------------------


def test_approval_trail_helper_for_print_formats(cast):
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Return for Revision", reason="请补充预算")
	frappe.local.lang = "zh"
	html = frappe.render_template(
		"{% for row in get_approval_trail(name) %}{{ row.action_label }}|{{ row.to_state_label }}|"
		"{{ row.user_full_name }}|{{ row.reason or '' }};{% endfor %}",
		{"name": project.name},
	)
	secretary_name = frappe.utils.get_fullname(cast.secretary)
	assert html.endswith(f"退回修改|已退回修改|{secretary_name}|请补充预算;"), html
	from wuse_app.projects.approval import get_approval_trail

	with as_user(cast.other_secretary), pytest.raises(frappe.PermissionError):
		get_approval_trail(project.name)


def test_approval_queue_reads_open_as_pending_in_chinese():
	from frappe.desk.form.meta import get_meta
	from frappe.translate import get_all_translations

	script = get_meta("Workflow Action", cached=False).get("__list_js") or ""
	assert '__("Open", null, "Workflow Action status")' in script
	assert get_all_translations("zh")["Open:Workflow Action status"] == "待处理"
