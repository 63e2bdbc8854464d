"""Supply against demand (资源供给分布) and unmatched resources (未对接资源): the 联动 reports staff use to see
where residents wait with no resource to serve them and which offers nobody has used yet, scoped."""

from __future__ import annotations

import frappe
from factories import assign, make_community, make_user, unique
from linkage_support import make_need, make_resource

from wuse_app.linkage import api
from wuse_app.linkage.report.resources_by_community_and_category import (
	resources_by_community_and_category as supply_report,
)
from wuse_app.linkage.report.unmatched_resources import unmatched_resources as unmatched_report
from wuse_app.setup import roles as R


def category() -> str:
	return (
		frappe.get_doc(
			{"doctype": "Service Category", "category_name": unique("助浴"), "project_category": "Other"}
		)
		.insert(ignore_permissions=True)
		.name
	)


def world():
	here, there = make_community(), make_community()
	bathing, meals = category(), category()
	used = make_resource(here, capacity=3, categories=(bathing,), communities=[{"community": here}])
	idle = make_resource(here, capacity=5, categories=(meals,), communities=[{"community": here}])
	make_resource(there, capacity=2, categories=(meals,), status="Paused")  # not active: not counted
	api.accept_resource(make_need(here, category=bathing).name, used.name, 1)
	make_need(here, category=meals)  # idle could serve it
	make_need(there, category=bathing)  # nobody serves bathing in `there`
	make_need(there, category=bathing)
	return frappe._dict(here=here, there=there, bathing=bathing, meals=meals, used=used.name, idle=idle.name)


def cells(rows, *communities):
	return {(r["community"], r["category"]): r for r in rows if r["community"] in communities}


def test_supply_per_community_and_category_shows_where_needs_wait_unserved():
	w = world()
	rows = cells(supply_report.execute({})[1], w.here, w.there)
	bathing_here = rows[(w.here, w.bathing)]
	assert (bathing_here["resources"], bathing_here["with_capacity_left"], bathing_here["unmatched"]) == (
		1,
		1,
		0,
	)
	meals_here = rows[(w.here, w.meals)]
	assert (
		meals_here["unmatched"],
		meals_here["waiting_needs"],
		meals_here["servable_by"],
		meals_here["gap"],
	) == (
		1,
		1,
		1,
		0,
	)
	gap = rows[(w.there, w.bathing)]
	assert (gap["resources"], gap["waiting_needs"], gap["servable_by"], gap["gap"]) == (0, 2, 0, 1)
	assert (w.there, w.meals) not in rows  # the paused resource is no supply

	only_gaps = supply_report.execute({"gaps_only": 1, "community": w.there})[1]
	assert [(r["community"], r["category"]) for r in only_gaps] == [(w.there, w.bathing)]


def test_unmatched_resources_list_the_unused_offers_that_could_serve_waiting_needs_first():
	w = world()
	rows = [r for r in unmatched_report.execute({})[1] if r["community"] in (w.here, w.there)]
	assert [r["resource"] for r in rows] == [w.idle]
	assert rows[0]["servable_needs"] == 1 and rows[0]["days_unmatched"] == 0
	assert unmatched_report.execute({"community": w.there})[1] == []  # its only resource is paused


def test_the_reports_follow_the_community_scope_and_fail_closed():
	w = world()
	staff, unscoped = make_user(), make_user(R.COMMUNITY_STAFF)
	assign(staff, w.there, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	communities = {r["community"] for r in supply_report.execute({})[1]}
	assert communities == {w.there}
	assert {r["community"] for r in unmatched_report.execute({})[1]} <= {w.there}
	frappe.set_user(unscoped)  # the role, no community: nothing
	assert supply_report.execute({})[1] == [] and unmatched_report.execute({})[1] == []


def test_the_reports_run_through_the_desk_api_in_chinese():
	world()
	frappe.local.lang = "zh"
	from frappe.desk.query_report import run

	result = run("Resources by Community and Category", filters={})
	labels = [c["label"] for c in result["columns"]]
	assert "供给缺口" in labels and "待对接需求" in labels
	result = run("Unmatched Resources", filters={})
	assert "未对接天数" in [c["label"] for c in result["columns"]]
