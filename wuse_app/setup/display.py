"""Display defaults set once, as Frappe configuration an administrator can change back (Customize Form)."""

from __future__ import annotations

import frappe


def ensure_people_shown_by_name() -> None:
	"""Links to User show the person's full name (张三), not the e-mail address, in lists, forms and
	tables: Frappe's "Show Title in Link Fields" on User. Set only when no one has set it yet."""
	if frappe.db.exists(
		"Property Setter",
		{"doc_type": "User", "property": "show_title_field_in_link", "doctype_or_field": "DocType"},
	):
		return
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	make_property_setter(
		"User",
		None,
		"show_title_field_in_link",
		1,
		"Check",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)
	frappe.clear_cache(doctype="User")
