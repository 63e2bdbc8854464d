"""The 五社联动 workspace, number cards and charts load for a scoped user and show only their community."""

from __future__ import annotations

import json

import frappe
from factories import assign, make_community, make_organization, make_user, make_volunteer

from wuse_app.setup import roles as R

WORKSPACE = "Five-Society Linkage"


def card_value(name: str) -> float:
	from frappe.desk.doctype.number_card.number_card import get_result

	card = frappe.get_doc("Number Card", name)
	return get_result(card.as_dict(), card.filters_json)


def test_workspace_lists_every_card_chart_and_shortcut():
	workspace = frappe.get_doc("Workspace", WORKSPACE)
	cards = {c.number_card_name for c in workspace.number_cards}
	charts = {c.chart_name for c in workspace.charts}
	assert {
		"Registered Volunteers",
		"Service Hours This Year",
		"Projects Under Review",
		"Funds Available",
	} <= cards
	assert {
		"Volunteers vs Target by Community",
		"Service Hours by Month",
		"Projects by State",
		"Donations by Month",
	} <= charts
	for name in cards:
		assert frappe.db.exists("Number Card", name)
	for name in charts:
		assert frappe.db.exists("Dashboard Chart", name)
	links = {link.link_to for link in workspace.links if link.type == "Link"}
	for doctype in (
		"Community",
		"Social Organization",
		"Social Worker",
		"Volunteer",
		"Service Project",
		"Donation",
		"Community Fund",
		"Official Document",
	):
		assert doctype in links, doctype
	assert "Work Targets" in links


def test_workspace_and_cards_are_scoped_for_a_community_user():
	here, there = make_community(), make_community()
	for _ in range(3):
		make_volunteer(here)
	for _ in range(5):
		make_volunteer(there)
	make_organization(community=here)
	make_organization(community=there)
	make_organization(community=there)
	total_volunteers = card_value("Registered Volunteers")

	secretary = make_user()
	assign(secretary, here, R.COMMUNITY_SECRETARY)
	frappe.set_user(secretary)

	from frappe.desk.desktop import get_desktop_page

	page = get_desktop_page(json.dumps({"name": WORKSPACE, "title": WORKSPACE, "public": 1}))
	assert page["number_cards"]["items"] and page["charts"]["items"]
	assert card_value("Registered Volunteers") == 3 < total_volunteers
	assert card_value("Active Social Organizations") == 1

	# A report chart is drawn from the report's own output, which is scoped
	from frappe.desk.query_report import run

	chart = frappe.get_doc("Dashboard Chart", "Volunteers vs Target by Community")
	result = run(chart.report_name, filters=json.loads(chart.filters_json or "{}"))
	assert result["chart"]["data"]["labels"] == [here]


def test_charts_render_for_a_reviewer():
	frappe.set_user(make_user(R.SUBDISTRICT_REVIEWER))
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get

	for name in ("Service Hours by Month", "Donations by Month"):
		get(chart_name=name, refresh=1)  # None when there is nothing to chart; it must not fail


def test_projects_by_state_chart_is_scoped_and_in_chinese():
	from factories import make_service_project

	from wuse_app.projects.dashboard_chart_source.projects_by_state.projects_by_state import get

	here, there = make_community(), make_community()
	make_service_project(community=here)
	make_service_project(community=here)
	make_service_project(community=there)
	secretary = make_user()
	assign(secretary, here, R.COMMUNITY_SECRETARY)
	frappe.set_user(secretary)
	frappe.local.lang = "zh"
	chart = get(chart_name="Projects by State")
	assert chart["labels"] == [frappe._("Draft")] and chart["labels"][0] != "Draft"
	assert chart["datasets"][0]["values"] == [2]
