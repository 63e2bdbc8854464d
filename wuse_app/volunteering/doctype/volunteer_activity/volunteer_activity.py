# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime

from wuse_app.domain import volunteering as rules
from wuse_app.utils.validation import domain_errors

SOCIAL_ORGANIZATION = "Social Organization"


class VolunteerActivity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from wuse_app.volunteering.doctype.volunteer_activity_attendee.volunteer_activity_attendee import (
			VolunteerActivityAttendee,
		)

		activity_title: DF.Data
		attendees: DF.Table[VolunteerActivityAttendee]
		capacity: DF.Int
		community: DF.Link
		default_hours: DF.Float
		end_datetime: DF.Datetime
		location: DF.Data | None
		naming_series: DF.Literal["VA-.YYYY.-.#####"]
		organizer: DF.Link | None
		organizer_name: DF.Data | None
		organizer_type: DF.Literal["Community", "Social Organization"]
		service_category: DF.Link
		service_content: DF.SmallText | None
		service_project: DF.Link | None
		start_datetime: DF.Datetime
		status: DF.Literal["Planned", "Ongoing", "Completed", "Cancelled"]
	# end: auto-generated types

	def validate(self) -> None:
		self.set_organizer()
		self.validate_service_category()
		self.validate_period()
		self.validate_attendees()

	def set_organizer(self) -> None:
		"""Organised by a social organisation, or by the community itself (its residents' committee)."""
		if self.organizer_type == SOCIAL_ORGANIZATION:
			self.organizer_name = frappe.db.get_value(
				"Social Organization", self.organizer, "organization_name"
			)
		else:
			self.organizer = None
			community_name = frappe.db.get_value("Community", self.community, "community_name")
			self.organizer_name = rules.community_issuer_name(community_name) if community_name else None

	def validate_service_category(self) -> None:
		"""A category of the Service Category master; a category disabled later stays on the documents
		that already carry it."""
		if not self.is_new() and not self.has_value_changed("service_category"):
			return
		enabled = frappe.db.get_value("Service Category", self.service_category, "enabled")
		with domain_errors(_("Invalid service category")):
			rules.validate_service_category(self.service_category, None if enabled is None else bool(enabled))

	def validate_period(self) -> None:
		with domain_errors(_("Invalid activity time")):
			rules.validate_activity_period(get_datetime(self.start_datetime), get_datetime(self.end_datetime))

	def validate_attendees(self) -> None:
		duplicate = rules.find_duplicate(row.volunteer for row in self.attendees)
		if duplicate:
			row = self.attendees[duplicate[0] - 1]
			frappe.throw(
				_("Row {0}: volunteer {1} is listed twice.").format(
					row.idx, row.volunteer_name or row.volunteer
				),
				title=_("Duplicate attendee"),
			)
		with domain_errors(_("Too many attendees")):
			rules.validate_capacity(self.capacity, len(self.attendees))
		if self.default_hours:
			with domain_errors(_("Invalid hours per attendee")):
				rules.validate_hours(self.default_hours)
		for row in self.attendees:
			if row.hours:
				with domain_errors(_("Invalid hours in row {0}").format(row.idx)):
					rules.validate_hours(row.hours)
