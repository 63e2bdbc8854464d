"""Web form "My Needs" (/my-needs): residents submit a need in Chinese, follow it and rate the service.

Residents see only their own needs (the Resident Need permission hooks; the form applies document
permissions). Feedback goes through wuse_app.linkage.api.give_feedback, which accepts it only from the
resident who submitted the need, once it has been resolved.
"""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.domain import linkage as rules
from wuse_app.projects.portal import translate_form_page

MESSAGES = (
	"Rate the Service",
	"Satisfaction (1–5)",
	"Feedback Comment",
	"Thank you for your feedback.",
	"Submit",
)


def get_context(context):
	translate_form_page(context)
	messages = {message: _(message) for message in MESSAGES}
	messages.update({status: _(status, context="Resident Need") for status in rules.NEED_STATUSES})
	context.wuse_messages = frappe.as_json(messages)
	context.wuse_feedback_statuses = frappe.as_json(sorted(rules.FEEDBACK_STATUSES))
	return context
