"""Default workflow "Service Project Approval" (seeded once; see wuse_app.workflows).

	Draft --Submit for Review--> Pending Community Review              (applicant: portal user, social
	Returned for Revision --Resubmit--> Pending Community Review        worker or community staff)
	Pending Community Review --Approve--> Pending Sub-district Review   (Community Secretary)
	Pending Sub-district Review --Approve--> Approved                   (Sub-district Reviewer, at or
	                                                                      below the threshold)
	Pending Sub-district Review --Approve--> Pending Leadership Approval (above the threshold)
	Pending Leadership Approval --Approve--> Approved                   (Leadership Group Member)
	each review state --Return for Revision--> Returned for Revision    (a reason is required)
	each review state --Reject--> Rejected                              (a reason is required)
	Approved --Start--> In Progress --Submit for Completion Review--> Pending Completion Review
	Pending Completion Review --Accept Completion--> Completed          (Sub-district Reviewer)
	Pending Completion Review --Send Back--> In Progress                (a reason is required)

Every state carries its approval meaning (stage, editable fields, time limits) and every Return,
Reject and Send Back needs a reason (wuse_app.approvals): the rules read those, never the names, so
an administrator may rename or add states in the Workflow form.

The threshold is read live from Wuse Settings when the condition is evaluated, so an administrator
changes the routing there without code. Self-approval is off on every review transition, and the
controller refuses a review by the project's own applicant whatever the workflow says. The project is
not submittable: it keeps changing after approval (milestones, outcome, evaluation), and a submitted
document could never be returned for revision; the controller locks the fields instead.

Several rows for one state give the desk's "Only Allow Edit For" to several roles; the controller
enforces the same roles on the server.
"""

from __future__ import annotations

from wuse_app.domain.approvals import ACTIVE, CLOSED, EDITING, REVIEW
from wuse_app.domain.projects import (
	APPROVED,
	COMPLETED,
	DRAFT,
	IN_PROGRESS,
	MILESTONE_PROGRESS,
	PENDING_COMMUNITY_REVIEW,
	PENDING_COMPLETION_REVIEW,
	PENDING_LEADERSHIP_APPROVAL,
	PENDING_SUBDISTRICT_REVIEW,
	REJECTED,
	RETURNED,
)
from wuse_app.setup.roles import (
	COMMUNITY_SECRETARY,
	COMMUNITY_STAFF,
	LEADERSHIP_MEMBER,
	SOCIAL_ORGANIZATION_USER,
	SOCIAL_WORKER,
	SUBDISTRICT_REVIEWER,
	WUSE_ADMINISTRATOR,
)
from wuse_app.workflows.definitions import State, Transition, WorkflowDefinition

WORKFLOW_NAME = "Service Project Approval"

SUBMIT_FOR_REVIEW = "Submit for Review"
RESUBMIT = "Resubmit"
APPROVE = "Approve"
RETURN_FOR_REVISION = "Return for Revision"
REJECT = "Reject"
START = "Start"
SUBMIT_FOR_COMPLETION_REVIEW = "Submit for Completion Review"
ACCEPT_COMPLETION = "Accept Completion"
SEND_BACK = "Send Back"

APPLICANT_ROLES = (SOCIAL_ORGANIZATION_USER, SOCIAL_WORKER, COMMUNITY_STAFF)

_THRESHOLD = (
	'float(frappe.db.get_value("Wuse Settings", "Wuse Settings", "leadership_approval_threshold") or 0)'
)
ABOVE_THRESHOLD = f"doc.requested_amount > {_THRESHOLD}"
WITHIN_THRESHOLD = f"doc.requested_amount <= {_THRESHOLD}"


def _editable_by(
	state: str, roles: tuple[str, ...], style: str, stage: str, fields: str = "", **limits
) -> tuple[State, ...]:
	"""One row per editing role; every row carries the state's approval meaning."""
	return tuple(
		State(
			state,
			doc_status=0,
			allow_edit=role,
			style=style,
			approval_stage=stage,
			editable_fields=fields,
			**limits,
		)
		for role in roles
	)


def _by_applicants(state: str, action: str, next_state: str) -> tuple[Transition, ...]:
	return tuple(
		Transition(state, action, next_state, role, allow_self_approval=True) for role in APPLICANT_ROLES
	)


def _review(state: str, role: str, approve_to: str, condition: str = "") -> tuple[Transition, ...]:
	return (
		Transition(state, APPROVE, approve_to, role, condition=condition),
		Transition(state, RETURN_FOR_REVISION, RETURNED, role, reason_required=True),
		Transition(state, REJECT, REJECTED, role, reason_required=True),
	)


APPLICANT_EDITORS = (*APPLICANT_ROLES, WUSE_ADMINISTRATOR)

# What may change in a state besides the stage's default (Editing: the application; else nothing).
AMOUNT = "approved_amount"
DELIVERY = f"outcome_summary, {MILESTONE_PROGRESS}"
EVALUATION = "evaluation_score, evaluation_comments"
# 催办 after 3 days waiting, escalation to the Wuse Administrator after 5.
REVIEW_LIMITS = {"time_limit_hours": 72, "escalate_after_hours": 120, "escalate_to_role": WUSE_ADMINISTRATOR}

SERVICE_PROJECT_WORKFLOW: WorkflowDefinition | None = WorkflowDefinition(
	name=WORKFLOW_NAME,
	document_type="Service Project",
	states=(
		*_editable_by(DRAFT, APPLICANT_EDITORS, "", EDITING),
		*_editable_by(PENDING_COMMUNITY_REVIEW, (WUSE_ADMINISTRATOR,), "Warning", REVIEW, **REVIEW_LIMITS),
		*_editable_by(
			PENDING_SUBDISTRICT_REVIEW, (SUBDISTRICT_REVIEWER,), "Warning", REVIEW, AMOUNT, **REVIEW_LIMITS
		),
		*_editable_by(
			PENDING_LEADERSHIP_APPROVAL, (LEADERSHIP_MEMBER,), "Warning", REVIEW, AMOUNT, **REVIEW_LIMITS
		),
		*_editable_by(APPROVED, (WUSE_ADMINISTRATOR,), "Success", ACTIVE),
		*_editable_by(IN_PROGRESS, APPLICANT_EDITORS, "Primary", ACTIVE, DELIVERY),
		*_editable_by(
			PENDING_COMPLETION_REVIEW,
			(SUBDISTRICT_REVIEWER,),
			"Warning",
			REVIEW,
			EVALUATION,
			required_fields="outcome_summary",
			**REVIEW_LIMITS,
		),
		*_editable_by(
			COMPLETED, (WUSE_ADMINISTRATOR,), "Success", CLOSED, required_fields="evaluation_comments"
		),
		*_editable_by(RETURNED, APPLICANT_EDITORS, "Danger", EDITING),
		*_editable_by(REJECTED, (WUSE_ADMINISTRATOR,), "Inverse", CLOSED),
	),
	transitions=(
		*_by_applicants(DRAFT, SUBMIT_FOR_REVIEW, PENDING_COMMUNITY_REVIEW),
		*_by_applicants(RETURNED, RESUBMIT, PENDING_COMMUNITY_REVIEW),
		*_review(PENDING_COMMUNITY_REVIEW, COMMUNITY_SECRETARY, PENDING_SUBDISTRICT_REVIEW),
		*_review(PENDING_SUBDISTRICT_REVIEW, SUBDISTRICT_REVIEWER, APPROVED, WITHIN_THRESHOLD),
		Transition(
			PENDING_SUBDISTRICT_REVIEW,
			APPROVE,
			PENDING_LEADERSHIP_APPROVAL,
			SUBDISTRICT_REVIEWER,
			condition=ABOVE_THRESHOLD,
		),
		*_review(PENDING_LEADERSHIP_APPROVAL, LEADERSHIP_MEMBER, APPROVED),
		*_by_applicants(APPROVED, START, IN_PROGRESS),
		*_by_applicants(IN_PROGRESS, SUBMIT_FOR_COMPLETION_REVIEW, PENDING_COMPLETION_REVIEW),
		Transition(PENDING_COMPLETION_REVIEW, ACCEPT_COMPLETION, COMPLETED, SUBDISTRICT_REVIEWER),
		Transition(
			PENDING_COMPLETION_REVIEW, SEND_BACK, IN_PROGRESS, SUBDISTRICT_REVIEWER, reason_required=True
		),
	),
)


def workflow_states() -> list[str]:
	"""The default approval states in order, each once (chart order, portal list labels)."""
	return SERVICE_PROJECT_WORKFLOW.state_names() if SERVICE_PROJECT_WORKFLOW else []
