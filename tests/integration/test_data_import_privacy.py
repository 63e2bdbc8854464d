"""Data Import files (full ID and mobile numbers) are their owner's: nobody else opens or downloads them,
and a fully successful import leaves no file behind."""

from __future__ import annotations

import frappe
import pytest
from factories import RestClient, assign, make_community, make_user, resident_id

from wuse_app.setup import roles as R

pytestmark = pytest.mark.commits


@pytest.fixture
def two_staff():
	frappe.set_user("Administrator")
	here, there = make_community(), make_community()
	owner, other, secretary = make_user(), make_user(), make_user()
	assign(owner, here, R.COMMUNITY_STAFF)
	assign(other, there, R.COMMUNITY_STAFF)
	assign(secretary, there, R.COMMUNITY_SECRETARY)
	frappe.db.commit()
	yield frappe._dict(here=here, there=there, owner=owner, other=other, secretary=secretary)
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for name in frappe.get_all("Data Import", {"owner": owner}, pluck="name"):
		frappe.delete_doc("Data Import", name, force=True)
	for name in frappe.get_all("File", {"owner": owner, "is_folder": 0}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	frappe.db.delete("Volunteer", {"community": ["in", [here, there]]})
	for user in (owner, other, secretary):
		for name in frappe.get_all("Community Assignment", {"user": user}, pluck="name"):
			frappe.delete_doc("Community Assignment", name, force=True)
		frappe.delete_doc("User", user, force=True)
	for community in (here, there):
		frappe.delete_doc("Community", community, force=True)
	frappe.db.commit()


def upload_import(user: str, community: str, rows: list[tuple[str, str]]):
	content = "Full Name,Resident ID Number,Community\n" + "".join(
		f"{name},{number},{community}\n" for name, number in rows
	)
	frappe.set_user(user)
	data_import = frappe.get_doc(
		{"doctype": "Data Import", "reference_doctype": "Volunteer", "import_type": "Insert New Records"}
	).insert()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "volunteers.csv",
			"content": content.encode(),
			"attached_to_doctype": "Data Import",
			"attached_to_name": data_import.name,
			"is_private": 0,  # as a careless upload would be
		}
	).insert()
	data_import.import_file = file.file_url
	data_import.save()
	frappe.db.commit()
	frappe.set_user("Administrator")
	return data_import, file


def test_another_communitys_staff_cannot_open_or_download_an_import(two_staff):
	w = two_staff
	data_import, file = upload_import(w.owner, w.here, [("甲", resident_id())])
	assert file.is_private and file.file_url.startswith("/private/files/")

	for user in (w.other, w.secretary):
		assert not frappe.has_permission("Data Import", "read", doc=data_import.name, user=user)
		assert data_import.name not in frappe.get_list("Data Import", pluck="name", user=user)
		client = RestClient(user)
		assert client.get(f"/api/resource/Data Import/{data_import.name}").status_code == 403
		listed = client.get("/api/resource/Data Import", params={"limit_page_length": 0})
		assert data_import.name not in listed.text
		download = client.get(file.file_url)
		assert download.status_code in (403, 404) and "甲" not in download.text

	owner = RestClient(w.owner)
	assert owner.get(f"/api/resource/Data Import/{data_import.name}").status_code == 200
	assert "甲" in owner.get(file.file_url).text


def test_a_successful_import_deletes_its_file(two_staff):
	w = two_staff
	number = resident_id()
	data_import, file = upload_import(w.owner, w.here, [("乙", number)])
	frappe.set_user(w.owner)
	frappe.get_doc("Data Import", data_import.name).start_import()
	frappe.db.commit()
	frappe.set_user("Administrator")

	assert frappe.db.get_value("Data Import", data_import.name, "status") == "Success"
	assert frappe.db.exists("Volunteer", {"id_number": number})
	assert not frappe.db.exists("File", file.name)
	assert not frappe.db.get_value("Data Import", data_import.name, "import_file")
	assert RestClient(w.owner).get(file.file_url).status_code in (403, 404)
