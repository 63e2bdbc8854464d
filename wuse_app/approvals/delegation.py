"""委托 (delegation): while an approver is away, a colleague decides on their behalf.

Frappe's workflow knows only the session user's roles, so a delegate's decision goes through the app's
endpoints (`wuse_app.approvals.api.decide`, the project form's `apply_review_action`), which check the
delegation and then take the transition *as the delegator* (`acting_for`): every permission and scope
check is the delegator's, and the trail records "delegate on behalf of delegator". A delegation holds
from its first to its last day and ends by itself (dates are compared on every use; no job needed).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import getdate

from wuse_app.domain import approvals as rules
from wuse_app.utils.validation import throw

DOCTYPE = "Approval Delegation"
ADMIN_ROLES = frozenset({"System Manager", "Wuse Administrator"})


class DelegationError(frappe.PermissionError):
	pass


def is_admin(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(ADMIN_ROLES & set(frappe.get_roles(user)))


def active_delegators(delegate: str, doctype: str) -> list[str]:
	"""The users `delegate` may act for today on documents of `doctype`."""
	today = getdate()
	rows = frappe.get_all(
		DOCTYPE,
		filters={"delegate": delegate, "from_date": ["<=", today], "to_date": [">=", today]},
		fields=["name", "delegator", "from_date", "to_date"],
	)
	if not rows:
		return []
	types: dict[str, list[str]] = {}
	for t in frappe.get_all(
		"Approval Delegation Document Type",
		filters={"parent": ["in", [r.name for r in rows]], "parenttype": DOCTYPE},
		fields=["parent", "document_type"],
	):
		types.setdefault(t.parent, []).append(t.document_type)
	return list(
		dict.fromkeys(
			r.delegator
			for r in rows
			if rules.delegation_active(
				today, getdate(r.from_date), getdate(r.to_date), types.get(r.name, []), doctype
			)
			and frappe.db.get_value("User", r.delegator, "enabled")
		)
	)


@contextmanager
def acting_for(delegator: str, doctype: str) -> Iterator[str]:
	"""Run the block as `delegator`, for the current user who holds an active delegation from them.

	Refused when there is no such delegation today. Inside, the approval rules refuse a decision by
	or for the document's applicant (engine.check_decision), and the trail records the delegate
	(`flags.approval_delegate`) as the person who acted and the delegator as "on behalf of".
	"""
	delegate = frappe.session.user
	if delegator not in active_delegators(delegate, doctype):
		throw(
			_("You hold no delegation from {0} for {1} today.").format(delegator, _(doctype)),
			title=_("Not allowed"),
			exc=DelegationError,
		)
	saved = (frappe.local.session.user, frappe.local.user_perms, frappe.local.role_permissions)
	frappe.local.session.user = delegator
	frappe.local.user_perms = None
	frappe.local.role_permissions = {}
	frappe.flags.approval_delegate = delegate
	try:
		yield delegate
	finally:
		frappe.local.session.user, frappe.local.user_perms, frappe.local.role_permissions = saved
		frappe.flags.approval_delegate = None


def actor() -> tuple[str, str | None]:
	"""(the person acting, on whose behalf or None)."""
	delegate = frappe.flags.approval_delegate
	if delegate:
		return delegate, frappe.session.user
	return frappe.session.user, None


# --- permissions: a user manages their own delegations; administrators all ---------------------------


def query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_admin(user):
		return ""
	escaped = frappe.db.escape(user)
	return f"(`tabApproval Delegation`.`delegator` = {escaped} or `tabApproval Delegation`.`delegate` = {escaped})"


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool | None:
	user = user or frappe.session.user
	if is_admin(user):
		return None
	if ptype in (None, "read", "print", "email", "report", "export", "select"):
		return None if user in (doc.get("delegator"), doc.get("delegate")) else False
	# write, create, delete: the delegator's own delegation (a new one has the user as delegator)
	return None if doc.get("delegator") in (None, "", user) else False
