"""Default workflow "Resident Need Handling" (seeded once; see wuse_app.workflows).

	Awaiting Response (status Open) --Assign--> Assigned --Match--> Matched --Start Service--> In Service --Resolve--> Resolved
	Open --Match--> Matched                         Resolved --Close--> Closed
	Open, Assigned --Refer--> Referred              (a reason is required)
	Open, Assigned, Matched --Decline--> Declined   (a reason is required)

Each state writes the need's fixed `status` code (the state's "update field"), and the rules read
that code, never the state's name: an administrator may rename the states, add steps or change who
acts, and deadlines, reasons, matching and feedback keep working. The controller requires the reason
for the statuses Referred and Declined on the server, whatever way the state is changed.
"""

from __future__ import annotations

from wuse_app.domain import linkage as rules
from wuse_app.setup.roles import (
	COMMUNITY_SECRETARY,
	COMMUNITY_STAFF,
	SOCIAL_WORKER,
	SUBDISTRICT_REVIEWER,
	WUSE_ADMINISTRATOR,
)
from wuse_app.workflows.definitions import State, Transition, WorkflowDefinition

WORKFLOW_NAME = "Resident Need Handling"
HANDLERS = (COMMUNITY_SECRETARY, COMMUNITY_STAFF, SOCIAL_WORKER, SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR)

ASSIGN = "Assign"
MATCH = "Match"
START_SERVICE = "Start Service"
RESOLVE = "Resolve"
CLOSE = "Close Need"
REFER = "Refer"
DECLINE = "Decline"

STYLES = {
	rules.OPEN: "Warning",
	rules.ASSIGNED: "Info",
	rules.MATCHED: "Primary",
	rules.IN_SERVICE: "Primary",
	rules.RESOLVED: "Success",
	rules.CLOSED: "Success",
	rules.REFERRED: "Inverse",
	rules.DECLINED: "Danger",
}


# The state names (what users see) differ from the status codes where Frappe's zh for the plain word
# means something else ("Open" is 开 there): a need waiting for an answer reads 待受理.
AWAITING_RESPONSE = "Awaiting Response"
STATE_NAMES = {rules.OPEN: AWAITING_RESPONSE}


def state_name(status: str) -> str:
	return STATE_NAMES.get(status, status)


def _state(status: str) -> tuple[State, ...]:
	return tuple(
		State(
			state_name(status),
			doc_status=0,
			allow_edit=role,
			style=STYLES[status],
			update_field="status",
			update_value=status,
		)
		for role in HANDLERS
	)


def _by_handlers(status: str, action: str, next_status: str) -> tuple[Transition, ...]:
	return tuple(
		Transition(state_name(status), action, state_name(next_status), role, allow_self_approval=True)
		for role in HANDLERS
	)


RESIDENT_NEED_WORKFLOW = WorkflowDefinition(
	name=WORKFLOW_NAME,
	document_type="Resident Need",
	states=tuple(s for status in rules.NEED_STATUSES for s in _state(status)),
	transitions=(
		*_by_handlers(rules.OPEN, ASSIGN, rules.ASSIGNED),
		*_by_handlers(rules.OPEN, MATCH, rules.MATCHED),
		*_by_handlers(rules.ASSIGNED, MATCH, rules.MATCHED),
		*_by_handlers(rules.MATCHED, START_SERVICE, rules.IN_SERVICE),
		*_by_handlers(rules.IN_SERVICE, RESOLVE, rules.RESOLVED),
		*_by_handlers(rules.MATCHED, RESOLVE, rules.RESOLVED),
		*_by_handlers(rules.RESOLVED, CLOSE, rules.CLOSED),
		*_by_handlers(rules.OPEN, REFER, rules.REFERRED),
		*_by_handlers(rules.ASSIGNED, REFER, rules.REFERRED),
		*_by_handlers(rules.OPEN, DECLINE, rules.DECLINED),
		*_by_handlers(rules.ASSIGNED, DECLINE, rules.DECLINED),
		*_by_handlers(rules.MATCHED, DECLINE, rules.DECLINED),
	),
)
