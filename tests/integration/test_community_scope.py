"""Community scope, doctype by doctype: it fails closed, and an empty community is a deliberate
sub-district-level record or impossible."""

from __future__ import annotations

import frappe
import pytest
from factories import (
	assign,
	make_community,
	make_donor,
	make_organization,
	make_social_worker,
	make_user,
	make_volunteer,
)

from wuse_app.registry.community_scope import SUBDISTRICT_LEVEL, app_modules
from wuse_app.setup import roles as R

# Optional community copied by code from a record whose community is required.
DERIVED = {
	"Points Redemption": "reward_item",
	"Time Bank Entry": "volunteer",
	"Care Visit": "care_recipient",  # read-only, copied from the care file in validate
	"Emergency Dispatch": "volunteer",  # read-only, the called-out volunteer's community
}
# Several communities per record, so scoped by their own permission hooks (wuse_app/linkage/permissions.py),
# which fail closed; test_linkage_emergency.py::test_emergencies_and_dispatches_are_scoped_and_fail_closed
# and test_linkage_needs.py prove it.
OWN_SCOPE = {
	"Community Emergency": "communities",  # a table of communities, at least one required to switch it on
	"Need Match": "need",  # the need's community; an emergency assignment without a need: the emergency's
}


def community_doctypes() -> list[str]:
	doctypes = frappe.get_all(
		"DocType", filters={"module": ["in", list(app_modules())], "istable": 0}, pluck="name"
	)
	return sorted(
		dt
		for dt in doctypes
		if any(df.options == "Community" for df in frappe.get_meta(dt).get_link_fields())
	)


def test_every_doctype_that_links_a_community_is_scoped_on_purpose():
	unexplained = []
	for doctype in community_doctypes():
		required = all(
			df.reqd for df in frappe.get_meta(doctype).get_link_fields() if df.options == "Community"
		)
		if not (required or doctype in SUBDISTRICT_LEVEL or doctype in DERIVED or doctype in OWN_SCOPE):
			unexplained.append(doctype)
	assert unexplained == []


@pytest.mark.parametrize("doctype,source", sorted(DERIVED.items()))
def test_derived_communities_come_from_a_required_community(doctype, source):
	df = frappe.get_meta(doctype).get_field(source)
	assert df.reqd and frappe.get_meta(df.options).get_field("community").reqd


@pytest.mark.parametrize("doctype", sorted(OWN_SCOPE))
def test_multi_community_records_have_their_own_fail_closed_scope(doctype):
	hooks = frappe.get_hooks("permission_query_conditions").get(doctype)
	assert hooks and frappe.get_hooks("has_permission").get(doctype)
	user = make_user(R.COMMUNITY_SECRETARY)  # the role, no community
	assert frappe.get_attr(hooks[-1])(user, doctype) == "1=0"


@pytest.mark.parametrize("role", [R.COMMUNITY_SECRETARY, R.COMMUNITY_STAFF, R.SOCIAL_WORKER])
def test_a_community_role_without_a_community_sees_nothing(role):
	community = make_community()
	volunteer = make_volunteer(community)
	org = make_organization(community=community)
	worker = make_social_worker(community)
	sub_district_org = make_organization()
	user = make_user(role)  # the role, but no Community Assignment
	frappe.set_user(user)
	for doctype in ("Volunteer", "Social Organization", "Social Worker", "Community", "Donor"):
		if frappe.has_permission(doctype, "read"):  # the role may read the doctype, but no record
			assert frappe.get_list(doctype, limit_page_length=0) == [], doctype
	for doctype, name in (
		("Volunteer", volunteer.name),
		("Social Organization", org),
		("Social Organization", sub_district_org),
		("Social Worker", worker.name),
		("Community", community),
	):
		assert not frappe.has_permission(doctype, "read", doc=name), (doctype, name)


def test_removing_the_last_assignment_closes_the_scope():
	community = make_community()
	volunteer = make_volunteer(community)
	user = make_user()
	name = assign(user, community, R.COMMUNITY_SECRETARY)
	frappe.get_doc("Community Assignment", name).delete(ignore_permissions=True)
	frappe.get_doc("User", user).add_roles(R.COMMUNITY_SECRETARY)  # the role given again by hand
	frappe.set_user(user)
	assert frappe.get_list("Volunteer", limit_page_length=0) == []
	assert not frappe.has_permission("Volunteer", "read", doc=volunteer.name)


def test_an_assigned_user_sees_their_community_and_sub_district_records_only():
	here, there = make_community(), make_community()
	staff = make_user()
	assign(staff, here, R.COMMUNITY_STAFF)
	mine = {
		"Volunteer": make_volunteer(here).name,
		"Social Organization": make_organization(community=here),
		"Social Worker": make_social_worker(here).name,
		"Donor": make_donor(community=here).name,
	}
	theirs = {
		"Volunteer": make_volunteer(there).name,
		"Social Organization": make_organization(community=there),
		"Social Worker": make_social_worker(there).name,
		"Donor": make_donor(community=there).name,
	}
	sub_district = {  # empty community: sub-district level, for every community on purpose
		"Social Organization": make_organization(),
		"Social Worker": make_social_worker().name,
		"Donor": make_donor().name,
	}
	frappe.set_user(staff)
	for doctype in mine:
		seen = set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
		assert mine[doctype] in seen and theirs[doctype] not in seen, doctype
		if doctype in sub_district:
			assert doctype in SUBDISTRICT_LEVEL and sub_district[doctype] in seen
