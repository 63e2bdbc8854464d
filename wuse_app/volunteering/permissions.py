"""Volunteers (portal users) see only their own service records, time-bank lines, redemptions and certificates.

A portal volunteer is a user with the Volunteer role and no staff role; their Volunteer record names
them in `Volunteer.user`. Staff are limited by community through User Permissions (every doctype here
has a `community` link), which Frappe applies by itself. The two hooks below work as a pair:
`has_permission` for single documents, `permission_query_conditions` for lists and reports.
"""

from __future__ import annotations

import frappe

from wuse_app.setup import roles as R

VOLUNTEER_OWNED_DOCTYPES = (
	"Volunteer Service Record",
	"Time Bank Entry",
	"Points Redemption",
	"Volunteer Service Certificate",
)
# Roles that see these documents by their role permissions (and community), not as their owner.
STAFF_ROLES = frozenset(
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


def is_portal_volunteer(user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return R.VOLUNTEER in roles and not roles & STAFF_ROLES


def volunteers_of_user(user: str | None = None) -> list[str]:
	"""The Volunteer records linked to the user's account (normally one)."""
	user = user or frappe.session.user
	return frappe.get_all("Volunteer", filters={"user": user}, pluck="name")


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	if not is_portal_volunteer(user):
		return None
	return doc.get("volunteer") in volunteers_of_user(user)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""SQL condition for lists: a portal volunteer's own documents only."""
	if doctype not in VOLUNTEER_OWNED_DOCTYPES or not is_portal_volunteer(user):
		return ""
	owned = volunteers_of_user(user)
	if not owned:
		return "1=0"
	values = ", ".join(frappe.db.escape(name) for name in owned)
	return f"`tab{doctype}`.`volunteer` in ({values})"
