"""The Workflow Action queue (/app/workflow-action) for service projects.

Frappe opens one Workflow Action per project and state for the roles that may act next, and lists it
to every holder of those roles. For service projects the queue is narrowed further (the two hooks
work as a pair: list query and single document):

- a reviewer sees only projects they may open (a Community Secretary: their own community), and
- nobody finds their own project in their review queue (they may not review it).
"""

from __future__ import annotations

import frappe
from frappe.model.db_query import DatabaseQuery

from wuse_app.domain.approvals import EDITING
from wuse_app.projects import approval

DOCTYPE = approval.DOCTYPE


def workflow_action_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	escape = frappe.db.escape
	# The states' meaning comes from the workflow (wuse_app.approvals); "null" keeps `in ()` valid.
	review_states = ", ".join(escape(state) for state in sorted(approval.review_states())) or "null"
	application_states = ", ".join(escape(state) for state in sorted(approval.editing_states())) or "null"
	if frappe.has_permission(DOCTYPE, "read", user=user):
		# Frappe's own list query for the user: roles, User Permissions (community), if_owner.
		visible = DatabaseQuery(DOCTYPE, user=user).execute(
			fields=[f"`tab{DOCTYPE}`.`name`"], limit_page_length=0, user=user, run=False
		)
	else:
		visible = "select null"
	own = (
		f"select `name` from `tab{DOCTYPE}` where `owner` = {escape(user)} "
		f"union select `parent` from `tab{approval.LOG_DOCTYPE}` where `parenttype` = {escape(DOCTYPE)} "
		f"and `user` = {escape(user)} and (`from_stage` = {escape(EDITING)} or (ifnull(`from_stage`, '') = '' "
		f"and `from_state` in ({application_states})))"
	)
	return (
		f"(`tabWorkflow Action`.`reference_doctype` != {escape(DOCTYPE)} or ("
		f"`tabWorkflow Action`.`reference_name` in ({visible}) and not ("
		f"`tabWorkflow Action`.`workflow_state` in ({review_states}) "
		f"and `tabWorkflow Action`.`reference_name` in ({own}))))"
	)


def workflow_action_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Deny only (None leaves the decision to Frappe's own Workflow Action rule)."""
	if doc.reference_doctype != DOCTYPE or not doc.reference_name:
		return None
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if approval.is_review_state(doc.workflow_state) and user in approval.project_applicants(
		doc.reference_name
	):
		return False
	if not frappe.db.exists(DOCTYPE, doc.reference_name):
		return None
	if not frappe.has_permission(DOCTYPE, "read", doc.reference_name, user=user):
		return False
	return None
