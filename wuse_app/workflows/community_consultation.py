"""Default workflow "Community Consultation" (seeded once; see wuse_app.workflows).

Draft --Submit for Party Review--> Pending Party Review --Complete Consultation--> Completed (submitted)
                                   Pending Party Review --Return for Revision--> Draft
Draft --Complete Consultation--> Completed, only when no agenda item is a major matter (condition)
Completed --Cancel Consultation--> Consultation Cancelled

In "Pending Party Review" the community secretary (for the community party organisation) records the
review of each major item (重大事项, seed 三(一)). The controller enforces the rules whatever the
workflow says: a consultation is completed only with every required participant type present, and
only when each major item has a recorded party review.
"""

from __future__ import annotations

from wuse_app.setup.roles import COMMUNITY_SECRETARY, COMMUNITY_STAFF, WUSE_ADMINISTRATOR
from wuse_app.workflows.definitions import State, Transition, WorkflowDefinition

DRAFT = "Draft"
PENDING_PARTY_REVIEW = "Pending Party Review"
COMPLETED = "Completed"
CANCELLED = "Consultation Cancelled"
SUBMIT_FOR_PARTY_REVIEW = "Submit for Party Review"
COMPLETE = "Complete Consultation"
RETURN = "Return for Revision"
CANCEL = "Cancel Consultation"
NO_MAJOR_ITEMS = "not [item for item in doc.agenda_items if item.is_major]"

COMMUNITY_CONSULTATION_WORKFLOW = WorkflowDefinition(
	name="Community Consultation",
	document_type="Community Consultation",
	states=(
		State(DRAFT, doc_status=0, allow_edit=COMMUNITY_STAFF, style="Info"),
		State(DRAFT, doc_status=0, allow_edit=COMMUNITY_SECRETARY, style="Info"),
		State(PENDING_PARTY_REVIEW, doc_status=0, allow_edit=COMMUNITY_SECRETARY, style="Warning"),
		State(COMPLETED, doc_status=1, allow_edit=COMMUNITY_SECRETARY, style="Success"),
		State(CANCELLED, doc_status=2, allow_edit=WUSE_ADMINISTRATOR, style="Danger"),
	),
	transitions=(
		Transition(
			DRAFT, SUBMIT_FOR_PARTY_REVIEW, PENDING_PARTY_REVIEW, COMMUNITY_STAFF, allow_self_approval=True
		),
		Transition(
			DRAFT,
			SUBMIT_FOR_PARTY_REVIEW,
			PENDING_PARTY_REVIEW,
			COMMUNITY_SECRETARY,
			allow_self_approval=True,
		),
		Transition(
			DRAFT,
			COMPLETE,
			COMPLETED,
			COMMUNITY_SECRETARY,
			condition=NO_MAJOR_ITEMS,
			allow_self_approval=True,
		),
		Transition(PENDING_PARTY_REVIEW, COMPLETE, COMPLETED, COMMUNITY_SECRETARY, allow_self_approval=True),
		Transition(PENDING_PARTY_REVIEW, RETURN, DRAFT, COMMUNITY_SECRETARY, allow_self_approval=True),
		Transition(COMPLETED, CANCEL, CANCELLED, WUSE_ADMINISTRATOR, allow_self_approval=True),
	),
)
