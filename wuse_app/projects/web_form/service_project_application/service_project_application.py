"""Web form "Service Project Application": portal users apply for service projects online.

What the form may set is decided by its field list (applicant fields only) and, on the server, by the
Service Project controller: the organisation must be the user's own, a saved application can change
only while it is a draft or returned for revision, and attachments are made private.
"""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.projects.portal import form_messages, translate_form_page
from wuse_app.workflows.service_project import workflow_states

# Strings of service_project_application.js (web pages receive only the translations they are given).
MESSAGES = (
	"Submit for Review",
	"Approval State",
	"Reason for Return or Rejection",
	"Save your changes before submitting the application.",
	"Submit this application for review? You cannot change it while it is being reviewed.",
	"Your application has been submitted for review.",
	"This application is being reviewed or has been decided, so it can no longer be changed.",
	"You are not registered as the portal user of any active organisation. Ask the sub-district office to add you to your organisation.",
)


# Child tables of the form: their column labels are rendered by the grid with __() too.
CHILD_DOCTYPES = ("Service Project Budget Item", "Service Project Milestone")


def get_context(context):
	translate_form_page(context)
	messages = form_messages("Service Project", CHILD_DOCTYPES, MESSAGES)
	messages.update({state: _(state) for state in workflow_states()})
	context.wuse_messages = frappe.as_json(messages)
	# The states in which the applicant edits and submits: the workflow's Editing stage, not names.
	from wuse_app.projects.approval import editing_states

	context.wuse_editing_states = frappe.as_json(sorted(editing_states()))
	return context


def get_list_context(context):
	"""The portal list (/service-project-application) through `escaped_list`: Frappe's web form list
	(web_form_list.js) puts each cell's value into the page as HTML, so a project title such as
	`<img src=x onerror=...>` ran as script. The values are sent HTML-escaped instead; the list shows
	them as the text they are."""
	context.get_list = escaped_list
	return context


def escaped_list(doctype, txt, filters, limit_start, limit_page_length=20, **kwargs):
	"""Frappe's portal list query (permissions applied as usual), every text value HTML-escaped."""
	from frappe.www.list import get_list

	rows = get_list(doctype, txt, filters, limit_start, limit_page_length, **kwargs)
	for row in rows:
		for key, value in row.items():
			if isinstance(value, str):
				row[key] = frappe.utils.escape_html(value)
	return rows
