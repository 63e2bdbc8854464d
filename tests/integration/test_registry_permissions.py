"""Registry permissions: the role matrix, personal-data masking and community scoping (in-process)."""

from __future__ import annotations

import json

import frappe
import pytest
from factories import assign, make_community, make_organization, make_user, make_volunteer, resident_id

from wuse_app.setup import roles as R

# The rights of every role are in tests/integration/role_matrix.py (test_role_matrix.py); this file
# tests what they mean in practice: denials, masking and community scope.


# --- denials in practice -----------------------------------------------------------------------------


def test_leadership_cannot_edit_or_create_volunteers():
	volunteer = make_volunteer(make_community())
	frappe.set_user(make_user(R.LEADERSHIP_MEMBER))
	doc = frappe.get_doc("Volunteer", volunteer.name)
	doc.full_name = "改名"
	with pytest.raises(frappe.PermissionError):
		doc.save()
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{
				"doctype": "Volunteer",
				"full_name": "新人",
				"id_number": resident_id(),
				"community": volunteer.community,
			}
		).insert()


def test_staff_cannot_delete_volunteers():
	community = make_community()
	volunteer = make_volunteer(community)
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	with pytest.raises(frappe.PermissionError):
		frappe.delete_doc("Volunteer", volunteer.name)


def test_portal_users_cannot_read_volunteers():
	volunteer = make_volunteer(make_community())
	for role in (R.SOCIAL_ORGANIZATION_USER, R.VOLUNTEER):
		frappe.set_user(make_user(role))
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Volunteer", volunteer.name).check_permission("read")
		with pytest.raises(frappe.PermissionError):
			frappe.get_list("Volunteer")
		frappe.set_user("Administrator")


def test_community_staff_cannot_change_settings():
	frappe.set_user(make_user(R.COMMUNITY_STAFF))
	settings = frappe.get_doc("Wuse Settings")
	settings.leadership_approval_threshold = 1
	with pytest.raises(frappe.PermissionError):
		settings.save()


# --- masking ------------------------------------------------------------------------------------------


def load_as(user: str, doctype: str, name: str) -> dict:
	"""What the desk form receives (frappe.desk.form.load.getdoc)."""
	frappe.set_user(user)
	frappe.local.response = frappe._dict(docs=[])
	from frappe.desk.form.load import getdoc

	getdoc(doctype, name)
	doc = frappe.local.response.docs[0]
	return doc.as_dict() if hasattr(doc, "as_dict") else doc


@pytest.mark.parametrize(
	"role,sees_id,sees_mobile",
	[
		(R.WUSE_ADMINISTRATOR, True, True),
		(R.SUBDISTRICT_REVIEWER, True, True),
		(R.LEADERSHIP_MEMBER, False, False),
		(R.COMMUNITY_SECRETARY, False, True),
		(R.COMMUNITY_STAFF, False, True),
		(R.SOCIAL_WORKER, False, True),
	],
)
def test_personal_data_visible_by_role(role, sees_id, sees_mobile):
	community = make_community()
	volunteer = make_volunteer(community, mobile="13800138000")
	user = make_user()
	if role in (R.COMMUNITY_SECRETARY, R.COMMUNITY_STAFF, R.SOCIAL_WORKER):
		assign(user, community, role)
	else:
		frappe.get_doc("User", user).add_roles(role)

	form = load_as(user, "Volunteer", volunteer.name)
	assert (form.get("id_number") == volunteer.id_number) is sees_id
	assert (form.get("mobile") == "13800138000") is sees_mobile
	assert form["id_number_masked"] == volunteer.id_number_masked
	assert form["mobile_masked"] == "138****8000"

	rows = frappe.get_list("Volunteer", filters={"name": volunteer.name}, fields=["*"])
	assert len(rows) == 1
	assert (rows[0].get("id_number") == volunteer.id_number) is sees_id
	explicit = frappe.get_list("Volunteer", filters={"name": volunteer.name}, fields=["name", "id_number"])
	assert (explicit[0].get("id_number") == volunteer.id_number) is sees_id


def test_staff_save_without_id_keeps_the_registered_number():
	community = make_community()
	volunteer = make_volunteer(community)
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	form = load_as(staff, "Volunteer", volunteer.name)
	assert "id_number" not in form or not form.get("id_number")
	form["full_name"] = "新名字"
	from frappe.client import save

	save(json.dumps(form, default=str))
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Volunteer", volunteer.name, ["full_name", "id_number"]) == (
		"新名字",
		volunteer.id_number,
	)


def test_staff_can_register_a_volunteer_with_an_id_number_but_not_read_it_back():
	community = make_community()
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	number = resident_id()
	doc = frappe.get_doc(
		{"doctype": "Volunteer", "full_name": "李四", "id_number": number, "community": community}
	)
	doc.insert()
	assert frappe.db.get_value("Volunteer", doc.name, "id_number") == number
	form = load_as(staff, "Volunteer", doc.name)
	assert form.get("id_number") != number


def test_staff_can_correct_an_id_number():
	community = make_community()
	volunteer = make_volunteer(community)
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	doc = frappe.get_doc("Volunteer", volunteer.name)
	doc.id_number = corrected = resident_id()
	doc.save()
	assert frappe.db.get_value("Volunteer", volunteer.name, "id_number") == corrected


def test_leadership_cannot_change_id_number_through_save():
	volunteer = make_volunteer(make_community())
	lead = make_user(R.LEADERSHIP_MEMBER, R.SUBDISTRICT_REVIEWER)
	frappe.set_user(lead)
	doc = frappe.get_doc("Volunteer", volunteer.name)
	doc.id_number = resident_id()
	doc.save()  # a reviewer may
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Volunteer", volunteer.name, "id_number") == doc.id_number


def test_change_log_never_holds_the_clear_id_number():
	volunteer = make_volunteer(make_community(), mobile="13800138000")
	old = volunteer.id_number
	volunteer.id_number = new = resident_id()
	volunteer.mobile = "13900139000"
	volunteer.save(ignore_version=False)  # Frappe skips the change log in tests unless asked
	versions = frappe.get_all(
		"Version", filters={"ref_doctype": "Volunteer", "docname": volunteer.name}, pluck="data"
	)
	assert versions
	blob = "".join(versions)
	for secret in (old, new, "13800138000", "13900139000"):
		assert secret not in blob
	assert new[:6] + "********" + new[-4:] in blob


def test_link_search_does_not_search_or_show_id_numbers():
	community = make_community()
	volunteer = make_volunteer(community, full_name="搜索测试")
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	from frappe.desk.search import search_link

	by_name = search_link("Volunteer", "搜索测试")
	assert any(r["value"] == volunteer.name for r in by_name)
	assert volunteer.id_number not in json.dumps(by_name, ensure_ascii=False)
	by_id = search_link("Volunteer", volunteer.id_number)
	assert not any(r["value"] == volunteer.name for r in by_id)


# --- community scoping -----------------------------------------------------------------------------------


@pytest.fixture
def two_communities():
	here, there = make_community(), make_community()
	records = {
		"here": {
			"Volunteer": make_volunteer(here).name,
			"Social Organization": make_organization(community=here),
		},
		"there": {
			"Volunteer": make_volunteer(there).name,
			"Social Organization": make_organization(community=there),
		},
	}
	return here, there, records


@pytest.mark.parametrize("role", [R.COMMUNITY_SECRETARY, R.COMMUNITY_STAFF, R.SOCIAL_WORKER])
def test_scoped_user_lists_only_their_community(two_communities, role):
	here, _there, records = two_communities
	user = make_user()
	assign(user, here, role)
	frappe.set_user(user)
	assert frappe.get_list("Community", pluck="name") == [here]
	for doctype in ("Volunteer", "Social Organization"):
		names = frappe.get_list(doctype, pluck="name")
		assert records["here"][doctype] in names
		assert records["there"][doctype] not in names
		assert frappe.has_permission(doctype, "read", records["here"][doctype])
		assert not frappe.has_permission(doctype, "read", records["there"][doctype])


def test_scoped_user_cannot_create_in_another_community(two_communities):
	here, there, _records = two_communities
	staff = make_user()
	assign(staff, here, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{"doctype": "Volunteer", "full_name": "越界", "id_number": resident_id(), "community": there}
		).insert()


def test_scoped_link_search_shows_only_own_community(two_communities):
	here, there, _records = two_communities
	staff = make_user()
	assign(staff, here, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	from frappe.desk.search import search_link

	values = {r["value"] for r in search_link("Community", "")}
	assert here in values and there not in values


def test_reviewer_sees_every_community(two_communities):
	_here, _there, records = two_communities
	frappe.set_user(make_user(R.SUBDISTRICT_REVIEWER))
	names = frappe.get_list("Volunteer", pluck="name")
	assert {records["here"]["Volunteer"], records["there"]["Volunteer"]} <= set(names)


def test_assignment_grants_and_removal_revokes():
	community = make_community()
	user = make_user()
	name = assign(user, community, R.COMMUNITY_SECRETARY)
	assert R.COMMUNITY_SECRETARY in frappe.get_roles(user)
	assert frappe.db.exists("User Permission", {"user": user, "allow": "Community", "for_value": community})
	frappe.delete_doc("Community Assignment", name)
	assert not frappe.db.exists(
		"User Permission", {"user": user, "allow": "Community", "for_value": community}
	)
	assert R.COMMUNITY_SECRETARY not in frappe.get_roles(user)


def test_assignment_cannot_be_made_by_staff():
	community = make_community()
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{
				"doctype": "Community Assignment",
				"user": staff,
				"community": community,
				"role": R.COMMUNITY_SECRETARY,
			}
		).insert()


def test_organisation_portal_user_sees_only_own_organisation():
	mine = make_organization()
	other = make_organization()
	portal = make_user()
	doc = frappe.get_doc("Social Organization", mine)
	doc.append("portal_users", {"user": portal})
	doc.save()
	assert R.SOCIAL_ORGANIZATION_USER in frappe.get_roles(portal)
	frappe.set_user(portal)
	names = frappe.get_list("Social Organization", pluck="name")
	assert mine in names and other not in names
