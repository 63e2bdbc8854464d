"""Files attached to records that hold personal data are private files.

Frappe stores an upload as a public file (/files/...) that anyone with the URL can download, unless the
uploader asks for a private one, and a web form visitor can ask for either. Volunteer, social worker and
donor records, and project applications, carry ID card copies, certificates and budgets, so every file
attached to them is made private here, whatever the uploader chose:

- `make_attachment_private` (File `before_insert`): a file being attached to such a record is written
  to the private folder; a freshly uploaded public copy is removed.
- `privatise_url` (called by the project's `validate` for Attach fields): a public file the user just
  uploaded through the web form is moved to the private folder and the field takes its new URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.core.doctype.file.file import File
from frappe.core.doctype.file.utils import delete_file
from frappe.utils import cint

from wuse_app.utils.validation import throw

PRIVATE_ATTACHMENT_DOCTYPES = frozenset(
	{
		"Volunteer",
		"Social Worker",
		"Social Organization",  # registration certificates, the legal representative's ID copy
		"Donor",
		"Donation",
		"Service Project",
		"Volunteer Service Certificate",
		"Data Import",  # import files: full ID and mobile numbers of a whole community
		"Resident Need",  # photos of a resident's home and situation
		"Care Recipient",  # signed consent forms of care files
		"Care Visit",
		"Care Assessment",
	}
)
PUBLIC_PREFIX = "/files/"


def make_attachment_private(file: File, method: str | None = None) -> None:
	"""File before_insert (runs after File.before_insert has written the content)."""
	if file.is_folder or file.attached_to_doctype not in PRIVATE_ATTACHMENT_DOCTYPES:
		return
	if cint(file.is_private):
		return
	public_url = file.file_url or ""
	if not public_url.startswith(PUBLIC_PREFIX):
		return  # a link to a remote file: nothing stored here
	if file.flags.new_file:
		# Fresh content: write it again as a private file, then drop the public copy if nothing uses it.
		content = file.get_content()
		file.is_private = 1
		file.file_url = None
		file.content_hash = None
		file.save_file(content=content)
		if not frappe.db.exists("File", {"file_url": public_url}):
			delete_file(public_url)
	else:
		file.file_url = privatise_url(public_url)
		file.is_private = 1


def validate_private_attach_fields(doc) -> None:
	"""An Attach field may name a stored private file only if the user owns it or it is already here.

	Frappe's `attach_files_to_document` (on_update of every document) attaches a file found by the
	field's URL to the document, and even re-attaches another user's not-yet-attached upload to it,
	without asking whose file it is; so the URL is checked when the field changes.
	"""
	user = frappe.session.user
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return
	for df in doc.meta.get("fields", {"fieldtype": ["in", ["Attach", "Attach Image"]]}):
		url = doc.get(df.fieldname) or ""
		if not url.startswith("/private/files/") or not doc.has_value_changed(df.fieldname):
			continue
		allowed = frappe.db.exists("File", {"file_url": url, "owner": user}) or (
			not doc.is_new()
			and frappe.db.exists(
				"File", {"file_url": url, "attached_to_doctype": doc.doctype, "attached_to_name": doc.name}
			)
		)
		if not allowed:
			throw(
				_(
					"You can attach only files you uploaded yourself or files already attached to this record."
				),
				title=_("Not your file"),
				exc=frappe.PermissionError,
			)


def privatise_url(public_url: str) -> str:
	"""Move the user's own public upload at `public_url` to the private folder; return the new URL.

	Only files the current user uploaded and that nothing else uses can be moved (Frappe moves the
	file on disk and updates every File record that points to it).
	"""
	user = frappe.session.user
	files = frappe.get_all(
		"File",
		filters={"file_url": public_url, "is_folder": 0},
		fields=["name", "owner", "attached_to_doctype"],
	)
	movable = files and all(
		f.owner == user
		and (not f.attached_to_doctype or f.attached_to_doctype in PRIVATE_ATTACHMENT_DOCTYPES)
		for f in files
	)
	if not movable:
		throw(
			_("Project attachments are private files. Upload the document again from this form."),
			title=_("Private attachment required"),
			exc=frappe.PermissionError,
		)
	file_doc = frappe.get_doc("File", files[0].name)
	file_doc.is_private = 1
	file_doc.save(ignore_permissions=True)  # the user's own upload, checked above
	return file_doc.file_url


def refuse_unreadable_private_file(file: File) -> None:
	"""A File may point at a stored private file only if the user may read that file.

	Frappe lets anyone insert a File with just the `file_url` of someone else's private file: its
	before_insert reads the content from that path and the new File, owned by the inserting user, then
	serves it to them. Uploads carry their content and are not affected; a URL-only File is allowed when
	the user may read one of the File records that already hold that URL (their own, or one attached to
	a document they can read — Frappe's own rule for downloading a private file).
	"""
	url = file.file_url or ""
	if file.is_folder or file.get("content") or not url.startswith("/private/files/"):
		return
	holders = frappe.get_all("File", filters={"file_url": url, "name": ("!=", file.name or "")}, pluck="name")
	if not holders or any(frappe.has_permission("File", "read", doc=name) for name in holders):
		return
	frappe.throw(
		_("You cannot attach this file: it belongs to another user."),
		frappe.PermissionError,
		title=_("Not allowed"),
	)


class PrivateFileGuard(File):
	"""Frappe's File, checked before its before_insert reads a referenced file's content.

	A doc_events hook runs after the controller's before_insert, when the content is already copied
	and indistinguishable from an upload; hence this class (hooks.py override_doctype_class).
	"""

	def before_insert(self) -> None:
		refuse_unreadable_private_file(self)
		super().before_insert()
