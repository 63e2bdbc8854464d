"""Seeded masters of the 联动 loop: service categories, need sources and urgency levels (inserted when
missing, never overwritten; an administrator adds, renames or disables entries in the desk)."""

from __future__ import annotations

import frappe

from wuse_app.domain import linkage as rules
from wuse_app.domain.volunteering import SERVICE_CATEGORIES

# category -> (Service Project category, volunteer skills, organisation service areas)
# The six categories of the sub-district's work (扶老、助困、恤孤、助残、未成年人保护、社区治理) come first.
_MAIN_CATEGORIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
	"Elderly Support": ("Elderly Care", ("Elderly Care", "Medical Care"), ("Elderly Support",)),
	"Poverty Relief": ("Poverty Relief", (), ("Poverty Relief",)),
	"Orphan Care": ("Orphan Care", (), ("Orphan Care",)),
	"Disability Assistance": ("Disability Assistance", ("Elderly Care",), ("Disability Assistance",)),
	"Child Protection": ("Child Protection", ("Education and Tutoring",), ("Child Protection",)),
	"Community Governance": ("Community Governance", ("Legal Aid",), ("Community Governance",)),
}
# The service categories of volunteer activities (六送六进, 五童 …), each under a project category.
_DETAIL: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
	"Medical Care to Villages": ("Elderly Care", ("Medical Care",), ()),
	"Bathing Assistance": ("Elderly Care", ("Elderly Care",), ()),
	"Safe Mobility": ("Elderly Care", ("Driving",), ()),
	"Caring Visits": ("Elderly Care", ("Elderly Care", "Psychological Counselling"), ()),
	"Cultural Activities": ("Elderly Care", ("Culture and Arts",), ("Culture and Recreation",)),
	"Supplies Delivery": ("Elderly Care", ("Driving",), ()),
	"Child Protection Network": ("Child Protection", (), ("Child Protection",)),
	"Child Moral Education": ("Child Protection", ("Education and Tutoring",), ()),
	"Child Mental Health": (
		"Child Protection",
		("Psychological Counselling",),
		("Psychological Counselling",),
	),
	"Child Companionship": ("Child Protection", ("Education and Tutoring",), ()),
	"Child Safety": ("Child Protection", (), ()),
	"Emergency": ("Other", ("Emergency Rescue",), ()),
	"Other": ("Other", (), ()),
}


def default_service_categories() -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
	categories = dict(_MAIN_CATEGORIES)
	for name in SERVICE_CATEGORIES:
		categories.setdefault(name, _DETAIL.get(name, ("Other", (), ())))
	return categories


def ensure_linkage_masters() -> None:
	if frappe.db.exists("DocType", "Service Category"):
		for name, (project_category, skills, areas) in default_service_categories().items():
			if frappe.db.exists("Service Category", name):
				continue
			frappe.get_doc(
				{
					"doctype": "Service Category",
					"category_name": name,
					"project_category": project_category,
					"skills": [{"skill": s} for s in skills if frappe.db.exists("Volunteer Skill", s)],
					"service_areas": [
						{"service_area": a} for a in areas if frappe.db.exists("Service Area", a)
					],
				}
			).insert(ignore_permissions=True)
	if frappe.db.exists("DocType", "Need Source"):
		for name in rules.DEFAULT_NEED_SOURCES:
			if not frappe.db.exists("Need Source", name):
				frappe.get_doc({"doctype": "Need Source", "source_name": name}).insert(
					ignore_permissions=True
				)
	ensure_urgency_levels()


def ensure_urgency_levels() -> None:
	"""The default urgency table of Wuse Settings, once (an empty table is filled again on migrate)."""
	if not frappe.db.exists("DocType", "Need Urgency Level"):
		return
	if frappe.db.count("Need Urgency Level", {"parent": "Wuse Settings", "parenttype": "Wuse Settings"}):
		return
	for idx, (urgency, hours) in enumerate(rules.DEFAULT_URGENCY_HOURS, start=1):
		frappe.get_doc(
			{
				"doctype": "Need Urgency Level",
				"parent": "Wuse Settings",
				"parenttype": "Wuse Settings",
				"parentfield": "need_urgency_levels",
				"idx": idx,
				"urgency": urgency,
				"response_hours": hours,
			}
		).db_insert()
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")


def urgency_hours() -> dict[str, float]:
	"""Urgency level -> response time in hours, as the administrator set them in Wuse Settings."""
	from wuse_app.utils.settings import get_settings

	return {row.urgency: float(row.response_hours) for row in get_settings().get("need_urgency_levels") or []}


def ensure_project_state_resolving_needs() -> None:
	"""Seed the project state that resolves needs (the seeded workflow's Completed), never overwritten.

	A Link default in the doctype would be validated when Frappe first creates the settings during
	install, before the app has seeded its workflow states, and the install would fail; so the default
	is stored here, after the workflows exist.
	"""
	from wuse_app.domain.projects import COMPLETED
	from wuse_app.utils.settings import get_settings

	if get_settings().get("project_state_resolving_needs"):
		return
	if frappe.db.exists("Workflow State", COMPLETED):
		frappe.db.set_single_value("Wuse Settings", "project_state_resolving_needs", COMPLETED)
		frappe.clear_document_cache("Wuse Settings", "Wuse Settings")
