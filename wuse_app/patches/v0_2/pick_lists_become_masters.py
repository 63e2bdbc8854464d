"""Four pick-lists become masters an administrator owns: Social Worker's qualification level, Donation's
payment method, Community Emergency's emergency type and a consultation agenda item's classification
were Select fields with their options in the doctype; they are now Links to Social Work Qualification,
Payment Method, Emergency Type and Agenda Classification.

The masters are seeded from fixtures/masters/ first (so the shipped levels keep their "national
qualification" mark), then every value the site already uses or that an administrator added as a
Select option in Customize Form becomes a record too, so no stored value is left pointing nowhere. The
Property Setters that changed the old Select options are removed: they would override the Link's
target. Two qualification levels are renamed: "None" is "Not Qualified" (a record named "None" would
read as no value at all) and "Social Worker" is "Intermediate Social Worker" (社会工作师, the middle
level; the bare name translates as the role, 社会工作者).
"""

from __future__ import annotations

import frappe

from wuse_app.registry.doctype.social_worker.social_worker import national_qualifications
from wuse_app.setup.data_files import read_csv
from wuse_app.setup.masters import MASTERS, ensure_rows

PICK_LISTS = (
	("Social Worker", "qualification_level", "Social Work Qualification"),
	("Donation", "payment_method", "Payment Method"),
	("Community Emergency", "emergency_type", "Emergency Type"),
	("Consultation Agenda Item", "classification", "Agenda Classification"),
)
RENAMED_LEVELS = (("Not Qualified", ["", "None"]), ("Intermediate Social Worker", ["Social Worker"]))


def execute() -> None:
	worker = frappe.qb.DocType("Social Worker")
	for new, old in RENAMED_LEVELS:
		condition = worker.qualification_level.isin(old)
		if "" in old:
			condition = condition | worker.qualification_level.isnull()
		frappe.qb.update(worker).set(worker.qualification_level, new).where(condition).run()
	name_fields = {doctype: (fieldname, filename) for doctype, fieldname, filename in MASTERS}
	for doctype, fieldname, master in PICK_LISTS:
		name_field, filename = name_fields[master]
		ensure_rows(master, name_field, read_csv("masters", filename))
		values = set(
			frappe.get_all(doctype, filters={fieldname: ["is", "set"]}, pluck=fieldname, distinct=True)
		)
		filters = {"doc_type": doctype, "field_name": fieldname, "property": ["in", ["options", "fieldtype"]]}
		for setter in frappe.get_all(
			"Property Setter", filters=filters, fields=["name", "property", "value"]
		):
			if setter.property == "options":
				values.update(option.strip() for option in (setter.value or "").split("\n"))
			frappe.delete_doc("Property Setter", setter.name, ignore_permissions=True, force=True)
		values -= {"", "None"} | ({"Social Worker"} if master == "Social Work Qualification" else set())
		ensure_rows(master, name_field, [{name_field: value} for value in sorted(values)])
		frappe.clear_cache(doctype=doctype)
	# The form shows the certificate fields by the level's mark, fetched into the worker's record.
	national = list(national_qualifications()) or [""]
	frappe.qb.update(worker).set(
		worker.national_qualification, worker.qualification_level.isin(national)
	).run()
