"""Data Import files hold full ID and mobile numbers: they do not outlive a successful import.

Frappe keeps the uploaded file (attached to the Data Import) for ever. Once every row is imported
the data lives in the records themselves, with their field levels and masking; the file would be a
second, unmasked copy. `on_change` of Data Import (Frappe sets the status with `db_set`, which runs
it) deletes the file and clears the field. After a partial success the file stays, readable only by
the import's owner and System Managers, so the owner can download the rows that failed and fix them.
"""

from __future__ import annotations

import frappe


def delete_import_file_after_success(doc, method=None) -> None:
	"""Data Import `on_change`."""
	if doc.status != "Success" or not doc.import_file:
		return
	files = frappe.get_all(
		"File",
		filters={"file_url": doc.import_file, "is_folder": 0},
		or_filters={"attached_to_name": doc.name, "owner": doc.owner},
		pluck="name",
	)
	for name in files:
		# The import's own file, found by its owner or attachment above; the user may not be allowed
		# to delete File records in general.
		frappe.delete_doc("File", name, ignore_permissions=True, force=True)
	doc.db_set("import_file", None, update_modified=False)
