# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import display_fieldtypes, no_value_fields, table_fields
from frappe.model.document import Document
from frappe.utils import cint, cstr, flt, get_fullname, getdate, now_datetime

from wuse_app.approvals import engine
from wuse_app.approvals.delegation import actor
from wuse_app.domain import projects as rules
from wuse_app.domain.approvals import EDITING
from wuse_app.projects import approval
from wuse_app.projects.approval import LockedFieldError, ReasonRequiredError, SelfReviewError, rule
from wuse_app.utils.validation import throw

# Set by the workflow and by the server only; never compared as user edits.
SERVER_FIELDS = frozenset({"workflow_state", "requested_amount", "last_review_reason", "approval_log"})
# Review and delivery fields a new application cannot carry.
NOT_ON_APPLICATION = (
	"approved_amount",
	"outcome_summary",
	"evaluation_score",
	"evaluation_comments",
	"last_review_reason",
)
ATTACH_TYPES = frozenset({"Attach", "Attach Image"})


class ServiceProject(Document):
	# The approval rules are applied here with the project's own trail (approval_log), reading the same
	# workflow configuration as wuse_app.approvals.engine, which therefore skips this doctype.
	governs_approvals_itself = True

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from wuse_app.projects.doctype.project_approval_log.project_approval_log import ProjectApprovalLog
		from wuse_app.projects.doctype.service_project_budget_item.service_project_budget_item import (
			ServiceProjectBudgetItem,
		)
		from wuse_app.projects.doctype.service_project_milestone.service_project_milestone import (
			ServiceProjectMilestone,
		)

		applicant_organization: DF.Link
		application_document: DF.Attach | None
		approval_log: DF.Table[ProjectApprovalLog]
		approved_amount: DF.Currency
		beneficiary_count: DF.Int
		budget_items: DF.Table[ServiceProjectBudgetItem]
		category: DF.Literal[
			"Elderly Care",
			"Poverty Relief",
			"Orphan Care",
			"Disability Assistance",
			"Child Protection",
			"Community Governance",
			"Other",
		]
		community: DF.Link
		end_date: DF.Date
		evaluation_comments: DF.SmallText | None
		evaluation_score: DF.Int
		funding_source: DF.Literal[
			"Government Purchase of Service",
			"Special Fund",
			"Venture Philanthropy",
			"Micro Venture",
			"Public Fundraising",
			"Self-funded",
		]
		last_review_reason: DF.SmallText | None
		milestones: DF.Table[ServiceProjectMilestone]
		objectives: DF.Text
		outcome_summary: DF.Text | None
		project_lead: DF.Link | None
		project_title: DF.Data
		requested_amount: DF.Currency
		start_date: DF.Date
		workflow_state: DF.Link | None
	# end: auto-generated types

	# --- form ------------------------------------------------------------------------------------

	def onload(self) -> None:
		"""Tell the form which fields this user may change now and which actions need a reason."""
		workflow = approval.get_project_workflow()
		state = self.workflow_state
		may_edit = workflow is None or bool(approval.edit_roles(workflow, state) & set(frappe.get_roles()))
		self.set_onload("editable_fields", sorted(self.editable_fields(state)) if may_edit else [])
		self.set_onload(
			"reason_actions",
			sorted(
				{
					t.action
					for t in (approval.available_actions(workflow, self) if workflow else [])
					if engine.transition_reason_required(t)
				}
			),
		)

	def editable_fields(self, state: str | None) -> frozenset[str]:
		"""The state's "Editable Fields" in the workflow, blank: the stage's default (no workflow or
		no stages: the application while it has no state, nothing after). The application includes the
		fields an administrator added (rules.stage_defaults)."""
		policy = approval.get_project_policy()
		defaults = rules.stage_defaults(self.added_fields())
		if policy is None:
			return defaults[EDITING] if not state else frozenset()
		return policy.editable_fields(state, defaults)

	def added_fields(self) -> list[str]:
		"""Fields an administrator added with Customize Form (Custom Fields that hold a value)."""
		return [
			df.fieldname
			for df in self.meta.fields
			if df.get("is_custom_field") and df.fieldtype not in display_fieldtypes
		]

	# --- validation ------------------------------------------------------------------------------

	def validate(self) -> None:
		self.validate_child_rows_belong_here()
		self.set_requested_amount()
		if self.is_new():
			self.clear_review_fields()
			self.validate_applicant()
		else:
			self.validate_locked_fields()
			if self.has_value_changed("applicant_organization"):
				self.validate_applicant()
		self.validate_project_lead()
		self.validate_period()
		self.prefill_approved_amount()
		self.validate_amounts()
		self.validate_evaluation_score()
		self.validate_milestones()
		self.secure_attachments()
		self.record_transition()

	def validate_child_rows_belong_here(self) -> None:
		"""A saved row name from another project would move that row here (Frappe updates rows by name)."""
		if self.is_new():
			return
		for df in self.meta.get_table_fields():
			names = [row.name for row in self.get(df.fieldname) if row.name and not row.is_new()]
			if not names:
				continue
			foreign = frappe.get_all(
				df.options,
				filters={"name": ["in", names], "parent": ["!=", self.name]},
				pluck="name",
				limit=1,
			)
			if foreign:
				throw(
					_("A row of another document cannot be moved into this project."),
					exc=frappe.PermissionError,
				)

	def set_requested_amount(self) -> None:
		with rule(_("Invalid budget")):
			total = rules.validate_budget(row.amount for row in self.budget_items)
		self.requested_amount = flt(total, 2)

	def clear_review_fields(self) -> None:
		"""A new application carries no review, delivery or evaluation data and no trail."""
		for fieldname in NOT_ON_APPLICATION:
			self.set(fieldname, None)
		self.set("approval_log", [])
		for row in self.milestones:
			row.status = row.status or rules.MILESTONE_PLANNED

	def validate_locked_fields(self) -> None:
		"""Only the fields the previous state opens may change, and only by that state's editors."""
		previous = self.get_doc_before_save()
		if not previous:
			return
		changed = changed_fields(previous, self)
		if not changed:
			return
		state = previous.workflow_state
		with rule(_("Locked"), LockedFieldError):
			rules.validate_no_locked_changes(state, self.editable_fields(state), changed, self.labels())
		workflow = approval.get_project_workflow()
		if workflow is None:
			return
		editors = approval.edit_roles(workflow, state)
		if not editors & set(frappe.get_roles()):
			throw(
				_("While the project is {0}, only {1} may change it.").format(
					_(state or ""), ", ".join(_(role) for role in sorted(editors))
				),
				title=_("Locked"),
				exc=LockedFieldError,
			)

	def labels(self) -> dict[str, str]:
		labels = {df.fieldname: _(df.label, context=self.doctype) for df in self.meta.fields if df.label}
		labels[rules.MILESTONE_PROGRESS] = _("Milestone progress")
		return labels

	def validate_applicant(self) -> None:
		"""The organisation is active; a portal user applies only for their own organisation.

		Web forms insert with ignore_permissions, so the create right is checked here as well.
		"""
		if not frappe.has_permission(self.doctype, "create"):
			throw(_("You are not allowed to apply for service projects."), exc=frappe.PermissionError)
		if not self.applicant_organization:
			return
		status = frappe.db.get_value("Social Organization", self.applicant_organization, "status")
		with rule(_("Organization cannot apply")):
			rules.validate_organization_can_apply(self.applicant_organization, status)
		if is_portal_user() and not is_portal_user_of(self.applicant_organization):
			throw(
				_(
					"You can apply only for your own organisation; {0} has not registered you as its user."
				).format(self.applicant_organization),
				exc=frappe.PermissionError,
			)

	def links_checked_here(self) -> frozenset[str]:
		"""Links whose scope this controller checks itself (the input guard's generic check skips them).

		A portal user cannot read social workers, so the generic "links only to records you can read"
		would refuse even their own organisation's worker; validate_project_lead applies the right rule.
		"""
		return frozenset({"project_lead"}) if is_portal_user() else frozenset()

	def validate_project_lead(self) -> None:
		"""A portal user names a social worker of their own organisation as project lead, or none.

		They cannot read social workers; any other name would be printed on the application with the
		worker's name (and tie a worker to a project without their organisation knowing).
		"""
		if not self.project_lead or not is_portal_user() or not self.has_value_changed("project_lead"):
			return
		employer = frappe.db.get_value("Social Worker", self.project_lead, "employer_organization")
		if not employer or employer != self.applicant_organization or not is_portal_user_of(employer):
			throw(
				_("Choose a social worker of your own organisation as project lead, or leave it empty."),
				exc=frappe.PermissionError,
			)

	def validate_period(self) -> None:
		with rule(_("Invalid period")):
			rules.validate_period(
				getdate(self.start_date) if self.start_date else None,
				getdate(self.end_date) if self.end_date else None,
			)

	def prefill_approved_amount(self) -> None:
		"""While under review (a Review stage), 批准金额 shows the amount that approval would grant.

		Set on the server after the lock check, so it is no user's edit and every way in gets it."""
		policy = approval.get_project_policy()
		if policy is None or not policy.is_review(self.workflow_state):
			return
		previous = self.get_doc_before_save()
		submitted_again = bool(
			previous
			and previous.workflow_state != self.workflow_state
			and policy.is_editing(previous.workflow_state)
		)
		self.approved_amount = flt(
			rules.prefilled_approved_amount(self.approved_amount, self.requested_amount, submitted_again), 2
		)

	def validate_amounts(self) -> None:
		with rule(_("Invalid approved amount")):
			rules.validate_approved_amount(self.approved_amount, self.requested_amount)

	def validate_evaluation_score(self) -> None:
		with rule(_("Invalid score")):
			rules.validate_evaluation_score(cint(self.evaluation_score))

	def validate_milestones(self) -> None:
		for row in self.milestones:
			if row.status == rules.MILESTONE_COMPLETED and not row.completed_on:
				row.completed_on = getdate()
			if row.status != rules.MILESTONE_COMPLETED:
				row.completed_on = None
		start = getdate(self.start_date) if self.start_date else None
		end = getdate(self.end_date) if self.end_date else None
		previous = self.get_doc_before_save()
		state = previous.workflow_state if previous else None
		policy = approval.get_project_policy()
		stage = policy.stage(state) if policy and state else None
		with rule(_("Invalid milestone")):
			rules.validate_milestones(
				stage not in (None, EDITING),
				(
					rules.Milestone(
						row.idx, row.title, getdate(row.due_date) if row.due_date else None, row.status
					)
					for row in self.milestones
				),
				start,
				end,
			)

	def secure_attachments(self) -> None:
		"""Attach fields hold private files only (web form uploads can be public), the user's own."""
		from wuse_app.utils.private_files import privatise_url, validate_private_attach_fields

		validate_private_attach_fields(self)
		for df in self.meta.fields:
			if df.fieldtype in ATTACH_TYPES:
				url = self.get(df.fieldname)
				if url and url.startswith("/files/"):
					self.set(df.fieldname, privatise_url(url))

	# --- workflow --------------------------------------------------------------------------------

	def record_transition(self) -> None:
		"""On a state change: no self-review, a reason where needed, and one row in the trail."""
		previous = self.get_doc_before_save()
		self.keep_server_rows(previous)
		if previous is None or previous.workflow_state == self.workflow_state:
			if previous is not None and cstr(self.last_review_reason) != cstr(previous.last_review_reason):
				throw(
					_("A reason is recorded only together with a Return or Reject action."),
					title=_("Locked"),
					exc=LockedFieldError,
				)
			return
		workflow = approval.get_project_workflow()
		if workflow is None:
			return
		from_state, to_state = previous.workflow_state, self.workflow_state
		policy = approval.get_project_policy()
		if self.flags.approval_withdrawal and policy:
			# 撤回: checked by wuse_app.approvals.actions.withdraw, which made this move.
			self.log_move(engine.withdrawal_record(policy, from_state, to_state, self.flags))
			self.last_review_reason = None
			return
		transition = approval.find_transition(workflow, previous, to_state, self.flags.workflow_action)
		if transition is None:
			return  # Frappe's validate_workflow refuses the change with its own message
		user = frappe.session.user
		applicants = approval.applicants(previous)
		with rule(_("Not allowed"), SelfReviewError):
			rules.validate_not_own_project(
				user,
				applicants,
				bool(policy and policy.is_review(from_state)),
				bool(transition.allow_self_approval),
			)
		if policy:
			view = self.approval_view(engine.approval_rows(self.doctype, self.name), policy, previous)
			engine.check_decision(user, applicants, policy, transition, from_state, view.round)
		reason_required = engine.transition_reason_required(transition)
		with rule(_("Reason required"), ReasonRequiredError):
			reason = rules.validate_reason(reason_required, to_state, self.reason_given(previous))
		if policy:
			engine.check_required_fields(self, policy, to_state)
			engine.check_votes(self, policy, transition, from_state, user, view.round, applicants_=applicants)
		if policy and policy.is_approval(from_state, to_state) and not reason_required:
			self.approved_amount = flt(
				rules.amount_to_approve(self.approved_amount, self.requested_amount), 2
			)
		self.last_review_reason = reason if reason_required else None
		self.log_move(
			frappe._dict(
				action=transition.action,
				from_state=from_state,
				from_stage=policy.stage(from_state) if policy else None,
				to_state=to_state,
				role=transition.allowed,
				reason=reason,
			)
		)
		self.flags.transition = frappe._dict(
			action=transition.action,
			from_state=from_state,
			to_state=to_state,
			reason_required=reason_required,
			cc=transition.get("cc"),
		)

	def log_move(self, move: frappe._dict) -> None:
		"""One row in the project's trail; a delegate's decision names the delegator (委托)."""
		user, on_behalf_of = actor()
		self.append(
			"approval_log",
			{
				"action": move.action,
				"from_state": move.from_state,
				"from_stage": move.from_stage,
				"to_state": move.to_state,
				"user": user,
				"user_full_name": get_fullname(user),
				"on_behalf_of": on_behalf_of,
				"role": move.role,
				"acted_on": now_datetime(),
				"reason": move.reason,
			},
		)

	def approval_view(self, rows: list, policy, previous: Document | None = None) -> frappe._dict:
		"""The approval layer's view of this project (wuse_app.approvals.actions): the moves are in
		the project's own log, the votes and forwards of the round in Approval Vote."""
		doc = previous or self
		log = list(doc.get("approval_log") or [])
		since = log[-1].acted_on if log else None
		return frappe._dict(
			applicants=approval.applicants(doc),
			round=engine.current_round(rows, since) if since else rows,
			came_from=log[-1].from_state if log else None,
			since=since,
		)

	def reason_given(self, previous: Document) -> str | None:
		"""The reason from the review dialog (api.apply_review_action) or a REST save of the field."""
		if self.flags.review_reason is not None:
			return self.flags.review_reason
		if cstr(self.last_review_reason) != cstr(previous.last_review_reason):
			return self.last_review_reason
		return None

	def keep_server_rows(self, previous: Document | None) -> None:
		"""The trail is written by the server only: whatever the client sent, keep the stored rows."""
		rows = [row.as_dict() for row in previous.approval_log] if previous else []
		self.set("approval_log", [])
		for row in rows:
			self.append("approval_log", row)

	def load_doc_before_save(self, *, raise_exception: bool = False) -> None:
		"""Lock the project row only, then read the stored project and its rows without locking them.

		Frappe reads the document before save with `for_update`, children included: `SELECT * FROM
		<child> WHERE parent = … ORDER BY idx FOR UPDATE`. On a small child table MariaDB runs that as
		a scan of the primary key and locks *every* row of the table, other projects' rows included,
		and on a big one it locks gaps of the parent index; either way two different projects saved at
		once block each other's trail insert and one dies with a deadlock (issue 19). The project's own
		row lock (primary key) is enough: every writer of a project's rows takes it first. The project
		row itself is the locking read's (latest), so `check_if_latest` still refuses a stale save; when
		`modified` matches, nobody changed the project or its rows since it was read.
		"""
		self._doc_before_save = None
		if self.is_new():
			return
		latest = frappe.db.get_value(self.doctype, self.name, "*", as_dict=True, for_update=True)
		if not latest:
			if raise_exception:
				raise frappe.DoesNotExistError(doctype=self.doctype)
			return
		previous = frappe.get_doc(self.doctype, self.name)
		# The locking read gives the latest committed project row (the plain read may be this
		# transaction's older snapshot): Frappe's check_if_latest compares its `modified`.
		previous.update(latest)
		self._doc_before_save = previous

	def update_child_table(self, fieldname: str, df=None) -> None:
		"""Write the rows of one table without Frappe's range DELETE.

		Frappe removes the rows missing from the document with `DELETE … WHERE parent = … AND name NOT
		IN (…)`, a range scan of the child table's parent index that takes gap locks even when nothing is
		removed. Two *different* projects saved at once then block each other's row insert into the same
		gap (the approval trail gets a row on every transition) and MariaDB kills one with a deadlock
		(issue 19). Here only the rows that were really removed are deleted, by primary key (record
		locks only), and the trail, append-only, is never deleted from at all.
		"""
		df = df or self.meta.get_field(fieldname)
		previous = self.get_doc_before_save()
		if previous is None or frappe.get_meta(df.options).is_virtual:
			return super().update_child_table(fieldname, df)
		kept = {row.name for row in self.get(df.fieldname) if row.name and not row.is_new()}
		removed = [row.name for row in previous.get(df.fieldname) if row.name and row.name not in kept]
		if removed and df.fieldname != "approval_log":
			frappe.db.delete(
				df.options,
				{"name": ["in", removed], "parent": self.name, "parenttype": self.doctype},
			)
		for row in self.get(df.fieldname):
			row.db_update()

	def check_if_latest(self) -> None:
		"""Two reviewers at once: the second gets a clear message instead of Frappe's timestamp error."""
		try:
			super().check_if_latest()
		except frappe.TimestampMismatchError:
			frappe.clear_last_message()
			# A locking read: the latest committed values (the document before save is read without
			# locks and may be this transaction's older snapshot; see load_doc_before_save).
			previous = frappe.db.get_value(
				self.doctype,
				self.name,
				["modified_by", "modified", "workflow_state"],
				as_dict=True,
				for_update=True,
			)
			throw(
				_(
					"{0} changed this project at {1}, after you opened it; it is now {2}. Reload the project and check it before acting."
				).format(
					get_fullname(previous.modified_by),
					frappe.utils.format_datetime(previous.modified),
					_(previous.workflow_state or ""),
				),
				title=_("Project changed meanwhile"),
				exc=approval.ProjectChangedError,
			)

	def on_update(self) -> None:
		if self.flags.transition:
			from wuse_app.projects.notifications import notify_transition

			transition, self.flags.transition = self.flags.transition, None
			notify_transition(self, transition)
			if transition.cc:
				from wuse_app.approvals.actions import send_cc

				send_cc(self, transition.cc, transition.to_state)

	def on_trash(self) -> None:
		"""Only an application never submitted (an Editing state, an empty trail) can be deleted."""
		policy = approval.get_project_policy()
		editing = not self.workflow_state or bool(policy and policy.is_editing(self.workflow_state))
		if not editing or self.approval_log:
			throw(
				_("Only a draft project can be deleted; this one is {0}. Reject or close it instead.").format(
					_(self.workflow_state or "")
				),
				title=_("Not allowed"),
				exc=frappe.PermissionError,
			)


# --- helpers ---------------------------------------------------------------------------------------


def changed_fields(before: Document, after: Document) -> set[str]:
	"""Fields (and milestone progress) whose stored value differs; server-managed fields are ignored."""
	changed = set()
	for df in after.meta.fields:
		if df.fieldtype in display_fieldtypes or df.fieldname in SERVER_FIELDS:
			continue
		if df.fieldtype in table_fields:
			if df.fieldname == "milestones":
				if _milestone_plan(before) != _milestone_plan(after):
					changed.add("milestones")
				if _milestone_progress(before) != _milestone_progress(after):
					changed.add(rules.MILESTONE_PROGRESS)
			elif _rows(before, df.fieldname) != _rows(after, df.fieldname):
				changed.add(df.fieldname)
		elif engine.normalise(df.fieldtype, before.get(df.fieldname)) != engine.normalise(
			df.fieldtype, after.get(df.fieldname)
		):
			changed.add(df.fieldname)
	return changed


def _rows(doc: Document, fieldname: str) -> list[tuple]:
	meta = frappe.get_meta(doc.meta.get_field(fieldname).options)
	fields = [df for df in meta.fields if df.fieldtype not in no_value_fields]
	return [
		tuple(engine.normalise(df.fieldtype, row.get(df.fieldname)) for df in fields)
		for row in doc.get(fieldname)
	]


def _milestone_plan(doc: Document) -> list[tuple]:
	return [(cstr(row.title).strip(), engine.normalise("Date", row.due_date)) for row in doc.milestones]


def _milestone_progress(doc: Document) -> list[tuple]:
	return [(cstr(row.status), engine.normalise("Date", row.completed_on)) for row in doc.milestones]


def is_portal_user(user: str | None = None) -> bool:
	"""An organisation's portal user (and nothing more): applies only for their own organisation."""
	from wuse_app.setup.roles import (
		COMMUNITY_STAFF,
		SOCIAL_ORGANIZATION_USER,
		SOCIAL_WORKER,
		WUSE_ADMINISTRATOR,
	)

	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	staff = {COMMUNITY_STAFF, SOCIAL_WORKER, WUSE_ADMINISTRATOR, "System Manager"}
	return user != "Administrator" and SOCIAL_ORGANIZATION_USER in roles and not roles & staff


def is_portal_user_of(organization: str, user: str | None = None) -> bool:
	return bool(
		frappe.db.exists(
			"Organization Portal User",
			{
				"parent": organization,
				"parenttype": "Social Organization",
				"user": user or frappe.session.user,
			},
		)
	)
