"""Community scope fails closed.

Community Secretaries, Community Staff and Social Workers work in the communities their Community
Assignments give them (a User Permission on Community, which Frappe applies to every doctype that
links a community). Frappe reads "no User Permission" as "no restriction": a user given one of these
roles without an assignment, or whose last assignment was deleted, would see every community's
records. These `*` hooks close that: such a user sees no record of a doctype that links Community.

Records with an empty community: the doctypes where a record belongs to a community have `community`
required (or fetched from a record that requires it). Where it is optional, an empty community means
a sub-district-level record that every community works with, on purpose (SUBDISTRICT_LEVEL below):
a social worker of the sub-district's social-work station, a social organisation registered at the
sub-district, a donor, the sub-district's fund and its donations and allocations.
`tests/integration/test_community_scope.py` proves each doctype's scope.
"""

from __future__ import annotations

import frappe
from frappe.utils.caching import site_cache

from wuse_app.setup import roles as R

COMMUNITY_SCOPED_ROLES = frozenset({R.COMMUNITY_SECRETARY, R.COMMUNITY_STAFF, R.SOCIAL_WORKER})
UNSCOPED_ROLES = frozenset({"System Manager", *R.SUBDISTRICT_WIDE_ROLES})
SUBDISTRICT_LEVEL = frozenset(
	{"Social Worker", "Social Organization", "Donor", "Community Fund", "Donation", "Fund Allocation"}
)


def is_community_scoped(user: str) -> bool:
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return bool(roles & COMMUNITY_SCOPED_ROLES) and not roles & UNSCOPED_ROLES


def links_community(doctype: str) -> bool:
	if doctype == "Community":
		return True
	meta = frappe.get_meta(doctype)
	return meta.module in app_modules() and any(df.options == "Community" for df in meta.get_link_fields())


@site_cache
def app_modules() -> frozenset[str]:
	return frozenset(frappe.get_all("Module Def", filters={"app_name": "wuse_app"}, pluck="name"))


def has_no_community(user: str) -> bool:
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions

	return not get_user_permissions(user).get("Community")


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` for `*`: nothing for a scoped user without a community."""
	user = user or frappe.session.user
	if not doctype or not links_community(doctype) or not is_community_scoped(user):
		return ""
	return "1=0" if has_no_community(user) else ""


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool | None:
	"""`has_permission` for `*`: deny (never grant) a scoped user without a community."""
	user = user or frappe.session.user
	if not links_community(doc.doctype) or not is_community_scoped(user):
		return None
	return False if has_no_community(user) else None
