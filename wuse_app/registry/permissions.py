"""Social organisation portal users see their own organisations only, and nothing without one.

A portal user is a user with the Social Organization User role and no staff role. The Social
Organization form's `portal_users` table is the one source of who belongs where: Frappe's User
Permission (given when a user is added) does the scoping in other doctypes, but a user whose last
User Permission is removed would see *every* organisation (Frappe's user permissions are not
strict). These hooks scope the organisation itself from the table, so the scope fails closed.
"""

from __future__ import annotations

import frappe

from wuse_app.setup import roles as R
from wuse_app.volunteering.permissions import STAFF_ROLES


def is_portal_organization_user(user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return R.SOCIAL_ORGANIZATION_USER in roles and not roles & STAFF_ROLES


def organizations_of_user(user: str | None = None) -> list[str]:
	user = user or frappe.session.user
	return frappe.get_all(
		"Organization Portal User",
		filters={"user": user, "parenttype": "Social Organization"},
		pluck="parent",
		distinct=True,
	)


def organization_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	if not is_portal_organization_user(user):
		return None
	return doc.name in organizations_of_user(user)


def organization_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	from wuse_app.registry.personal_data import guard_personal_data_filters

	guard_personal_data_filters(user, "Social Organization")  # no filters on the contact mobile either
	if not is_portal_organization_user(user):
		return ""
	names = organizations_of_user(user)
	if not names:
		return "1 = 0"  # a portal user of no organisation sees none
	return "`tabSocial Organization`.`name` in ({})".format(", ".join(frappe.db.escape(n) for n in names))
