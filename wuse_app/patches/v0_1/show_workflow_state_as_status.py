"""Show the workflow state (待审核, 已签发 …) as the status of the app's documents.

Workflows seeded by earlier versions had Frappe's "Don't Override Status" checked, so a document
waiting for review showed the generic 草稿. A workflow is changed only while nobody has edited it since
it was seeded (its `modified` still equals its `creation`): an administrator's own choice stays.
"""

from __future__ import annotations

import frappe

from wuse_app.workflows import DEFAULT_WORKFLOWS


def execute() -> None:
	for definition in DEFAULT_WORKFLOWS:
		row = frappe.db.get_value(
			"Workflow", definition.name, ["override_status", "creation", "modified"], as_dict=True
		)
		if not row or definition.override_status or not row.override_status or row.modified != row.creation:
			continue
		frappe.db.set_value("Workflow", definition.name, "override_status", 0, update_modified=False)
		frappe.clear_cache(doctype=definition.document_type)
