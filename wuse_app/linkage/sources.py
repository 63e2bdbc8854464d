"""One click from where a need is noticed to a Resident Need: a consultation's agenda item (议题), a
care visit or a care assessment.

The new need links back to the record it was raised from (`source_document_type`, `source_document`,
and for an agenda item the row); the agenda item links to the need. Permission is checked here, for
every way in (form button, REST):

- the caller may create Resident Needs, and the need itself is inserted with the caller's permissions
  (community scope of Linkage fails closed);
- a care visit or assessment: the caller may read the care file (its assigned social worker, the
  community's secretary, Wuse Administrators; a volunteer's own visit task does not count);
- an agenda item: the caller may write the consultation; an item raises one need.

The need never copies the care file's ID number or contacts, nor a child's name (domain rule
`care.need_identity`): needs are read by more people than care files.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint

from wuse_app.domain import care as care_rules
from wuse_app.utils.settings import get_settings
from wuse_app.utils.validation import domain_errors, throw

CONSULTATION = "Community Consultation"
CARE_SOURCES = frozenset({"Care Visit", "Care Assessment"})
SOURCE_DOCTYPES = frozenset({CONSULTATION, *CARE_SOURCES})


@frappe.whitelist(methods=["POST"])
def raise_need(
	source_doctype: str,
	source_name: str,
	category: str,
	description: str,
	need_source: str,
	urgency: str | None = None,
	people_affected: int = 1,
	row: str | None = None,
) -> str:
	"""Create a Resident Need from a consultation item, care visit or care assessment; returns its name."""
	if source_doctype not in SOURCE_DOCTYPES:
		throw(_("A Resident Need cannot be raised from {0}.").format(_(source_doctype)))
	frappe.has_permission("Resident Need", "create", throw=True)
	with domain_errors(_("Cannot raise the need")):
		description = care_rules.validate_need_description(description)
	values = {
		"category": category,
		"description": description,
		"source": need_source,
		"urgency": urgency or get_settings().default_urgency,
		"people_affected": cint(people_affected) or 1,
		"source_document_type": source_doctype,
		"source_document": source_name,
	}
	if source_doctype == CONSULTATION:
		return _raise_from_agenda_item(source_name, row, values)
	return _raise_from_care_record(source_doctype, source_name, values)


def _insert_need(values: dict):
	need = frappe.get_doc({"doctype": "Resident Need", **values})
	need.flags.server_update = True  # keeps the source fields set here (clients cannot set them)
	need.insert()  # with the caller's permissions: Linkage's community scope applies
	return need


def _raise_from_care_record(doctype: str, name: str, values: dict) -> str:
	from wuse_app.care.access import may_read_file

	if not frappe.db.exists(doctype, name):
		throw(_("{0} {1} does not exist.").format(_(doctype), name))
	doc = frappe.get_doc(doctype, name)
	care_file = frappe.db.get_value(
		"Care Recipient",
		doc.care_recipient,
		[
			"name",
			"community",
			"assigned_social_worker",
			"full_name",
			"is_child",
			"personal_data_erased",
		],
		as_dict=True,
	)
	if not may_read_file(care_file.community, care_file.assigned_social_worker, frappe.session.user):
		throw(
			_("Only those who may read the care file can raise a need from it."),
			exc=frappe.PermissionError,
			title=_("Not allowed"),
		)
	doc.check_permission("read")  # and the read is logged like any other
	identity = care_rules.need_identity(
		bool(care_file.is_child), bool(care_file.personal_data_erased), care_file.full_name
	)
	values.update(
		community=care_file.community,
		resident_name=identity.resident_name,
		responsible_party="Social Worker" if care_file.assigned_social_worker else None,
		responsible_social_worker=care_file.assigned_social_worker,
	)
	need = _insert_need(values)
	return need.name


def _raise_from_agenda_item(name: str, row: str | None, values: dict) -> str:
	if not frappe.db.exists(CONSULTATION, name):
		throw(_("{0} {1} does not exist.").format(_(CONSULTATION), name))
	# Lock the consultation: two clicks at once raise one need.
	frappe.db.get_value(CONSULTATION, name, "name", for_update=True)
	consultation = frappe.get_doc(CONSULTATION, name)
	consultation.check_permission("write")
	item = next((i for i in consultation.agenda_items if i.name == row), None) if row else None
	if item is None:
		throw(_("Choose an agenda item of consultation {0}.").format(name))
	if item.resident_need:
		throw(
			_("Agenda item {0} is already linked to Resident Need {1}.").format(item.idx, item.resident_need)
		)
	values.update(community=consultation.community, source_row=item.name)
	need = _insert_need(values)
	item.db_set("resident_need", need.name)
	consultation.add_comment(
		"Info", _("Agenda item {0} raised Resident Need {1}.").format(item.idx, need.name)
	)
	return need.name
