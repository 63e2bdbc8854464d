"""Default workflow "Venture Call Review" (seeded once; see wuse_app.workflows).

	Draft --Publish Call--> Accepting Proposals            (Wuse Administrator; the pool is reserved)
	Accepting Proposals --Close Submissions--> Judging      (after the submission deadline)
	Judging --Submit Ranking--> Ranking to Confirm          (every proposal has its judges' scores)
	Ranking to Confirm --Confirm Ranking--> Awarded         (Sub-district Reviewer: the awards are made)
	Ranking to Confirm --Return Ranking--> Judging          (Sub-district Reviewer)
	Awarded --Close Call--> Closed                          (the unspent pool is released)

Each state sets the call's `status` (its phase) through "Update Field"/"Update Value"; the server acts
on the phase, never on a state's name, so an administrator may rename states, add review steps (a state
whose update value repeats the phase), or move a transition to another role in the Workflow form.
Self-approval is off for "Confirm Ranking", and the controller also refuses a confirmation by whoever
created the call or submitted the ranking.
"""

from __future__ import annotations

from wuse_app.domain.venture import (
	AWARDED,
	CLOSED,
	DRAFT,
	JUDGING,
	OPEN,
	PENDING_CONFIRMATION,
)
from wuse_app.setup.roles import SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR
from wuse_app.workflows.definitions import State, Transition, WorkflowDefinition

WORKFLOW_NAME = "Venture Call Review"

PUBLISH = "Publish Call"
CLOSE_SUBMISSIONS = "Close Submissions"
SUBMIT_RANKING = "Submit Ranking"
CONFIRM_RANKING = "Confirm Ranking"
RETURN_RANKING = "Return Ranking"
CLOSE_CALL = "Close Call"


def _phase(name: str, editor: str, style: str) -> State:
	return State(name, doc_status=0, allow_edit=editor, style=style, update_field="status", update_value=name)


VENTURE_CALL_WORKFLOW: WorkflowDefinition | None = WorkflowDefinition(
	name=WORKFLOW_NAME,
	document_type="Venture Call",
	states=(
		_phase(DRAFT, WUSE_ADMINISTRATOR, ""),
		_phase(OPEN, WUSE_ADMINISTRATOR, "Primary"),
		_phase(JUDGING, WUSE_ADMINISTRATOR, "Warning"),
		_phase(PENDING_CONFIRMATION, SUBDISTRICT_REVIEWER, "Warning"),
		_phase(AWARDED, WUSE_ADMINISTRATOR, "Success"),
		_phase(CLOSED, WUSE_ADMINISTRATOR, "Inverse"),
	),
	transitions=(
		Transition(DRAFT, PUBLISH, OPEN, WUSE_ADMINISTRATOR, allow_self_approval=True),
		Transition(OPEN, CLOSE_SUBMISSIONS, JUDGING, WUSE_ADMINISTRATOR, allow_self_approval=True),
		Transition(
			JUDGING, SUBMIT_RANKING, PENDING_CONFIRMATION, WUSE_ADMINISTRATOR, allow_self_approval=True
		),
		Transition(PENDING_CONFIRMATION, CONFIRM_RANKING, AWARDED, SUBDISTRICT_REVIEWER),
		Transition(PENDING_CONFIRMATION, RETURN_RANKING, JUDGING, SUBDISTRICT_REVIEWER),
		Transition(AWARDED, CLOSE_CALL, CLOSED, WUSE_ADMINISTRATOR, allow_self_approval=True),
	),
)
