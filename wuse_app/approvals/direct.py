"""No submit or cancel around a governed workflow.

Frappe's `Document.submit()` / `cancel()` (and `frappe.client.submit`, a REST `docstatus` change) move a
document with a workflow to the workflow's first submitted / cancelled state *without* checking that a
transition leads there (`set_workflow_state_on_action` runs after the transition check). For a governed
doctype that would skip every review: a Fund Allocation above the threshold would be allocated without
the Leadership Group. `before_submit` / `before_cancel` of every doctype therefore refuse the change
unless the document already is in a state of that docstatus, which only a workflow action
(`apply_workflow`, `wuse_app.approvals.api.decide`) puts it in.

System actions are not a user's decision and pass: the Administrator (Frappe's superuser, as in
Frappe's own `has_approval_access`), install / migrate / patches / the demo loader, and server code that acts for the
system and says so with `doc.flags.ignore_permissions` or `doc.flags.system_action` (e.g. a venture
call's award, which the ranking's confirmation already decided).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.utils import cint

from wuse_app.approvals.config import get_policy, get_workflow
from wuse_app.utils.validation import throw

if TYPE_CHECKING:
	from frappe.model.document import Document


class WorkflowBypassError(frappe.PermissionError):
	pass


def refuse_direct_docstatus_change(doc: Document, method: str | None = None) -> None:
	"""before_submit / before_cancel of every doctype (hooks `doc_events["*"]`)."""
	if doc.meta.istable or getattr(doc, "governs_approvals_itself", False):
		return
	# The demo loader (wuse_app.setup.demo, administrators only) writes finished records as the system does.
	if frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch or frappe.flags.in_demo:
		return
	if frappe.session.user == "Administrator" or doc.flags.ignore_permissions or doc.flags.system_action:
		return
	if get_policy(doc.doctype) is None:
		return
	workflow = get_workflow(doc.doctype)
	state = doc.get(workflow.workflow_state_field)
	target = 2 if method == "before_cancel" else 1
	if any(row.state == state and cint(row.doc_status) == target for row in workflow.states):
		return
	throw(
		_("{0} {1} follows the workflow {2}: use its actions (it is {3}).").format(
			_(doc.doctype), doc.name, _(workflow.name), _(state or "")
		),
		title=_("Not allowed"),
		exc=WorkflowBypassError,
	)
