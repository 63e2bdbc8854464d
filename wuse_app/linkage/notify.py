"""In-app notifications (the bell) and, when outgoing email is set up, emails for the 联动 loop.

Frappe's Notification doctype would need one record per message and could not pick the recipients
(the volunteers called out, a resource's provider), so the recipients are computed here and the
message is written in each recipient's language.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.utils import escape_html, get_url, get_url_to_form

from wuse_app.projects.notifications import outgoing_email_configured


def notify(users, doctype: str, name: str, subject: str, params=(), portal_route: str | None = None) -> int:
	"""Tell `users` about the record; `subject` is an English template with {0}… filled from `params`
	(each translated when it is a string the app translates). Returns how many users were notified."""
	users = sorted({u for u in users if u and u not in ("Guest", "Administrator")})
	if not users:
		return 0
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
		text = _(subject, lang=language).format(*(_(str(p), lang=language) for p in params))
		enqueue_create_notification(
			[u.email or u.name for u in group],
			{
				"type": "Alert",
				"document_type": doctype,
				"document_name": name,
				"subject": text,
				"from_user": frappe.session.user,
			},
		)
		if send_email:
			for user in group:
				if not user.email:
					continue
				link = (
					get_url(portal_route)
					if portal_route and user.user_type == "Website User"
					else get_url_to_form(doctype, name)
				)
				frappe.sendmail(
					recipients=[user.email],
					subject=text,
					message=f"<p>{escape_html(text)}</p><p><a href='{link}'>{escape_html(name)}</a></p>",
					reference_doctype=doctype,
					reference_name=name,
				)
	return len(details)
