"""The approval rules every governed document gets on save, whatever way the change comes in.

A doctype is governed when its active workflow gives any state an approval stage (see `config`).
`enforce` runs for every doctype from the `doc_events["*"]` hooks, so a DocType an administrator made
in the browser gets the rules without code; it returns at once for a doctype that is not governed.
Doctypes whose controller applies the same rules itself with its own trail (Service Project) set
`governs_approvals_itself = True` and are skipped here.

The rules, all server-side (desk, REST, `apply_workflow`):
- nobody takes a transition out of a Review state on a document they applied for (its owner or
  anyone who moved it out of an Editing state), whatever the row's `allow_self_approval` says;
- only the state's editable fields change (blank: all fields while Editing, none otherwise);
- a transition marked `reason_required` needs a reason (dialog: `flags.approval_reason`, or the
  document's own reason field);
- the entered state's `required_fields` hold values;
- 会签 / N-of-M: the step moves only with the last vote it needs; nobody votes twice;
- 转交: whoever forwarded the document in this round leaves the decision to the colleague;
- 委托: a delegate's decision is recorded "on behalf of" the delegator (wuse_app.approvals.delegation);
- 撤回: the applicant's withdrawal (wuse_app.approvals.actions.withdraw) is recorded as a move;
- 抄送: the transition row's CC roles and users get a notification and read access (DocShare).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.model.workflow import is_transition_condition_satisfied
from frappe.utils import cint, cstr, flt, getdate

from wuse_app.approvals.config import get_policy, get_workflow
from wuse_app.approvals.delegation import actor
from wuse_app.domain import approvals as rules
from wuse_app.utils.validation import domain_errors, throw

if TYPE_CHECKING:
	from frappe.model.document import Document

# A document's own field for the reason, when it has one (first match).
REASON_FIELDS = ("approval_reason", "last_review_reason", "return_reason", "reason")
# Fields Frappe or the workflow set; never compared as a user's edit.
SYSTEM_FIELDS = frozenset(
	{
		"workflow_state",
		"docstatus",
		"amended_from",
		"modified",
		"modified_by",
		"owner",
		"creation",
		"idx",
		"_user_tags",
		"_comments",
		"_assign",
		"_liked_by",
		"_seen",
	}
)
TRAIL_DOCTYPE = "Approval Vote"
TRAIL_FIELDS = (
	"user",
	"on_behalf_of",
	"state",
	"stage",
	"action",
	"next_state",
	"moved",
	"kind",
	"forwarded_to",
	"voted_at",
)
FORWARD = "Forward"
WITHDRAWAL = "Withdrawal"
WITHDRAW_ACTION = "Withdraw"


class SelfDecisionError(frappe.ValidationError):
	pass


class ReasonRequiredError(frappe.ValidationError):
	pass


class LockedFieldError(frappe.ValidationError):
	pass


class RequiredFieldError(frappe.ValidationError):
	pass


class ForwardedError(frappe.ValidationError):
	pass


def rule(title: str | None = None, exc: type[Exception] = frappe.ValidationError):
	"""Domain rule violations become translated messages (state names and labels translated too)."""
	return domain_errors(title, exc, translate_params=True)


def find_transition(workflow, doc_before: Document, next_state: str, action: str | None = None):
	"""The transition row the current user takes by moving `doc_before` to `next_state` (None if none)."""
	roles = set(frappe.get_roles())
	candidates = [
		t
		for t in workflow.transitions
		if t.state == doc_before.get(workflow.workflow_state_field)
		and t.next_state == next_state
		and t.allowed in roles
		and is_transition_condition_satisfied(t, doc_before)
	]
	if action:
		candidates.sort(key=lambda t: t.action != action)
	return candidates[0] if candidates else None


def transition_reason_required(transition) -> bool:
	return bool(cint(transition.get("reason_required"))) if transition else False


# --- the doc_events["*"] hook ------------------------------------------------------------------------


def enforce(doc: Document, method: str | None = None) -> None:
	"""validate / before_update_after_submit of every doctype: the rules of a governed workflow."""
	if doc.meta.istable or getattr(doc, "governs_approvals_itself", False) or doc.is_new():
		return
	if frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch:
		return
	policy = get_policy(doc.doctype)
	if policy is None:
		return
	previous = doc.get_doc_before_save()
	if previous is None:
		return
	workflow = get_workflow(doc.doctype)
	field = workflow.workflow_state_field
	from_state, to_state = previous.get(field), doc.get(field)
	# What the workflow itself sets on entering the next state is not the user's edit.
	set_by_workflow = {
		row.update_field for row in workflow.states if row.state == to_state and row.update_field
	}
	check_locked_fields(doc, previous, policy, from_state, set_by_workflow)
	if from_state == to_state:
		return
	if doc.flags.approval_withdrawal:
		# 撤回: checked by wuse_app.approvals.actions.withdraw, which made this move.
		doc.flags.approval_transition = withdrawal_record(policy, from_state, to_state, doc.flags)
		return
	transition = find_transition(workflow, previous, to_state, doc.flags.workflow_action)
	if transition is None:
		return  # Frappe's validate_workflow refuses the change with its own message
	user = frappe.session.user
	rows = approval_rows(doc.doctype, doc.name)
	check_decision(
		user, applicants_of(doc.owner, rows, policy), policy, transition, from_state, current_round(rows)
	)
	with rule(_("Reason required"), ReasonRequiredError):
		reason = rules.clean_reason(
			transition_reason_required(transition), to_state, reason_given(doc, previous)
		)
	check_required_fields(doc, policy, to_state)
	check_votes(doc, policy, transition, from_state, user, rows)
	doc.flags.approval_transition = frappe._dict(
		action=transition.action,
		from_state=from_state,
		to_state=to_state,
		from_stage=policy.stage(from_state),
		role=transition.allowed,
		reason=reason,
		cc=transition.get("cc"),
	)


def check_decision(
	user: str, applicants_: set[str], policy: rules.Policy, transition, from_state: str | None, round_: list
) -> None:
	"""No self-decision (nor by a delegate who applied); no decision after forwarding it away."""
	acting, _on_behalf_of = actor()
	with rule(_("Not allowed"), SelfDecisionError):
		rules.validate_not_applicant(
			user, applicants_, policy, from_state, bool(cint(transition.allow_self_approval))
		)
		if acting != user:
			rules.validate_not_applicant_delegation(acting, user, applicants_)
	if policy.is_review(from_state):
		forwarded_to = forwarded_away(round_, user)
		if forwarded_to:
			throw(
				_("You forwarded this document to {0}; the decision is theirs now.").format(forwarded_to),
				title=_("Not allowed"),
				exc=ForwardedError,
			)


def check_required_fields(doc: Document, policy: rules.Policy, to_state: str | None) -> None:
	"""The entered state's required fields hold values (the state row's `required_fields`)."""
	required = policy.required_fields(to_state)
	if not required:
		return
	missing = [
		_(doc.meta.get_label(f)) for f in sorted(required) if doc.meta.has_field(f) and is_blank(doc.get(f))
	]
	with rule(_("Not ready"), RequiredFieldError):
		rules.validate_required_fields(_(to_state or ""), missing)


def is_blank(value: object) -> bool:
	if isinstance(value, list):
		return not value
	return not cstr(value).strip()


def withdrawal_record(
	policy: rules.Policy, from_state: str | None, to_state: str | None, flags
) -> frappe._dict:
	return frappe._dict(
		action=WITHDRAW_ACTION,
		kind=WITHDRAWAL,
		from_state=from_state,
		to_state=to_state,
		from_stage=policy.stage(from_state),
		role=None,
		reason=flags.approval_reason,
	)


def record(doc: Document, method: str | None = None) -> None:
	"""on_update / on_submit / on_cancel / on_update_after_submit: one row in the trail per transition."""
	transition = doc.flags.pop("approval_transition", None) if doc.flags else None
	if not transition:
		return
	record_decision(doc.doctype, doc.name, transition)
	if transition.get("cc"):
		from wuse_app.approvals.actions import send_cc

		send_cc(doc, transition.cc, transition.to_state)


def record_decision(doctype: str, name: str, transition: frappe._dict):
	"""An insert-only row (never rewritten: no child table sync, no gap locks on the trail).

	The person acting is the session user, or the delegate acting for them (`delegation.actor`).
	Written with `db_insert`, not `insert`: every value is the server's own (the session, the workflow
	row, the clock), so the controller's validation and the `*` document hooks (link checks, approval
	rules on the trail itself) would only cost time on every transition (benchmarks/README.md)."""
	user, on_behalf_of = actor()
	row = frappe.get_doc(
		{
			"doctype": TRAIL_DOCTYPE,
			"reference_doctype": doctype,
			"reference_name": name,
			"state": transition.from_state,
			"stage": transition.from_stage,
			"action": transition.action,
			"next_state": transition.to_state,
			"user": user,
			"on_behalf_of": on_behalf_of,
			"role": transition.role,
			"opinion": transition.reason,
			"voted_at": frappe.utils.now_datetime(),
			"moved": 0 if transition.get("vote_only") or transition.get("kind") == FORWARD else 1,
			"kind": transition.get("kind"),
			"forwarded_to": transition.get("forwarded_to"),
		}
	)
	row.set_new_name()
	row.set_user_and_timestamp()
	row.db_insert()


# --- 会签 / N-of-M -----------------------------------------------------------------------------------


class VotesPendingError(frappe.ValidationError):
	pass


class AlreadyVotedError(frappe.ValidationError):
	pass


def is_multi(transition) -> bool:
	"""A step that needs several approvers (All / At least N); a reason-required step (return,
	reject) always applies at once."""
	mode = transition.get("approval_mode") or rules.ANY_ONE
	return mode != rules.ANY_ONE and not transition_reason_required(transition)


def required_votes(doc: Document, transition, applicants_: set[str]) -> int:
	if (transition.get("approval_mode") or rules.ANY_ONE) == rules.AT_LEAST_N:
		return max(cint(transition.get("approvals_required")), 1)
	from frappe.utils.user import get_users_with_role

	eligible = [
		u
		for u in get_users_with_role(transition.allowed)
		if u not in applicants_
		and u != "Administrator"
		and frappe.has_permission(doc.doctype, "read", doc, user=u)
	]
	return max(len(eligible), 1)


def approval_rows(doctype: str, name: str) -> list[frappe._dict]:
	"""The document's whole trail, oldest first (one indexed query; a few dozen rows at most)."""
	trail = frappe.qb.DocType(TRAIL_DOCTYPE)
	return (
		frappe.qb.from_(trail)
		.select(*(trail[f] for f in TRAIL_FIELDS))
		.where((trail.reference_name == name) & (trail.reference_doctype == doctype))
		.orderby(trail.creation)
		.run(as_dict=True)
	)


def current_round(rows: list, since=None) -> list:
	"""The rows since the document entered its current state: after the last move (or `since`, the
	time of the last move when a doctype keeps its moves elsewhere, as Service Project does)."""
	if since is not None:
		since = frappe.utils.get_datetime(since)
		return [r for r in rows if r.voted_at and frappe.utils.get_datetime(r.voted_at) > since]
	last = max((i for i, r in enumerate(rows) if r.moved), default=-1)
	return rows[last + 1 :]


def identity(row) -> str:
	"""Whose decision a row is: the delegator's when a delegate acted."""
	return row.on_behalf_of or row.user


def round_votes_of(round_: list, state: str | None, action: str) -> list[str]:
	return list(
		dict.fromkeys(
			identity(r)
			for r in round_
			if not r.moved and not r.kind and r.state == state and r.action == action
		)
	)


def round_votes(doctype: str, name: str, state: str | None, action: str) -> list[str]:
	"""The users who voted for `action` since the document last entered `state` (this round)."""
	return round_votes_of(current_round(approval_rows(doctype, name)), state, action)


def decided_in_round(round_: list) -> bool:
	"""Someone voted in this round (a forward is no decision)."""
	return any(not r.moved and not r.kind for r in round_)


def forwarded_away(round_: list, user: str) -> str | None:
	"""The colleague `user` forwarded the document to in this round (None: not forwarded, or it was
	forwarded back to them later)."""
	holder = None
	for r in round_:
		if r.kind != FORWARD:
			continue
		if identity(r) == user:
			holder = r.forwarded_to
		elif r.forwarded_to == user:
			holder = None
	return holder


def check_votes(
	doc: Document,
	policy: rules.Policy,
	transition,
	from_state: str | None,
	user: str,
	rows: list | None = None,
	since=None,
	applicants_: set[str] | None = None,
) -> None:
	"""A multi-approver step moves only with the last vote it needs (wuse_app.approvals.api.decide
	records the earlier ones); nobody votes twice."""
	if not is_multi(transition):
		return
	rows = approval_rows(doc.doctype, doc.name) if rows is None else rows
	votes = round_votes_of(current_round(rows, since), from_state, transition.action)
	if user in votes:
		throw(_("You have already approved this step; it is waiting for the others."), exc=AlreadyVotedError)
	if applicants_ is None:
		applicants_ = applicants_of(doc.owner, rows, policy)
	needed = needed_votes(doc, transition, applicants_, current_round(rows, since))
	if len(votes) + 1 < needed:
		throw(
			_(
				"This step needs {0} approvals and has {1}: record your approval with the Approve dialog."
			).format(needed, len(votes)),
			title=_("Approvals required"),
			exc=VotesPendingError,
		)


def needed_votes(doc: Document, transition, applicants_: set[str], round_: list) -> int:
	"""The votes the step needs; on an All step whoever forwarded the document away (转交) has handed
	their seat to the colleague and is not waited for."""
	away = {identity(r) for r in round_ if r.kind == FORWARD}
	away = {user for user in away if forwarded_away(round_, user)}
	return required_votes(doc, transition, set(applicants_) | away)


def applicants_of(owner: str | None, rows: list, policy: rules.Policy) -> set[str]:
	"""The owner and everyone the trail shows moving the document out of an Editing state."""
	editing = policy.states_in(rules.EDITING)
	users = {owner} if owner else set()
	for row in rows:
		if row.moved and (row.stage == rules.EDITING or (not row.stage and row.state in editing)):
			users.add(identity(row))
	return users


def document_applicants(doctype: str, name: str, owner: str | None, policy: rules.Policy) -> set[str]:
	return applicants_of(owner, approval_rows(doctype, name), policy)


def reason_given(doc: Document, previous: Document) -> str | None:
	"""The reason from the dialog (`flags.approval_reason`), else the document's own reason field."""
	if doc.flags.approval_reason is not None:
		return doc.flags.approval_reason
	for fieldname in REASON_FIELDS:
		if doc.meta.has_field(fieldname):
			return doc.get(fieldname)
	return None


# --- locked fields ---------------------------------------------------------------------------------


def stage_defaults(doc: Document) -> dict[str, frozenset[str]]:
	"""Blank editable fields: everything while Editing, nothing in Review, Active or Closed."""
	return {rules.EDITING: frozenset(f for f in comparable_fields(doc))}


def comparable_fields(doc: Document) -> list[str]:
	return [
		df.fieldname
		for df in doc.meta.fields
		if df.fieldtype not in no_value_fields and df.fieldname not in SYSTEM_FIELDS
	] + [df.fieldname for df in doc.meta.get_table_fields()]


def check_locked_fields(
	doc: Document, previous: Document, policy: rules.Policy, state: str | None, ignore: set[str] | None = None
) -> None:
	if doc.docstatus == 2:
		return
	allowed = policy.editable_fields(state, stage_defaults(doc))
	changed = changed_fields(previous, doc) - (ignore or set())
	if not changed:
		return
	labels = {df.fieldname: _(df.label) for df in doc.meta.fields if df.label}
	with rule(_("Locked"), LockedFieldError):
		rules.validate_no_locked_changes(_(state or ""), allowed, changed, labels)


def changed_fields(before: Document, after: Document) -> set[str]:
	changed = set()
	for df in after.meta.fields:
		if df.fieldtype in no_value_fields or df.fieldname in SYSTEM_FIELDS:
			continue
		if df.fieldtype == "Table":
			if _rows(before, df) != _rows(after, df):
				changed.add(df.fieldname)
		elif normalise(df.fieldtype, before.get(df.fieldname)) != normalise(
			df.fieldtype, after.get(df.fieldname)
		):
			changed.add(df.fieldname)
	return changed


def normalise(fieldtype: str, value: object) -> object:
	if fieldtype in ("Currency", "Float", "Percent"):
		return flt(value, 2)
	if fieldtype in ("Int", "Check"):
		return cint(value)
	if fieldtype == "Date":
		return str(getdate(value)) if value else ""
	return cstr(value).strip()


def _rows(doc: Document, df) -> list[tuple]:
	meta = frappe.get_meta(df.options)
	fields = [f for f in meta.fields if f.fieldtype not in no_value_fields]
	return [
		tuple(normalise(f.fieldtype, row.get(f.fieldname)) for f in fields) for row in doc.get(df.fieldname)
	]


# --- Workflow form: the approval fields are valid ----------------------------------------------------


def validate_workflow(workflow: Document, method: str | None = None) -> None:
	"""Workflow.validate: editable fields name real fields of the doctype; N-of-M has its N."""
	if not workflow.document_type or not frappe.db.exists("DocType", workflow.document_type):
		return
	meta = frappe.get_meta(workflow.document_type)
	known = {df.fieldname for df in meta.fields if df.fieldname}
	known |= {f"{df.fieldname}.progress" for df in meta.get_table_fields()}
	for row in workflow.states:
		fields = rules.parse_fields(row.get("editable_fields"))
		if fields:
			with rule(_("Invalid editable fields")):
				rules.validate_editable_fields(row.state, fields, known)
			row.editable_fields = ", ".join(sorted(fields))
		required = rules.parse_fields(row.get("required_fields"))
		if required:
			with rule(_("Invalid required fields")):
				rules.validate_required_field_names(row.state, required, known)
			row.required_fields = ", ".join(sorted(required))
	for row in workflow.transitions:
		cc = rules.parse_names(row.get("cc"))
		if cc:
			unknown = sorted(
				name
				for name in cc
				if not frappe.db.exists("Role", name) and not frappe.db.exists("User", name)
			)
			if unknown:
				throw(
					_(
						"Transition {0} from {1}: {2} is neither a role nor a user, so it cannot be copied in."
					).format(_(row.action), _(row.state), ", ".join(unknown)),
					title=_("Invalid CC"),
				)
			row.cc = ", ".join(sorted(cc))
		if row.get("approval_mode") == rules.AT_LEAST_N and cint(row.get("approvals_required")) < 1:
			throw(
				_("Transition {0} from {1}: enter how many approvals are required (1 or more).").format(
					_(row.action), _(row.state)
				),
				title=_("Approvals required"),
			)
