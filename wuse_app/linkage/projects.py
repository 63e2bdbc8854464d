"""Needs → projects (项目清单): the project form lists its needs; a completed project resolves them."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import now_datetime

from wuse_app.domain import linkage as rules


def add_need_connections(data: dict) -> dict:
	"""`override_doctype_dashboards` for Service Project: the residents' needs it answers."""
	data = frappe._dict(data or {})
	data.setdefault("fieldname", "service_project")
	data.setdefault("transactions", [])
	known = {item for group in data.transactions for item in group.get("items", [])}
	if "Resident Need" not in known:
		data.transactions.append({"label": _("Residents' Needs"), "items": ["Resident Need"]})
	return data


def resolving_state() -> str | None:
	"""The project workflow state that resolves the project's needs (Wuse Settings, set by an administrator)."""
	from wuse_app.utils.settings import get_settings

	return get_settings().get("project_state_resolving_needs")


def on_project_update(doc, method=None) -> None:
	"""Service Project on_update: on reaching the resolving state, resolve its needs and ask for feedback."""
	previous = doc.get_doc_before_save()
	state = resolving_state()
	if (
		not state
		or doc.get("workflow_state") != state
		or (previous and previous.get("workflow_state") == state)
	):
		return
	resolve_project_needs(doc)


def resolve_project_needs(project) -> list[str]:
	"""A system step, not a user's workflow action: every open need of the project becomes Resolved
	(the first need state writing that status), with the project's outcome as the resolution."""
	from wuse_app.linkage.workflow import state_for_status

	resolved_state = state_for_status(rules.RESOLVED)
	resolved = []
	names = frappe.get_all(
		"Resident Need",
		filters={"service_project": project.name, "status": ["not in", sorted(rules.FINISHED_STATUSES)]},
		pluck="name",
	)
	for name in names:
		need = frappe.get_doc("Resident Need", name)
		values = {
			"status": rules.RESOLVED,
			"resolved_on": now_datetime(),
			"feedback_requested": 1,
			"resolution": need.resolution
			or project.get("outcome_summary")
			or _("Served by service project {0}.").format(project.name),
		}
		if resolved_state:
			values["workflow_state"] = resolved_state
		frappe.db.set_value("Resident Need", name, values)
		need.add_comment("Info", _("Resolved: service project {0} was completed.").format(project.name))
		ask_for_feedback(need)
		resolved.append(name)
	return resolved


def ask_for_feedback(need) -> None:
	"""Tell the resident (portal users only) that the need was resolved and ask them to rate it."""
	if not need.resident_user:
		return
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": need.resident_user,
			"type": "Alert",
			"document_type": "Resident Need",
			"document_name": need.name,
			"subject": _("Your need {0} has been resolved. Please rate the service at /my-needs.").format(
				need.name
			),
		}
	).insert(ignore_permissions=True)
