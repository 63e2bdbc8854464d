# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.permissions import add_user_permission


class CommunityAssignment(Document):
	"""Assign a staff user to a community.

	Saving it gives the user the role and a User Permission on the community, so that the user sees
	and edits only that community's records (desk, reports, REST and link search). Deleting it takes
	them away again (the role stays while another assignment still needs it).
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		community: DF.Link
		full_name: DF.Data | None
		role: DF.Literal["Community Secretary", "Community Staff", "Social Worker"]
		user: DF.Link
		user_permission: DF.Link | None
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_user_is_enabled()
		self.validate_not_assigned_twice()

	def validate_user_is_enabled(self) -> None:
		if not frappe.db.get_value("User", self.user, "enabled"):
			frappe.throw(
				_("User {0} is disabled; enable the user before assigning a community.").format(self.user)
			)

	def validate_not_assigned_twice(self) -> None:
		existing = frappe.db.get_value(
			"Community Assignment",
			{"user": self.user, "community": self.community, "name": ("!=", self.name or "")},
			"name",
		)
		if existing:
			frappe.throw(
				_("{0} is already assigned to {1}.").format(self.user, self.community),
				exc=frappe.DuplicateEntryError,
			)

	def on_update(self) -> None:
		self.grant_role()
		self.grant_community_permission()

	def on_trash(self) -> None:
		self.revoke_community_permission()
		self.revoke_role()

	def grant_role(self) -> None:
		user = frappe.get_doc("User", self.user)
		if self.role not in frappe.get_roles(self.user):
			user.flags.ignore_permissions = True  # the assignment's own permission was checked on save
			user.add_roles(self.role)

	def grant_community_permission(self) -> None:
		previous = self.get_doc_before_save()
		if previous and previous.community != self.community:
			self._delete_user_permission(previous.community)
		add_user_permission("Community", self.community, self.user, ignore_permissions=True)
		self.db_set(
			"user_permission",
			frappe.db.get_value(
				"User Permission", {"user": self.user, "allow": "Community", "for_value": self.community}
			),
			update_modified=False,
		)

	def revoke_community_permission(self) -> None:
		self._delete_user_permission(self.community)

	def revoke_role(self) -> None:
		still_needed = frappe.db.exists(
			"Community Assignment", {"user": self.user, "role": self.role, "name": ("!=", self.name)}
		)
		if not still_needed:
			frappe.db.delete("Has Role", {"parent": self.user, "parenttype": "User", "role": self.role})
			frappe.clear_cache(user=self.user)

	def _delete_user_permission(self, community: str) -> None:
		others = frappe.db.exists(
			"Community Assignment", {"user": self.user, "community": community, "name": ("!=", self.name)}
		)
		if others:
			return
		for name in frappe.get_all(
			"User Permission",
			filters={"user": self.user, "allow": "Community", "for_value": community},
			pluck="name",
		):
			frappe.delete_doc("User Permission", name, ignore_permissions=True, force=True)
