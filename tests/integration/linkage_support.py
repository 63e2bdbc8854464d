"""Builders for the 联动 tests (needs, resources, matches)."""

from __future__ import annotations

import frappe
from factories import unique

CATEGORY = "Elderly Support"


def make_need(community: str, category: str = CATEGORY, urgency: str = "Normal", **values):
	data = {
		"doctype": "Resident Need",
		"community": community,
		"category": category,
		"source": "Visit",
		"urgency": urgency,
		"people_affected": 2,
		"description": unique("独居老人需要助餐"),
		"resident_name": "王大爷",
		**values,
	}
	return frappe.get_doc(data).insert()


def make_resource(community: str, capacity: float = 10, categories=(CATEGORY,), **values):
	data = {
		"doctype": "Resource Offer",
		"title": unique("社区食堂助餐"),
		"provider_type": "Community Facility",
		"provider_name": "群力社区综合体",
		"community": community,
		"capacity_unit": "People",
		"capacity": capacity,
		"categories": [{"category": c} for c in categories],
		**values,
	}
	return frappe.get_doc(data).insert()


def volunteer_skill(name: str = "Emergency Rescue") -> str:
	if not frappe.db.exists("Volunteer Skill", name):
		frappe.get_doc({"doctype": "Volunteer Skill", "skill_name": name}).insert(ignore_permissions=True)
	return name


def make_emergency(communities, reason: str = "暴雨内涝，低洼小区积水", **values):
	data = {
		"doctype": "Community Emergency",
		"title": unique("暴雨应急"),
		"emergency_type": "Flood",
		"communities": [{"community": c} for c in communities],
		"start_reason": reason,
		**values,
	}
	return frappe.get_doc(data).insert()
