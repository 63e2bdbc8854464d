"""The 联动 workspace: lists, number cards and shortcuts; the cards count only what the user may see."""

from __future__ import annotations

import json
from datetime import timedelta

import frappe
from factories import assign, make_community, make_user
from frappe.utils import now_datetime
from linkage_support import make_emergency, make_need, make_resource

from wuse_app.setup import roles as R

WORKSPACE = "Linkage"
CARDS = (
	"Open Needs",
	"Overdue Needs",
	"Resources with Capacity Left",
	"Average Satisfaction",
	"Active Emergencies",
)


def card_value(name: str) -> float:
	from frappe.desk.doctype.number_card.number_card import get_result

	card = frappe.get_doc("Number Card", name)
	filters = json.loads(card.filters_json or "[]")
	# the desk evaluates the dynamic filters in the browser; here: now
	for doctype, field, op, _expression in json.loads(card.dynamic_filters_json or "[]"):
		filters.append([doctype, field, op, str(now_datetime())])
	return get_result(card.as_dict(), json.dumps(filters)) or 0


def test_workspace_ships_cards_shortcuts_and_lists():
	workspace = frappe.get_doc("Workspace", WORKSPACE)
	assert {c.number_card_name for c in workspace.number_cards} == set(CARDS)
	assert [c.chart_name for c in workspace.charts] == ["Needs by Category"]
	assert all(frappe.db.exists("Number Card", name) for name in CARDS)
	shortcuts = {s.link_to for s in workspace.shortcuts}
	assert {"Resident Need", "Resource Offer", "Service Project", "Community Emergency"} <= shortcuts
	links = {link.link_to for link in workspace.links if link.type == "Link"}
	assert {
		"Need Match",
		"Emergency Dispatch",
		"Needs by Community and Category",
		"Service Category",
	} <= links
	frappe.local.lang = "zh"
	assert frappe._(workspace.title) == "联动" and frappe._("Open Needs") != "Open Needs"


def test_cards_count_only_the_users_communities_and_fail_closed():
	here, there = make_community(), make_community()
	overdue = make_need(here, urgency="Urgent")
	frappe.db.set_value(
		"Resident Need", overdue.name, "response_deadline", now_datetime() - timedelta(hours=1)
	)
	rated_here = make_need(here)
	rated_there = make_need(there)
	make_need(there)
	make_need(there)
	frappe.db.set_value("Resident Need", rated_here.name, "satisfaction", 3)
	frappe.db.set_value("Resident Need", rated_there.name, "satisfaction", 5)
	make_resource(here, capacity=2)
	make_resource(there, capacity=2)
	make_emergency([there])
	secretary, unscoped = make_user(), make_user(R.COMMUNITY_STAFF)
	assign(secretary, here, R.COMMUNITY_SECRETARY)

	frappe.set_user(secretary)
	from frappe.desk.desktop import get_desktop_page

	page = get_desktop_page(json.dumps({"name": WORKSPACE, "title": WORKSPACE, "public": 1}))
	assert len(page["number_cards"]["items"]) == len(CARDS)
	assert card_value("Open Needs") == 2
	assert card_value("Overdue Needs") == 1
	assert card_value("Resources with Capacity Left") == 1
	assert card_value("Average Satisfaction") == 3
	from wuse_app.linkage.dashboard_chart_source.needs_by_category.needs_by_category import get

	chart = get(chart_name="Needs by Category")
	assert chart["labels"] == ["Elderly Support"] and chart["datasets"][0]["values"] == [2]
	assert card_value("Active Emergencies") == 0  # the emergency is in another community
	frappe.set_user(unscoped)  # a community role without a community sees nothing
	assert [card_value(name) for name in CARDS] == [0] * len(CARDS)
	frappe.set_user("Administrator")
	assert card_value("Open Needs") >= 5 and card_value("Active Emergencies") >= 1
