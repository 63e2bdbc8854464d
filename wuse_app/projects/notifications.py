"""Notify the people a service project now waits for, and its applicant of the outcome.

A Notification record with "receiver by role" would alert every holder of the role in the whole
sub-district, including Community Secretaries of other communities and the applicant themself. So the
recipients are computed here: the users who may take one of the next workflow actions, who can see
the project (community scoping) and who did not create or submit it. They get a system notification
(the bell in the desk) and, when outgoing email is set up, an email.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.model.workflow import is_transition_condition_satisfied
from frappe.utils import get_url, get_url_to_form
from frappe.utils.user import get_users_with_role

from wuse_app.domain.approvals import CLOSED, EDITING
from wuse_app.projects import approval

if TYPE_CHECKING:
	from frappe.model.document import Document

WEB_FORM_ROUTE = "service-project-application"


def applicant_hears(transition: frappe._dict) -> bool:
	"""The applicant hears of an approval (Review → Active), a final outcome (Closed), a return to
	them (Editing) and whenever a reason was required: the workflow's stages decide, not the names."""
	if transition.get("reason_required"):
		return True
	policy = approval.get_project_policy()
	if policy is None:
		return False
	to_stage = policy.stage(transition.to_state)
	return to_stage in (CLOSED, EDITING) or policy.is_approval(transition.from_state, transition.to_state)


def notify_transition(project: Document, transition: frappe._dict) -> None:
	reviewers = next_reviewers(project)
	if reviewers:
		_notify(
			reviewers,
			project,
			subject=_("Service project {0} “{1}” is waiting for your review ({2})."),
			state=project.workflow_state,
		)
	if applicant_hears(transition):
		recipients = sorted(approval.applicants(project) - {frappe.session.user, "Administrator", "Guest"})
		if recipients:
			_notify(
				recipients,
				project,
				subject=_("Your service project {0} “{1}” is now {2}."),
				state=project.workflow_state,
				reason=project.last_review_reason,
			)


def next_reviewers(project: Document) -> list[str]:
	"""Users who may take a review action on the project now (scoped, and never its applicants)."""
	if not approval.is_review_state(project.workflow_state):
		return []
	workflow = approval.get_project_workflow()
	if workflow is None:
		return []
	roles = {
		t.allowed
		for t in workflow.transitions
		if t.state == project.workflow_state and is_transition_condition_satisfied(t, project)
	}
	users = set()
	for role in roles:
		users.update(get_users_with_role(role))
	users -= approval.applicants(project) | {"Administrator", "Guest"}
	return sorted(u for u in users if frappe.has_permission(project.doctype, "read", project, user=u))


def outgoing_email_configured() -> bool:
	return bool(frappe.conf.get("mail_server")) or bool(
		frappe.db.exists("Email Account", {"enable_outgoing": 1})
	)


def _notify(users: list[str], project: Document, subject: str, state: str, reason: str | None = None) -> None:
	"""One system notification (and email) per recipient language."""
	details = frappe.db.get_values(
		"User",
		{"name": ["in", users], "enabled": 1},
		["name", "email", "language", "user_type"],
		as_dict=True,
	)
	groups: dict[str, list[frappe._dict]] = defaultdict(list)
	default_language = frappe.db.get_default("lang") or "en"
	for user in details:
		groups[user.language or default_language].append(user)
	send_email = outgoing_email_configured()
	for language, group in groups.items():
		text = _(subject, lang=language).format(project.name, project.project_title, _(state, lang=language))
		if reason:
			text += " " + _("Reason: {0}", lang=language).format(reason)
		enqueue_create_notification(
			[u.email or u.name for u in group],
			{
				"type": "Alert",
				"document_type": project.doctype,
				"document_name": project.name,
				"subject": text,
				"from_user": frappe.session.user,
			},
		)
		if send_email:
			for user in group:
				if user.email:
					frappe.sendmail(
						recipients=[user.email],
						subject=text,
						message=f"<p>{frappe.utils.escape_html(text)}</p><p><a href='{_link(project, user)}'>{project.name}</a></p>",
						reference_doctype=project.doctype,
						reference_name=project.name,
					)


def _link(project: Document, user: frappe._dict) -> str:
	if user.user_type == "Website User":
		return get_url(f"/{WEB_FORM_ROUTE}/{project.name}")
	return get_url_to_form(project.doctype, project.name)
