"""Who may read a care file, and the log of every read.

Care files are the most sensitive records in the app (health, family situation, minors). A care file
(Care Recipient) and its assessments and visits are readable only by:

- Wuse Administrators (the whole sub-district),
- the Community Secretary of the file's community (by their Community Assignment as secretary), and
- the file's assigned social worker (the Social Worker record whose `user` is the reader).

A volunteer sees only the Care Visit tasks assigned to them, and only the level-0 fields of those
(name, address, what to do). Anyone else with a role sees nothing: scoping fails closed. Frappe's
User Permissions alone cannot express "the assigned social worker" nor "secretary, not staff", hence
the hooks below, which work as a pair: `has_permission` for single documents,
`permission_query_conditions` for lists, counts, group-by, reports and exports.

Every read is written to the Care File Access Log (readable by Wuse Administrators only). Frappe's
own Access Log records only exports and prints, and is readable by System Managers; this log records
form, REST and print reads of care files, and list queries. The piece is reusable: add a doctype to
CARE_DOCTYPES with the field that names its care file.
"""

from __future__ import annotations

import re

import frappe
from frappe import _
from frappe.utils import now_datetime

from wuse_app.setup import roles as R

RECIPIENT = "Care Recipient"
LOG_DOCTYPE = "Care File Access Log"
# doctype -> field naming the care file ("name" for the file itself)
CARE_DOCTYPES: dict[str, str] = {
	RECIPIENT: "name",
	"Care Assessment": "care_recipient",
	"Care Visit": "care_recipient",
}
READ_PTYPES = frozenset({"read", "print", "email", "export", "report"})


# --- scope -------------------------------------------------------------------------------------------


def is_care_administrator(user: str) -> bool:
	return user == "Administrator" or R.WUSE_ADMINISTRATOR in frappe.get_roles(user)


def secretary_communities(user: str) -> list[str]:
	"""Communities the user is assigned to *as Community Secretary* (not as staff or social worker)."""
	if R.COMMUNITY_SECRETARY not in frappe.get_roles(user):
		return []
	return frappe.get_all(
		"Community Assignment",
		filters={"user": user, "role": R.COMMUNITY_SECRETARY},
		pluck="community",
		ignore_permissions=True,  # the reader's own assignments, to decide what they may read
	)


def social_worker_records(user: str) -> list[str]:
	if R.SOCIAL_WORKER not in frappe.get_roles(user):
		return []
	return frappe.get_all("Social Worker", filters={"user": user}, pluck="name", ignore_permissions=True)


def volunteer_records(user: str) -> list[str]:
	if R.VOLUNTEER not in frappe.get_roles(user):
		return []
	return frappe.get_all("Volunteer", filters={"user": user}, pluck="name", ignore_permissions=True)


def may_read_file(community: str | None, social_worker: str | None, user: str) -> bool:
	if is_care_administrator(user):
		return True
	if community and community in secretary_communities(user):
		return True
	return bool(social_worker) and social_worker in social_worker_records(user)


def _file_of(doc) -> tuple[str | None, str | None, str | None]:
	"""(care file name, community, assigned social worker) of a care document."""
	if doc.doctype == RECIPIENT:
		return doc.name, doc.get("community"), doc.get("assigned_social_worker")
	name = doc.get("care_recipient")
	if not name:
		return None, None, None
	community, social_worker = frappe.db.get_value(
		RECIPIENT, name, ["community", "assigned_social_worker"]
	) or (None, None)
	return name, community, social_worker


# --- hooks -------------------------------------------------------------------------------------------


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	user = user or frappe.session.user
	ptype = ptype or "read"
	file_name, community, social_worker = _file_of(doc)
	allowed = may_read_file(community, social_worker, user)
	if not allowed and doc.doctype == "Care Visit" and ptype == "read":
		# A volunteer reads their own visit task (level-0 fields only, by the doctype's permissions).
		allowed = bool(doc.get("volunteer")) and doc.get("volunteer") in volunteer_records(user)
	if allowed and ptype in READ_PTYPES and file_name and not doc.is_new():
		log_access(file_name, doc.doctype, doc.name, "Print" if ptype == "print" else "Read", user)
	return allowed


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	doctype = doctype or RECIPIENT
	if is_care_administrator(user):
		condition = ""
	else:
		condition = _scope_condition(user, doctype)
	if _is_export_request():
		# Children's files never leave the app in an export.
		child = f"`tab{RECIPIENT}`.`is_child` = 0"
		if doctype != RECIPIENT:
			child = f"`tab{doctype}`.`care_recipient` in (select `name` from `tab{RECIPIENT}` where `is_child` = 0)"
		condition = f"({condition}) and {child}" if condition else child
	guard_hidden_field_filters(doctype, user)
	if condition != "1=0" and getattr(frappe.local, "request", None):
		log_access(None, doctype, None, "Export" if _is_export_request() else "List", user)
	return condition


def _scope_condition(user: str, doctype: str) -> str:
	escape = frappe.db.escape
	communities = secretary_communities(user)
	workers = social_worker_records(user)
	parts = []
	if communities:
		parts.append(f"`tab{RECIPIENT}`.`community` in ({', '.join(escape(c) for c in communities)})")
	if workers:
		parts.append(
			f"`tab{RECIPIENT}`.`assigned_social_worker` in ({', '.join(escape(w) for w in workers)})"
		)
	if doctype == RECIPIENT:
		condition = " or ".join(parts)
	elif parts:
		condition = (
			f"`tab{doctype}`.`care_recipient` in (select `tab{RECIPIENT}`.`name` from `tab{RECIPIENT}` "
			f"where {' or '.join(parts)})"
		)
	else:
		condition = ""
	if doctype == "Care Visit":
		volunteers = volunteer_records(user)
		if volunteers:
			own = f"`tabCare Visit`.`volunteer` in ({', '.join(escape(v) for v in volunteers)})"
			condition = f"{condition} or {own}" if condition else own
	return f"({condition})" if condition else "1=0"


def _is_export_request() -> bool:
	form = getattr(frappe.local, "form_dict", None) or {}
	cmd = str(form.get("cmd") or "")
	return "export" in cmd or "download_template" in cmd


def guard_hidden_field_filters(doctype: str, user: str) -> None:
	"""Refuse filtering, grouping or sorting by a field the user cannot read (e.g. the ID number).

	Frappe drops such fields from results, but would still let a filter on them answer "is this ID
	number on a care file?".
	"""
	form = getattr(frappe.local, "form_dict", None)
	if not form or user == "Administrator":
		return
	from frappe.model import get_permitted_fields

	meta = frappe.get_meta(doctype)
	permitted = set(get_permitted_fields(doctype, user=user))
	hidden = [df.fieldname for df in meta.fields if df.permlevel and df.fieldname not in permitted]
	request_text = " ".join(
		str(form.get(key) or "") for key in ("filters", "or_filters", "order_by", "group_by")
	)
	for fieldname in hidden:
		if re.search(rf"\b{fieldname}\b", request_text):
			frappe.throw(
				_("You cannot search, filter or sort by {0}.").format(_(meta.get_label(fieldname))),
				frappe.PermissionError,
			)


# --- access log ----------------------------------------------------------------------------------------


def log_access(
	care_recipient: str | None,
	reference_doctype: str,
	reference_name: str | None,
	access_type: str,
	user: str | None = None,
) -> None:
	"""Write one log row per record (or list query) and request."""
	user = user or frappe.session.user
	if user == "Administrator":
		return
	key = (care_recipient, reference_doctype, reference_name, access_type, user)
	logged = getattr(frappe.local, "care_access_logged", None)
	if logged is None:
		logged = frappe.local.care_access_logged = set()
	if key in logged:
		return
	logged.add(key)
	request = getattr(frappe.local, "request", None)
	frappe.get_doc(
		{
			"doctype": LOG_DOCTYPE,
			"care_recipient": care_recipient,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"access_type": access_type,
			"user": user,
			"accessed_at": now_datetime(),
			"request_path": (request.path if request else None),
		}
	).insert(ignore_permissions=True)  # written by the app for the reader, who may not write the log
	if request is not None and request.method == "GET":
		frappe.local.flags.commit = True  # a read is logged even though a GET request never writes
