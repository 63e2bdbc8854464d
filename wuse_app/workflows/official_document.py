"""Default workflow "Official Document Issuing" (seeded once; see wuse_app.workflows).

Draft --Submit for Review--> Pending Review --Issue Document--> Issued (submitted: numbered, locked)
                             Pending Review --Return for Revision--> Draft (a reason is required)
Issued --Revoke--> Revoked (cancelled; the number stays used; amend it to issue a corrected copy)

The action and state names avoid Frappe's generic "Issue", "Return", "Cancel" and "Cancelled", whose
zh translations mean something else (问题, 退货, 取消). Self-approval is off for "Issue Document":
whoever drafted a document cannot issue it. The controller checks
the same rules on the server (OfficialDocument.before_submit / validate), whatever the workflow says.
"""

from __future__ import annotations

from wuse_app.domain.approvals import CLOSED, EDITING, REVIEW
from wuse_app.domain.official_document import DRAFT, ISSUED, PENDING_REVIEW, REVOKED
from wuse_app.setup.roles import SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR
from wuse_app.workflows.definitions import State, Transition, WorkflowDefinition

SUBMIT_FOR_REVIEW = "Submit for Review"
ISSUE = "Issue Document"
RETURN = "Return for Revision"
REVOKE = "Revoke"

OFFICIAL_DOCUMENT_WORKFLOW: WorkflowDefinition | None = WorkflowDefinition(
	name="Official Document Issuing",
	document_type="Official Document",
	states=(
		State(DRAFT, doc_status=0, allow_edit=WUSE_ADMINISTRATOR, style="Info", approval_stage=EDITING),
		State(
			PENDING_REVIEW,
			doc_status=0,
			allow_edit=SUBDISTRICT_REVIEWER,
			style="Warning",
			approval_stage=REVIEW,
			editable_fields="return_reason",
			time_limit_hours=48,
			escalate_after_hours=96,
			escalate_to_role=WUSE_ADMINISTRATOR,
		),
		State(ISSUED, doc_status=1, allow_edit=WUSE_ADMINISTRATOR, style="Success", approval_stage=CLOSED),
		State(REVOKED, doc_status=2, allow_edit=WUSE_ADMINISTRATOR, style="Danger", approval_stage=CLOSED),
	),
	transitions=(
		Transition(DRAFT, SUBMIT_FOR_REVIEW, PENDING_REVIEW, WUSE_ADMINISTRATOR, allow_self_approval=True),
		Transition(PENDING_REVIEW, ISSUE, ISSUED, SUBDISTRICT_REVIEWER, allow_self_approval=False),
		Transition(
			PENDING_REVIEW,
			RETURN,
			DRAFT,
			SUBDISTRICT_REVIEWER,
			allow_self_approval=True,
			reason_required=True,
		),
		Transition(ISSUED, REVOKE, REVOKED, WUSE_ADMINISTRATOR, allow_self_approval=True),
	),
)
