"""Charity permissions: role matrix, donor personal data masked by role, community scoping, REST."""

from __future__ import annotations

import json

import frappe
import pytest
from factories import (
	RestClient,
	assign,
	make_allocation,
	make_charity_project,
	make_community,
	make_donation,
	make_donor,
	make_fund,
	make_user,
	resident_id,
)

from wuse_app.setup import roles as R

# R read, W write, C create, D delete, S submit, X cancel; "-" nothing. (Documented in README: Charity.)
# The rights of every role are in tests/integration/role_matrix.py (test_role_matrix.py).


# --- donor personal data -----------------------------------------------------------------------------


def load_as(user: str, doctype: str, name: str) -> dict:
	"""What the desk form receives (frappe.desk.form.load.getdoc)."""
	frappe.set_user(user)
	frappe.local.response = frappe._dict(docs=[])
	from frappe.desk.form.load import getdoc

	getdoc(doctype, name)
	doc = frappe.local.response.docs[0]
	return doc.as_dict() if hasattr(doc, "as_dict") else doc


def user_with(role: str, community: str) -> str:
	user = make_user()
	if role in (R.COMMUNITY_SECRETARY, R.COMMUNITY_STAFF, R.SOCIAL_WORKER):
		assign(user, community, role)
	else:
		frappe.get_doc("User", user).add_roles(role)
	return user


@pytest.mark.parametrize(
	"role,sees_personal_data",
	[
		(R.WUSE_ADMINISTRATOR, True),
		(R.SUBDISTRICT_REVIEWER, True),
		(R.LEADERSHIP_MEMBER, False),
		(R.COMMUNITY_SECRETARY, False),
		(R.COMMUNITY_STAFF, False),
	],
)
def test_donor_personal_data_visible_by_role(role, sees_personal_data):
	community = make_community()
	donor = make_donor(community=community, id_number=resident_id(), mobile="13900139000")
	user = user_with(role, community)

	form = load_as(user, "Donor", donor.name)
	assert (form.get("id_number") == donor.id_number) is sees_personal_data
	assert (form.get("mobile") == "13900139000") is sees_personal_data
	assert form["id_number_masked"] == donor.id_number_masked
	assert form["mobile_masked"] == "139****9000"

	rows = frappe.get_list("Donor", filters={"name": donor.name}, fields=["*"])
	assert len(rows) == 1
	assert (rows[0].get("id_number") == donor.id_number) is sees_personal_data
	assert (rows[0].get("mobile") == "13900139000") is sees_personal_data
	explicit = frappe.get_list("Donor", filters={"name": donor.name}, fields=["name", "id_number", "mobile"])
	assert (explicit[0].get("id_number") == donor.id_number) is sees_personal_data


def test_social_workers_and_portal_users_cannot_read_donors():
	community = make_community()
	donor = make_donor(community=community)
	for user in (
		user_with(R.SOCIAL_WORKER, community),
		make_user(R.VOLUNTEER),
		make_user(R.SOCIAL_ORGANIZATION_USER),
	):
		frappe.set_user(user)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Donor", donor.name).check_permission("read")
		frappe.set_user("Administrator")


def test_staff_register_a_donor_with_personal_data_but_cannot_read_it_back():
	community = make_community()
	staff = user_with(R.COMMUNITY_STAFF, community)
	frappe.set_user(staff)
	number = resident_id()
	doc = frappe.get_doc(
		{
			"doctype": "Donor",
			"donor_name": "赵六",
			"donor_type": "Individual",
			"community": community,
			"id_number": number,
			"mobile": "13700137000",
		}
	).insert()
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Donor", doc.name, ["id_number", "mobile"]) == (number, "13700137000")

	form = load_as(staff, "Donor", doc.name)
	assert form.get("id_number") != number and form.get("mobile") != "13700137000"
	# Saving the form back (personal fields blank) keeps what was registered.
	form["donor_name"] = "赵六六"
	from frappe.client import save

	save(json.dumps(form, default=str))
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Donor", doc.name, ["donor_name", "id_number", "mobile"]) == (
		"赵六六",
		number,
		"13700137000",
	)


def test_staff_cannot_search_donors_by_id_number():
	community = make_community()
	donor = make_donor(community=community, id_number=resident_id())
	frappe.set_user(user_with(R.COMMUNITY_STAFF, community))
	frappe.local.form_dict = frappe._dict(filters=json.dumps({"id_number": donor.id_number}))
	try:
		with pytest.raises(frappe.PermissionError):
			frappe.get_list("Donor", filters={"id_number": donor.id_number})
	finally:
		frappe.local.form_dict = frappe._dict()


def test_donor_change_log_never_holds_clear_personal_data():
	donor = make_donor(id_number=resident_id(), mobile="13800138000")
	old_number = donor.id_number
	donor.id_number = new_number = resident_id()
	donor.mobile = "13911112222"
	donor.save(ignore_version=False)  # Frappe skips the change log in tests unless asked
	versions = frappe.get_all(
		"Version", filters={"ref_doctype": "Donor", "docname": donor.name}, pluck="data"
	)
	assert versions
	blob = "".join(versions)
	for secret in (old_number, new_number, "13800138000", "13911112222"):
		assert secret not in blob
	assert new_number[:6] + "********" + new_number[-4:] in blob and "139****2222" in blob


def test_donor_link_search_shows_no_personal_data():
	community = make_community()
	donor = make_donor(donor_name="搜索捐赠人", community=community, id_number=resident_id())
	frappe.set_user(user_with(R.COMMUNITY_STAFF, community))
	from frappe.desk.search import search_link

	results = search_link("Donor", "搜索捐赠人")
	assert [row["value"] for row in results] == [donor.name]
	assert donor.id_number not in json.dumps(results, ensure_ascii=False)
	assert not search_link("Donor", donor.id_number)


def test_anonymous_donor_name_does_not_reach_the_fund_ledger():
	donor = make_donor(donor_name="钱某某", is_anonymous=1)
	fund = make_fund()
	make_donation(fund, 10, donor=donor.name)
	from wuse_app.charity.report.fund_ledger.fund_ledger import execute

	_columns, data, *_rest = execute({"fund": fund})
	assert "钱某某" not in json.dumps(data, ensure_ascii=False, default=str)


# --- community scoping ----------------------------------------------------------------------------------


@pytest.fixture
def two_communities():
	here, there = make_community(), make_community()
	data = frappe._dict(here=here, there=there)
	for key, community in (("mine", here), ("theirs", there)):
		fund = make_fund(community)
		project = make_charity_project(community)
		donor = make_donor(community=community)
		donation = make_donation(fund, 1000, donor=donor.name)
		allocation = make_allocation(fund, project, 100)
		data[key] = frappe._dict(
			fund=fund, donor=donor.name, donation=donation.name, allocation=allocation.name
		)
	data.shared_fund = make_fund(None)  # a fund of the whole sub-district (no community)
	data.staff = user_with(R.COMMUNITY_STAFF, here)
	return data


@pytest.mark.parametrize(
	"doctype,key",
	[
		("Community Fund", "fund"),
		("Donor", "donor"),
		("Donation", "donation"),
		("Fund Allocation", "allocation"),
	],
)
def test_staff_see_only_their_communitys_charity_records(two_communities, doctype, key):
	data = two_communities
	frappe.set_user(data.staff)
	found = set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
	assert data.mine[key] in found
	assert data.theirs[key] not in found
	assert frappe.has_permission(doctype, "read", data.mine[key])
	assert not frappe.has_permission(doctype, "read", data.theirs[key])


def test_sub_district_funds_are_visible_to_every_community(two_communities):
	frappe.set_user(two_communities.staff)
	assert two_communities.shared_fund in frappe.get_list("Community Fund", pluck="name", limit_page_length=0)


def test_staff_cannot_record_a_donation_to_another_communitys_fund(two_communities):
	data = two_communities
	frappe.set_user(data.staff)
	doc = frappe.get_doc(
		{
			"doctype": "Donation",
			"donor": data.mine.donor,
			"fund": data.theirs.fund,
			"donation_type": "Money",
			"amount": 10,
			"payment_method": "Cash",
		}
	)
	with pytest.raises(frappe.PermissionError):
		doc.insert()


def test_staff_cannot_cancel_donations_or_allocate(two_communities):
	data = two_communities
	frappe.set_user(data.staff)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Donation", data.mine.donation).cancel()
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Fund Allocation", data.mine.allocation).cancel()


def test_staff_record_and_submit_a_donation_in_their_community(two_communities):
	data = two_communities
	frappe.set_user(data.staff)
	doc = frappe.get_doc(
		{
			"doctype": "Donation",
			"donor": data.mine.donor,
			"fund": data.mine.fund,
			"donation_type": "Money",
			"amount": 66,
			"payment_method": "WeChat Pay",
		}
	).insert()
	doc.submit()
	assert doc.acknowledgement_number.startswith("JZ-")
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Community Fund", data.mine.fund, "total_received") == 1066


def test_fund_balances_cannot_be_written_through_the_api():
	fund = make_fund()
	frappe.set_user(make_user(R.WUSE_ADMINISTRATOR))
	from frappe.client import set_value

	set_value("Community Fund", fund, "available_balance", 5000)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Community Fund", fund, "available_balance") == 0


# --- over HTTP -------------------------------------------------------------------------------------------------


@pytest.mark.commits
def test_rest_masks_donor_personal_data_and_scopes_lists():
	frappe.set_user("Administrator")
	here, there = make_community(), make_community()
	mine = make_donor(community=here, id_number=resident_id(), mobile="13600136000")
	theirs = make_donor(community=there)
	staff, reviewer = make_user(), make_user(R.SUBDISTRICT_REVIEWER)
	assign(staff, here, R.COMMUNITY_STAFF)
	frappe.db.commit()
	try:
		client = RestClient(staff)
		body = client.get(f"/api/resource/Donor/{mine.name}").json()["data"]
		assert body.get("id_number") in (None, "") and body.get("mobile") in (None, "")
		assert body["id_number_masked"] == mine.id_number_masked and body["mobile_masked"] == "136****6000"
		listed = client.get(
			"/api/resource/Donor",
			params={"fields": json.dumps(["name", "id_number", "mobile"]), "limit_page_length": 0},
		)
		assert listed.status_code == 200, listed.text
		rows = {row["name"]: row for row in listed.json()["data"]}
		assert mine.name in rows and theirs.name not in rows
		assert rows[mine.name].get("id_number") in (None, "") and rows[mine.name].get("mobile") in (None, "")
		assert client.get(f"/api/resource/Donor/{theirs.name}").status_code == 403

		body = RestClient(reviewer).get(f"/api/resource/Donor/{mine.name}").json()["data"]
		assert body["id_number"] == mine.id_number and body["mobile"] == "13600136000"
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for name in frappe.get_all("Community Assignment", {"user": staff}, pluck="name"):
			frappe.delete_doc("Community Assignment", name, force=True)
		for donor in (mine.name, theirs.name):
			frappe.delete_doc("Donor", donor, force=True)
		for user in (staff, reviewer):
			frappe.delete_doc("User", user, force=True)
		for community in (here, there):
			sub_district = frappe.db.get_value("Community", community, "sub_district")
			frappe.delete_doc("Community", community, force=True)
			frappe.delete_doc("Sub District", sub_district, force=True)
		frappe.db.commit()
