"""Regular visits (定期走访): the interval from the risk level, overdue files and their reminders."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from wuse_app.domain import care as rules
from wuse_app.utils.settings import get_settings

INTERVAL_FIELDS = {
	"High": "high_risk_visit_days",
	"Medium": "medium_risk_visit_days",
	"Low": "low_risk_visit_days",
}


def visit_intervals() -> dict[str, int]:
	"""Risk level -> days between visits, from Wuse Settings (an administrator may change them)."""
	settings = get_settings()
	return {level: int(settings.get(field) or 0) for level, field in INTERVAL_FIELDS.items()}


def refresh_visit_schedule(care_recipient: str) -> None:
	"""Last visit and next due date of a care file, from its completed visits and its risk level."""
	values = frappe.db.get_value(
		"Care Recipient", care_recipient, ["risk_level", "opened_on", "status"], as_dict=True
	)
	if not values:
		return
	visits = frappe.qb.DocType("Care Visit")
	from frappe.query_builder.functions import Max

	last = (
		frappe.qb.from_(visits)
		.select(Max(visits.visit_date))
		.where((visits.care_recipient == care_recipient) & (visits.status == "Completed"))
		.run()[0][0]
	)
	interval = rules.visit_interval_days(values.risk_level, visit_intervals())
	due = rules.next_visit_due(
		getdate(last) if last else None, getdate(values.opened_on or today()), interval
	)
	frappe.db.set_value(
		"Care Recipient",
		care_recipient,
		{
			"last_visit_date": last,
			"visit_interval_days": interval,
			"next_visit_due": None if values.status == "Closed" else due,
		},
		update_modified=False,
	)


def overdue_care_files(on: str | None = None) -> list[frappe._dict]:
	"""Active care files whose next visit is overdue (system-wide: for the scheduler, not for users)."""
	day = getdate(on or today())
	rows = frappe.get_all(
		"Care Recipient",
		filters={"status": "Active", "next_visit_due": ["<", day]},
		fields=["name", "community", "assigned_social_worker", "next_visit_due", "risk_level"],
		order_by="next_visit_due asc",
		ignore_permissions=True,  # the scheduler reminds everyone responsible; nothing is shown to a user
	)
	for row in rows:
		row.days_overdue = rules.days_overdue(getdate(row.next_visit_due), day)
	return rows


@frappe.whitelist()
def get_overdue_visits() -> list[dict]:
	"""The overdue care files the current user may read (the list behind the 逾期未走访 card)."""
	if not frappe.has_permission("Care Recipient", "read"):
		raise frappe.PermissionError
	day = getdate(today())
	rows = frappe.get_list(
		"Care Recipient",
		filters={"status": "Active", "next_visit_due": ["<", day]},
		fields=["name", "full_name", "community", "risk_level", "next_visit_due"],
		order_by="next_visit_due asc",
	)
	for row in rows:
		row["days_overdue"] = rules.days_overdue(getdate(row["next_visit_due"]), day)
	return rows


def send_overdue_visit_reminders() -> int:
	"""Daily job: remind the assigned social worker and the community secretary of each overdue file.

	The reminder names the file's number, never the person. One reminder per file, user and day.
	"""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	from wuse_app.setup.roles import COMMUNITY_SECRETARY

	sent = 0
	for row in overdue_care_files():
		users = set()
		if row.assigned_social_worker:
			user = frappe.db.get_value("Social Worker", row.assigned_social_worker, "user")
			if user:
				users.add(user)
		users.update(
			frappe.get_all(
				"Community Assignment",
				filters={"community": row.community, "role": COMMUNITY_SECRETARY},
				pluck="user",
			)
		)
		subject = _("Care visit overdue: {0} ({1} days)").format(row.name, row.days_overdue)
		for user in sorted(users):
			# One reminder per file, user and day: the subject carries the days overdue.
			if frappe.db.exists(
				"Notification Log",
				{
					"for_user": user,
					"document_type": "Care Recipient",
					"document_name": row.name,
					"subject": subject,
				},
			):
				continue
			make_notification_logs(
				{
					"type": "Alert",
					"document_type": "Care Recipient",
					"document_name": row.name,
					"subject": subject,
					"from_user": "Administrator",
				},
				[user],
			)
			sent += 1
	return sent
