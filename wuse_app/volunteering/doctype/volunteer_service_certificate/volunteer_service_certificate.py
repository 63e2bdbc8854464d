# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import Order
from frappe.query_builder.functions import Count, Sum
from frappe.utils import getdate, today

from wuse_app.domain import volunteering as rules
from wuse_app.utils.print_support import pdf_zoom
from wuse_app.utils.validation import domain_errors, require_readable
from wuse_app.volunteering.totals import LocksVolunteer
from wuse_app.wuse_setup.doctype.wuse_sequence.wuse_sequence import next_value

COMMUNITY = "Community"
SOCIAL_ORGANIZATION = "Social Organization"


class VolunteerServiceCertificate(LocksVolunteer, Document):
	"""志愿服务记录证明 (民政部令第67号): issued free of charge from the verified hours the issuer recorded.

	The hours are summed again at submission with the volunteer locked, and the certificate number
	is taken from a gap-free yearly counter in the same transaction.
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		certificate_number: DF.Data | None
		community: DF.Link
		contact_phone: DF.Data
		from_date: DF.Date
		handler: DF.Data
		id_number_masked: DF.Data | None
		id_type: DF.Literal["Resident Identity Card"]
		issue_date: DF.Date
		issuer_head: DF.Data
		issuer_name: DF.Data | None
		issuer_type: DF.Literal["Community", "Social Organization"]
		issuing_organization: DF.Link | None
		naming_series: DF.Literal["VSC-.YYYY.-.#####"]
		record_count: DF.Int
		remarks: DF.SmallText | None
		service_content: DF.SmallText | None
		to_date: DF.Date
		total_hours: DF.Float
		volunteer: DF.Link
		volunteer_name: DF.Data | None
	# end: auto-generated types

	def validate(self) -> None:
		require_readable(self, "Volunteer", self.volunteer)
		self.set_volunteer_identity()
		self.set_issuer()
		self.validate_period()
		self.set_hours_and_content()

	def before_submit(self) -> None:
		with domain_errors(_("Nothing to certify")):
			rules.validate_certified_hours(self.total_hours)
		self.assign_certificate_number()

	# --- printing -----------------------------------------------------------------------------

	def get_pdf_zoom(self) -> float:
		"""For the certificate's print format (see wuse_app.utils.print_support)."""
		return pdf_zoom()

	def get_hours_text(self) -> str:
		"""Total hours as printed: 12.5, 100 (no trailing zeros)."""
		return rules.format_hours(self.total_hours)

	# --- steps --------------------------------------------------------------------------------

	def set_volunteer_identity(self) -> None:
		volunteer = frappe.db.get_value(
			"Volunteer", self.volunteer, ["full_name", "id_number_masked", "community"], as_dict=True
		)
		if not volunteer:
			return
		self.volunteer_name = volunteer.full_name
		self.id_type = "Resident Identity Card"
		# Only the masked number is stored on the certificate and printed (never the full number).
		self.id_number_masked = volunteer.id_number_masked
		if not self.community:
			self.community = volunteer.community

	def set_issuer(self) -> None:
		if self.issuer_type == SOCIAL_ORGANIZATION:
			organization = frappe.db.get_value(
				"Social Organization",
				self.issuing_organization,
				["organization_name", "legal_representative", "contact_mobile"],
				as_dict=True,
			)
			if not organization:
				return
			self.issuer_name = organization.organization_name
			head, phone = organization.legal_representative, organization.contact_mobile
		else:
			self.issuing_organization = None
			community = frappe.db.get_value(
				"Community",
				self.community,
				["community_name", "party_secretary", "contact_phone"],
				as_dict=True,
			)
			if not community:
				return
			self.issuer_name = rules.community_issuer_name(community.community_name)
			head, phone = community.party_secretary, community.contact_phone
		self.issuer_head = self.issuer_head or head
		self.contact_phone = self.contact_phone or phone
		self.handler = self.handler or frappe.utils.get_fullname(frappe.session.user)

	def validate_period(self) -> None:
		with domain_errors(_("Invalid period")):
			rules.validate_issue_date(getdate(self.issue_date), getdate(today()))
			rules.validate_certificate_period(
				getdate(self.from_date), getdate(self.to_date), getdate(self.issue_date)
			)

	def set_hours_and_content(self) -> None:
		"""Verified hours in the period that this issuer recorded (谁记录谁证明), by service category."""
		by_category = self.verified_hours_by_category()
		self.total_hours = round(sum(hours for _category, hours, _count in by_category), 2)
		self.record_count = sum(count for _category, _hours, count in by_category)
		if not self.service_content:
			self.service_content = rules.service_summary(
				[(_(category, lang="zh"), hours) for category, hours, _count in by_category]
			)

	def verified_hours_by_category(self) -> list[tuple[str, float, int]]:
		"""Locking read: the volunteer is locked, and the sums must include records committed just now."""
		record = frappe.qb.DocType("Volunteer Service Record")
		hours = Sum(record.hours)
		query = (
			frappe.qb.from_(record)
			.select(record.service_category, hours, Count(record.name))
			.where(record.volunteer == self.volunteer)
			.where(record.docstatus == 1)
			.where(record.service_date[getdate(self.from_date) : getdate(self.to_date)])
			.groupby(record.service_category)
			.orderby(hours, order=Order.desc)
			.orderby(record.service_category)
			.for_update()
		)
		if self.issuer_type == SOCIAL_ORGANIZATION:
			query = query.where(record.recording_organization == (self.issuing_organization or ""))
		else:
			query = query.where(record.community == (self.community or ""))
		rows = query.run()
		return [(category, float(hours), int(count)) for category, hours, count in rows]

	def assign_certificate_number(self) -> None:
		year = getdate(self.issue_date).year
		self.certificate_number = rules.format_certificate_number(
			year, next_value(rules.certificate_sequence_key(year))
		)
