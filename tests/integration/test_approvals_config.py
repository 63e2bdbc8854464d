"""State meaning as configuration: the rules follow what the administrator sets in the Workflow form.

The approval fields (stage, editable fields, limits; reason required, approval mode) are custom fields
on Workflow Document State / Workflow Transition. A state added or renamed in the browser keeps every
rule: no self-decision out of a Review state (whatever allow_self_approval says), locks from the
state's editable fields, reasons from the transition row.
"""

from __future__ import annotations

import frappe
import pytest
from factories import assign, make_user
from projects_support import act, as_user, make_cast, state

from wuse_app.approvals.config import CUSTOM_FIELDS, ensure_custom_fields, get_policy
from wuse_app.projects.approval import LockedFieldError, ReasonRequiredError, SelfReviewError
from wuse_app.setup.install import ensure_seeded_records
from wuse_app.setup.roles import SOCIAL_WORKER
from wuse_app.workflows.service_project import WORKFLOW_NAME

NEW_STATE = "Pending Social Work Station Review"


def ensure_state_master(name: str) -> None:
	if not frappe.db.exists("Workflow State", name):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": name}).insert()


def add_social_work_station_review(reason_required: bool = True) -> None:
	"""What an administrator does in the Workflow form: a new review level after the community's,
	decided by Social Workers; Frappe's new rows allow self-approval by default."""
	ensure_state_master(NEW_STATE)
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for t in wf.transitions:
		if t.state == "Pending Community Review" and t.action == "Approve":
			t.next_state = NEW_STATE
	wf.append(
		"states",
		{"state": NEW_STATE, "doc_status": "0", "allow_edit": SOCIAL_WORKER, "approval_stage": "Review"},
	)
	wf.append(
		"transitions",
		{
			"state": NEW_STATE,
			"action": "Approve",
			"next_state": "Pending Sub-district Review",
			"allowed": SOCIAL_WORKER,
			"allow_self_approval": 1,
		},
	)
	wf.append(
		"transitions",
		{
			"state": NEW_STATE,
			"action": "Return for Revision",
			"next_state": "Returned for Revision",
			"allowed": SOCIAL_WORKER,
			"allow_self_approval": 1,
			"reason_required": int(reason_required),
		},
	)
	wf.save()


def rename_state(old: str, new: str) -> None:
	ensure_state_master(new)
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for row in wf.states:
		if row.state == old:
			row.state = new
	for t in wf.transitions:
		t.state = new if t.state == old else t.state
		t.next_state = new if t.next_state == old else t.next_state
	wf.save()


@pytest.fixture
def cast():
	from projects_support import set_threshold

	set_threshold(50000)
	return make_cast()


@pytest.fixture
def social_workers(cast):
	"""Two social workers of the community: one applies, the other reviews at the new level."""
	applicant, colleague = make_user(SOCIAL_WORKER), make_user(SOCIAL_WORKER)
	for user in (applicant, colleague):
		assign(user, cast.community, SOCIAL_WORKER)
	return frappe._dict(applicant=applicant, colleague=colleague)


# --- the fields and the seed ------------------------------------------------------------------------


def test_the_approval_fields_exist_on_state_and_transition_rows():
	for doctype, fields in CUSTOM_FIELDS.items():
		meta = frappe.get_meta(doctype)
		for field in fields:
			assert meta.has_field(field["fieldname"]), (doctype, field["fieldname"])


def test_the_seeded_project_workflow_gives_every_state_its_meaning():
	policy = get_policy("Service Project")
	assert policy.stage("Draft") == "Editing" and policy.stage("Returned for Revision") == "Editing"
	assert policy.states_in("Review") == {
		"Pending Community Review",
		"Pending Sub-district Review",
		"Pending Leadership Approval",
		"Pending Completion Review",
	}
	assert policy.stage("Approved") == "Active" and policy.stage("Rejected") == "Closed"
	assert policy.reason_required("Pending Community Review", "Rejected", "Reject")
	assert not policy.reason_required("Pending Community Review", "Pending Sub-district Review", "Approve")
	assert get_policy("Official Document").stage("Pending Review") == "Review"


def test_install_and_migrate_keep_an_administrators_values():
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for row in wf.states:
		if row.state == "Approved":
			row.editable_fields = "outcome_summary"
	wf.save()
	frappe.db.set_value(
		"Custom Field", {"dt": "Workflow Document State", "fieldname": "approval_stage"}, "label", "审批阶段"
	)
	ensure_custom_fields()
	ensure_seeded_records()
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	assert {r.editable_fields for r in wf.states if r.state == "Approved"} == {"outcome_summary"}
	assert (
		frappe.db.get_value(
			"Custom Field", {"dt": "Workflow Document State", "fieldname": "approval_stage"}, "label"
		)
		== "审批阶段"
	)


def test_the_workflow_form_refuses_an_editable_field_the_doctype_does_not_have():
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	wf.states[0].editable_fields = "project_title, no_such_field"
	with pytest.raises(frappe.ValidationError, match="no_such_field"):
		wf.save()


def test_the_patch_fills_blank_meaning_and_keeps_what_is_set():
	from wuse_app.patches.v0_2 import fill_approval_meaning

	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for row in wf.states:
		if row.state == "Pending Community Review":
			row.approval_stage = ""
		if row.state == "Approved":
			row.approval_stage = "Closed"  # an administrator's choice
	for t in wf.transitions:
		if t.action == "Reject":
			t.reason_required = 0
	wf.save()
	fill_approval_meaning.execute()
	policy = get_policy("Service Project")
	assert policy.stage("Pending Community Review") == "Review"
	assert policy.stage("Approved") == "Closed"
	assert policy.reason_required("Pending Community Review", "Rejected", "Reject")


# --- a state added in the browser -------------------------------------------------------------------


def test_an_added_review_level_refuses_the_applicant_whatever_self_approval_says(cast, social_workers):
	add_social_work_station_review()
	project = cast.project(owner=social_workers.applicant)
	act(social_workers.applicant, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Approve")
	assert state(project.name) == NEW_STATE
	with pytest.raises(SelfReviewError):
		act(social_workers.applicant, project.name, "Approve")
	from projects_support import workflow

	with pytest.raises(frappe.ValidationError):  # Frappe's own endpoint: refused too
		workflow(social_workers.applicant, project.name, "Approve")
	assert state(project.name) == NEW_STATE
	assert (
		act(social_workers.colleague, project.name, "Approve").workflow_state == "Pending Sub-district Review"
	)


def test_an_added_state_locks_the_application_and_its_return_needs_the_reason_it_was_given(
	cast, social_workers
):
	add_social_work_station_review(reason_required=True)
	project = cast.project(owner=social_workers.applicant)
	act(social_workers.applicant, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Approve")
	with as_user(social_workers.colleague), pytest.raises(LockedFieldError):
		doc = frappe.get_doc("Service Project", project.name)
		doc.project_title = "改个名字"
		doc.save()
	with pytest.raises(ReasonRequiredError):
		act(social_workers.colleague, project.name, "Return for Revision")
	p = act(social_workers.colleague, project.name, "Return for Revision", reason="请补充社工站意见")
	assert p.workflow_state == "Returned for Revision" and p.last_review_reason == "请补充社工站意见"


def test_a_return_the_administrator_did_not_mark_needs_no_reason(cast, social_workers):
	add_social_work_station_review(reason_required=False)
	project = cast.project(owner=social_workers.applicant)
	act(social_workers.applicant, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Approve")
	assert (
		act(social_workers.colleague, project.name, "Return for Revision").workflow_state
		== "Returned for Revision"
	)


# --- a state renamed in the browser -----------------------------------------------------------------


def test_a_renamed_review_state_keeps_its_locks_its_open_field_and_no_self_review(cast):
	rename_state("Pending Sub-district Review", "Pending Street Office Review")
	self_reviewer = make_user("Sub-district Reviewer", "Community Staff")
	assign(self_reviewer, cast.community, "Community Staff")
	project = cast.project(owner=self_reviewer)
	act(self_reviewer, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Approve")
	assert state(project.name) == "Pending Street Office Review"
	with as_user(cast.reviewer):
		doc = frappe.get_doc("Service Project", project.name)
		doc.approved_amount = 9000  # still open in the renamed state
		doc.save()
		doc.reload()
		doc.project_title = "改名"
		with pytest.raises(LockedFieldError):
			doc.save()
	with pytest.raises(SelfReviewError):
		act(self_reviewer, project.name, "Approve")
	with pytest.raises(ReasonRequiredError):
		act(cast.reviewer, project.name, "Reject")
	assert act(cast.reviewer, project.name, "Approve").workflow_state == "Approved"


def test_a_renamed_editing_state_still_makes_its_submitter_an_applicant(cast):
	rename_state("Returned for Revision", "Sent Back to Applicant")
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Return for Revision", reason="补充材料")
	assert state(project.name) == "Sent Back to Applicant"
	with as_user(cast.staff):  # the application is editable again in the renamed Editing state
		doc = frappe.get_doc("Service Project", project.name)
		doc.project_title = "补充后的项目"
		doc.save()
	assert act(cast.staff, project.name, "Resubmit").workflow_state == "Pending Community Review"


def rename_state_row_only(old: str, new: str) -> None:
	"""What an administrator does in the States table: types the new name over the old one, and saves
	without touching the transitions (Frappe alone would refuse: "... not a valid State")."""
	ensure_state_master(new)
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for row in wf.states:
		if row.state == old:
			row.state = new
	wf.save()


def test_a_state_renamed_in_the_states_table_takes_its_transitions_and_its_documents_along(cast):
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Approve")
	assert state(project.name) == "Pending Sub-district Review"

	rename_state_row_only("Pending Sub-district Review", "街道复核")

	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	named = {t.state for t in wf.transitions} | {t.next_state for t in wf.transitions}
	assert "街道复核" in named and "Pending Sub-district Review" not in named
	# The project waiting in the step waits in it under its new name, and the step still decides.
	assert state(project.name) == "街道复核"
	with pytest.raises(ReasonRequiredError):
		act(cast.reviewer, project.name, "Reject")
	assert act(cast.reviewer, project.name, "Approve").workflow_state == "Approved"


def test_a_renamed_state_keeps_the_settings_that_name_it():
	from wuse_app.utils.settings import get_settings

	settings = frappe.get_single("Wuse Settings")
	if not any(
		r.document_type == "Service Project" and r.start_state == "Approved"
		for r in settings.public_notice_rules
	):
		settings.append(
			"public_notice_rules", {"document_type": "Service Project", "start_state": "Approved", "days": 5}
		)
	settings.project_state_resolving_needs = "Completed"
	settings.flags.ignore_permissions = True
	settings.save()

	rename_state_row_only("Approved", "已批准（本街道）")
	rename_state_row_only("Completed", "已结项")

	settings = get_settings()
	starts = {r.start_state for r in settings.public_notice_rules if r.document_type == "Service Project"}
	assert "已批准（本街道）" in starts and "Approved" not in starts
	assert settings.project_state_resolving_needs == "已结项"


def test_a_swap_of_two_state_names_moves_no_document(cast):
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	assert state(project.name) == "Pending Community Review"
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	names = {row.state: row for row in wf.states}
	community, subdistrict = names["Pending Community Review"], names["Pending Sub-district Review"]
	community.state, subdistrict.state = subdistrict.state, community.state
	for t in wf.transitions:  # the administrator swaps the transitions too, as Frappe requires
		swap = {"Pending Community Review": "Pending Sub-district Review"}
		swap.update({v: k for k, v in swap.items()})
		t.state, t.next_state = swap.get(t.state, t.state), swap.get(t.next_state, t.next_state)
	wf.save()
	assert state(project.name) == "Pending Community Review"
