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


def update_website_context(context) -> None:
	"""`update_website_context` hook (every page): the application list's approval states in zh."""
	web_form = context.get("web_form_doc")
	if not web_form or web_form.get("doc_type") != WEB_FORM_DOCTYPE or not context.get("translated_messages"):
		return
	messages = json.loads(context.translated_messages)
	messages.update({state: _(state) for state in workflow_states()})
	context.translated_messages = frappe.as_json(messages)
