"""Default workflow definitions as plain data (see `ensure_default_workflows`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class State:
	name: str
	doc_status: int = 0
	allow_edit: str = ""
	style: str = ""
	update_field: str = ""
	update_value: str = ""
	message: str = ""
	# Approval meaning (wuse_app.approvals.config): stage, editable fieldnames (comma-separated; blank =
	# the stage's default), 催办 limit and escalation.
	approval_stage: str = ""
	editable_fields: str = ""
	time_limit_hours: float = 0
	escalate_after_hours: float = 0
	escalate_to_role: str = ""
	# Fieldnames that must hold a value before a document enters the state (comma-separated).
	required_fields: str = ""


@dataclass(frozen=True)
class Transition:
	state: str
	action: str
	next_state: str
	allowed: str
	condition: str = ""
	allow_self_approval: bool = False
	reason_required: bool = False
	approval_mode: str = "Any one"
	approvals_required: int = 0


@dataclass(frozen=True)
class WorkflowDefinition:
	name: str
	document_type: str
	states: tuple[State, ...]
	transitions: tuple[Transition, ...]
	send_email_alert: bool = False
	# False: the workflow state is the document's status indicator in form and list (Frappe's
	# "Don't Override Status" unchecked), so a reviewer sees 待审核, not a generic 草稿.
	override_status: bool = False

	def state_names(self) -> list[str]:
		"""The states in order, each once (a state has one row per role that may edit it)."""
		return list(dict.fromkeys(s.name for s in self.states))

	def actions(self) -> list[str]:
		return list(dict.fromkeys(t.action for t in self.transitions))

	def as_doc(self) -> dict:
		return {
			"doctype": "Workflow",
			"workflow_name": self.name,
			"document_type": self.document_type,
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"override_status": int(self.override_status),
			"send_email_alert": int(self.send_email_alert),
			"states": [
				{
					"state": s.name,
					"doc_status": str(s.doc_status),
					"allow_edit": s.allow_edit,
					"update_field": s.update_field or None,
					"update_value": s.update_value or None,
					"message": s.message or None,
					**s_approval(s),
				}
				for s in self.states
			],
			"transitions": [
				{
					"state": t.state,
					"action": t.action,
					"next_state": t.next_state,
					"allowed": t.allowed,
					"condition": t.condition or None,
					"allow_self_approval": int(t.allow_self_approval),
					**t_approval(t),
				}
				for t in self.transitions
			],
		}


def s_approval(state: State) -> dict:
	"""The approval fields of a state row (custom fields: set only when they exist on the site)."""
	return {
		"approval_stage": state.approval_stage or None,
		"editable_fields": state.editable_fields or None,
		"time_limit_hours": state.time_limit_hours,
		"escalate_after_hours": state.escalate_after_hours,
		"escalate_to_role": state.escalate_to_role or None,
		"required_fields": state.required_fields or None,
	}


def t_approval(transition: Transition) -> dict:
	return {
		"reason_required": int(transition.reason_required),
		"approval_mode": transition.approval_mode,
		"approvals_required": transition.approvals_required,
	}
