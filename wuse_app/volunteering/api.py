"""Whitelisted endpoints of the Volunteering module. Each one checks permission itself."""

from __future__ import annotations

import json
from typing import Any

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import cint, flt, getdate

from wuse_app.setup import roles as R
from wuse_app.utils.validation import throw
from wuse_app.volunteering.doctype.volunteer_service_record.volunteer_service_record import SELF_REPORTED
from wuse_app.volunteering.totals import lock_volunteers

BULK_SAVEPOINT = "wuse_record_activity_hours"


class _RowFailed(Exception):
	def __init__(self, row: frappe._dict, error: Exception) -> None:
		super().__init__(str(error))
		self.row = row
		self.error = error


@frappe.whitelist(methods=["POST"])
def record_activity_hours(
	activity: str,
	service_date: str | None = None,
	attendees: str | list | None = None,
	verify: bool | int = 1,
) -> dict[str, Any]:
	"""Record hours for all attendees of an activity at once: all rows or none.

	`attendees` (optional) is a list of {"volunteer", "hours"}; without it the activity's attendee
	rows that have no service record yet are used. With `verify` the records are submitted (verified)
	as well. One bad row writes nothing, and the message names the row.
	"""
	doc = frappe.get_doc("Volunteer Activity", activity)
	doc.check_permission("write")
	frappe.has_permission("Volunteer Service Record", "create", throw=True)
	verify = bool(cint(verify))
	if verify:
		frappe.has_permission("Volunteer Service Record", "submit", throw=True)

	rows, skipped = _rows_to_record(doc, attendees)
	if not rows:
		frappe.throw(_("There are no attendees without recorded hours."), title=_("Nothing to record"))
	day = getdate(service_date or doc.start_datetime)
	messages_before = len(frappe.local.message_log or [])

	frappe.db.savepoint(BULK_SAVEPOINT)
	created: list[str] = []
	try:
		# Lock every volunteer up front, in name order: two bulk entries never deadlock each other.
		lock_volunteers(*(row.volunteer for row in rows))
		for row in rows:
			try:
				created.append(_record_row(doc, row, day, verify))
			except (frappe.ValidationError, frappe.PermissionError) as error:
				raise _RowFailed(row, error) from error
	except _RowFailed as failure:
		frappe.db.rollback(save_point=BULK_SAVEPOINT)
		del frappe.local.message_log[messages_before:]
		frappe.throw(
			_("Row {0} ({1}): {2} No hours were recorded; correct the row and try again.").format(
				failure.row.idx,
				failure.row.volunteer_name or failure.row.volunteer,
				_clean_message(failure.error),
			),
			title=_("Nothing recorded"),
		)
	except Exception:
		frappe.db.rollback(save_point=BULK_SAVEPOINT)
		raise
	frappe.db.release_savepoint(BULK_SAVEPOINT)
	return {"created": created, "verified": verify, "skipped": skipped}


def _rows_to_record(doc, attendees: str | list | None) -> tuple[list[frappe._dict], int]:
	if attendees:
		try:
			given = json.loads(attendees) if isinstance(attendees, str) else attendees
		except ValueError:
			given = None
		if not isinstance(given, list) or not all(isinstance(item, dict) for item in given):
			throw(_("Attendees must be a list of entries with a volunteer and hours."))
		rows = [
			frappe._dict(
				idx=index,
				volunteer=item.get("volunteer"),
				volunteer_name=item.get("volunteer_name"),
				hours=item.get("hours"),
				row_name=None,
			)
			for index, item in enumerate(given, start=1)
		]
		return rows, 0
	rows, skipped = [], 0
	for attendee in doc.attendees:
		if attendee.service_record and frappe.db.get_value(
			"Volunteer Service Record", attendee.service_record, "docstatus"
		) in (0, 1):
			skipped += 1
			continue
		rows.append(
			frappe._dict(
				idx=attendee.idx,
				volunteer=attendee.volunteer,
				volunteer_name=attendee.volunteer_name,
				hours=attendee.hours,
				row_name=attendee.name,
			)
		)
	return rows, skipped


def _record_row(activity, row: frappe._dict, day, verify: bool) -> str:
	if not row.volunteer or not frappe.db.exists("Volunteer", row.volunteer):
		frappe.throw(_("Choose a registered volunteer."), title=_("Unknown volunteer"))
	record = frappe.get_doc(
		{
			"doctype": "Volunteer Service Record",
			"volunteer": row.volunteer,
			"activity": activity.name,
			"service_date": day,
			# Given hours go to the record as sent (the input guard refuses "abc"/NaN with a message).
			# An attendee row's empty hours (0) take the activity's default, as before.
			"hours": activity.default_hours if row.hours in (None, "", 0) else row.hours,
			"service_content": activity.service_content or activity.activity_title,
		}
	)
	record.insert()
	if verify:
		record.submit()
	if row.row_name:
		frappe.db.set_value(
			"Volunteer Activity Attendee", row.row_name, "service_record", record.name, update_modified=False
		)
	return record.name


def _clean_message(error: Exception) -> str:
	text = frappe.utils.strip_html(str(error)).strip()
	return text if text.endswith((".", "。", "!", "！")) else f"{text}."


# --- self-reporting (portal) ---------------------------------------------------------------------


def own_volunteer(user: str | None = None) -> str:
	"""The Volunteer record of the signed-in user, or PermissionError."""
	user = user or frappe.session.user
	names = frappe.get_all("Volunteer", filters={"user": user, "status": "Active"}, pluck="name", limit=2)
	if len(names) != 1:
		frappe.throw(
			_("Your account is not linked to an active volunteer record. Ask your community to link it."),
			exc=frappe.PermissionError,
			title=_("Not a volunteer"),
		)
	return names[0]


@frappe.whitelist(methods=["POST"])
def report_my_hours(
	activity: str | None = None,
	service_date: str | None = None,
	hours: float | None = None,
	service_content: str | None = None,
) -> str:
	"""A volunteer reports their own hours for an activity. The record stays unverified (draft) until
	an organiser submits it; a volunteer can only report for themselves, and only for an activity of
	their community or one they are an attendee of. Frappe validates the argument types (417); a
	missing argument gets a message from the record's mandatory fields instead of a TypeError (500)."""
	if R.VOLUNTEER not in frappe.get_roles():
		throw(
			_("Only volunteers report their own hours here."),
			title=_("Not allowed"),
			exc=frappe.PermissionError,
		)
	volunteer = own_volunteer()
	if activity not in _reportable_activities(volunteer, activity):
		frappe.throw(
			_("You can report hours only for activities of your community or that you attended."),
			exc=frappe.PermissionError,
			title=_("Not allowed"),
		)
	record = frappe.get_doc(
		{
			"doctype": "Volunteer Service Record",
			"volunteer": volunteer,
			"activity": activity,
			"service_date": service_date,
			"hours": hours,
			"service_content": (service_content or "").strip(),
			"entry_source": SELF_REPORTED,
		}
	)
	# Volunteers have no create right on records: this method is their only way in, for themselves.
	record.insert(ignore_permissions=True)
	return record.name


@frappe.whitelist()
def my_volunteer_summary() -> dict[str, Any]:
	"""The signed-in volunteer's totals and records (their own only)."""
	volunteer = own_volunteer()
	totals = frappe.db.get_value(
		"Volunteer",
		volunteer,
		["name", "full_name", "total_service_hours", "star_level", "time_bank_balance"],
		as_dict=True,
	)
	records = frappe.get_list(
		"Volunteer Service Record",
		filters={"volunteer": volunteer},
		fields=["name", "activity", "service_date", "hours", "service_category", "docstatus"],
		order_by="service_date desc",
	)
	# Titles of the activities of the volunteer's own records (read above with their permission).
	activities = list({r.activity for r in records if r.activity})
	titles = (
		dict(
			frappe.get_all(
				"Volunteer Activity",
				filters={"name": ["in", activities]},
				fields=["name", "activity_title"],
				as_list=True,
			)
		)
		if activities
		else {}
	)
	for record in records:
		record["verified"] = record.pop("docstatus") == 1
		record["activity_title"] = titles.get(record.activity) or record.activity
	return {**totals, "records": records}


@frappe.whitelist()
def my_open_activities() -> list[dict[str, Any]]:
	"""Activities of the last 60 days a volunteer can report hours for (titles and dates only)."""
	volunteer = own_volunteer()
	activity = frappe.qb.DocType("Volunteer Activity")
	since = frappe.utils.add_days(frappe.utils.nowdate(), -60)
	return (
		_activities_of(volunteer)
		.select(
			activity.name,
			activity.activity_title,
			activity.community,
			activity.service_category,
			activity.start_datetime,
			activity.end_datetime,
		)
		.where(activity.end_datetime >= since)
		.where(activity.start_datetime <= frappe.utils.now())
		.orderby(activity.start_datetime, order=Order.desc)
		.limit(100)
		.run(as_dict=True)
	)


def _activities_of(volunteer: str):
	"""Query of the activities a volunteer may report for: not cancelled, of the volunteer's community
	or with the volunteer among the attendees."""
	activity = frappe.qb.DocType("Volunteer Activity")
	attendee = frappe.qb.DocType("Volunteer Activity Attendee")
	community = frappe.db.get_value("Volunteer", volunteer, "community") or ""
	attended = (
		frappe.qb.from_(attendee)
		.select(attendee.parent)
		.where(attendee.parenttype == "Volunteer Activity")
		.where(attendee.volunteer == volunteer)
	)
	return (
		frappe.qb.from_(activity)
		.where(activity.status != "Cancelled")
		.where((activity.community == community) | activity.name.isin(attended))
	)


def _reportable_activities(volunteer: str, name: str) -> list[str]:
	activity = frappe.qb.DocType("Volunteer Activity")
	return _activities_of(volunteer).select(activity.name).where(activity.name == name).run(pluck=True)
