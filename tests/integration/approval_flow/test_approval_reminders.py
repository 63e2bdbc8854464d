"""催办 and escalation with time frozen, and the 逾期待审 list and number card scoped to the user."""

from __future__ import annotations

import datetime
import os

import frappe
import pytest
import requests
from factories import (
	RestClient,
	make_allocation,
)
from frappe.model.workflow import apply_workflow

from wuse_app.approvals import reminders
from wuse_app.workflows.fund_allocation import PENDING_ALLOCATION_REVIEW


def as_user(user):
	from projects_support import as_user as _as_user

	return _as_user(user)


def waiting_allocation(drafter: str, funding) -> str:
	"""A Fund Allocation that entered Pending Allocation Review now (limit 48 h, escalation 96 h)."""
	with as_user(drafter):
		doc = make_allocation(funding.fund, funding.project, 100, submit=False)
		apply_workflow(frappe.get_doc("Fund Allocation", doc.name), "Submit for Review")
	return doc.name


def logs(name: str, user: str | None = None) -> list[frappe._dict]:
	filters = {"document_type": "Fund Allocation", "document_name": name}
	if user:
		filters["for_user"] = user
	return frappe.get_all("Notification Log", filters=filters, fields=["for_user", "subject"])


def test_reminds_the_pending_approvers_once_then_escalates_once(people, funding):
	drafter, reviewer = people.drafter, people.reviewers[0]
	name = waiting_allocation(drafter, funding)
	now = frappe.utils.now_datetime()

	reminders.send_reminders(now=now + datetime.timedelta(hours=47))  # within the limit
	assert logs(name) == []

	reminders.send_reminders(now=now + datetime.timedelta(hours=49))
	[log] = logs(name, reviewer)
	assert log.subject.startswith("催办") and "49" in log.subject and name in log.subject
	assert logs(name, drafter) == []  # the applicant is no approver, and no escalation is due yet
	reminders.send_reminders(now=now + datetime.timedelta(hours=50))  # the next hourly run
	assert len(logs(name, reviewer)) == 1

	reminders.send_reminders(now=now + datetime.timedelta(hours=97))
	[escalation] = logs(name, drafter)  # a Wuse Administrator: the escalation role
	assert escalation.subject.startswith("督办")
	assert len(logs(name, reviewer)) == 1  # no second reminder
	reminders.send_reminders(now=now + datetime.timedelta(hours=98))
	assert len(logs(name, drafter)) == 1
	assert frappe.db.count("Approval Reminder", {"reference_name": name}) == 2


def test_a_changed_limit_is_read_from_the_workflow(people, funding):
	"""The administrator's limit in the Workflow form decides, and a state without one is never overdue."""
	name = waiting_allocation(people.drafter, funding)
	workflow = frappe.get_doc("Workflow", "Fund Allocation Approval")
	for row in workflow.states:
		if row.state == PENDING_ALLOCATION_REVIEW:
			row.time_limit_hours = 0
	workflow.save()
	later = frappe.utils.now_datetime() + datetime.timedelta(days=30)
	assert name not in {r.reference_name for r in reminders.overdue(now=later)}


def test_the_overdue_list_and_card_show_only_what_the_user_may_read(people, funding, monkeypatch):
	reviewer = people.reviewers[0]
	unscoped_staff = people.staff  # a community role without a community: nothing
	name = waiting_allocation(people.drafter, funding)
	later = frappe.utils.now_datetime() + datetime.timedelta(hours=49)
	real_overdue = reminders.overdue
	monkeypatch.setattr(reminders, "overdue", lambda as_user=False, now=None: real_overdue(as_user, later))

	from wuse_app.approvals.report.overdue_approvals.overdue_approvals import execute

	with as_user(reviewer):
		_columns, rows = execute()
		[row] = [r for r in rows if r["reference_name"] == name]
		assert row["awaiting_me"] == 1 and row["hours_waited"] >= 49
		assert reminders.overdue_count()["value"] >= 1
	with as_user(unscoped_staff):
		assert [r for r in execute()[1] if r["reference_name"] == name] == []
		assert reminders.overdue_count()["value"] == 0


@pytest.mark.commits
def test_over_rest_the_card_needs_a_login_and_reminder_records_stay_private(people):
	base = os.environ["WUSE_TEST_URL"].rstrip("/")
	guest = requests.get(f"{base}/api/method/wuse_app.approvals.reminders.overdue_count")
	assert guest.status_code == 403, guest.text
	client = RestClient(people.staff)
	card = client.get("/api/method/wuse_app.approvals.reminders.overdue_count")
	assert card.status_code == 200 and card.json()["message"]["value"] == 0, card.text
	assert client.get("/api/resource/Approval Reminder").status_code == 403
	assert RestClient(people.reviewers[0]).get("/api/resource/Approval Reminder").status_code == 403
