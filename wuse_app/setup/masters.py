"""Master lists the app seeds once from fixtures/masters/ (an administrator may add, rename or disable
entries later; the files also load with Data Import)."""

from __future__ import annotations

import frappe

from wuse_app.setup.data_files import read_csv, typed

# English source names, one per line in fixtures/masters/*.csv (with the master's other fields as further
# columns); zh names come from translations/zh.csv.
MASTERS = (
	("Service Area", "service_area_name", "service_area.csv"),
	("Volunteer Skill", "skill_name", "volunteer_skill.csv"),
	("Social Work Qualification", "qualification_name", "social_work_qualification.csv"),
	("Payment Method", "payment_method_name", "payment_method.csv"),
	("Emergency Type", "emergency_type_name", "emergency_type.csv"),
	("Agenda Classification", "classification_name", "agenda_classification.csv"),
)


# 文种 of 《党政机关公文处理工作条例》 (2012), art. 8: (name, print layout, sent upward, header suffix).
OFFICIAL_DOCUMENT_KINDS = (
	("决议", "Standard", 0, ""),
	("决定", "Standard", 0, ""),
	("命令（令）", "Standard", 0, ""),
	("公报", "Standard", 0, ""),
	("公告", "Standard", 0, ""),
	("通告", "Standard", 0, ""),
	("意见", "Standard", 0, ""),
	("通知", "Standard", 0, ""),
	("通报", "Standard", 0, ""),
	("报告", "Standard", 1, ""),
	("请示", "Standard", 1, ""),
	("批复", "Standard", 0, ""),
	("议案", "Standard", 1, ""),
	("函", "Letter", 0, ""),
	("纪要", "Minutes", 0, "纪要"),
)


def ensure_masters() -> None:
	for doctype, fieldname, filename in MASTERS:
		ensure_rows(doctype, fieldname, read_csv("masters", filename))
	from wuse_app.linkage.setup import ensure_linkage_masters

	ensure_linkage_masters()
	ensure_official_document_kinds()
	ensure_organization_types()


def ensure_organization_types() -> None:
	"""Seed the organisation types and the credit-code categories that fit each (kept once edited)."""
	from wuse_app.domain.uscc import DEFAULT_TYPE_CATEGORIES

	if not frappe.db.exists("DocType", "Organization Type"):
		return
	for name, categories in DEFAULT_TYPE_CATEGORIES.items():
		if frappe.db.exists("Organization Type", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Organization Type",
				"organization_type_name": name,
				"credit_code_categories": ", ".join(sorted(categories)),
				"counts_as_community_organization": int(name == "Community Social Organization"),
			}
		).insert(ignore_permissions=True)


def ensure_official_document_kinds() -> None:
	"""Seed the 文种 once; an administrator's changes (layout, renamed or disabled kinds) are kept."""
	if not frappe.db.exists("DocType", "Official Document Kind"):
		return
	for name, layout, upward, suffix in OFFICIAL_DOCUMENT_KINDS:
		if frappe.db.exists("Official Document Kind", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Official Document Kind",
				"kind_name": name,
				"layout": layout,
				"sent_upward": upward,
				"header_suffix": suffix,
			}
		).insert(ignore_permissions=True)


def ensure_rows(doctype: str, fieldname: str, rows: list[dict]) -> None:
	"""Insert each row of a master whose name (`fieldname`) is missing; existing records are left alone."""
	if not frappe.db.exists("DocType", doctype):
		return
	for row in rows:
		if not frappe.db.exists(doctype, row[fieldname]):
			frappe.get_doc({"doctype": doctype, **typed(doctype, row)}).insert(ignore_permissions=True)


# Pick-lists that were Select options and are now masters (see patches/v0_2/pick_lists_become_masters.py):
# an entry the administrator disables stays on the documents that have it, but cannot be chosen anew.
PICK_LIST_MASTERS = frozenset(
	{"Social Work Qualification", "Payment Method", "Emergency Type", "Agenda Classification"}
)


def refuse_disabled_choices(doc, method: str | None = None) -> None:
	"""`validate` of every doctype (and its child rows) with a Link to one of PICK_LIST_MASTERS.

	The fields' `link_filters` hide disabled entries from the form's search only; REST, Data Import and
	code go past them, so the rule is kept here as well."""
	if not _links_a_pick_list(doc.doctype):
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	previous = {}
	if before:
		for row in (before, *before.get_all_children()):
			previous[(row.doctype, row.name)] = row
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.get_link_fields():
			value = row.get(df.fieldname)
			if df.options not in PICK_LIST_MASTERS or not value:
				continue
			old = previous.get((row.doctype, row.name))
			if old is not None and old.get(df.fieldname) == value:
				continue  # kept, not chosen anew
			if frappe.db.get_value(df.options, value, "disabled"):
				frappe.throw(
					frappe._("{0} “{1}” is disabled: choose another one.").format(
						frappe._(df.label), frappe._(value)
					),
					title=frappe._("Not allowed"),
				)


def _links_a_pick_list(doctype: str) -> bool:
	"""The doctype, or one of its child tables, has a Link to a pick-list master (from the cached meta)."""
	meta = frappe.get_meta(doctype)
	metas = [meta, *(frappe.get_meta(df.options) for df in meta.get_table_fields())]
	return any(df.options in PICK_LIST_MASTERS for m in metas for df in m.get_link_fields())
