"""Resident needs (需求清单): seeded masters, deadlines from Wuse Settings, the workflow's reasons,
masked contact, server-only fields and community scope that fails closed."""

from __future__ import annotations

import json
from datetime import timedelta

import frappe
import pytest
from factories import assign, make_community, make_user
from frappe.model.workflow import apply_workflow
from frappe.utils import get_datetime
from linkage_support import make_need

from wuse_app.domain import linkage as rules
from wuse_app.domain.volunteering import SERVICE_CATEGORIES
from wuse_app.setup import roles as R
from wuse_app.workflows.resident_need import AWAITING_RESPONSE


def test_masters_urgency_levels_and_workflow_are_seeded():
	names = set(frappe.get_all("Service Category", pluck="name"))
	assert set(SERVICE_CATEGORIES) <= names
	assert {
		"Elderly Support",
		"Poverty Relief",
		"Orphan Care",
		"Disability Assistance",
		"Child Protection",
	} <= names
	assert frappe.db.get_value("Service Category", "Bathing Assistance", "project_category") == "Elderly Care"
	assert set(rules.DEFAULT_NEED_SOURCES) <= set(frappe.get_all("Need Source", pluck="name"))
	settings = frappe.get_single("Wuse Settings")
	assert [(r.urgency, r.response_hours) for r in settings.need_urgency_levels] == list(
		rules.DEFAULT_URGENCY_HOURS
	)
	assert frappe.db.exists("Workflow", "Resident Need Handling")
	assert not frappe.db.get_value("Role", R.RESIDENT, "desk_access")


@pytest.mark.parametrize("urgency, hours", rules.DEFAULT_URGENCY_HOURS)
def test_deadline_follows_urgency(urgency, hours):
	need = make_need(make_community(), urgency=urgency)
	assert get_datetime(need.response_deadline) - get_datetime(need.reported_on) == timedelta(hours=hours)
	assert need.status == rules.OPEN and need.workflow_state == AWAITING_RESPONSE  # 待受理


def test_administrator_changes_and_adds_urgency_levels_without_code():
	settings = frappe.get_single("Wuse Settings")
	settings.need_urgency_levels[0].response_hours = 4  # Urgent: 4 hours
	settings.append("need_urgency_levels", {"urgency": "Critical", "response_hours": 1})
	settings.save()
	community = make_community()
	urgent, critical = make_need(community, urgency="Urgent"), make_need(community, urgency="Critical")
	assert get_datetime(urgent.response_deadline) - get_datetime(urgent.reported_on) == timedelta(hours=4)
	assert get_datetime(critical.response_deadline) - get_datetime(critical.reported_on) == timedelta(hours=1)
	with pytest.raises(frappe.ValidationError, match="not an urgency level"):
		make_need(community, urgency="Someday")


def test_broken_urgency_table_is_refused():
	settings = frappe.get_single("Wuse Settings")
	settings.append("need_urgency_levels", {"urgency": "Urgent", "response_hours": 2})
	with pytest.raises(frappe.ValidationError, match="listed twice"):
		settings.save()


def test_client_cannot_set_server_fields():
	need = make_need(
		make_community(), satisfaction=5, feedback_comment="自评", response_deadline="2000-01-01"
	)
	assert not need.satisfaction and not need.feedback_comment
	need.satisfaction = 5
	need.response_deadline = "2000-01-01 00:00:00"
	need.save()
	need.reload()
	assert not need.satisfaction and get_datetime(need.response_deadline).year > 2000


@pytest.mark.parametrize("action, status", [("Refer", rules.REFERRED), ("Decline", rules.DECLINED)])
def test_refer_and_decline_need_a_reason(action, status):
	need = make_need(make_community())
	with pytest.raises(frappe.ValidationError, match="reason"):
		apply_workflow(need, action)
	need = frappe.get_doc("Resident Need", need.name)
	need.status_reason = "不属于本街道职责，已转区民政局"
	need.save()
	need = apply_workflow(need, action)
	assert need.status == status


def test_reason_rule_follows_a_renamed_state():
	"""The rule reads the status code the state writes: an administrator's new state name changes nothing."""
	if not frappe.db.exists("Workflow State", "不予受理"):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "不予受理"}).insert()
	workflow = frappe.get_doc("Workflow", "Resident Need Handling")
	for row in workflow.states:
		if row.state == rules.DECLINED:
			row.state = "不予受理"
	for row in workflow.transitions:
		if row.next_state == rules.DECLINED:
			row.next_state = "不予受理"
	workflow.save()
	need = make_need(make_community())
	with pytest.raises(frappe.ValidationError, match="reason"):
		apply_workflow(need, "Decline")
	need.reload()
	need.status_reason = "重复登记"
	need.save()
	need = apply_workflow(need, "Decline")
	assert (need.workflow_state, need.status) == ("不予受理", rules.DECLINED)


def test_contact_mobile_is_masked_for_those_without_the_level_and_in_the_change_log():
	community = make_community()
	need = make_need(community, contact_mobile="13812345678")
	assert need.contact_mobile_masked == "138****5678"
	need.contact_mobile = "13987654321"
	need.save(ignore_version=False)  # Frappe skips the change log in tests unless asked
	blob = " ".join(
		frappe.get_all(
			"Version", filters={"ref_doctype": "Resident Need", "docname": need.name}, pluck="data"
		)
	)
	assert "139****4321" in blob and "13987654321" not in blob and "13812345678" not in blob
	leader = make_user(R.LEADERSHIP_MEMBER)
	frappe.set_user(leader)
	doc = frappe.get_doc("Resident Need", need.name)
	doc.apply_fieldlevel_read_permissions()
	assert not doc.get("contact_mobile") and doc.contact_mobile_masked == "139****4321"


def test_scope_lists_only_own_community_and_fails_closed():
	here, there = make_community(), make_community()
	mine, theirs = make_need(here), make_need(there)
	staff = make_user()
	assign(staff, here, R.COMMUNITY_STAFF)
	unscoped = make_user(R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	names = frappe.get_list("Resident Need", pluck="name")
	assert mine.name in names and theirs.name not in names
	assert not frappe.has_permission("Resident Need", "read", theirs.name)
	frappe.set_user(unscoped)
	assert frappe.get_list("Resident Need", pluck="name") == []
	assert not frappe.has_permission("Resident Need", "read", mine.name)
	frappe.set_user(make_user(R.SUBDISTRICT_REVIEWER))
	assert {mine.name, theirs.name} <= set(frappe.get_list("Resident Need", pluck="name"))


def test_scoped_staff_cannot_record_a_need_elsewhere():
	here, there = make_community(), make_community()
	staff = make_user()
	assign(staff, here, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	make_need(here)
	with pytest.raises(frappe.PermissionError):
		make_need(there)


def test_filtering_by_contact_mobile_is_refused_to_those_who_cannot_read_it():
	frappe.set_user(make_user(R.LEADERSHIP_MEMBER))
	frappe.local.form_dict = frappe._dict(filters=json.dumps({"contact_mobile": "13812345678"}))
	try:
		with pytest.raises(frappe.PermissionError):
			frappe.get_list("Resident Need", filters={"contact_mobile": "13812345678"})
	finally:
		frappe.local.form_dict = frappe._dict()


def test_needs_report_counts_per_community_and_category_within_scope():
	from wuse_app.linkage.report.needs_by_community_and_category.needs_by_community_and_category import (
		execute,
	)

	here, there = make_community(), make_community()
	make_need(here)
	make_need(here)
	make_need(there)
	frappe.set_user(make_user(R.SUBDISTRICT_REVIEWER))
	rows = {(r["community"], r["category"]): r for r in execute({})[1]}
	assert rows[(here, "Elderly Support")]["total"] == 2 and rows[(here, "Elderly Support")]["open"] == 2
	assert rows[(there, "Elderly Support")]["total"] == 1
	staff = make_user()
	assign(staff, here, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	assert {r["community"] for r in execute({})[1]} == {here}
	frappe.set_user(make_user(R.COMMUNITY_SECRETARY))  # no community: nothing
	assert execute({})[1] == []


def test_my_needs_form_lists_only_the_residents_own_needs():
	from frappe.website.doctype.web_form.web_form import accept
	from frappe.www.list import get_list_data

	community = make_community()
	resident, neighbour = make_user(R.RESIDENT), make_user(R.RESIDENT)
	staff_recorded = make_need(community)  # recorded by staff for a resident without the portal
	payload = {
		"doctype": "Resident Need",
		"web_form_name": "my-needs",
		"community": community,
		"category": "Elderly Support",
		"description": "楼道灯坏了，老人夜里出门不安全",
		"people_affected": 1,
	}
	try:
		frappe.set_user(resident)
		mine = accept("my-needs", json.dumps(payload)).name
		assert {row.name for row in get_list_data("Resident Need", web_form_name="my-needs", limit=100)} == {
			mine
		}
		frappe.set_user(neighbour)
		assert get_list_data("Resident Need", web_form_name="my-needs", limit=100) == []
		assert not frappe.has_permission("Resident Need", "read", mine)
		assert not frappe.has_permission("Resident Need", "read", staff_recorded.name)
	finally:
		frappe.flags.in_web_form = False
