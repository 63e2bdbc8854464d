"""Portal users of social organisations: the role follows membership, the scope fails closed, and staff
accounts cannot be made portal users."""

from __future__ import annotations

import frappe
import pytest
from factories import make_community, make_organization, make_portal_user, make_user

from wuse_app.setup import roles as R


def remove_portal_user(organization: str, user: str) -> None:
	org = frappe.get_doc("Social Organization", organization)
	org.portal_users = [row for row in org.portal_users if row.user != user]
	org.save(ignore_permissions=True)


def test_removing_a_portal_user_from_their_only_organisation_revokes_the_role():
	community = make_community()
	org, other = make_organization(community=community), make_organization(community=community)
	user = make_portal_user(org)
	remove_portal_user(org, user)
	frappe.clear_cache(user=user)
	assert R.SOCIAL_ORGANIZATION_USER not in frappe.get_roles(user)
	assert not frappe.has_permission("Social Organization", "read", user=user)
	assert not frappe.has_permission("Social Organization", "read", doc=other, user=user)


def test_a_portal_user_of_two_organisations_keeps_the_role_when_removed_from_one():
	community = make_community()
	first, second = make_organization(community=community), make_organization(community=community)
	user = make_portal_user(first)
	org = frappe.get_doc("Social Organization", second)
	org.append("portal_users", {"user": user})
	org.save(ignore_permissions=True)
	remove_portal_user(first, user)
	assert R.SOCIAL_ORGANIZATION_USER in frappe.get_roles(user)
	frappe.set_user(user)
	assert set(frappe.get_list("Social Organization", pluck="name")) == {second}


def test_a_portal_user_with_no_organisation_sees_no_organisation():
	"""The role alone (no portal_users row, no User Permission) must not open every organisation."""
	org = make_organization(community=make_community())
	user = make_user(R.SOCIAL_ORGANIZATION_USER)
	frappe.set_user(user)
	assert frappe.get_list("Social Organization", pluck="name", limit_page_length=0) == []
	assert not frappe.has_permission("Social Organization", "read", doc=org)


def test_a_portal_user_sees_only_their_organisation_even_without_a_user_permission():
	community = make_community()
	org, other = make_organization(community=community), make_organization(community=community)
	user = make_portal_user(org)
	frappe.db.delete("User Permission", {"user": user})
	frappe.clear_cache(user=user)
	frappe.set_user(user)
	assert frappe.get_list("Social Organization", pluck="name", limit_page_length=0) == [org]
	assert not frappe.has_permission("Social Organization", "read", doc=other)


@pytest.mark.parametrize("roles", [(R.SUBDISTRICT_REVIEWER,), (R.COMMUNITY_STAFF,), ("System Manager",), ()])
def test_staff_accounts_cannot_become_portal_users(roles):
	org = make_organization(community=make_community())
	staff = make_user(*roles) if roles else make_user(R.COMMUNITY_STAFF)
	if not roles:  # a desk account whose roles were all removed is still a System User
		frappe.db.delete("Has Role", {"parent": staff})
	doc = frappe.get_doc("Social Organization", org)
	doc.append("portal_users", {"user": staff})
	with pytest.raises(frappe.ValidationError):
		doc.save(ignore_permissions=True)
	assert not frappe.db.exists("User Permission", {"user": staff, "allow": "Social Organization"})
