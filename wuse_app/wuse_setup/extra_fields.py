"""Fields an administrator adds with Customize Form, and where else they go (Wuse Settings → Added Fields).

Frappe already carries a Custom Field into the desk form, REST, the Data Import template and list and
report views. What it cannot know is whether the field belongs on the portal application form, in the
"其他信息" block of the app's print formats, or is personal data. Customize Form keeps only DocField's
own properties (a custom property on its grid would not reach the Custom Field), so the administrator
ticks these options in one table of Wuse Settings, which also survives `bench migrate`.

Personal fields get what ID numbers get: permission level 1 (read only by the roles that read ID
numbers), masked in print and in the change log (wuse_app.registry.personal_data's maskers).
"""

from __future__ import annotations

import json

import frappe
from frappe import _

from wuse_app.registry import personal_data

WEB_FORM = "service-project-application"
PORTAL_DOCTYPE = "Service Project"
PERSONAL_PERMLEVEL = 1
NO_VALUE_TYPES = frozenset(
	("Section Break", "Column Break", "Tab Break", "HTML", "Heading", "Table", "Table MultiSelect", "Button")
)


def options(doctype: str) -> dict[str, frappe._dict]:
	"""fieldname -> the administrator's options for fields of `doctype`."""
	try:
		rows = frappe.get_all(
			"Wuse Field Option",
			filters={"parent": "Wuse Settings", "document_type": doctype},
			fields=["field_name", "show_on_portal", "show_in_print", "personal_data"],
		)
	except frappe.db.TableMissingError:
		# While the app is uninstalled its tables go first; Versions written after that have no options.
		return {}
	return {row.field_name: row for row in rows}


def configurable_doctypes() -> list[str]:
	"""The document types the Added Fields table offers (its Document Type options)."""
	field = frappe.get_meta("Wuse Field Option").get_field("document_type")
	return [option for option in (field.options or "").split("\n") if option]


def validate_settings(settings) -> None:
	"""Wuse Settings validate: each row names a field of its document type; portal only for projects."""
	for row in settings.get("field_options") or []:
		meta = frappe.get_meta(row.document_type)
		if not meta.get_field(row.field_name):
			frappe.throw(
				_("Row {0}: {1} has no field {2}. Use the field name shown in Customize Form.").format(
					row.idx, _(row.document_type), frappe.bold(row.field_name)
				),
				title=_("Unknown Field"),
			)
		if row.show_on_portal and row.document_type != PORTAL_DOCTYPE:
			frappe.throw(
				_("Row {0}: only Service Project fields can be shown on the portal form.").format(row.idx),
				title=_("Not Allowed"),
			)


def apply(settings=None, method=None) -> None:
	"""Wuse Settings on_update and after_migrate: portal fields and personal fields' level."""
	sync_portal_fields()
	mark_personal_fields()


# Print -----------------------------------------------------------------------------------------------
def other_information(doc) -> list[dict]:
	"""Jinja helper: [{label, value}] of the fields to print under 其他信息, in the form's order.

	Empty values are left out; fields the user may not read are left out; personal fields are masked.
	"""
	chosen = {name for name, row in options(doc.doctype).items() if row.show_in_print}
	if not chosen:
		return []
	marked = {name for name, row in options(doc.doctype).items() if row.personal_data}
	from frappe.model import get_permitted_fields

	readable = set(get_permitted_fields(doc.doctype, user=frappe.session.user))
	rows = []
	for df in doc.meta.fields:
		if df.fieldname not in chosen or df.fieldtype in NO_VALUE_TYPES:
			continue
		value = doc.get(df.fieldname)
		if value in (None, "") or df.fieldname not in readable:
			continue
		text = mask(df.fieldname, value) if df.fieldname in marked else doc.get_formatted(df.fieldname)
		rows.append({"label": _(df.label or df.fieldname), "value": text})
	return rows


def mask(fieldname: str, value) -> str:
	masker = personal_data.MASKERS.get(fieldname)
	if masker:
		return masker(value)
	text = str(value)
	return text[:1] + "*" * max(len(text) - 1, 2) if len(text) > 2 else "**"


# Change log ----------------------------------------------------------------------------------------
def redact_version(doc, method=None) -> None:
	"""`Version` before_insert (beside personal_data.redact_version): mask fields marked personal."""
	if not doc.ref_doctype or not doc.data:
		return
	marked = {name for name, row in options(doc.ref_doctype).items() if row.personal_data}
	if not marked:
		return
	data = json.loads(doc.data)
	changed = False
	for row in data.get("changed") or []:
		if row and row[0] in marked:
			row[1] = mask(row[0], row[1]) if row[1] else row[1]
			row[2] = mask(row[0], row[2]) if row[2] else row[2]
			changed = True
	if changed:
		doc.data = json.dumps(data, sort_keys=True, indent=1)


# Personal fields ----------------------------------------------------------------------------------
def mark_personal_fields() -> None:
	"""Custom fields marked personal sit at permission level 1, like ID numbers.

	Only Custom Fields are moved (the app's own fields have their levels in the doctype). Doctypes
	without rules for level 1 hide the field from everyone but the Administrator: fail closed.
	"""
	for doctype in configurable_doctypes():
		for fieldname, row in options(doctype).items():
			if not row.personal_data:
				continue
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": fieldname}, "name")
			if name and frappe.db.get_value("Custom Field", name, "permlevel") != PERSONAL_PERMLEVEL:
				frappe.db.set_value("Custom Field", name, "permlevel", PERSONAL_PERMLEVEL)
				frappe.clear_cache(doctype=doctype)


# Portal ----------------------------------------------------------------------------------------------
def sync_portal_fields() -> None:
	"""Put the Service Project fields ticked "Show on Portal" on the application web form, after its own
	fields in the order of Customize Form, and take off the ones no longer ticked.

	Rows are written directly: saving a standard Web Form in developer mode would export it into the app.
	"""
	if not frappe.db.exists("Web Form", WEB_FORM):
		return
	wanted = [
		df
		for df in frappe.get_meta(PORTAL_DOCTYPE).fields
		if df.fieldname in {n for n, row in options(PORTAL_DOCTYPE).items() if row.show_on_portal}
		and df.fieldtype not in NO_VALUE_TYPES
	]
	custom = set(frappe.get_all("Custom Field", filters={"dt": PORTAL_DOCTYPE}, pluck="fieldname"))
	rows = frappe.get_all(
		"Web Form Field",
		filters={"parent": WEB_FORM, "parenttype": "Web Form"},
		fields=["name", "fieldname", "idx"],
		order_by="idx asc",
	)
	wanted_names = [df.fieldname for df in wanted]
	for row in rows:
		if row.fieldname in custom and row.fieldname not in wanted_names:
			frappe.db.delete("Web Form Field", {"name": row.name})
	present = {row.fieldname for row in rows}
	own = [row for row in rows if row.fieldname not in custom]
	idx = max((row.idx for row in own), default=0)
	for df in wanted:
		idx += 1
		if df.fieldname in present:
			frappe.db.set_value("Web Form Field", {"parent": WEB_FORM, "fieldname": df.fieldname}, "idx", idx)
			continue
		frappe.get_doc(
			{
				"doctype": "Web Form Field",
				"parent": WEB_FORM,
				"parenttype": "Web Form",
				"parentfield": "web_form_fields",
				"idx": idx,
				"fieldname": df.fieldname,
				"fieldtype": df.fieldtype,
				"label": df.label,
				"options": df.options,
				"reqd": df.reqd,
				"description": df.description,
			}
		).db_insert()
	frappe.clear_cache(doctype="Web Form")
	frappe.cache.delete_value(f"web_form::{WEB_FORM}")
