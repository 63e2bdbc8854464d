"""Files attached to records that hold personal data are stored private, whatever the uploader chose.

A public file (/files/…) can be downloaded by anyone who has its URL, without logging in.
"""

from __future__ import annotations

import os

import frappe
import pytest
from factories import make_community, make_donor, make_organization, make_social_worker, make_volunteer

from wuse_app.utils.private_files import PRIVATE_ATTACHMENT_DOCTYPES

PDF = b"%PDF-1.4\n% wuse private file test\n"


def record_of(doctype: str) -> str:
	community = make_community()
	return {
		"Volunteer": lambda: make_volunteer(community).name,
		"Social Worker": lambda: make_social_worker(community).name,
		"Social Organization": lambda: make_organization(community=community),
		"Donor": lambda: make_donor().name,
	}[doctype]()


def attach(doctype: str, name: str, private: int = 0):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "身份证复印件.pdf",
			"content": PDF + os.urandom(8),
			"is_private": private,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
		}
	).insert()


def on_disk(url: str) -> bool:
	folder = ("private", "files") if url.startswith("/private/") else ("public", "files")
	return os.path.exists(frappe.get_site_path(*folder, url.rsplit("/", 1)[-1]))


@pytest.mark.parametrize("doctype", ["Volunteer", "Social Worker", "Social Organization", "Donor"])
def test_a_public_upload_to_a_personal_record_is_stored_private(doctype):
	file = attach(doctype, record_of(doctype))
	assert file.is_private and file.file_url.startswith("/private/files/") and on_disk(file.file_url)
	assert not os.path.exists(frappe.get_site_path("public", "files", file.file_url.rsplit("/", 1)[-1]))


def test_the_personal_doctypes_are_covered():
	assert {"Volunteer", "Social Worker", "Donor", "Service Project"} <= PRIVATE_ATTACHMENT_DOCTYPES


def test_files_of_other_records_keep_the_uploaders_choice():
	community = make_community()
	file = attach("Community", community)
	assert not file.is_private and file.file_url.startswith("/files/")


def test_root_folders_named_in_chinese_at_install_are_renamed_so_uploads_work():
	"""A site re-created over an old site_config.json with `lang: zh` got 主页 / 主页/附件 from Frappe."""
	from wuse_app.setup.install import ensure_home_folders

	file = frappe.qb.DocType("File")
	for old, new, label, parent in (
		("Home", "主页", "主页", None),
		("Home/Attachments", "主页/附件", "附件", "主页"),
	):
		query = frappe.qb.update(file).set(file.name, new).set(file.file_name, label)
		if parent:
			query = query.set(file.folder, parent)
		query.where(file.name == old).run()
		frappe.qb.update(file).set(file.folder, new).where(file.folder == old).run()
	frappe.db.value_cache.clear()
	assert not frappe.db.exists("File", "Home")

	ensure_home_folders()
	frappe.db.value_cache.clear()

	assert frappe.db.get_value("File", "Home", ["is_home_folder", "file_name"]) == (1, "Home")
	assert frappe.db.get_value("File", "Home/Attachments", ["folder", "is_attachments_folder"]) == ("Home", 1)
	assert not frappe.db.exists("File", {"folder": ["in", ["主页", "主页/附件"]]})
	loose = frappe.get_doc(
		{"doctype": "File", "file_name": "申报书.pdf", "content": PDF + os.urandom(8)}
	).insert()
	assert loose.folder == "Home"
	assert attach("Community", make_community()).folder == "Home/Attachments"
