"""Give the existing approval workflows their approval meaning (stages, editable fields, reasons).

The approval fields are new custom fields, so no administrator has a value in them yet: a blank field
of a state or transition row that the seeded workflow also has (same state name; same state, action,
next state and role) gets the seeded value. Rows the administrator added or renamed stay blank for
them to fill in the Workflow form. The project trail's rows learn the stage of the state they left.
"""

from __future__ import annotations

import frappe

from wuse_app.approvals.config import ensure_custom_fields
from wuse_app.workflows import DEFAULT_WORKFLOWS
from wuse_app.workflows.definitions import s_approval, t_approval


def execute() -> None:
	ensure_custom_fields()
	for definition in DEFAULT_WORKFLOWS:
		if not frappe.db.exists("Workflow", definition.name):
			continue
		states = {s.name: s_approval(s) for s in reversed(definition.states)}
		for row in frappe.get_all(
			"Workflow Document State",
			filters={"parent": definition.name, "parenttype": "Workflow"},
			fields=["name", "state", *next(iter(states.values())).keys()],
		):
			_fill_blanks("Workflow Document State", row, states.get(row.state))
		transitions = {
			(t.state, t.action, t.next_state, t.allowed): t_approval(t) for t in definition.transitions
		}
		for row in frappe.get_all(
			"Workflow Transition",
			filters={"parent": definition.name, "parenttype": "Workflow"},
			fields=[
				"name",
				"state",
				"action",
				"next_state",
				"allowed",
				"reason_required",
				"approvals_required",
			],
		):
			seeded = transitions.get((row.state, row.action, row.next_state, row.allowed))
			if seeded and seeded["reason_required"] and not row.reason_required:
				frappe.db.set_value(
					"Workflow Transition", row.name, "reason_required", 1, update_modified=False
				)
		frappe.clear_cache(doctype=definition.document_type)
	_backfill_trail_stages()


def _fill_blanks(doctype: str, row: frappe._dict, seeded: dict | None) -> None:
	if not seeded:
		return
	values = {field: value for field, value in seeded.items() if value and not row.get(field)}
	if values:
		frappe.db.set_value(doctype, row.name, values, update_modified=False)


def _backfill_trail_stages() -> None:
	from wuse_app.approvals.config import get_policy

	frappe.clear_cache(doctype="Workflow")
	policy = get_policy("Service Project")
	if policy is None:
		return
	for state, rule in policy.states.items():
		if rule.stage:
			frappe.db.sql(
				"update `tabProject Approval Log` set from_stage = %s "
				"where from_state = %s and ifnull(from_stage, '') = ''",
				(rule.stage, state),
			)
