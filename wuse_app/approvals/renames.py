"""A state renamed in the Workflow form keeps its documents, its transitions and the settings that name it.

Frappe stores a document's workflow state as the state's *name*. When an administrator renames a state
row, Frappe v15 does nothing for what carries the old name: saving refuses while transitions still name
it ("... not a valid State"), and once the administrator has edited every transition by hand the
documents sitting in the old state are orphaned (no transition leaves a state the workflow no longer
has; the form only warns). Frappe has no rename for workflow states, so the app adds one:

- before validation, the transition rows follow the renamed state (`follow_renamed_states`);
- after the save, whatever names the state by its old name follows too (`carry_renamed_states`):
  the documents in it, their open Workflow Actions, the approval trail (votes, 会签 counts and
  reminders are counted by state name), open 公示 notices and the Wuse Settings rules that name it.

History keeps the name it had: the Version log and Project Approval Log rows are not rewritten.

A rename is a row that keeps its id and changes its name (the Workflow form and REST both keep row ids);
swaps, merges and remove-and-add rename nothing (wuse_app.domain.approvals.renamed_states).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import frappe
from frappe.query_builder import DocType, Field

from wuse_app.domain import approvals as rules
from wuse_app.utils.settings import get_settings

if TYPE_CHECKING:
	from frappe.model.document import Document


def state_renames(workflow: Document) -> dict[str, str]:
	"""{old name: new name} for this save of `workflow` (empty for a new workflow or another doctype)."""
	before = workflow.get_doc_before_save()
	if not before or before.document_type != workflow.document_type:
		return {}
	return rules.renamed_states(
		{row.name: row.state for row in before.states},
		{row.name: row.state for row in workflow.states},
	)


def follow_renamed_states(workflow: Document, method: str | None = None) -> None:
	"""Workflow.before_validate: transitions from and to a renamed state name its new name."""
	renames = state_renames(workflow)
	for row in workflow.transitions:
		row.state = renames.get(row.state, row.state)
		row.next_state = renames.get(row.next_state, row.next_state)
	workflow.flags.renamed_states = renames


def carry_renamed_states(workflow: Document, method: str | None = None) -> None:
	"""Workflow.on_update: what names a renamed state by its old name follows it.

	Runs as part of the administrator's save of the Workflow (who may change the whole workflow), so
	the updates cover every document of the doctype, not only those the administrator may read.
	"""
	renames = workflow.flags.renamed_states
	if renames is None:
		renames = state_renames(workflow)
	doctype, field = workflow.document_type, workflow.workflow_state_field
	for old, new in (renames or {}).items():
		if field and frappe.get_meta(doctype).has_field(field):
			_rename(doctype, field, old, new)
		_rename("Workflow Action", "workflow_state", old, new, reference_doctype=doctype, status="Open")
		for state_field in ("state", "next_state"):
			_rename("Approval Vote", state_field, old, new, reference_doctype=doctype)
		_rename("Approval Reminder", "state", old, new, reference_doctype=doctype)
		for state_field in ("start_state", "next_state"):
			_rename("Public Notice", state_field, old, new, reference_doctype=doctype, status="Open")
			_rename(
				"Public Notice Rule", state_field, old, new, document_type=doctype, parenttype="Wuse Settings"
			)
		if doctype == "Service Project":
			_rename_setting("project_state_resolving_needs", old, new)
	if renames:
		frappe.clear_document_cache("Wuse Settings", "Wuse Settings")


def _rename(doctype: str, field: str, old: str, new: str, **filters) -> None:
	table = DocType(doctype)
	query = frappe.qb.update(table).set(Field(field), new).where(Field(field) == old)
	for name, value in filters.items():
		query = query.where(Field(name) == value)
	query.run()


def _rename_setting(fieldname: str, old: str, new: str) -> None:
	if get_settings().get(fieldname) == old:
		frappe.db.set_single_value("Wuse Settings", fieldname, new)
