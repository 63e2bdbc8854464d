"""待我审批: the documents waiting for the current user's decision, across every governed doctype.

Frappe's Workflow Action list (/app/workflow-action) already knows which documents wait for which
roles, but shows only the record type, its ID and "Open". This builds the reviewer's queue on top of
it, without a second bookkeeping:

- the candidates are the user's open Workflow Actions (Frappe's own list query: the user's roles,
  plus the app's narrowing in `projects.permissions`), for the doctypes whose active workflow gives
  a state an approval stage (`approvals.config`);
- an item stays only while the document is still in that state and the state is a Review stage;
- the user must be able to read the document (roles, User Permissions and the fail-closed community
  scope of `registry.community_scope`), have a transition out of the state (its role and condition),
  not be one of its applicants, and not have voted already on a 会签 step.

Whatever is unclear leaves the item out: the queue fails closed.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt, now_datetime, time_diff_in_hours

from wuse_app.approvals import actions, engine
from wuse_app.approvals.config import get_policy, get_workflow

MAX_ITEMS = 200


def governed_doctypes() -> list[str]:
	"""Doctypes with an active workflow that gives any of its states an approval stage."""
	doctypes = frappe.get_all("Workflow", filters={"is_active": 1}, pluck="document_type")
	return sorted(dt for dt in set(doctypes) if dt and get_policy(dt) is not None)


def _first_field(meta, predicate) -> str | None:
	fields = [df for df in meta.fields if predicate(df)]
	listed = [df for df in fields if df.in_list_view]
	chosen = (listed or fields)[:1]
	return chosen[0].fieldname if chosen else None


def _display_fields(doctype: str) -> frappe._dict:
	"""Which of the doctype's own fields give the title, community and amount (from its metadata)."""
	meta = frappe.get_meta(doctype)
	title = meta.title_field if meta.title_field and meta.has_field(meta.title_field) else None
	return frappe._dict(
		title=title,
		community=_first_field(meta, lambda df: df.fieldtype == "Link" and df.options == "Community"),
		amount=_first_field(meta, lambda df: df.fieldtype == "Currency"),
	)


def _applicants(doc, policy) -> set[str]:
	if getattr(doc, "governs_approvals_itself", False):  # keeps its own trail (Service Project)
		from wuse_app.projects import approval

		if doc.doctype == approval.DOCTYPE:
			return approval.applicants(doc)
	return engine.document_applicants(doc.doctype, doc.name, doc.owner, policy)


def _waits_for_user(doc, workflow, policy, user: str) -> bool:
	state = doc.get(workflow.workflow_state_field)
	if not policy.is_review(state):
		return False
	if not frappe.has_permission(doc.doctype, "read", doc, user=user):
		return False
	if user in _applicants(doc, policy):
		return False
	mine = actions.my_transitions(workflow, doc, user)
	return any(
		not (engine.is_multi(t) and user in engine.round_votes(doc.doctype, doc.name, state, t.action))
		for t in mine
	)


@frappe.whitelist(methods=["GET", "POST"])
def pending_for_me() -> list[dict]:
	"""The documents waiting for the current user's decision, the longest waiting first."""
	user = frappe.session.user
	if user == "Guest" or not frappe.has_permission("Workflow Action", "read"):
		raise frappe.PermissionError(_("Not permitted"))
	doctypes = governed_doctypes()
	if not doctypes:
		return []
	# Frappe's list query for Workflow Action: the user's roles (or the user named on the action),
	# narrowed by the app's permission_query_conditions hook.
	actions = frappe.get_list(
		"Workflow Action",
		filters={"status": "Open", "reference_doctype": ["in", doctypes]},
		fields=["reference_doctype", "reference_name", "workflow_state", "creation"],
		order_by="creation asc",
		limit_page_length=MAX_ITEMS,
	)
	now = now_datetime()
	items, seen = [], set()
	for action in actions:
		key = (action.reference_doctype, action.reference_name)
		if key in seen or not frappe.db.exists(*key):
			continue
		seen.add(key)
		workflow, policy = get_workflow(action.reference_doctype), get_policy(action.reference_doctype)
		if workflow is None or policy is None:
			continue
		doc = frappe.get_doc(*key)
		state = doc.get(workflow.workflow_state_field)
		if state != action.workflow_state or not _waits_for_user(doc, workflow, policy, user):
			continue
		fields = _display_fields(doc.doctype)
		limit = policy.states[state].time_limit_hours if state in policy.states else 0
		waited = max(time_diff_in_hours(now, action.creation), 0)
		items.append(
			{
				"doctype": doc.doctype,
				"name": doc.name,
				"title": (doc.get(fields.title) if fields.title else None) or doc.name,
				"community": doc.get(fields.community) if fields.community else None,
				"amount": flt(doc.get(fields.amount)) if fields.amount else None,
				"state": state,
				"since": str(action.creation),
				"waited_hours": round(waited, 2),
				"time_limit_hours": flt(limit),
				"overdue": bool(limit and waited > limit),
				"route": f"/app/{frappe.scrub(doc.doctype).replace('_', '-')}/{doc.name}",
			}
		)
	return items
