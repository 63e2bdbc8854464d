"""No request may filter, sort, group, count or search on a personal field the user cannot read.

Frappe drops fields a user may not read from query *results*, but still lets them be used to select
rows, and many endpoints take such parameters: `/api/resource` and `frappe.client.get_list`
(filters, or_filters, order_by, group_by, fields), `frappe.client.get_count`,
`frappe.client.get_value` (fieldname), `frappe.desk.reportview.get`/`get_count`/`export_query`,
`frappe.desk.listview.get_group_by_count` (current_filters, field), the sidebar stats
(`frappe.desk.reportview.get_stats`: stats), link search (`search_link`/`search_widget`: searchfield,
filter_fields), dashboard chart previews (`chart`) and Data Import's export (export_fields,
export_filters). One `like` filter per digit would read a resident ID number out of a count.

So this guard does not look for particular endpoints or patterns. It runs before *every* request
(`before_request` hook), finds the doctypes the request is about (the `doctype` argument, the
`/api/resource/<doctype>` path, a chart's `document_type`, the doctype of every filter row), parses
every query-shaped parameter (JSON, recursively) and collects every SQL identifier it holds,
lower-cased: field positions of filter rows, every word of raw SQL strings (order_by "ID_NUMBER",
`case when id_number like ...`, string filters, expressions in fields). Filter *values* are not
identifiers (Frappe escapes them) and are not looked at. A request that names a personal field of one
of its doctypes that the user cannot read is refused with a PermissionError (HTTP 403) before any
query runs. The same check is also the `permission_query_conditions` of the personal doctypes, so a
whitelisted method that passes the request's filters on to `frappe.get_list` is covered too.

Plain field names in `fields`/`fieldname` are left to Frappe, which removes unreadable ones from
the result (a list view with a saved column the user may not see keeps working).

Two Frappe v15 endpoints bypass permissions altogether and are corrected here as well:
- `frappe.client.get_count` counts with `frappe.db.count` (no permission, no User Permission): it is
  overridden by `get_count` below, which counts through `frappe.get_list`.
- `search_link`/`search_widget` with `ignore_user_permissions=1` run the search with
  `ignore_permissions=True` (no community scope, no field levels) after checking only that the user
  may read the doctype. The flag is honoured only where the asking doctype has a Link field to the
  searched doctype marked "Ignore User Permissions" (what Frappe's form sends it for) and the searched
  doctype has no community scope to lose; otherwise it is dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

import frappe
from frappe import _

IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
PLAIN_FIELD = re.compile(r"^`?(tab[\w -]+`?\.)?`?\w+`?(\s+as\s+`?\w+`?)?$", re.IGNORECASE)

# Parameters holding filters: lists of [fieldname, operator, value] / [doctype, fieldname, operator,
# value] rows, {fieldname: value} dicts, or raw SQL condition strings.
FILTER_KEYS = ("filters", "or_filters", "current_filters", "export_filters")
# Parameters that are SQL fragments or lists of fieldnames: every identifier in them counts.
SQL_KEYS = (
	"order_by",
	"group_by",
	"sort_by",
	"sort_field",  # frappe.desk.form.utils.get_next: prev/next by a field is a binary search on it
	"sort_order",
	"field",
	"searchfield",
	"filter_fields",
	"stats",
	"aggregate_on_field",
	"aggregate_on",
	"group_by_field",
)
# Parameters listing columns to return: plain names are Frappe's to drop, expressions count.
FIELD_KEYS = ("fields", "fieldname", "export_fields", "columns")
CHART_FIELDS = ("group_by_based_on", "aggregate_function_based_on", "based_on", "value_based_on", "x_field")
SEARCH_METHODS = ("frappe.desk.search.search_link", "frappe.desk.search.search_widget")


def guard_request() -> None:
	"""`before_request` hook: refuse a request that queries on personal fields hidden from the user."""
	form = getattr(frappe.local, "form_dict", None)
	if not form or frappe.session.user == "Administrator":
		return
	drop_unjustified_ignore_user_permissions(form)
	doctype = request_doctype(form)
	check_form(form, doctype)
	log_listed_personal_data(form, doctype)


def log_listed_personal_data(form: dict, doctype: str | None) -> None:
	"""A list, report or export that asks for clear ID numbers is a personal-data read: log it.

	(Opening one record is logged by the record itself, see wuse_app/utils/access_log.py.)
	"""
	from wuse_app.registry.personal_data import SENSITIVE_FIELDS, PersonalDataMixin

	if doctype not in SENSITIVE_FIELDS:
		return
	requested = [_parse(form.get(key)) for key in FIELD_KEYS if form.get(key)]
	if not requested:
		return
	words = set(_identifiers(requested))
	star = "*" in json.dumps(requested)
	audited = [f for f in PersonalDataMixin.AUDITED_READ_FIELDS if f in words or star]
	if not audited:
		return
	from frappe.model import get_permitted_fields

	permitted = get_permitted_fields(doctype, user=frappe.session.user)
	shown = [f for f in audited if f in permitted and frappe.get_meta(doctype).has_field(f)]
	if shown:
		from wuse_app.utils.access_log import write_access_log

		filters = form.get("filters") or form.get("current_filters")
		write_access_log(
			{
				"export_from": doctype,
				"columns": ", ".join(shown),
				"filters": filters if isinstance(filters, str) else json.dumps(filters) if filters else None,
			},
			method="List Personal Data",
		)


def check_form(form: dict, doctype: str | None) -> None:
	"""Throw if `form` (a request's arguments) uses a personal field the user cannot read."""
	from wuse_app.registry.personal_data import SENSITIVE_FIELDS

	if not any(form.get(key) for key in (*FILTER_KEYS, *SQL_KEYS, *FIELD_KEYS, "chart", "report_name")):
		return
	doctypes = {doctype} if doctype else set()
	if isinstance(form.get("report_name"), str):  # query reports filter the doctype they report on
		doctypes.add(frappe.db.get_value("Report", form.get("report_name"), "ref_doctype"))
	words: set[str] = set()
	for key in FILTER_KEYS:
		doctypes.update(_filter_identifiers(_parse(form.get(key)), words))
	for key in SQL_KEYS:
		words.update(_identifiers(_parse(form.get(key))))
	for key in FIELD_KEYS:
		words.update(_field_identifiers(_parse(form.get(key))))
	chart = _parse(form.get("chart"))
	if isinstance(chart, dict):
		doctypes.add(chart.get("document_type"))
		words.update(_identifiers([chart.get(key) for key in CHART_FIELDS]))
		doctypes.update(_filter_identifiers(_parse(chart.get("filters_json")), words))
	for name in doctypes:
		if name in SENSITIVE_FIELDS:
			refuse_hidden_fields(name, words)


def refuse_hidden_fields(doctype: str, words: set[str]) -> None:
	from frappe.model import get_permitted_fields

	from wuse_app.registry.personal_data import SENSITIVE_FIELDS

	used = [f for f in SENSITIVE_FIELDS[doctype] if f in words]
	if not used:
		return
	permitted = get_permitted_fields(doctype, user=frappe.session.user)
	for fieldname in used:
		if fieldname not in permitted:
			frappe.throw(
				_("You cannot search, filter or sort by {0}.").format(
					_(frappe.get_meta(doctype).get_label(fieldname))
				),
				frappe.PermissionError,
			)


def request_doctype(form: dict) -> str | None:
	doctype = form.get("doctype")
	if isinstance(doctype, str):
		return doctype
	request = getattr(frappe.local, "request", None)
	path = getattr(request, "path", "") or ""
	for prefix in ("/api/resource/", "/api/v2/document/"):
		if path.startswith(prefix):
			from urllib.parse import unquote

			return unquote(path[len(prefix) :].split("/")[0])
	return None


def drop_unjustified_ignore_user_permissions(form: dict) -> None:
	"""Link search's `ignore_user_permissions` only where a Link field asks for it (see module doc)."""
	if not form.get("ignore_user_permissions"):
		return
	request = getattr(frappe.local, "request", None)
	method = (getattr(request, "path", "") or "").removeprefix("/api/method/") or form.get("cmd") or ""
	if method not in SEARCH_METHODS:
		return
	doctype, reference = form.get("doctype"), form.get("reference_doctype")
	justified = (
		isinstance(reference, str)
		and frappe.db.exists("DocType", reference)
		and any(
			df.options == doctype and df.ignore_user_permissions
			for df in frappe.get_meta(reference).get_link_fields()
		)
	)
	if justified and isinstance(doctype, str) and frappe.db.exists("DocType", doctype):
		from wuse_app.registry.community_scope import links_community

		# Honouring the flag makes Frappe search with ignore_permissions=True, which skips the
		# community scope (a permission hook) as well. Venture Proposal's applicant organisation ignores
		# User Permissions so that judges may *read* other organisations' proposals, not so that anyone
		# may list every community's organisations: a community-scoped doctype is searched in scope.
		justified = not links_community(doctype)
	if not justified:
		form["ignore_user_permissions"] = 0


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""`frappe.client.get_count`, counted with the user's permissions (see module doc).

	Frappe v15 counts with `frappe.db.count`, with no permission check at all: any logged-in user could
	count care files or test an ID number with a filter. This counts through `frappe.get_list`, which
	applies role permissions, User Permissions and the `permission_query_conditions` hooks (community
	scope, hidden-field filters, the care files' access log).
	"""
	from frappe.utils import get_safe_filters

	if not frappe.has_permission(doctype, "read"):
		raise frappe.PermissionError(_("Not permitted"))
	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as count"])
	return rows[0].count if rows else 0


# --- parsing -------------------------------------------------------------------------------------


def _parse(value):
	if isinstance(value, str | bytes):
		try:
			return json.loads(value)
		except ValueError:
			return value
	return value


def _identifiers(value) -> Iterator[str]:
	"""Every identifier anywhere in `value` (strings, lists, dict keys and values), lower-cased."""
	if value is None:
		return
	if isinstance(value, str):
		yield from IDENTIFIER.findall(value.lower())
	elif isinstance(value, dict):
		for key, item in value.items():
			yield from _identifiers(key)
			yield from _identifiers(item)
	elif isinstance(value, Iterable):
		for item in value:
			yield from _identifiers(_parse(item))


def _field_identifiers(value) -> Iterator[str]:
	if isinstance(value, dict) or (
		isinstance(value, list | tuple) and any(isinstance(item, list | tuple) for item in value)
	):
		# Frappe swaps `fields` given as a dict or a list of lists into the filters.
		words: set[str] = set()
		_filter_identifiers(value, words)
		yield from words
		if isinstance(value, dict):  # {"Volunteer": ["id_number", ...]} (Data Import export)
			for item in value.values():
				yield from _field_identifiers(item)
		return
	for item in value if isinstance(value, list | tuple) else [value]:
		if isinstance(item, str) and not PLAIN_FIELD.match(item.strip()):
			yield from _identifiers(item)


OPERATORS = frozenset(
	{
		"=", "!=", "<>", ">", "<", ">=", "<=", "like", "not like", "in", "not in", "is", "between",
		"timespan", "previous", "next", "descendants of", "not descendants of", "ancestors of",
		"not ancestors of", "descendants of (inclusive)",
	}
)  # fmt: skip


def _row_identifiers(row: list | tuple) -> Iterator[str]:
	"""A filter row's identifiers: everything but its value, when the row has an operator."""
	operator_at = 2 if len(row) >= 4 else 1
	value_at = operator_at + 1
	has_operator = (
		len(row) >= 3 and isinstance(row[operator_at], str) and row[operator_at].strip().lower() in OPERATORS
	)
	for i, item in enumerate(row):
		if not (has_operator and i == value_at):
			yield from _identifiers(_parse(item) if isinstance(item, str) else item)


def _filter_identifiers(filters, words: set[str]) -> set[str]:
	"""Add the identifiers of `filters` to `words`; return the doctypes its rows name."""
	doctypes: set[str] = set()
	if filters is None or filters == "":
		return doctypes
	if isinstance(filters, str):  # a raw SQL condition
		words.update(_identifiers(filters))
	elif isinstance(filters, dict):
		for key, value in filters.items():
			words.update(_identifiers(key))
			if isinstance(value, list | tuple) and value and isinstance(value[0], str):
				words.update(_identifiers(value[0]))  # the operator: "like", "in", ...
	elif isinstance(filters, list | tuple):
		if filters and all(not isinstance(item, list | tuple | dict) for item in filters):
			rows = [filters]  # one row, or raw SQL conditions: _row_identifiers tells them apart
		else:
			rows = filters
		for row in rows:
			row = _parse(row)
			if isinstance(row, list | tuple):
				if len(row) >= 4 and isinstance(row[0], str):
					doctypes.add(row[0])
				words.update(_row_identifiers(row))
			else:
				doctypes.update(_filter_identifiers(row, words))
	return doctypes
