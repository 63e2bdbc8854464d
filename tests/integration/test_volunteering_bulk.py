"""Bulk logging: one action records the hours of every attendee of an activity, all or nothing."""

from __future__ import annotations

import frappe
import pytest
from factories import (
	assign,
	make_community,
	make_service_record,
	make_user,
	make_volunteer,
	make_volunteer_activity,
)
from frappe.utils import nowdate

from wuse_app.setup import roles as R
from wuse_app.volunteering.api import record_activity_hours


@pytest.fixture
def community():
	return make_community()


@pytest.fixture
def staff(community):
	user = make_user(R.COMMUNITY_STAFF)
	assign(user, community, R.COMMUNITY_STAFF)
	return user


def activity_with(community: str, volunteers: list[str], hours: list[float | None], default_hours: float = 3):
	return make_volunteer_activity(
		community,
		default_hours=default_hours,
		attendees=[{"volunteer": v, "hours": h} for v, h in zip(volunteers, hours, strict=True)],
	)


def records_of(activity: str) -> list[frappe._dict]:
	return frappe.get_all(
		"Volunteer Service Record",
		filters={"activity": activity},
		fields=["volunteer", "hours", "docstatus", "verified_by"],
		order_by="volunteer",
	)


def test_records_and_verifies_hours_for_every_attendee(community, staff):
	volunteers = [make_volunteer(community).name for _ in range(3)]
	activity = activity_with(community, volunteers, [None, 2.5, None])
	frappe.set_user(staff)
	result = record_activity_hours(activity.name, nowdate())
	frappe.set_user("Administrator")

	assert len(result["created"]) == 3 and result["verified"]
	records = records_of(activity.name)
	assert {(r.volunteer, r.hours) for r in records} == {
		(volunteers[0], 3),
		(volunteers[1], 2.5),
		(volunteers[2], 3),
	}
	assert all(r.docstatus == 1 and r.verified_by == staff for r in records)
	assert [frappe.db.get_value("Volunteer", v, "total_service_hours") for v in volunteers] == [3, 2.5, 3]
	linked = frappe.get_doc("Volunteer Activity", activity.name).attendees
	assert all(row.service_record for row in linked)

	with pytest.raises(frappe.ValidationError, match="no attendees without recorded hours"):
		record_activity_hours(activity.name, nowdate())  # a second run records nothing twice


def test_can_create_drafts_for_checking_first(community):
	volunteers = [make_volunteer(community).name for _ in range(2)]
	activity = activity_with(community, volunteers, [None, None])
	record_activity_hours(activity.name, nowdate(), verify=0)
	assert [r.docstatus for r in records_of(activity.name)] == [0, 0]
	assert all(frappe.db.get_value("Volunteer", v, "total_service_hours") == 0 for v in volunteers)


def test_one_bad_row_writes_nothing_and_names_the_row(community, staff):
	volunteers = [make_volunteer(community).name for _ in range(3)]
	busy = volunteers[2]
	make_service_record(busy, hours=22)  # already 22 hours today: 3 more break the daily limit
	busy_name = frappe.db.get_value("Volunteer", busy, "full_name")
	activity = activity_with(community, volunteers, [None, None, None])
	entries_before = frappe.db.count("Time Bank Entry")

	frappe.set_user(staff)
	with pytest.raises(frappe.ValidationError) as excinfo:
		record_activity_hours(activity.name, nowdate())
	frappe.set_user("Administrator")

	message = str(excinfo.value)
	assert f"Row 3 ({busy_name})" in message
	assert "exceeds 24 h a day" in message and "No hours were recorded" in message
	assert records_of(activity.name) == []
	assert frappe.db.count("Time Bank Entry") == entries_before
	assert [frappe.db.get_value("Volunteer", v, "total_service_hours") for v in volunteers] == [0, 0, 22]
	assert not any(
		row.service_record for row in frappe.get_doc("Volunteer Activity", activity.name).attendees
	)


def test_a_given_list_is_all_or_nothing_too(community):
	volunteers = [make_volunteer(community).name for _ in range(3)]
	activity = make_volunteer_activity(community)
	attendees = [
		{"volunteer": volunteers[0], "hours": 2},
		{"volunteer": volunteers[1], "hours": -1},
		{"volunteer": volunteers[2], "hours": 2},
	]
	with pytest.raises(frappe.ValidationError, match=r"Row 2 .*must be more than 0"):
		record_activity_hours(activity.name, nowdate(), attendees=frappe.as_json(attendees))
	assert records_of(activity.name) == []
	with pytest.raises(frappe.ValidationError, match=r"Row 2 .*registered volunteer"):
		record_activity_hours(
			activity.name,
			nowdate(),
			attendees=[{"volunteer": volunteers[0], "hours": 1}, {"volunteer": "VOL-NOPE"}],
		)
	assert records_of(activity.name) == []
	attendees[1]["hours"] = 1
	assert len(record_activity_hours(activity.name, nowdate(), attendees=attendees)["created"]) == 3


def test_a_date_outside_the_activity_writes_nothing(community):
	volunteers = [make_volunteer(community).name for _ in range(2)]
	activity = activity_with(community, volunteers, [None, None])
	with pytest.raises(frappe.ValidationError, match=r"Row 1 .*outside the activity's dates"):
		record_activity_hours(activity.name, frappe.utils.add_days(nowdate(), -5))
	assert records_of(activity.name) == []


def test_only_organisers_of_the_activity_may_log_in_bulk(community):
	volunteers = [make_volunteer(community).name]
	activity = activity_with(community, volunteers, [None])
	for user in (make_user(R.LEADERSHIP_MEMBER), make_user(R.VOLUNTEER)):
		frappe.set_user(user)
		with pytest.raises(frappe.PermissionError):
			record_activity_hours(activity.name, nowdate())
	frappe.set_user("Administrator")
	outsider = make_user(R.COMMUNITY_STAFF)
	assign(outsider, make_community(), R.COMMUNITY_STAFF)
	frappe.set_user(outsider)
	with pytest.raises(frappe.PermissionError):
		record_activity_hours(activity.name, nowdate())
	frappe.set_user("Administrator")
	assert records_of(activity.name) == []
