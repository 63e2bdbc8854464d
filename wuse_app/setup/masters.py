"""Master lists the app seeds once from fixtures/masters/ (an administrator may add, rename or disable
entries later; the files also load with Data Import)."""

from __future__ import annotations

import frappe

from wuse_app.setup.data_files import read_csv

# English source names, one per line in fixtures/masters/*.csv; zh names come from translations/zh.csv.
MASTERS = (
	("Service Area", "service_area_name", "service_area.csv"),
	("Volunteer Skill", "skill_name", "volunteer_skill.csv"),
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
		_ensure(doctype, fieldname, tuple(row[fieldname] for row in read_csv("masters", filename)))
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


def _ensure(doctype: str, fieldname: str, names: tuple[str, ...]) -> None:
	if not frappe.db.exists("DocType", doctype):
		return
	for name in names:
		if not frappe.db.exists(doctype, name):
			frappe.get_doc({"doctype": doctype, fieldname: name}).insert(ignore_permissions=True)
