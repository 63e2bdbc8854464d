# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.permissions import add_user_permission

from wuse_app.domain import registry as rules
from wuse_app.registry.doctype.organization_type.organization_type import credit_code_categories
from wuse_app.registry.personal_data import PersonalDataMixin
from wuse_app.utils.rows import remove_duplicate_rows
from wuse_app.utils.validation import domain_errors


class SocialOrganization(PersonalDataMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from wuse_app.registry.doctype.organization_portal_user.organization_portal_user import (
			OrganizationPortalUser,
		)
		from wuse_app.registry.doctype.organization_service_area.organization_service_area import (
			OrganizationServiceArea,
		)

		address: DF.SmallText | None
		community: DF.Link | None
		contact_mobile: DF.Data | None
		contact_mobile_masked: DF.Data | None
		contact_person: DF.Data | None
		has_public_fundraising_qualification: DF.Check
		is_charity_organization: DF.Check
		is_public_welfare_charity: DF.Check
		legal_representative: DF.Data | None
		notes: DF.TextEditor | None
		organization_name: DF.Data
		organization_type: DF.Link
		party_member_count: DF.Int
		party_organization: DF.Literal["None", "Independent", "Joint"]
		portal_users: DF.Table[OrganizationPortalUser]
		registration_date: DF.Date | None
		registration_status: DF.Literal["Registered", "Filed"]
		service_areas: DF.TableMultiSelect[OrganizationServiceArea]
		status: DF.Literal["Active", "Suspended", "Deregistered"]
		uscc: DF.Data | None

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_credit_code()
		self.validate_credit_code_not_registered()
		self.validate_mobile("contact_mobile", "contact_mobile_masked")
		self.validate_party_building()
		remove_duplicate_rows(self, "service_areas", "service_area")
		self.validate_portal_users()

	def validate_credit_code(self) -> None:
		with domain_errors(_("Invalid credit code")):
			parsed = rules.validate_registration(
				self.registration_status,
				self.uscc,
				self.organization_type,
				credit_code_categories(self.organization_type) if self.organization_type else None,
			)
		self.uscc = parsed.code if parsed else None
		for warning in parsed.warning_messages if parsed else ():
			frappe.msgprint(warning.render(_), title=_("Please check the credit code"), indicator="orange")

	def validate_credit_code_not_registered(self) -> None:
		if not self.uscc:
			return
		existing = frappe.db.get_value(
			"Social Organization", {"uscc": self.uscc, "name": ("!=", self.name or "")}, "name"
		)
		if existing:
			frappe.throw(
				_("The credit code {0} is already registered for {1}.").format(self.uscc, existing),
				exc=frappe.DuplicateEntryError,
				title=_("Already registered"),
			)

	def validate_portal_users(self) -> None:
		"""Only website users without a staff role may become portal users.

		A portal user is limited to the organisation everywhere (User Permission); adding a staff user
		would silently restrict their work, and give a reviewer's account to an organisation.
		"""
		from wuse_app.volunteering.permissions import STAFF_ROLES

		for row in self.portal_users:
			if not row.user:
				continue
			user_type = frappe.db.get_value("User", row.user, "user_type")
			staff_roles = set(frappe.get_roles(row.user)) & (STAFF_ROLES | {"Desk User"})
			if user_type != "Website User" or staff_roles or row.user == "Administrator":
				frappe.throw(
					_(
						"Row {0}: {1} is a staff account. Only website users without a staff role can be portal users of an organisation."
					).format(row.idx, row.user),
					title=_("Not a portal user"),
				)

	def on_update(self) -> None:
		self.sync_portal_users()

	def on_trash(self) -> None:
		for row in self.portal_users:
			self.remove_portal_access(row.user)

	def sync_portal_users(self) -> None:
		"""Portal users get the Social Organization User role and a User Permission on this organisation."""
		from wuse_app.setup.roles import SOCIAL_ORGANIZATION_USER

		current = {row.user for row in self.portal_users}
		previous = self.get_doc_before_save()
		removed = {row.user for row in previous.portal_users} - current if previous else set()
		for user in current:
			if SOCIAL_ORGANIZATION_USER not in frappe.get_roles(user):
				user_doc = frappe.get_doc("User", user)
				user_doc.flags.ignore_permissions = True  # this organisation's write permission was checked
				user_doc.add_roles(SOCIAL_ORGANIZATION_USER)
			add_user_permission(self.doctype, self.name, user, ignore_permissions=True)
		for user in removed:
			self.remove_portal_access(user)

	def remove_portal_access(self, user: str) -> None:
		"""Take this organisation's User Permission away, and the role when no organisation is left."""
		from wuse_app.setup.roles import SOCIAL_ORGANIZATION_USER

		for name in frappe.get_all(
			"User Permission",
			filters={"user": user, "allow": self.doctype, "for_value": self.name},
			pluck="name",
		):
			frappe.delete_doc("User Permission", name, ignore_permissions=True, force=True)
		elsewhere = frappe.db.exists(
			"Organization Portal User",
			{"user": user, "parenttype": self.doctype, "parent": ("!=", self.name)},
		)
		if not elsewhere:
			frappe.db.delete(
				"Has Role", {"parent": user, "parenttype": "User", "role": SOCIAL_ORGANIZATION_USER}
			)
			frappe.clear_cache(user=user)

	def validate_party_building(self) -> None:
		with domain_errors():
			rules.validate_party_building(self.party_organization, self.party_member_count)


def on_doctype_update() -> None:
	frappe.db.add_index("Social Organization", ["community", "status"])
