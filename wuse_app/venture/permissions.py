"""Who sees which venture records (list queries and single documents; the two hooks work as a pair).

- Staff (the desk roles) see calls, proposals and, for the administrator and the reviewer, score sheets;
  Frappe's role permissions and User Permissions (community) apply as usual.
- An organisation's portal user sees the proposals of the organisations that registered them, and the
  published calls.
- A judge sees only their own score sheets, and only the proposals assigned to them without a conflict
  of interest: never another judge's scores, never a conflicted proposal.
- Anyone else with one of these roles but no such link sees nothing (scoping fails closed).

The proposals' and sheets' `applicant_organization` links ignore User Permissions: an organisation's
portal user is restricted to their organisations by the hooks below (and the controller), and a judge
who is also a member of one organisation must still see the sheets and proposals of the others that
are assigned to them; the User Permission on Social Organization would hide those.
"""

from __future__ import annotations

import frappe

from wuse_app.domain import venture as rules
from wuse_app.setup import roles as R

STAFF = frozenset(
	{
		"System Manager",
		R.WUSE_ADMINISTRATOR,
		R.SUBDISTRICT_REVIEWER,
		R.LEADERSHIP_MEMBER,
		R.COMMUNITY_SECRETARY,
		R.COMMUNITY_STAFF,
		R.SOCIAL_WORKER,
	}
)
SCORE_READERS = frozenset({"System Manager", R.WUSE_ADMINISTRATOR, R.SUBDISTRICT_REVIEWER})


def _roles(user: str) -> set[str]:
	return set(frappe.get_roles(user))


def is_staff(user: str) -> bool:
	return user == "Administrator" or bool(_roles(user) & STAFF)


# --- Venture Proposal ---------------------------------------------------------------------------------


def proposal_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_staff(user):
		return ""
	escape = frappe.db.escape
	roles = _roles(user)
	parts = []
	if R.SOCIAL_ORGANIZATION_USER in roles:
		parts.append(
			"`tabVenture Proposal`.`applicant_organization` in (select `parent` from `tabOrganization Portal User`"
			f" where `parenttype` = 'Social Organization' and `user` = {escape(user)})"
		)
	if R.VENTURE_JUDGE in roles:
		parts.append(
			"`tabVenture Proposal`.`name` in (select `proposal` from `tabVenture Score`"
			f" where `judge` = {escape(user)} and `docstatus` < 2 and `status` != {escape(rules.CONFLICT)})"
		)
	return "(" + " or ".join(parts) + ")" if parts else "1 = 0"


def proposal_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if is_staff(user):
		return None
	roles = _roles(user)
	if (
		R.SOCIAL_ORGANIZATION_USER in roles
		and doc.applicant_organization
		and frappe.db.exists(
			"Organization Portal User",
			{"parent": doc.applicant_organization, "parenttype": "Social Organization", "user": user},
		)
	):
		return None
	if R.VENTURE_JUDGE in roles and ptype in ("read", "print") and doc.name and judges(doc.name, user):
		return None
	return False


def judges(proposal: str, user: str) -> bool:
	"""`user` is assigned to `proposal` without a conflict of interest."""
	return bool(
		frappe.db.exists(
			"Venture Score",
			{"proposal": proposal, "judge": user, "docstatus": ["<", 2], "status": ["!=", rules.CONFLICT]},
		)
	)


# --- Venture Score ------------------------------------------------------------------------------------


def score_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator" or _roles(user) & SCORE_READERS:
		return ""
	return f"`tabVenture Score`.`judge` = {frappe.db.escape(user)}"


def score_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if user == "Administrator" or _roles(user) & SCORE_READERS:
		return None
	if doc.judge != user:
		return False
	if doc.status == rules.CONFLICT and ptype not in ("read",):
		return False  # a conflicted judge cannot score
	return None


# --- Venture Call -------------------------------------------------------------------------------------


def call_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_staff(user):
		return ""
	return f"`tabVenture Call`.`status` != {frappe.db.escape(rules.DRAFT)}"


def call_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if is_staff(user):
		return None
	return False if (doc.status or rules.DRAFT) == rules.DRAFT else None
