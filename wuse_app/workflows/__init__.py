"""Default approval workflows, seeded once.

Workflows are *not* shipped as fixtures: Frappe re-imports fixtures on every `bench migrate`, which
would overwrite the changes an administrator makes in the Workflow form or the Workflow Builder.
Instead, `ensure_default_workflows` (run on install and after every migrate) inserts a default
workflow only when no workflow of that name exists, and never touches an existing one (except to give
it a readable Workflow Builder layout while it has none: wuse_app.workflows.layout).
"""

from __future__ import annotations

import frappe

from wuse_app.workflows.community_consultation import COMMUNITY_CONSULTATION_WORKFLOW
from wuse_app.workflows.definitions import WorkflowDefinition
from wuse_app.workflows.fund_allocation import FUND_ALLOCATION_WORKFLOW
from wuse_app.workflows.layout import ensure_layout
from wuse_app.workflows.official_document import OFFICIAL_DOCUMENT_WORKFLOW
from wuse_app.workflows.resident_need import RESIDENT_NEED_WORKFLOW
from wuse_app.workflows.service_project import SERVICE_PROJECT_WORKFLOW
from wuse_app.workflows.venture_call import VENTURE_CALL_WORKFLOW

DEFAULT_WORKFLOWS: tuple[WorkflowDefinition, ...] = tuple(
	w
	for w in (
		SERVICE_PROJECT_WORKFLOW,
		OFFICIAL_DOCUMENT_WORKFLOW,
		RESIDENT_NEED_WORKFLOW,
		COMMUNITY_CONSULTATION_WORKFLOW,
		VENTURE_CALL_WORKFLOW,
		FUND_ALLOCATION_WORKFLOW,
	)
	if w is not None
)


def ensure_workflow_masters(definition: WorkflowDefinition) -> None:
	"""Insert the Workflow State and Workflow Action Master records a definition uses, when missing."""
	for state in definition.states:
		if not frappe.db.exists("Workflow State", state.name):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state.name, "style": state.style}
			).insert(ignore_permissions=True)
	for action in definition.actions():
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)


def ensure_default_workflows() -> None:
	for definition in DEFAULT_WORKFLOWS:
		if not frappe.db.exists("DocType", definition.document_type):
			continue
		ensure_workflow_masters(definition)
		if not frappe.db.exists("Workflow", definition.name):
			frappe.get_doc(definition.as_doc()).insert(ignore_permissions=True)
		# The Workflow Builder's layout, only while the workflow has none (an admin's stays).
		ensure_layout(definition.name)


def remove_default_workflows() -> None:
	"""Uninstall: remove every workflow on the app's doctypes, whether seeded or made by an admin."""
	doctypes = [d.document_type for d in DEFAULT_WORKFLOWS]
	for name in frappe.get_all("Workflow", filters={"document_type": ["in", doctypes]}, pluck="name"):
		frappe.delete_doc("Workflow", name, force=True, ignore_permissions=True)


def backfill_required_fields() -> None:
	"""Upgrade: the seeded workflows' states get their default required fields where still blank.

	Runs once, when the `required_fields` custom field is created; an administrator's value is kept.
	"""
	for definition in DEFAULT_WORKFLOWS:
		defaults = {s.name: s.required_fields for s in definition.states if s.required_fields}
		if not defaults or not frappe.db.exists("Workflow", definition.name):
			continue
		rows = frappe.get_all(
			"Workflow Document State",
			filters={"parent": definition.name, "parenttype": "Workflow", "state": ["in", list(defaults)]},
			fields=["name", "state", "required_fields"],
		)
		for row in rows:
			if not row.required_fields:
				frappe.db.set_value(
					"Workflow Document State", row.name, "required_fields", defaults[row.state]
				)
		frappe.clear_document_cache("Workflow", definition.name)
