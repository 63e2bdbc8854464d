"""Master lists the app seeds once (an administrator may add, rename or disable entries later)."""

from __future__ import annotations

import frappe

# English source names; zh names come from translations/zh.csv.
SERVICE_AREAS = (
	"Elderly Support",  # 扶老
	"Poverty Relief",  # 助困
	"Orphan Care",  # 恤孤
	"Disability Assistance",  # 助残
	"Child Protection",  # 未成年人保护
	"Community Governance",  # 社区治理
	"Culture and Recreation",  # 文化娱乐
	"Psychological Counselling",  # 心理疏导
)

VOLUNTEER_SKILLS = (
	"Medical Care",
	"Elderly Care",
	"Psychological Counselling",
	"Legal Aid",
	"Education and Tutoring",
	"Culture and Arts",
	"Information Technology",
	"Emergency Rescue",
	"Home Repair",
	"Driving",
)


def ensure_masters() -> None:
	_ensure("Service Area", "service_area_name", SERVICE_AREAS)
	_ensure("Volunteer Skill", "skill_name", VOLUNTEER_SKILLS)
	from wuse_app.linkage.setup import ensure_linkage_masters

	ensure_linkage_masters()


def _ensure(doctype: str, fieldname: str, names: tuple[str, ...]) -> None:
	if not frappe.db.exists("DocType", doctype):
		return
	for name in names:
		if not frappe.db.exists(doctype, name):
			frappe.get_doc({"doctype": doctype, fieldname: name}).insert(ignore_permissions=True)
