# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""Work Targets (五社联动工作目标): the plan's section 二 targets, measured live per community.

Every figure is an SQL aggregate grouped by community (no per-record Python); the communities are
read with `frappe.get_list`, so a user limited to one community sees only that community, and the
totals cover only what the user may see.
"""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.domain import targets as t
from wuse_app.utils.settings import get_settings

RESULT_MET = "Met"
RESULT_NOT_MET = "Not met"
RESULT_NO_DATA = "No data"
UNIT_LABELS = {t.PERCENT: "%", t.PER_10K: "per 10,000", t.COUNT: "count"}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	communities = get_communities(filters)
	facts = get_facts(communities)
	targets = get_targets()
	columns = get_columns()
	data = build_rows(facts, targets, scope_label(filters))
	return columns, data, None, get_chart(facts), get_summary(facts, targets)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "scope", "label": _("Community"), "fieldtype": "Data", "width": 200},
		{"fieldname": "indicator", "label": _("Measure"), "fieldtype": "Data", "width": 330},
		{"fieldname": "actual", "label": _("Actual"), "fieldtype": "Float", "precision": 2, "width": 100},
		{"fieldname": "target", "label": _("Target"), "fieldtype": "Float", "precision": 2, "width": 100},
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Data", "width": 90},
		{"fieldname": "gap", "label": _("Gap"), "fieldtype": "Float", "precision": 2, "width": 90},
		{"fieldname": "result", "label": _("Result"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "community",
			"label": _("Community ID"),
			"fieldtype": "Link",
			"options": "Community",
			"hidden": 1,
		},
	]


def get_communities(filters: frappe._dict) -> list[dict]:
	"""The communities in scope, as the user is allowed to see them (User Permissions apply)."""
	conditions = {}
	if filters.get("sub_district"):
		conditions["sub_district"] = filters.sub_district
	if filters.get("community"):
		conditions["name"] = filters.community
	return frappe.get_list(
		"Community",
		filters=conditions,
		fields=[
			"name",
			"community_type",
			"resident_population",
			"volunteer_target",
			"has_social_work_office",
			"has_volunteer_station",
			"is_demonstration_site",
		],
		order_by="community_name asc",
		limit_page_length=0,
	)


def get_facts(communities: list[dict]) -> list[t.CommunityFacts]:
	names = [c.name for c in communities]
	if not names:
		return []
	workers = _by_community(
		"""select community, count(*) as workers,
			sum(qualification_level in (
				select name from `tabSocial Work Qualification` where is_national_qualification = 1
			)) as certified
		from `tabSocial Worker`
		where status = 'Active' and is_community_worker = 1 and community in %(names)s
		group by community""",
		names,
	)
	organizations = _by_community(
		"""select community,
			sum(organization_type in (select name from `tabOrganization Type`
				where counts_as_community_organization = 1)) as community_orgs,
			sum(is_public_welfare_charity = 1 or is_charity_organization = 1) as charity_orgs
		from `tabSocial Organization`
		where status = 'Active' and registration_status in ('Registered', 'Filed') and community in %(names)s
		group by community""",
		names,
	)
	volunteers = _by_community(
		"""select community, count(*) as verified
		from `tabVolunteer`
		where status = 'Active' and real_name_verified = 1 and community in %(names)s
		group by community""",
		names,
	)
	empty = frappe._dict()
	return [
		t.CommunityFacts(
			community=c.name,
			community_type=c.community_type or t.URBAN,
			resident_population=int(c.resident_population or 0),
			volunteer_target=int(c.volunteer_target or 0),
			has_social_work_office=bool(c.has_social_work_office),
			has_volunteer_station=bool(c.has_volunteer_station),
			is_demonstration_site=bool(c.is_demonstration_site),
			community_workers=int(workers.get(c.name, empty).get("workers") or 0),
			certified_community_workers=int(workers.get(c.name, empty).get("certified") or 0),
			community_social_organizations=int(organizations.get(c.name, empty).get("community_orgs") or 0),
			charity_organizations=int(organizations.get(c.name, empty).get("charity_orgs") or 0),
			verified_volunteers=int(volunteers.get(c.name, empty).get("verified") or 0),
		)
		for c in communities
	]


def _by_community(query: str, names: list[str]) -> dict[str, frappe._dict]:
	return {row.community: row for row in frappe.db.sql(query, {"names": names}, as_dict=True)}


def get_targets() -> t.Targets:
	s = get_settings()
	return t.Targets(
		service_coverage=float(s.service_coverage_target or 0),
		workers_per_10k=float(s.community_workers_per_10k_target or 0),
		certificate_ratio=float(s.certificate_holder_ratio_target or 0),
		orgs_per_urban_community=float(s.social_orgs_per_urban_community_target or 0),
		orgs_per_rural_community=float(s.social_orgs_per_rural_community_target or 0),
		charity_orgs_per_community=float(s.charity_orgs_per_community_target or 0),
		volunteer_ratio=float(s.volunteer_ratio or 0),
		station_coverage=float(s.volunteer_station_coverage_target or 0),
		demonstration_sites=float(s.demonstration_sites_target or 0),
	)


def scope_label(filters: frappe._dict) -> str:
	if filters.get("community"):
		return _("Selected communities")
	if filters.get("sub_district"):
		return _("{0} (whole sub-district)").format(filters.sub_district)
	return _("All communities")


def build_rows(facts: list[t.CommunityFacts], targets: t.Targets, total_label: str) -> list[dict]:
	rows: list[dict] = []
	if not facts:
		return rows
	blank = {"actual": None, "target": None, "gap": None}
	rows.append({"scope": total_label, "indent": 0, "row_id": "total", "parent_row": None, **blank})
	rows += [_indicator_row(r, "total") for r in t.subdistrict_indicators(facts, targets)]
	for community in facts:
		row_id = f"community:{community.community}"
		rows.append(
			{
				"scope": community.community,
				"community": community.community,
				"indicator": _(community.community_type),
				"indent": 0,
				"row_id": row_id,
				"parent_row": None,
				**blank,
			}
		)
		rows += [_indicator_row(r, row_id) for r in t.community_indicators(community, targets)]
	return rows


def _indicator_row(result: t.IndicatorResult, parent: str) -> dict:
	if result.actual is None:
		outcome = RESULT_NO_DATA
	else:
		outcome = RESULT_MET if result.met else RESULT_NOT_MET
	return {
		"indicator": _(result.label),
		"indicator_key": result.key,
		"actual": result.actual,
		"target": result.target,
		"unit": _(UNIT_LABELS[result.unit]),
		"gap": result.gap,
		"result": _(outcome),
		"met": result.met,
		"indent": 1,
		"row_id": f"{parent}:{result.key}",
		"parent_row": parent,
	}


def get_chart(facts: list[t.CommunityFacts]) -> dict | None:
	if not facts:
		return None
	return {
		"data": {
			"labels": [f.community for f in facts],
			"datasets": [
				{
					"name": _("Real-name registered volunteers"),
					"values": [f.verified_volunteers for f in facts],
				},
				{"name": _("Volunteer Target"), "values": [f.volunteer_target for f in facts]},
			],
		},
		"type": "bar",
		"colors": ["#2490ef", "#ff5858"],
	}


def get_summary(facts: list[t.CommunityFacts], targets: t.Targets) -> list[dict]:
	if not facts:
		return []
	totals = t.subdistrict_indicators(facts, targets)
	met = sum(1 for r in totals if r.met)
	volunteers = next(r for r in totals if r.key == t.VOLUNTEERS)
	return [
		{"value": len(facts), "label": _("Communities"), "datatype": "Int"},
		{
			"value": f"{met} / {len(totals)}",
			"label": _("Targets met"),
			"datatype": "Data",
			"indicator": "Green" if met == len(totals) else "Orange",
		},
		{
			"value": f"{int(volunteers.actual or 0)} / {int(volunteers.target)}",
			"label": _("Real-name registered volunteers"),
			"datatype": "Data",
			"indicator": "Green" if volunteers.met else "Red",
		},
	]
