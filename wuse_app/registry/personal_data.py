"""Personal data (resident ID numbers, mobiles) on person records: validation, masking, redaction.

ID numbers sit at permission level 1: only Wuse Administrators and Sub-district Reviewers read them.
Community staff and social workers may *write* level 1 (to register a person) without reading it, so
the form and REST give them the record without the number; saving it back with the number left blank
keeps the registered number. Mobiles sit at level 2, readable by the staff who work with the person.
Everyone sees the masked copies (`id_number_masked`, `mobile_masked`).
"""

from __future__ import annotations

import json

import frappe
from frappe import _

from wuse_app.domain.mobile import mask_mobile, normalize_mobile
from wuse_app.domain.resident_id import mask_resident_id, parse_resident_id
from wuse_app.utils.access_log import AuditedReadMixin
from wuse_app.utils.validation import domain_errors

# The birth date and gender are the digits the masked ID number hides (500114********0025 plus
# 1950-01-02 gives 500114195001020025), so they sit at the ID number's permission level and are
# treated like it everywhere. Staff who need an age see `birth_year`: with the masked number it
# leaves every day of that year open (about 33 candidates after the check digit), and no endpoint
# lets a user test a candidate (filters on hidden fields are refused).
BIRTH_DATE_FIELDS = ("gender", "date_of_birth")

# doctype -> personal fields whose values must never appear in clear in the change log, nor be
# used in filters, sorting or grouping by users who cannot read them.
SENSITIVE_FIELDS: dict[str, tuple[str, ...]] = {
	"Social Worker": ("id_number", "mobile", *BIRTH_DATE_FIELDS),
	"Volunteer": ("id_number", "mobile", *BIRTH_DATE_FIELDS),
	"Donor": ("id_number", "mobile", *BIRTH_DATE_FIELDS),
	"Social Organization": ("contact_mobile",),
	"Resident Need": ("contact_mobile",),
}
MASKERS = {"id_number": mask_resident_id, "mobile": mask_mobile, "contact_mobile": mask_mobile}


class PersonalDataMixin(AuditedReadMixin):
	"""For doctypes with `id_number`, `id_number_masked`, `gender`, `date_of_birth`, `birth_year`, `mobile`, `mobile_masked`."""

	# Opening a record with the clear ID number is logged (wuse_app/utils/access_log.py).
	AUDITED_READ_FIELDS = ("id_number",)

	def validate_id_number(self, required: bool = True) -> None:
		self.keep_registered_value_when_blank("id_number")
		if not self.id_number:
			if required:
				frappe.throw(_("Enter the resident ID number."), title=_("Missing ID number"))
			self.id_number_masked = self.gender = self.date_of_birth = self.birth_year = None
			return
		with domain_errors(_("Invalid ID number")):
			parsed = parse_resident_id(self.id_number)
		self.id_number = parsed.number
		self.id_number_masked = parsed.masked
		self.gender = parsed.gender
		self.date_of_birth = parsed.birth_date
		# What staff who cannot read the ID see of the person's age (see BIRTH_DATE_FIELDS).
		self.birth_year = parsed.birth_date.year
		self.validate_id_number_not_registered()

	def validate_id_number_not_registered(self) -> None:
		"""A person is registered once. The message names the existing record only to users who may read ID numbers."""
		existing = frappe.db.get_value(
			self.doctype, {"id_number": self.id_number, "name": ("!=", self.name or "")}, "name"
		)
		if not existing:
			return
		if not self.has_permlevel_access_to("id_number", permission_type="read"):
			# Naming the record would tell a user who cannot read ID numbers whose number this is.
			frappe.throw(
				_(
					"This ID number is already registered. Ask a Wuse Administrator to find the existing record."
				),
				exc=frappe.DuplicateEntryError,
				title=_("Already registered"),
			)
		frappe.throw(
			_(
				"This ID number is already registered: {0} {1}. Open that record instead of registering again."
			).format(_(self.doctype), existing),
			exc=frappe.DuplicateEntryError,
			title=_("Already registered"),
		)

	def validate_mobile(
		self, fieldname: str = "mobile", masked_fieldname: str | None = "mobile_masked"
	) -> None:
		if not self.get(fieldname):
			if masked_fieldname:
				self.set(masked_fieldname, None)
			return
		with domain_errors(_("Invalid mobile number")):
			self.set(fieldname, normalize_mobile(self.get(fieldname)))
		if masked_fieldname:
			self.set(masked_fieldname, mask_mobile(self.get(fieldname)))

	def keep_registered_value_when_blank(self, fieldname: str) -> None:
		"""Users who may write but not read a field get it blank; blank then means "unchanged"."""
		if self.is_new() or self.get(fieldname):
			return
		if self.has_permlevel_access_to(fieldname, permission_type="read"):
			return  # a user who can see the value cleared it on purpose
		self.set(fieldname, frappe.db.get_value(self.doctype, self.name, fieldname))


def redact_version(doc, method=None) -> None:
	"""`Version` before_insert: replace personal values in the change log by their masked form.

	The form timeline shows the change log to everyone who can read the record, field levels aside.
	"""
	fields = SENSITIVE_FIELDS.get(doc.ref_doctype)
	if not fields or not doc.data:
		return
	data = json.loads(doc.data)
	changed = False
	for row in data.get("changed") or []:
		if row and row[0] in fields:
			mask = MASKERS.get(row[0], lambda value: "***")
			row[1] = mask(row[1]) if row[1] else row[1]
			row[2] = mask(row[2]) if row[2] else row[2]
			changed = True
	if changed:
		doc.data = json.dumps(data, sort_keys=True, indent=1)


def guard_personal_data_filters(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` for doctypes with personal data.

	The second line of `wuse_app.registry.query_guard` (which checks every request before it runs):
	a whitelisted method that hands the request's filters to `frappe.get_list` is checked here
	against the same rules. It adds no condition of its own.
	"""
	user = user or frappe.session.user
	form = getattr(frappe.local, "form_dict", None)
	if not doctype or doctype not in SENSITIVE_FIELDS or user == "Administrator" or not form:
		return ""
	if user != frappe.session.user:
		return ""  # a query built for another user (reports, notifications): not this request's filters
	from wuse_app.registry.query_guard import check_form

	check_form(form, doctype)
	return ""
