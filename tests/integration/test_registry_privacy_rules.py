"""Smaller personal-data rules: organisations' contact mobiles are masked, community assignments keep
their user, portal users name only their own social workers, and nobody attaches another user's
private file to their own record."""

from __future__ import annotations

import os

import frappe
import pytest
from factories import (
	assign,
	make_community,
	make_organization,
	make_portal_user,
	make_service_project,
	make_social_worker,
	make_user,
	project_data,
)

from wuse_app.registry.query_guard import check_form
from wuse_app.setup import roles as R


def test_an_organisations_contact_mobile_is_masked_for_leadership():
	org = make_organization(community=make_community(), contact_mobile="13800138000")
	assert frappe.db.get_value("Social Organization", org, "contact_mobile_masked") == "138****8000"
	frappe.set_user(make_user(R.LEADERSHIP_MEMBER))
	row = frappe.get_list(
		"Social Organization",
		filters={"name": org},
		fields=["name", "contact_mobile", "contact_mobile_masked"],
	)[0]
	assert "contact_mobile" not in row and row.contact_mobile_masked == "138****8000"
	doc = frappe.get_doc("Social Organization", org)
	doc.apply_fieldlevel_read_permissions()
	assert not doc.get("contact_mobile")
	with pytest.raises(frappe.PermissionError):  # what the request guard does with such a filter
		check_form({"filters": '{"contact_mobile": "13800138000"}'}, "Social Organization")


def test_staff_of_the_community_read_the_contact_mobile():
	community = make_community()
	org = make_organization(community=community, contact_mobile="13800138000")
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	assert frappe.get_list("Social Organization", filters={"name": org}, pluck="contact_mobile") == [
		"13800138000"
	]


def test_the_change_log_masks_the_contact_mobile():
	org = frappe.get_doc(
		"Social Organization", make_organization(community=make_community(), contact_mobile="13800138000")
	)
	org.contact_mobile = "13900139000"
	org.save(ignore_version=False)
	blob = "".join(
		frappe.get_all(
			"Version", filters={"ref_doctype": "Social Organization", "docname": org.name}, pluck="data"
		)
	)
	assert "contact_mobile" in blob
	assert "13800138000" not in blob and "13900139000" not in blob


def test_a_community_assignment_keeps_its_user():
	"""Changing the user would leave the first user with the role and the community."""
	community = make_community()
	first, second = make_user(), make_user()
	name = assign(first, community, R.COMMUNITY_STAFF)
	doc = frappe.get_doc("Community Assignment", name)
	doc.user = second
	with pytest.raises(frappe.ValidationError):
		doc.save(ignore_permissions=True)


def test_a_portal_user_cannot_name_another_organisations_social_worker_as_project_lead():
	community = make_community()
	org, other = make_organization(community=community), make_organization(community=community)
	user = make_portal_user(org)
	outsider = make_social_worker(community, is_community_worker=0, employer_organization=other).name
	with pytest.raises(frappe.PermissionError):
		make_service_project(owner=user, community=community, organization=org, project_lead=outsider)
	unemployed = make_social_worker(community).name
	with pytest.raises(frappe.PermissionError):
		make_service_project(owner=user, community=community, organization=org, project_lead=unemployed)
	own = make_social_worker(community, is_community_worker=0, employer_organization=org).name
	project = make_service_project(owner=user, community=community, organization=org, project_lead=own)
	assert project.project_lead == own


def test_staff_may_name_any_social_worker_of_the_community_as_project_lead():
	community = make_community()
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	worker = make_social_worker(community).name
	project = make_service_project(owner=staff, community=community, project_lead=worker)
	assert project.project_lead == worker


def private_upload(user: str, attached_to: tuple[str, str] | None = None) -> str:
	frappe.set_user(user)
	values = (
		{"attached_to_doctype": attached_to[0], "attached_to_name": attached_to[1]} if attached_to else {}
	)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "身份证复印件.pdf",
			"content": b"%PDF-1.4\n" + os.urandom(8),
			"is_private": 1,
			**values,
		}
	).insert()
	frappe.set_user("Administrator")
	return file.file_url


def test_another_users_private_file_cannot_be_attached_to_ones_project():
	community = make_community()
	victim = make_portal_user(make_organization(community=community))
	org = make_organization(community=community)
	attacker = make_portal_user(org)
	for url in (
		private_upload(victim),  # not yet attached: Frappe would re-attach it to the attacker's project
		private_upload(victim, ("Social Organization", org)),
	):
		frappe.set_user(attacker)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": "Service Project", **project_data(community, org, application_document=url)}
			).insert()
		frappe.set_user("Administrator")
		assert frappe.db.get_value("File", {"file_url": url}, "owner") == victim


def test_another_users_private_file_cannot_be_attached_by_file_url():
	community = make_community()
	org = make_organization(community=community)
	victim, attacker = make_user(R.SUBDISTRICT_REVIEWER), make_portal_user(org)
	url = private_upload(victim, ("Social Organization", make_organization(community=community)))
	project = make_service_project(owner=attacker, community=community, organization=org)
	frappe.set_user(attacker)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{
				"doctype": "File",
				"file_url": url,
				"attached_to_doctype": "Service Project",
				"attached_to_name": project.name,
			}
		).insert()


def test_ones_own_private_file_can_be_attached():
	community = make_community()
	org = make_organization(community=community)
	user = make_portal_user(org)
	url = private_upload(user)
	frappe.set_user(user)
	project = frappe.get_doc(
		{"doctype": "Service Project", **project_data(community, org, application_document=url)}
	).insert()
	assert project.application_document == url
