"""公示 endpoints: filing an objection (异议). Every method checks permission itself."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import now_datetime

from wuse_app.domain import publicity as rules
from wuse_app.publicity.notices import NOTICE, OBJECTION, inform_reviewers, refresh_status
from wuse_app.utils.validation import domain_errors, throw

MAX_OBJECTIONS_PER_NOTICE = 3


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=10, seconds=60 * 60)  # per IP address: a flood from one place is refused
def file_objection(notice: str, reason: str) -> dict:
	"""A logged-in person objects to a current public notice, with a reason.

	Anyone logged in may object (the notice is public); a Guest may not. The notice goes under review
	and the reviewers are informed. At most three objections per person and notice.
	"""
	user = frappe.session.user
	if user == "Guest":
		throw(_("Log in to file an objection."), title=_("Not allowed"), exc=frappe.PermissionError)
	if not isinstance(notice, str) or not frappe.db.exists(NOTICE, notice):
		raise frappe.DoesNotExistError(_("Public notice {0} not found").format(notice))
	frappe.db.get_value(NOTICE, notice, "name", for_update=True)  # one objection at a time per notice
	status = frappe.db.get_value(NOTICE, notice, "status")
	if status not in (rules.OPEN, rules.UNDER_REVIEW):
		throw(
			_("Public notice {0} has ended: objections are no longer accepted.").format(notice),
			title=_("Not allowed"),
		)
	with domain_errors(_("Invalid objection")):
		cleaned = rules.clean_reason(reason if isinstance(reason, str) else None)
	if frappe.db.count(OBJECTION, {"notice": notice, "filed_by": user}) >= MAX_OBJECTIONS_PER_NOTICE:
		throw(
			_(
				"You have already filed {0} objections to this notice; the reviewers are looking at them."
			).format(MAX_OBJECTIONS_PER_NOTICE),
			title=_("Too many objections"),
		)
	objection = frappe.get_doc(
		{
			"doctype": OBJECTION,
			"notice": notice,
			"status": rules.PENDING,
			"filed_by": user,
			"filed_on": now_datetime(),
			"reason": cleaned,
		}
	)
	# The filer has no right on the doctype: the checks above are this endpoint's permission.
	objection.insert(ignore_permissions=True)
	refresh_status(notice)
	inform_reviewers(notice, objection.name)
	return {"name": objection.name, "notice_status": frappe.db.get_value(NOTICE, notice, "status")}
