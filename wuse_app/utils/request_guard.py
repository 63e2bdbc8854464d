"""The shape of a document sent over REST, checked before Frappe builds it (`before_request` hook).

Frappe turns the request body into a document before any controller or doc event runs
(`frappe.new_doc(doctype, **data)`, `Document.update`, link checks in `insert`). A body that is
a list, a child table sent as a string or a dict, or a dict where a field wants one value fails in
there with a `TypeError` / `AttributeError` (HTTP 500), and a dict in a Link field is even taken as
filters by the link check. For the app's doctypes the body is checked here first: a JSON object,
each child table a list of objects, every other field a single value — else a clear 417. The values
themselves are checked later by `wuse_app.utils.input_guard` on every way in.
"""

from __future__ import annotations

import json
import re

import frappe
from frappe import _
from frappe.model import table_fields

from wuse_app.utils.input_guard import is_app_doctype
from wuse_app.utils.validation import throw

RESOURCE = re.compile(r"^/api/(?:v1/|v2/)?(?:resource|document)/([^/]+)(?:/[^/]+)?/?$")
CLIENT_METHODS = {
	"frappe.client.insert": "doc",
	"frappe.client.save": "doc",
	"frappe.client.submit": "doc",
	"frappe.client.insert_many": "docs",
}
SCALARS = (str, int, float, bool, type(None))

# List queries of the app's doctypes: what may be sent as fields, order_by and filters. Frappe checks
# these for sub-queries and some functions, but `sleep(1)` as a field is an IndexError (500),
# `(select 1)` passes as order_by and broken JSON filters are a JSONDecodeError (500). Only plain
# columns (optionally `tabDocType`.`column`, an aggregate of one, an alias) are let through.
LIST_METHODS = {
	"frappe.client.get_list": ("fields", "filters", "or_filters", "order_by", "group_by"),
	"frappe.client.get_count": ("filters",),
	"frappe.client.get_value": ("fieldname", "filters"),
	"frappe.desk.reportview.get": ("fields", "filters", "or_filters", "order_by", "group_by"),
	"frappe.desk.reportview.get_list": ("fields", "filters", "or_filters", "order_by", "group_by"),
	"frappe.desk.reportview.get_count": ("filters", "fields"),
	"frappe.desk.reportview.export_query": ("fields", "filters", "or_filters", "order_by", "group_by"),
	"frappe.desk.listview.get_group_by_count": ("current_filters", "field"),
}
_NAME = r"(?:`[^`;]+`|[A-Za-z_][\w]*)"
_COLUMN = rf"(?:{_NAME}\.)?(?:{_NAME}|\*)"
FIELD = re.compile(
	rf"^\s*(?:(?:count|sum|avg|min|max)\(\s*(?:distinct\s+)?{_COLUMN}\s*\)|{_COLUMN})(?:\s+as\s+{_NAME})?\s*$",
	re.IGNORECASE,
)
ORDER = re.compile(rf"^\s*{_COLUMN}(?:\s+(?:asc|desc))?\s*$", re.IGNORECASE)


def check_request() -> None:
	request = getattr(frappe.local, "request", None)
	if not request:
		return
	path = request.path
	method = path.removeprefix("/api/method/").removeprefix("/api/v1/method/").removeprefix("/api/v2/method/")
	if method in LIST_METHODS or (request.method == "GET" and RESOURCE.match(path)):
		_check_list_query(path, method)
		return
	if request.method not in ("POST", "PUT", "PATCH"):
		return
	if match := RESOURCE.match(path):
		doctype = match.group(1)
		if _known_app_doctype(doctype):
			body = _body(request)
			_check_doc(doctype, body)
			if request.method == "POST" and body.get("docstatus") not in (None, 0, 1, "0", "1"):
				throw(_("A new document is saved as a draft or submitted, nothing else."))
		return
	if key := CLIENT_METHODS.get(method):
		docs = _parse(frappe.form_dict.get(key))
		for doc in docs if key == "docs" and isinstance(docs, list) else [docs]:
			if not isinstance(doc, dict):
				throw(_("Send the document as a JSON object."))
			if isinstance(doc.get("doctype"), str) and _known_app_doctype(doc["doctype"]):
				_check_doc(doc["doctype"], doc)


def _known_app_doctype(doctype: str) -> bool:
	return bool(frappe.db.exists("DocType", doctype)) and is_app_doctype(doctype)


def _body(request):
	if frappe.form_dict.get("data") is not None:
		return _parse(frappe.form_dict.data)
	raw = request.get_data(cache=True, as_text=True)
	if not raw.strip():
		return dict(frappe.form_dict)
	if (request.content_type or "").startswith("application/json"):
		return _parse(raw)
	return dict(frappe.form_dict)


def _parse(value):
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			throw(_("The request is not valid JSON."))
	return value


def _check_doc(doctype: str, doc) -> None:
	if not isinstance(doc, dict):
		throw(_("Send the document as a JSON object."))
	meta = frappe.get_meta(doctype)
	for key, value in doc.items():
		df = meta.get_field(key) if isinstance(key, str) else None
		if not df:
			continue
		label = _(df.label or df.fieldname, context=doctype)
		if df.fieldtype in table_fields:
			if value is None:
				continue
			if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
				throw(_("{0} must be a list of rows.").format(label))
			for index, row in enumerate(value, start=1):
				if not all(isinstance(cell, SCALARS) for cell in row.values()):
					throw(_("{0}, row {1}: every value must be a single value.").format(label, index))
		elif not isinstance(value, SCALARS):
			throw(_("{0} must be a single value.").format(label))


def _check_list_query(path: str, method: str) -> None:
	form = frappe.form_dict
	if match := RESOURCE.match(path):
		doctype, params = match.group(1), ("fields", "filters", "or_filters", "order_by", "group_by")
	else:
		doctype, params = form.get("doctype"), LIST_METHODS[method]
	if not isinstance(doctype, str) or not _known_app_doctype(doctype):
		return
	if method == "frappe.client.get_count" and not frappe.has_permission(doctype, "read"):
		# Frappe's get_count counts without any permission check.
		frappe.throw(_("You are not permitted to read {0}.").format(_(doctype)), frappe.PermissionError)
	for param in params:
		value = form.get(param)
		if value in (None, "", "[]", "{}"):
			continue
		if param in ("filters", "or_filters", "current_filters"):
			_parse(value)
			continue
		if param in ("order_by", "group_by"):
			parts = value.split(",") if isinstance(value, str) else [None]
			if not all(isinstance(part, str) and ORDER.match(part) for part in parts):
				throw(_("Sort or group only by columns of {0}.").format(_(doctype)))
			continue
		fields = _parse(value) if isinstance(value, str) and value.strip()[:1] in '[{"' else value
		fields = [fields] if isinstance(fields, str) else fields
		if not isinstance(fields, list) or not all(isinstance(f, str) and FIELD.match(f) for f in fields):
			throw(_("Ask only for columns of {0}.").format(_(doctype)))
