"""One guard for every value that reaches a wuse_app document, whatever the way in.

Hooked as `doc_events["*"]["before_validate"]` (and `before_update_after_submit`), so it runs for desk
saves, REST (`/api/resource`, `frappe.client.insert/save/submit`), web forms, Data Import, bulk
endpoints and documents inserted already submitted — before the controller's `validate`, so a
controller never sees a value the database or the domain rules would choke on. It applies only to
the app's own doctypes (Frappe's own keep Frappe's rules).

Why by hand: Frappe v15 leaves gaps that turn bad input into wrong data or an HTTP 500 —

- Links: `BaseDocument.get_invalid_links` skips a link whose field has `fetch_from` dependents when
  the target does not exist (`frappe.db.get_value(..., as_dict=True)` returns None and the check is
  skipped), so `Volunteer Service Record.volunteer = "VOL-99999999"` was saved and credited points.
  `flags.ignore_links` skips links altogether. Here every Link / Dynamic Link is checked, always.
- Numbers: "abc", "NaN", "inf", "1,5" reach controllers as strings (Frappe casts with `flt` only when
  writing) and end as `decimal.InvalidOperation` or silently as 15 / 0. Here they are refused.
- Dates: "2026-02-30" or year 99999 end as a `DataError` from MariaDB. Here they are refused.
- Sizes: Frappe checks varchar lengths, not `text` columns (64 KB): a 1 MB note was a `DataError`.
- Types: a dict or list for a scalar field ends as `TypeError` / `AttributeError` somewhere.
- `naming_series`: Frappe's select check skips it, so any series ("EVIL-.#####") was accepted.
- Child rows with a `name` that is not a row of this document are "updated" (UPDATE of 0 rows): the
  parent's totals counted a row that was never stored. Here they are refused.
- Scope: a link to another community's record (a volunteer, fund, reward item, donor…) passes
  Frappe's checks — User Permissions restrict `Community` links, not a Volunteer whose community is
  elsewhere. Here a link to a record of a community-scoped doctype that is new or changed must be
  one the user may read (or select), so nobody credits, redeems or donates across communities.
- HTML: Frappe sanitises text fields of drafts only; a document inserted already submitted kept
  `<img onerror=...>`. Here text fields are sanitised whatever the docstatus.

Every refusal is a `frappe.ValidationError` (HTTP 417) with a translatable message naming the field.
"""

from __future__ import annotations

import datetime
import math
from functools import lru_cache

import frappe
from frappe import _
from frappe.model import default_fields, table_fields
from frappe.model.document import Document
from frappe.utils import cstr
from frappe.utils.html_utils import is_json, sanitize_html

from wuse_app.utils.validation import throw

APP = "wuse_app"
NUMBER_TYPES = frozenset({"Int", "Float", "Currency", "Percent", "Check", "Rating", "Duration"})
DATE_TYPES = frozenset({"Date", "Datetime", "Time"})
TEXT_COLUMN_BYTES = {"text": 65_535, "longtext": 1_000_000}  # longtext: our own ceiling (1 MB)
NO_SANITIZE_TYPES = frozenset({"Attach", "Attach Image", "Barcode", "Code", "Password", "Signature"})
# DECIMAL(21,9) columns hold 12 integer digits; ints are 32-bit unless length > 11.
MAX_NUMBER = 10**12 - 1
MAX_INT = 2**31 - 1
MIN_YEAR, MAX_YEAR = 1900, 2100


@lru_cache(maxsize=1)
def _app_modules() -> frozenset[str]:
	return frozenset(frappe.get_module_list(APP))


def is_app_doctype(doctype: str) -> bool:
	return frappe.get_meta(doctype).module in _app_modules()


def check_document(doc: Document, method: str | None = None) -> None:
	"""doc_events `before_validate` / `before_update_after_submit` for every doctype."""
	if frappe.flags.in_install or frappe.flags.in_migrate or not is_app_doctype(doc.doctype):
		return
	rows = [doc, *_children(doc)]
	for row in rows:
		check_values(row)
	check_naming_series(doc)
	check_child_rows(doc)
	for row in rows:
		check_links(row)
	check_link_scope(doc, rows)


def _children(doc: Document) -> list[Document]:
	children = []
	for df in doc.meta.get_table_fields():
		value = doc.get(df.fieldname)
		if value is None:
			continue
		if not isinstance(value, list):
			throw(_("{0} must be a list of rows.").format(_(df.label)))
		children.extend(value)
	return children


def _label(row: Document, df) -> str:
	label = _(df.label or df.fieldname, context=df.parent)
	if row.get("parentfield"):
		return _("Row {0}: {1}").format(row.idx, label)
	return label


def check_values(row: Document) -> None:
	"""Type, number, date, size and HTML checks of one document or child row, from its meta."""
	for df in row.meta.fields:
		if df.fieldtype in table_fields or df.fieldname in default_fields:
			continue
		value = row.get(df.fieldname)
		if value is None or value == "":
			continue
		if isinstance(value, dict | list | tuple | set):
			throw(_("{0} must be a single value.").format(_label(row, df)))
		if df.fieldtype in NUMBER_TYPES:
			row.set(df.fieldname, _number(row, df, value))
		elif df.fieldtype in DATE_TYPES:
			_check_date(row, df, value)
		elif df.fieldtype in ("Attach", "Attach Image"):
			_check_attachment(row, df, value)
		else:
			_check_text(row, df, value)


def _number(row: Document, df, value) -> int | float:
	if isinstance(value, bool):
		value = int(value)
	if isinstance(value, str):
		text = value.strip()
		try:
			# Plain decimal notation only: "1,5" is refused rather than read as 15 (or 1.5).
			if "," in text or not text:
				raise ValueError(text)
			value = float(text)
		except ValueError:
			throw(_('{0} must be a number, not "{1}".').format(_label(row, df), text[:40]))
	if not isinstance(value, int | float):
		throw(_("{0} must be a number.").format(_label(row, df)))
	if isinstance(value, float) and not math.isfinite(value):
		throw(_("{0} must be a finite number.").format(_label(row, df)))
	is_int = df.fieldtype in ("Int", "Check", "Duration")
	limit = MAX_INT if is_int and int(df.get("length") or 0) <= 11 else MAX_NUMBER
	if abs(value) > limit:
		throw(_("{0} is too large.").format(_label(row, df)))
	if df.fieldtype == "Check" and value not in (0, 1):
		throw(_("{0} must be 0 or 1.").format(_label(row, df)))
	if is_int:
		if value != int(value):
			throw(_("{0} must be a whole number.").format(_label(row, df)))
		return int(value)
	return value


def _check_date(row: Document, df, value) -> None:
	from frappe.utils import get_datetime, get_time, getdate

	if isinstance(value, datetime.date | datetime.datetime | datetime.time | datetime.timedelta):
		parsed = value
	elif not isinstance(value, str) or len(value) > 40:
		parsed = None
	else:
		try:
			parsed = {"Date": getdate, "Datetime": get_datetime, "Time": get_time}[df.fieldtype](value)
		except Exception:
			parsed = None
	year = getattr(parsed, "year", None)
	if parsed is None or (year is not None and not MIN_YEAR <= year <= MAX_YEAR):
		throw(
			_('{0} is not a valid date ("{1}"); use YYYY-MM-DD between {2} and {3}.').format(
				_label(row, df), cstr(value)[:40], MIN_YEAR, MAX_YEAR
			)
		)


def _check_text(row: Document, df, value) -> None:
	if not isinstance(value, str | int | float):
		throw(_("{0} must be text.").format(_label(row, df)))
	text = cstr(value)
	column = frappe.db.type_map.get(df.fieldtype, ("varchar",))[0]
	if column == "varchar":
		limit = int(df.get("length") or 0) or frappe.db.VARCHAR_LEN
		too_long = len(text) > limit
	else:
		limit = TEXT_COLUMN_BYTES.get(column, TEXT_COLUMN_BYTES["text"])
		too_long = len(text.encode()) > limit
	if too_long:
		throw(_("{0} is too long (at most {1} characters).").format(_label(row, df), limit))
	if "\x00" in text:
		throw(_("{0} contains invalid characters.").format(_label(row, df)))
	if (
		("<" in text or ">" in text)
		and df.fieldtype not in NO_SANITIZE_TYPES
		and not df.get("ignore_xss_filter")
		and df.get("options") != "Email"
	):
		row.set(df.fieldname, _sanitize(text, linkify=df.fieldtype == "Text Editor"))


def _sanitize(text: str, linkify: bool) -> str:
	"""Frappe's `sanitize_html`, also for text that parses as JSON: Frappe returns such text untouched,
	so a title `"<img src=x onerror=alert(1)>"` (with the quotes) kept its event handler."""
	if is_json(text):
		return sanitize_html("x" + text, linkify=linkify)[1:]
	return sanitize_html(text, linkify=linkify)


def _check_attachment(row: Document, df, value) -> None:
	"""An Attach field holds the URL of a File stored on this site: no `javascript:`, no `../`."""
	url = cstr(value).strip()
	local = url.startswith(("/files/", "/private/files/"))
	if (
		not local
		or ".." in url
		or "\\" in url
		or len(url) > 1000
		or not frappe.db.exists("File", {"file_url": url, "is_folder": 0})
	):
		throw(
			_('{0}: upload the file here; "{1}" is not a file of this site.').format(
				_label(row, df), url[:80]
			)
		)


def check_naming_series(doc: Document) -> None:
	"""`naming_series` must be one of the doctype's options (Frappe does not check it)."""
	if not doc.is_new() or not doc.meta.has_field("naming_series"):
		return
	series = doc.get("naming_series")
	options = [
		o.strip() for o in (doc.meta.get_field("naming_series").options or "").split("\n") if o.strip()
	]
	if series and options and series not in options:
		throw(
			_("Naming series {0} is not allowed; choose one of {1}.").format(
				frappe.bold(series), ", ".join(options)
			)
		)


def check_child_rows(doc: Document) -> None:
	"""Child rows that claim a name must be rows of this document (else Frappe updates nothing)."""
	if doc.is_new():
		return
	for df in doc.meta.get_table_fields():
		claimed = [row.name for row in doc.get(df.fieldname) or [] if row.name and not row.get("__islocal")]
		if not claimed:
			continue
		existing = set(
			frappe.get_all(
				df.options,
				filters={
					"name": ["in", claimed],
					"parent": doc.name,
					"parenttype": doc.doctype,
					"parentfield": df.fieldname,
				},
				pluck="name",
			)
		)
		unknown = [name for name in claimed if name not in existing]
		if unknown and frappe.db.exists(df.options, {"name": ["in", unknown]}):
			# A row of another document: saving would move it here (Frappe updates rows by name).
			throw(
				_("A row of another document cannot be moved into this document."),
				exc=frappe.PermissionError,
			)
		if unknown:
			throw(
				_("{0}: row {1} does not belong to this document; add new rows without a name.").format(
					_(df.label), cstr(unknown[0])[:60]
				)
			)


def check_links(row: Document) -> None:
	"""Every Link and Dynamic Link points to a record that exists (Frappe skips some, see above)."""
	for df in row.meta.get_link_fields() + row.meta.get("fields", {"fieldtype": "Dynamic Link"}):
		value = row.get(df.fieldname)
		if not value:
			continue
		target = df.options if df.fieldtype == "Link" else row.get(df.options)
		if not target or not isinstance(target, str) or not frappe.db.exists("DocType", target):
			throw(_("{0}: choose a valid record type.").format(_label(row, df)))
		meta = frappe.get_meta(target)
		if meta.issingle or meta.is_virtual:
			continue
		if not frappe.db.exists(target, cstr(value)):
			throw(
				_("{0}: {1} {2} does not exist.").format(_label(row, df), _(target), cstr(value)[:60]),
				exc=frappe.LinkValidationError,
			)


@lru_cache(maxsize=64)
def _is_scoped(doctype: str) -> bool:
	"""Community-scoped doctypes: Community itself and the app's doctypes with a `community` field."""
	meta = frappe.get_meta(doctype)
	return doctype == "Community" or (meta.module in _app_modules() and meta.has_field("community"))


def check_link_scope(doc: Document, rows: list[Document]) -> None:
	"""New or changed links to community-scoped records must be readable by the user (see above).

	Not checked when code acts for the user after its own check (`ignore_permissions`) or for
	Administrator; fields filled by `fetch_from` follow their source link and are skipped.
	"""
	if doc.flags.ignore_permissions or frappe.session.user in ("Administrator",):
		return
	before = doc.get_doc_before_save() if not doc.is_new() else None
	# A controller that applies its own, narrower rule to a link names it (e.g. a portal user's project
	# lead must be a worker of their own organisation, whom they cannot read).
	checked_here = doc.links_checked_here() if hasattr(doc, "links_checked_here") else frozenset()
	for row in rows:
		old = None
		if before is not None:
			old = (
				before
				if row is doc
				else next((r for r in before.get(row.parentfield) or [] if r.name == row.name), None)
			)
		for df in row.meta.get_link_fields():
			value = row.get(df.fieldname)
			if not value or df.fetch_from or not _is_scoped(df.options):
				continue
			if row is doc and df.fieldname in checked_here:
				continue
			if old is not None and old.get(df.fieldname) == value:
				continue
			if not (
				frappe.has_permission(df.options, "read", value)
				or frappe.has_permission(df.options, "select", value)
			):
				throw(
					_("{0}: {1} is outside your scope.").format(_label(row, df), cstr(value)[:60]),
					exc=frappe.PermissionError,
				)
