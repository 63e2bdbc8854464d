"""Approval meaning as configuration: custom fields on the Workflow's state and transition rows.

Frappe's Workflow has no notion of "this state is a review" or "this transition needs a reason"; the
app adds those as Custom Fields (created when missing on install and migrate; an administrator's
changes to them and the values in workflows are never overwritten) and reads them into a `Policy`.
"""

from __future__ import annotations

import frappe
from frappe.model.workflow import get_workflow_name
from frappe.utils import cint, flt

from wuse_app.domain.approvals import (
	ANY_ONE,
	APPROVAL_MODES,
	STAGES,
	Policy,
	StateRule,
	TransitionRule,
	parse_fields,
	parse_names,
)

STATE_DOCTYPE = "Workflow Document State"
TRANSITION_DOCTYPE = "Workflow Transition"

CUSTOM_FIELDS: dict[str, list[dict]] = {
	STATE_DOCTYPE: [
		{
			"fieldname": "approval_stage",
			"label": "Approval Stage",
			"fieldtype": "Select",
			"options": "\n" + "\n".join(STAGES),
			"insert_after": "allow_edit",
			"in_list_view": 1,
			"columns": 1,
			"description": "Editing: the applicant may change it. Review: someone else decides. "
			"Active: approved work under way. Closed: final.",
		},
		{
			"fieldname": "editable_fields",
			"label": "Editable Fields",
			"fieldtype": "Small Text",
			"insert_after": "approval_stage",
			"description": "Fieldnames that may change in this state, separated by commas. "
			"Blank: the stage's default.",
		},
		{
			"fieldname": "time_limit_hours",
			"label": "Time Limit (Hours)",
			"fieldtype": "Float",
			"insert_after": "editable_fields",
			"non_negative": 1,
		},
		{
			"fieldname": "escalate_after_hours",
			"label": "Escalate After (Hours)",
			"fieldtype": "Float",
			"insert_after": "time_limit_hours",
			"non_negative": 1,
		},
		{
			"fieldname": "escalate_to_role",
			"label": "Escalate To Role",
			"fieldtype": "Link",
			"options": "Role",
			"insert_after": "escalate_after_hours",
		},
		{
			"fieldname": "required_fields",
			"label": "Required Fields",
			"fieldtype": "Small Text",
			"insert_after": "escalate_to_role",
			"description": "Fieldnames that must be filled before a document may enter this state, "
			"separated by commas. Blank: none.",
		},
	],
	TRANSITION_DOCTYPE: [
		{
			"fieldname": "reason_required",
			"label": "Reason Required",
			"fieldtype": "Check",
			"insert_after": "allow_self_approval",
		},
		{
			"fieldname": "approval_mode",
			"label": "Approval Mode",
			"fieldtype": "Select",
			"options": "\n".join(APPROVAL_MODES),
			"default": ANY_ONE,
			"insert_after": "reason_required",
		},
		{
			"fieldname": "approvals_required",
			"label": "Approvals Required",
			"fieldtype": "Int",
			"insert_after": "approval_mode",
			"non_negative": 1,
			"depends_on": "eval:doc.approval_mode=='At least N'",
		},
		{
			"fieldname": "cc",
			"label": "CC (Roles or Users)",
			"fieldtype": "Small Text",
			"insert_after": "approvals_required",
			"description": "抄送: roles and users (login IDs) informed when this transition is taken, "
			"separated by commas. They get a notification and read access to that one document.",
		},
	],
}


def ensure_custom_fields() -> None:
	"""Create the approval fields that are missing; never change one that exists (an admin may have)."""
	from frappe.custom.doctype.custom_field.custom_field import create_custom_field

	created: set[str] = set()
	for doctype, fields in CUSTOM_FIELDS.items():
		for definition in fields:
			if frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": definition["fieldname"]}):
				continue
			create_custom_field(doctype, dict(definition), ignore_validate=True)
			created.add(definition["fieldname"])
	if created:
		for doctype in CUSTOM_FIELDS:
			frappe.clear_cache(doctype=doctype)
	if "required_fields" in created:
		# A field added by an upgrade: the seeded workflows' states get its default once, where blank.
		from wuse_app.workflows import backfill_required_fields

		backfill_required_fields()


def remove_custom_fields() -> None:
	for doctype, fields in CUSTOM_FIELDS.items():
		names = [f["fieldname"] for f in fields]
		for name in frappe.get_all(
			"Custom Field", filters={"dt": doctype, "fieldname": ["in", names]}, pluck="name"
		):
			frappe.delete_doc("Custom Field", name, force=True, ignore_permissions=True)


def get_workflow(doctype: str):
	name = get_workflow_name(doctype)
	return frappe.get_cached_doc("Workflow", name) if name else None


def policy_of(workflow) -> Policy:
	"""The approval configuration of a Workflow document (several rows for one state: first wins)."""
	states: dict[str, StateRule] = {}
	for row in workflow.states:
		if row.state in states:
			continue
		states[row.state] = StateRule(
			name=row.state,
			stage=row.get("approval_stage") or None,
			editable_fields=parse_fields(row.get("editable_fields")),
			time_limit_hours=flt(row.get("time_limit_hours")),
			escalate_after_hours=flt(row.get("escalate_after_hours")),
			escalate_to_role=row.get("escalate_to_role") or None,
			required_fields=parse_fields(row.get("required_fields")),
		)
	transitions = tuple(
		TransitionRule(
			state=t.state,
			action=t.action,
			next_state=t.next_state,
			allowed=t.allowed,
			allow_self_approval=bool(cint(t.allow_self_approval)),
			reason_required=bool(cint(t.get("reason_required"))),
			approval_mode=t.get("approval_mode") or ANY_ONE,
			approvals_required=cint(t.get("approvals_required")),
			cc=parse_names(t.get("cc")),
		)
		for t in workflow.transitions
	)
	return Policy(states=states, transitions=transitions)


def get_policy(doctype: str) -> Policy | None:
	"""The policy of the doctype's active workflow; None when it has none or no state has a stage."""
	workflow = get_workflow(doctype)
	if workflow is None:
		return None
	policy = policy_of(workflow)
	return policy if policy.governed else None


def stage_of(doctype: str, state: str | None) -> str | None:
	"""The approval stage the doctype's active workflow gives `state` (None: no stage or no workflow)."""
	policy = get_policy(doctype)
	return policy.stage(state) if policy and state else None
