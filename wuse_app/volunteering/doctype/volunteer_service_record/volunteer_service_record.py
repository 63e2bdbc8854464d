# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from wuse_app.domain import volunteering as rules
from wuse_app.utils.settings import get_settings
from wuse_app.utils.validation import domain_errors, require_readable
from wuse_app.volunteering import time_bank
from wuse_app.volunteering.totals import (
	LocksVolunteer,
	hours_on_day,
	ledger_balance,
	refresh_volunteer_totals,
)

SELF_REPORTED = "Self-reported"
RECORDED_BY_ORGANISER = "Recorded by Organiser"


class VolunteerServiceRecord(LocksVolunteer, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity: DF.Link | None
		amended_from: DF.Link | None
		community: DF.Link
		entry_source: DF.Literal["Recorded by Organiser", "Self-reported"]
		hours: DF.Float
		naming_series: DF.Literal["VSR-.YYYY.-.#####"]
		points: DF.Float
		recording_organization: DF.Link | None
		service_category: DF.Link
		service_content: DF.SmallText
		service_date: DF.Date
		service_project: DF.Link | None
		verified_by: DF.Link | None
		verified_on: DF.Datetime | None
		volunteer: DF.Link
		volunteer_name: DF.Data | None
	# end: auto-generated types

	def validate(self) -> None:
		self.clear_verification()
		self.set_from_activity()
		self.set_community()
		self.validate_in_user_scope()
		self.validate_service_category()
		self.validate_service_date()
		self.validate_date_in_activity()
		self.validate_hours()
		self.validate_daily_total()

	def before_submit(self) -> None:
		self.validate_not_own_hours()
		self.verified_by = frappe.session.user
		self.verified_on = now_datetime()
		self.points = rules.points_for_hours(self.hours, points_per_hour())

	def on_submit(self) -> None:
		if self.points:
			time_bank.post_entry(
				self.volunteer,
				self.points,
				time_bank.EARNED,
				self.doctype,
				self.name,
				posting_date=self.service_date,
				remarks=_("{0} hours of verified service").format(rules.format_hours(self.hours)),
			)
		refresh_volunteer_totals(self.volunteer)

	def before_cancel(self) -> None:
		self.validate_not_certified()
		with domain_errors(_("Points already spent")):
			rules.validate_balance_after(ledger_balance(self.volunteer), -(self.points or 0))

	def on_cancel(self) -> None:
		time_bank.reverse_entries(self.doctype, self.name)
		refresh_volunteer_totals(self.volunteer)

	# --- steps --------------------------------------------------------------------------------

	def set_from_activity(self) -> None:
		"""Hours of an activity take its community, category, organiser and content."""
		self._activity_period = None
		if not self.activity:
			return
		activity = frappe.db.get_value(
			"Volunteer Activity",
			self.activity,
			[
				"activity_title",
				"community",
				"service_category",
				"organizer_type",
				"organizer",
				"status",
				"start_datetime",
				"end_datetime",
				"service_content",
				"service_project",
			],
			as_dict=True,
		)
		if activity.status == "Cancelled":
			frappe.throw(
				_("Activity {0} was cancelled; no hours can be recorded for it.").format(self.activity),
				title=_("Cancelled activity"),
			)
		self.community = activity.community
		self.service_category = activity.service_category
		if activity.service_project:
			self.service_project = activity.service_project
		if activity.organizer_type == "Social Organization" and not self.recording_organization:
			self.recording_organization = activity.organizer
		if not self.service_content:
			self.service_content = activity.service_content or activity.activity_title
		self._activity_period = (getdate(activity.start_datetime), getdate(activity.end_datetime))

	def clear_verification(self) -> None:
		"""Points and the verifier are set on submit only: a draft never carries them, whoever wrote it."""
		if self.docstatus == 0:
			self.points = 0
			self.verified_by = None
			self.verified_on = None

	def validate_in_user_scope(self) -> None:
		"""The user may see the volunteer and the (derived) community, unless a checked method acts for them.

		`insert` checks the create permission before `validate` fills `community`, when an empty community
		passes any community restriction; checking again here keeps 朝阳 staff from storing hours under
		another community or for a volunteer they cannot read.
		"""
		require_readable(self, "Volunteer", self.volunteer)
		require_readable(self, "Community", self.community)
		if self.flags.ignore_permissions or frappe.session.user == "Administrator":
			return
		if not self.has_permission("create" if self.is_new() else "write"):
			frappe.throw(
				_("You cannot record hours for this volunteer in community {0}.").format(self.community),
				exc=frappe.PermissionError,
				title=_("Not allowed"),
			)

	def set_community(self) -> None:
		if not self.community and self.volunteer:
			self.community = frappe.db.get_value("Volunteer", self.volunteer, "community")
		if not self.entry_source:
			self.entry_source = RECORDED_BY_ORGANISER

	def validate_service_category(self) -> None:
		"""A category of the Service Category master; a category disabled later stays on the documents
		that already carry it, and on the hours of an activity that carries it."""
		if not self.is_new() and not self.has_value_changed("service_category"):
			return
		enabled = frappe.db.get_value("Service Category", self.service_category, "enabled")
		if enabled is not None and self.activity:
			enabled = 1  # the activity's category (set_from_activity), chosen when it was enabled
		with domain_errors(_("Invalid service category")):
			rules.validate_service_category(self.service_category, None if enabled is None else bool(enabled))

	def validate_service_date(self) -> None:
		with domain_errors(_("Invalid service date")):
			rules.validate_service_date(
				getdate(self.service_date) if self.service_date else None, getdate(today())
			)

	def validate_date_in_activity(self) -> None:
		period = getattr(self, "_activity_period", None)
		if period:
			with domain_errors(_("Date outside the activity")):
				rules.validate_date_in_activity(getdate(self.service_date), *period)

	def validate_hours(self) -> None:
		with domain_errors(_("Invalid hours")):
			rules.validate_hours(self.hours)

	def validate_daily_total(self) -> None:
		"""At most 24 hours a day over the volunteer's draft and verified records (volunteer locked)."""
		other = hours_on_day(self.volunteer, self.service_date, exclude=self.name)
		with domain_errors(_("Too many hours in one day")):
			rules.validate_daily_total(self.hours, other, getdate(self.service_date))

	def validate_not_own_hours(self) -> None:
		"""Nobody verifies their own hours, whatever their role."""
		volunteer_user = frappe.db.get_value("Volunteer", self.volunteer, "user")
		if volunteer_user and volunteer_user == frappe.session.user:
			frappe.throw(
				_("You cannot verify your own service hours. Another organiser must verify them."),
				exc=frappe.PermissionError,
				title=_("Not allowed"),
			)

	def validate_not_certified(self) -> None:
		"""A record counted in an issued certificate stays until that certificate is cancelled."""
		certificate = frappe.qb.DocType("Volunteer Service Certificate")
		issued = (
			frappe.qb.from_(certificate)
			.select(certificate.name, certificate.certificate_number)
			.where(certificate.volunteer == self.volunteer)
			.where(certificate.docstatus == 1)
			.where(certificate.from_date <= self.service_date)
			.where(certificate.to_date >= self.service_date)
			.where(
				((certificate.issuer_type == "Community") & (certificate.community == self.community))
				| (
					(certificate.issuer_type == "Social Organization")
					& (certificate.issuing_organization == (self.recording_organization or ""))
				)
			)
			.for_update()
			.run(as_dict=True)
		)
		if issued:
			frappe.throw(
				_(
					"These hours are certified by service certificate {0}. Cancel the certificate first, then the record."
				).format(issued[0].certificate_number or issued[0].name),
				title=_("Hours already certified"),
			)


def points_per_hour() -> float:
	return float(get_settings().points_per_hour or 0)
