"""Default workflow "Fund Allocation Approval" (拨付审批; seeded once, see wuse_app.workflows).

	Draft --Submit for Review--> Pending Allocation Review               (Wuse Administrator or a
	                                                                       Sub-district Reviewer drafts)
	Pending Allocation Review --Approve--> Allocated                     (Sub-district Reviewer, at or
	                                                                       below the threshold: submitted)
	Pending Allocation Review --Approve--> Pending Leadership Approval   (above the threshold)
	Pending Leadership Approval --Approve--> Allocated                   (Leadership Group Member,
	                                                                       会签: at least 2 members)
	each review state --Return for Revision--> Draft                      (a reason is required)
	each review state --Reject--> Allocation Rejected                     (a reason is required)
	Allocated --Revoke Allocation--> Allocation Revoked                   (cancelled; a reason is required)

The threshold is Wuse Settings' leadership approval threshold, read live when the condition is
evaluated. The number of leadership votes is the transition row's Approvals Required (Workflow form):
an administrator changes it without code. The money rules stay in the controller: the fund row is
locked when the allocation is submitted (Allocated), so two approvals at the same moment are checked
one after the other and never spend the same money twice.
"""

from __future__ import annotations

from wuse_app.domain.approvals import AT_LEAST_N, CLOSED, EDITING, REVIEW
from wuse_app.setup.roles import LEADERSHIP_MEMBER, SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR
from wuse_app.workflows.definitions import State, Transition, WorkflowDefinition

WORKFLOW_NAME = "Fund Allocation Approval"

DRAFT = "Draft"
PENDING_ALLOCATION_REVIEW = "Pending Allocation Review"
PENDING_LEADERSHIP_APPROVAL = "Pending Leadership Approval"
ALLOCATED = "Allocated"
ALLOCATION_REJECTED = "Allocation Rejected"
ALLOCATION_REVOKED = "Allocation Revoked"

SUBMIT_FOR_REVIEW = "Submit for Review"
APPROVE = "Approve"
RETURN_FOR_REVISION = "Return for Revision"
REJECT = "Reject"
REVOKE_ALLOCATION = "Revoke Allocation"

LEADERSHIP_VOTES = 2

_THRESHOLD = (
	'float(frappe.db.get_value("Wuse Settings", "Wuse Settings", "leadership_approval_threshold") or 0)'
)
ABOVE_THRESHOLD = f"doc.amount > {_THRESHOLD}"
WITHIN_THRESHOLD = f"doc.amount <= {_THRESHOLD}"
# 催办 after 2 days waiting, escalation to the Wuse Administrator after 4.
REVIEW_LIMITS = {"time_limit_hours": 48, "escalate_after_hours": 96, "escalate_to_role": WUSE_ADMINISTRATOR}
DRAFTERS = (WUSE_ADMINISTRATOR, SUBDISTRICT_REVIEWER)
# In review: the purpose note, and the money still available to the project, which the controller
# recomputes on every save (it moves whenever the fund does) and which is not the reviewer's edit.
REVIEW_EDITABLE = "purpose, available_for_project"


def _decisions(state: str, role: str) -> tuple[Transition, ...]:
	return (
		Transition(state, RETURN_FOR_REVISION, DRAFT, role, reason_required=True),
		Transition(state, REJECT, ALLOCATION_REJECTED, role, reason_required=True),
	)


FUND_ALLOCATION_WORKFLOW: WorkflowDefinition | None = WorkflowDefinition(
	name=WORKFLOW_NAME,
	document_type="Fund Allocation",
	states=(
		*(State(DRAFT, 0, role, "", approval_stage=EDITING) for role in DRAFTERS),
		State(
			PENDING_ALLOCATION_REVIEW,
			0,
			SUBDISTRICT_REVIEWER,
			"Warning",
			approval_stage=REVIEW,
			editable_fields=REVIEW_EDITABLE,
			**REVIEW_LIMITS,
		),
		State(
			PENDING_LEADERSHIP_APPROVAL,
			0,
			LEADERSHIP_MEMBER,
			"Warning",
			approval_stage=REVIEW,
			editable_fields=REVIEW_EDITABLE,
			**REVIEW_LIMITS,
		),
		State(ALLOCATED, 1, WUSE_ADMINISTRATOR, "Success", approval_stage=CLOSED),
		State(ALLOCATION_REJECTED, 0, WUSE_ADMINISTRATOR, "Inverse", approval_stage=CLOSED),
		State(ALLOCATION_REVOKED, 2, WUSE_ADMINISTRATOR, "Danger", approval_stage=CLOSED),
	),
	transitions=(
		*(
			Transition(DRAFT, SUBMIT_FOR_REVIEW, PENDING_ALLOCATION_REVIEW, role, allow_self_approval=True)
			for role in DRAFTERS
		),
		Transition(
			PENDING_ALLOCATION_REVIEW, APPROVE, ALLOCATED, SUBDISTRICT_REVIEWER, condition=WITHIN_THRESHOLD
		),
		Transition(
			PENDING_ALLOCATION_REVIEW,
			APPROVE,
			PENDING_LEADERSHIP_APPROVAL,
			SUBDISTRICT_REVIEWER,
			condition=ABOVE_THRESHOLD,
		),
		*_decisions(PENDING_ALLOCATION_REVIEW, SUBDISTRICT_REVIEWER),
		Transition(
			PENDING_LEADERSHIP_APPROVAL,
			APPROVE,
			ALLOCATED,
			LEADERSHIP_MEMBER,
			approval_mode=AT_LEAST_N,
			approvals_required=LEADERSHIP_VOTES,
		),
		*_decisions(PENDING_LEADERSHIP_APPROVAL, LEADERSHIP_MEMBER),
		Transition(
			ALLOCATED,
			REVOKE_ALLOCATION,
			ALLOCATION_REVOKED,
			WUSE_ADMINISTRATOR,
			allow_self_approval=True,
			reason_required=True,
		),
	),
)
