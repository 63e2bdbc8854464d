"""Who sees which needs, resources and matches.

Community staff (Community Secretary, Community Staff, Social Worker) work in the communities of their
User Permissions, which Frappe applies to the `community` field. Frappe shows *everything* to a user
who has no User Permission at all; for the 联动 records that would expose every resident's need, so
scoping here fails closed: a community role without a community sees nothing. Sub-district roles see
everything. A portal Resident sees only the needs they submitted themselves.
"""

from __future__ import annotations

import frappe

from wuse_app.setup.roles import (
	COMMUNITY_SECRETARY,
	COMMUNITY_STAFF,
	RESIDENT,
	SOCIAL_WORKER,
	SUBDISTRICT_WIDE_ROLES,
)

COMMUNITY_ROLES = frozenset({COMMUNITY_SECRETARY, COMMUNITY_STAFF, SOCIAL_WORKER})
WIDE_ROLES = frozenset({*SUBDISTRICT_WIDE_ROLES, "System Manager"})


def scope_communities(user: str) -> list[str]:
	"""The communities of the user's User Permissions."""
	from frappe.permissions import get_user_permissions

	return [p.get("doc") for p in get_user_permissions(user).get("Community", []) if p.get("doc")]


def is_subdistrict_wide(user: str) -> bool:
	return user == "Administrator" or bool(WIDE_ROLES & set(frappe.get_roles(user)))


def is_resident_only(user: str | None = None) -> bool:
	"""A portal resident (no staff role)."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	return RESIDENT in roles and not (roles & (COMMUNITY_ROLES | WIDE_ROLES))


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	from wuse_app.registry.personal_data import guard_personal_data_filters

	guard_personal_data_filters(user, doctype)  # no filtering on a contact mobile one cannot read
	if is_subdistrict_wide(user):
		return ""
	roles = set(frappe.get_roles(user))
	table = f"`tab{doctype}`"
	parts = []
	if roles & COMMUNITY_ROLES:
		communities = scope_communities(user)
		if communities:
			values = ", ".join(frappe.db.escape(c) for c in communities)
			parts.append(f"{table}.`community` in ({values})")
	if doctype == "Resident Need" and RESIDENT in roles:
		parts.append(f"{table}.`resident_user` = {frappe.db.escape(user)}")
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Deny only (None leaves the decision to Frappe's roles and User Permissions)."""
	user = user or frappe.session.user
	if is_subdistrict_wide(user):
		return None
	roles = set(frappe.get_roles(user))
	if roles & COMMUNITY_ROLES:
		communities = scope_communities(user)
		if communities and (not doc.get("community") or doc.get("community") in communities):
			return None
	if doc.doctype == "Resident Need" and RESIDENT in roles:
		owner = doc.get("resident_user")
		if owner == user or (ptype == "create" and not owner and doc.is_new()):
			return None
	return False


# --- emergency mode ----------------------------------------------------------------------------------
# A Community Emergency covers several communities (a child table), so Frappe's User Permissions on one
# link field cannot scope it; a community role sees the emergencies covering one of its communities.
# An Emergency Dispatch is seen by the community roles of the volunteer's community and by the
# volunteer called out.


def emergency_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_subdistrict_wide(user):
		return ""
	roles = set(frappe.get_roles(user))
	communities = scope_communities(user) if roles & COMMUNITY_ROLES else []
	if not communities:
		return "1=0"
	values = ", ".join(frappe.db.escape(c) for c in communities)
	return (
		"exists (select 1 from `tabResource Offer Community` ec where ec.parent = `tabCommunity Emergency`.`name`"
		f" and ec.parenttype = 'Community Emergency' and ec.community in ({values}))"
	)


def emergency_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if is_subdistrict_wide(user):
		return None
	roles = set(frappe.get_roles(user))
	communities = set(scope_communities(user)) if roles & COMMUNITY_ROLES else set()
	if not communities:
		return False
	if doc.is_new():
		return None  # switching on: the controller checks every community listed is the user's
	listed = {row.community for row in doc.get("communities") or []}
	return None if listed & communities else False


def dispatch_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_subdistrict_wide(user):
		return ""
	roles = set(frappe.get_roles(user))
	parts = []
	communities = scope_communities(user) if roles & COMMUNITY_ROLES else []
	if communities:
		values = ", ".join(frappe.db.escape(c) for c in communities)
		parts.append(f"`tabEmergency Dispatch`.`community` in ({values})")
	parts.append(f"`tabEmergency Dispatch`.`volunteer_user` = {frappe.db.escape(user)}")
	return "(" + " or ".join(parts) + ")"


def dispatch_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if is_subdistrict_wide(user):
		return None
	roles = set(frappe.get_roles(user))
	if roles & COMMUNITY_ROLES and doc.get("community") in scope_communities(user):
		return None
	if doc.get("volunteer_user") == user and ptype in (None, "read", "print"):
		return None
	return False
