"""The applicant's portal pages in Chinese.

Frappe renders the web form list through `__()` but sends the page only the translations of the form's
own labels and texts; the approval states of the list column stay English. And the form page prints
the introduction and the "New …" title without translating them. These helpers fill both gaps.
"""

from __future__ import annotations

import json

import frappe
from frappe import _

from wuse_app.workflows.service_project import workflow_states

WEB_FORM_DOCTYPE = "Service Project"


def translate_form_page(context) -> None:
	"""Called from the web form's get_context: the title and introduction in the user's language."""
	web_form = context.get("web_form_doc") or {}
	if context.get("introduction_text"):
		context.introduction_text = _(context.introduction_text)
	title = web_form.get("title")
	if context.get("is_new") and web_form.get("show_list") and title:
		context.title = _("New {0}").format(_(title))


def form_messages(doctype: str, child_doctypes: tuple[str, ...], messages: tuple[str, ...] = ()) -> dict:
	"""The translations a portal web form on `doctype` needs beyond its own labels: the JS `messages`,
	the doctype's select options (read in the doctype's context: "Elderly Care" is 扶老 in a project),
	its child tables' column labels and options, and the grid's row-number header."""
	translated = {message: _(message) for message in messages}
	for df in frappe.get_meta(doctype).fields:
		if df.fieldtype == "Select":
			for option in (df.options or "").split("\n"):
				if option:
					translated[option] = _(option, context=doctype)
	for child in child_doctypes:
		for df in frappe.get_meta(child).fields:
			if df.label:
				translated[df.label] = _(df.label)
			if df.fieldtype == "Select":
				translated.update({option: _(option) for option in (df.options or "").split("\n") if option})
	row_number = ("No.", "Title of the 'row number' column")
	translated[f"{row_number[0]}:{row_number[1]}"] = _(row_number[0], context=row_number[1])
	return translated


def update_website_context(context) -> None:
	"""`update_website_context` hook (every page): the application list's approval states in zh."""
	web_form = context.get("web_form_doc")
	if not web_form or web_form.get("doc_type") != WEB_FORM_DOCTYPE or not context.get("translated_messages"):
		return
	messages = json.loads(context.translated_messages)
	messages.update({state: _(state) for state in workflow_states()})
	context.translated_messages = frappe.as_json(messages)
