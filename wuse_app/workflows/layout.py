"""Writes the Workflow Builder layout of wuse_app.domain.workflow_layout onto a Workflow."""

from __future__ import annotations

import json

import frappe

from wuse_app.domain.workflow_layout import builder_layout


def ensure_layout(workflow_name: str) -> bool:
	"""Give a Workflow the readable layout when it has none yet (never replaces an admin's layout)."""
	if not frappe.db.exists("Workflow", workflow_name):
		return False
	current = frappe.db.get_value("Workflow", workflow_name, "workflow_data")
	if current and current.strip() not in ("", "[]", "null"):
		return False
	workflow = frappe.get_doc("Workflow", workflow_name)
	state_ids, transition_ids, elements = builder_layout(
		[row.state for row in workflow.states],
		[(t.state, t.action, t.next_state) for t in workflow.transitions],
	)
	# Direct writes: the layout is presentation, not a change of the workflow (no modified, no version).
	for row, builder_id in zip(workflow.states, state_ids, strict=True):
		frappe.db.set_value(row.doctype, row.name, "workflow_builder_id", builder_id, update_modified=False)
	for row, builder_id in zip(workflow.transitions, transition_ids, strict=True):
		frappe.db.set_value(row.doctype, row.name, "workflow_builder_id", builder_id, update_modified=False)
	frappe.db.set_value(
		"Workflow", workflow_name, "workflow_data", json.dumps(elements), update_modified=False
	)
	frappe.clear_document_cache("Workflow", workflow_name)
	return True
