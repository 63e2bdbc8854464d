"""The need's workflow as the administrator configured it: which state means which status code.

Every state of the need workflow writes a fixed status code into `status` (its "update field"); the
code decides the rules. These helpers read the active workflow, so renamed or added states work.
"""

from __future__ import annotations

import frappe
from frappe.model.workflow import get_workflow_name

DOCTYPE = "Resident Need"
STATUS_FIELD = "status"


def _workflow():
	name = get_workflow_name(DOCTYPE)
	return frappe.get_cached_doc("Workflow", name) if name else None


def status_of_state(state: str | None) -> str | None:
	"""The status code the workflow state writes, or None (no workflow, or a state without one)."""
	workflow = _workflow()
	if not workflow or not state:
		return None
	for row in workflow.states:
		if row.state == state and row.update_field == STATUS_FIELD and row.update_value:
			return row.update_value
	return None


def state_for_status(status: str) -> str | None:
	"""The first workflow state that writes `status` (the server moves needs there, e.g. Resolved)."""
	workflow = _workflow()
	if not workflow:
		return None
	for row in workflow.states:
		if row.update_field == STATUS_FIELD and row.update_value == status:
			return row.state
	return None


def action_to_status(doc, status: str) -> str | None:
	"""An action the current user may take on `doc` that leads to a state writing `status`."""
	from frappe.model.workflow import get_transitions

	for transition in get_transitions(doc):
		if status_of_state(transition.next_state) == status:
			return transition.action
	return None


def move_to_status(doc, status: str) -> bool:
	"""Take the user's workflow action that gives the need `status`, if there is one. True when moved."""
	from frappe.model.workflow import apply_workflow

	action = action_to_status(doc, status)
	if not action:
		return False
	apply_workflow(doc, action)
	return True
