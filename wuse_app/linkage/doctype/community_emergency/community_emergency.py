# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from wuse_app.domain import linkage as rules
from wuse_app.linkage import emergency
from wuse_app.utils.rows import remove_duplicate_rows
from wuse_app.utils.validation import domain_errors, throw

# Written by the server only: switching on records who and when; ending goes through end_emergency().
SERVER_FIELDS = ("status", "started_on", "started_by", "ended_on", "ended_by", "end_reason", "summary")
# Fixed once emergency mode is on (a different area is a new emergency).
LOCKED_FIELDS = ("start_reason", "emergency_type")


class CommunityEmergency(Document):
	def before_insert(self) -> None:
		self.status = rules.EMERGENCY_ACTIVE
		self.started_on = now_datetime()
		self.started_by = frappe.session.user
		for fieldname in ("ended_on", "ended_by", "end_reason", "summary"):
			self.set(fieldname, None)
		self.lead = self.lead or frappe.session.user

	def validate(self) -> None:
		remove_duplicate_rows(self, "communities", "community")
		communities = [row.community for row in self.communities]
		if self.is_new():
			# Serialise two secretaries switching the same community on at once.
			if communities:
				frappe.db.sql(
					"select name from `tabCommunity` where name in %(names)s for update",
					{"names": tuple(communities)},
				)
			with domain_errors(_("Cannot switch emergency mode on")):
				rules.validate_emergency_start(
					communities,
					self.start_reason,
					None if self.flags.ignore_permissions else emergency.user_scope(),
					emergency.active_emergencies(communities),
				)
		else:
			self.keep_server_fields(communities)
		self.community = communities[0] if communities else None

	def keep_server_fields(self, communities: list[str]) -> None:
		previous = self.get_doc_before_save()
		if previous is None:
			return
		if previous.status == rules.EMERGENCY_ENDED:
			throw(_("The emergency has ended; its record can no longer be changed."), title=_("Not allowed"))
		if not self.flags.server_update:
			for fieldname in SERVER_FIELDS:
				self.set(fieldname, previous.get(fieldname))
		for fieldname in LOCKED_FIELDS:
			if (self.get(fieldname) or "") != (previous.get(fieldname) or ""):
				throw(
					_("{0} cannot be changed once emergency mode is on.").format(
						_(self.meta.get_label(fieldname))
					),
					title=_("Not allowed"),
				)
		if communities != [row.community for row in previous.communities]:
			throw(
				_(
					"The communities cannot be changed once emergency mode is on; declare a new emergency for others."
				),
				title=_("Not allowed"),
			)
