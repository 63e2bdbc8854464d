"""公示: rules in Wuse Settings (no personal field), a notice opened by entering a state, objections,
the period's end with time frozen (the document moves on as a system action), /gongshi as Guest, REST."""

from __future__ import annotations

import datetime
import json
import os

import frappe
import pytest
import requests
from factories import (
	RestClient,
	make_allocation,
	make_community,
	make_volunteer,
)
from frappe.model.workflow import apply_workflow

from wuse_app.publicity import api, notices
from wuse_app.publicity import rules as config
from wuse_app.workflows.fund_allocation import ALLOCATED, PENDING_ALLOCATION_REVIEW

ALLOCATION_RULE = {
	"document_type": "Fund Allocation",
	"start_state": PENDING_ALLOCATION_REVIEW,
	"days": 5,
	"published_fields": "project_title, amount, purpose",
	"move_on_close": 1,
	"next_state": ALLOCATED,
}


def as_user(user):
	from projects_support import as_user as _as_user

	return _as_user(user)


def save_rules(*rules: dict, working_days: bool = False, holidays: tuple = ()) -> None:
	settings = frappe.get_single("Wuse Settings")
	settings.public_notice_rules = []
	for rule in rules:
		settings.append("public_notice_rules", rule)
	settings.public_notice_working_days = int(working_days)
	settings.public_notice_holidays = []
	for day in holidays:
		settings.append("public_notice_holidays", {"holiday_date": day})
	settings.save()


@pytest.fixture
def allocation_rule():
	save_rules(ALLOCATION_RULE)
	yield
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")


def allocation_under_review(drafter: str, funding) -> str:
	with as_user(drafter):
		doc = make_allocation(funding.fund, funding.project, 100, submit=False, purpose="助餐补贴")
		apply_workflow(frappe.get_doc("Fund Allocation", doc.name), "Submit for Review")
	return doc.name


def notice_of(name: str) -> frappe._dict:
	return frappe.db.get_value(
		"Public Notice", {"reference_name": name}, ["name", "status", "start_date", "end_date"], as_dict=True
	)


def test_the_default_rule_is_project_approvals_for_five_days():
	rows = frappe.get_single("Wuse Settings").public_notice_rules
	assert any(r.document_type == "Service Project" and r.days == 5 for r in rows)


@pytest.mark.parametrize("personal", ["id_number", "mobile", "date_of_birth"])
def test_a_rule_refuses_personal_fields(personal):
	with pytest.raises(frappe.ValidationError, match="personal data"):
		save_rules(
			{
				"document_type": "Volunteer",
				"start_state": "Draft",
				"days": 5,
				"published_fields": f"full_name, {personal}",
			}
		)
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")


def test_entering_the_state_opens_a_notice_and_its_end_moves_the_document_as_the_system(
	allocation_rule, people, funding
):
	name = allocation_under_review(people.drafter, funding)
	notice = notice_of(name)
	assert notice.status == "Open"
	assert notice.end_date == notice.start_date + datetime.timedelta(days=4)  # 5 calendar days
	content = json.loads(frappe.db.get_value("Public Notice", notice.name, "published_content"))
	assert ["Amount", "100.00"] in content and ["Purpose", "助餐补贴"] in content

	assert notices.close_ended_notices(on=notice.end_date) == []  # the last day is still in the period
	assert notices.close_ended_notices(on=notice.end_date + datetime.timedelta(days=1)) == [notice.name]
	assert frappe.db.get_value("Public Notice", notice.name, ["status", "moved_document"]) == ("Closed", 1)
	assert frappe.db.get_value("Fund Allocation", name, ["workflow_state", "docstatus"]) == (ALLOCATED, 1)
	[system] = frappe.get_all(
		"Approval Vote",
		filters={"reference_name": name, "next_state": ALLOCATED},
		fields=["user", "opinion"],
	)
	assert system.user == "Administrator" and "system action" in system.opinion


def test_an_objection_holds_the_notice_until_a_reviewer_dismisses_it(allocation_rule, people, funding):
	reviewer, resident = people.reviewers[0], people.staff  # anyone logged in may object
	name = allocation_under_review(people.drafter, funding)
	notice = notice_of(name)
	with as_user(resident):
		with pytest.raises(frappe.ValidationError, match="reason"):
			api.file_objection(notice.name, "  ")
		filed = api.file_objection(notice.name, "该项目重复申报，请核实")
	assert filed["notice_status"] == "Under Review"
	assert frappe.db.exists("Notification Log", {"for_user": reviewer, "document_name": filed["name"]})
	after = notice.end_date + datetime.timedelta(days=1)
	assert notices.close_ended_notices(on=after) == []  # a pending objection holds it

	with as_user(reviewer):
		objection = frappe.get_doc("Public Notice Objection", filed["name"])
		objection.status = "Dismissed"
		objection.review_note = "已核实，不重复"
		objection.save()
	assert frappe.db.get_value("Public Notice", notice.name, "status") == "Open"
	assert notices.close_ended_notices(on=after) == [notice.name]


def test_working_days_skip_weekends_and_listed_holidays():
	friday = datetime.date(2026, 10, 2)
	save_rules(working_days=True, holidays=(datetime.date(2026, 10, 5),))  # a Monday off
	try:
		# Fri 2, (Sat, Sun, Mon holiday), Tue 6, Wed 7, Thu 8, Fri 9: the fifth working day
		assert config.period_end(friday, 5) == datetime.date(2026, 10, 9)
	finally:
		frappe.clear_document_cache("Wuse Settings", "Wuse Settings")


# --- /gongshi as Guest, REST permissions, the rate limit ---------------------------------------------


@pytest.fixture(scope="module")
def public(people):
	frappe.set_user("Administrator")
	volunteer = make_volunteer(make_community(), mobile="13800138000")
	rule = {
		"start_state": "Draft",
		"days": 5,
		"published_fields": "full_name, id_number, mobile, date_of_birth, community",
	}
	name = notices.publicise(volunteer, rule, extra_rows=[["Note", "<script>alert(1)</script>"]])
	resident, reviewer = people.staff, people.reviewers[0]
	frappe.db.commit()
	yield frappe._dict(notice=name, volunteer=volunteer, resident=resident, reviewer=reviewer)
	frappe.db.rollback()
	frappe.db.delete("Public Notice Objection", {"notice": name})
	frappe.db.delete("Notification Log", {"document_type": "Public Notice Objection"})
	frappe.db.delete("Public Notice", {"name": name})
	frappe.db.delete("Volunteer", {"name": volunteer.name})
	frappe.db.commit()
	frappe.cache.delete_keys("rl:wuse_app.publicity.api.file_objection")


@pytest.mark.commits
def test_guest_sees_the_notice_without_any_personal_field_and_escaped(public):
	page = requests.get(os.environ["WUSE_TEST_URL"].rstrip("/") + "/gongshi")
	assert page.status_code == 200
	assert public.volunteer.full_name in page.text
	for personal in (public.volunteer.id_number, "13800138000", str(public.volunteer.date_of_birth)):
		assert personal not in page.text
	assert public.volunteer.id_number[:6] + "*" not in page.text  # not even masked
	assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text


@pytest.mark.commits
def test_rest_permissions_and_the_objection_rate_limit(public):
	base = os.environ["WUSE_TEST_URL"].rstrip("/")
	assert requests.get(f"{base}/api/resource/Public Notice").status_code == 403
	guest = requests.post(
		f"{base}/api/method/wuse_app.publicity.api.file_objection",
		data={"notice": public.notice, "reason": "匿名异议不应被接受"},
	)
	assert guest.status_code == 403, guest.text
	resident = RestClient(public.resident)
	assert resident.get("/api/resource/Public Notice Objection").status_code == 403
	assert resident.get(f"/api/resource/Public Notice/{public.notice}").status_code == 403
	filed = resident.post(
		"/api/method/wuse_app.publicity.api.file_objection",
		data={"notice": public.notice, "reason": "此人并非本社区志愿者"},
	)
	assert filed.status_code == 200 and filed.json()["message"]["notice_status"] == "Under Review", filed.text
	reviewer = RestClient(public.reviewer)
	created = reviewer.post("/api/resource/Public Notice", json={"title": "伪造公示"})
	assert created.status_code == 403, created.text
	assert (
		reviewer.get(f"/api/resource/Public Notice Objection/{filed.json()['message']['name']}").status_code
		== 200
	)
	statuses = [
		resident.post(
			"/api/method/wuse_app.publicity.api.file_objection", data={"notice": public.notice, "reason": "x"}
		).status_code
		for _i in range(10)
	]
	assert statuses[-1] == 429, statuses
