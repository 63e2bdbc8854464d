# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.model.document import Document
from frappe.model.workflow import get_workflow_name
from frappe.utils import getdate, now_datetime

from wuse_app.approvals.config import get_policy
from wuse_app.documents.print_settings import document_defaults, image_data_uri
from wuse_app.domain import gbt9704
from wuse_app.domain import official_document as rules
from wuse_app.domain.formatting import official_date
from wuse_app.utils.print_support import pdf_zoom
from wuse_app.utils.settings import get_settings
from wuse_app.utils.validation import domain_errors
from wuse_app.wuse_setup.doctype.wuse_sequence.wuse_sequence import next_value

# Fields that may still change once the document is issued (everything else is locked).
UNLOCKED_AFTER_ISSUE = frozenset({"workflow_state"})
SEQUENCE_PLACEHOLDER = "\u3000\u3000"  # two full-width spaces where a draft's number will go


class OfficialDocument(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		absentees: DF.SmallText | None
		add_wenjian_to_header: DF.Check
		attendees: DF.SmallText | None
		classification: DF.Literal["", "秘密", "机密", "绝密"]
		copy_number: DF.Data | None
		document_kind: DF.Link | None
		kind_header_suffix: DF.Data | None
		kind_layout: DF.Data | None
		observers: DF.SmallText | None
		organ_mark: DF.Data | None
		seal_image: DF.AttachImage | None
		secrecy_period: DF.Data | None
		sent_upward: DF.Check
		signers: DF.SmallText | None
		urgency: DF.Literal["", "加急", "特急"]
		amended_from: DF.Link | None
		attachment_note: DF.SmallText | None
		body: DF.TextEditor
		cc: DF.SmallText | None
		document_date: DF.Date
		document_number: DF.Data | None
		document_series: DF.Data
		enclosure_body: DF.TextEditor | None
		enclosure_title: DF.Data | None
		issued_by: DF.Link | None
		issued_on: DF.Datetime | None
		issuing_organ: DF.Data
		main_recipients: DF.SmallText | None
		manual_sequence_number: DF.Int
		printing_date: DF.Date | None
		printing_organ: DF.Data | None
		publication_note: DF.Data | None
		return_reason: DF.SmallText | None
		sequence_number: DF.Int
		signing_organ: DF.Data | None
		title: DF.Data
		workflow_state: DF.Link | None
		year: DF.Int
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_issued_content_unchanged()
		self.set_missing_values()
		self.validate_document_series()
		self.validate_manual_sequence_number()
		self.validate_header_marks()
		self.validate_return_reason()
		if self._action == "submit":
			# Here rather than in before_submit: the approval layer's general no-self-decision rule
			# (a validate hook) would otherwise answer first, less precisely.
			self.validate_issuer()

	def before_submit(self) -> None:
		self.validate_issue_from_review()
		self.assign_document_number()

	def before_update_after_submit(self) -> None:
		self.validate_issued_content_unchanged()

	def on_update(self) -> None:
		self.comment_on_return()

	# validation steps
	def validate_issued_content_unchanged(self) -> None:
		"""Once issued, no content field changes, whatever the form or the API sends."""
		previous = self.get_doc_before_save()
		if not previous or previous.docstatus != 1:
			return
		changed = rules.changed_fields(previous.as_dict(), self.as_dict(), self.locked_fields())
		with domain_errors(_("Document Issued")):
			rules.check_unchanged_after_issue([_(self.meta.get_label(f)) for f in changed])

	def set_missing_values(self) -> None:
		if self.is_new():
			# Issuing organ, 发文字号 series, 印发机关 and 抄送 as the administrator set them in Wuse Settings.
			for fieldname, value in document_defaults(self.document_kind).items():
				if value and not self.get(fieldname):
					self.set(fieldname, value)
		for fieldname in ("issuing_organ", "document_series", "signing_organ", "printing_organ"):
			if self.get(fieldname):
				self.set(fieldname, self.get(fieldname).strip())
		if not self.signing_organ:
			self.signing_organ = self.issuing_organ
		if self.printing_organ and not self.printing_date:
			self.printing_date = self.document_date
		with domain_errors():
			self.year = rules.document_year(self.year, self.document_date and getdate(self.document_date))

	def validate_document_series(self) -> None:
		with domain_errors(_("Invalid Document Series")):
			rules.document_number(self.document_series, self.year, 1)

	def validate_manual_sequence_number(self) -> None:
		with domain_errors():
			rules.check_manual_sequence_number(self.manual_sequence_number)

	def validate_header_marks(self) -> None:
		"""份号 is stored as printed (6 digits); a secrecy period needs a classification."""
		with domain_errors(_("Invalid Header Marks")):
			self.copy_number = rules.copy_number(self.copy_number) or None
			rules.check_secrecy_period(self.classification, self.secrecy_period)

	def validate_return_reason(self) -> None:
		"""A transition marked "Reason Required" in the workflow (the return to draft) needs a reason;
		submitting the document again for review (Editing → Review) clears it."""
		previous_state = self.previous_workflow_state()
		policy = get_policy(self.doctype)
		if policy is None or previous_state is None or previous_state == self.workflow_state:
			return
		if self.is_return(previous_state):
			with domain_errors(_("Reason Required")):
				rules.check_return_reason(self.return_reason)
		elif policy.is_editing(previous_state) and policy.is_review(self.workflow_state):
			self.return_reason = None

	def is_return(self, previous_state: str | None) -> bool:
		policy = get_policy(self.doctype)
		return bool(
			policy
			and previous_state
			and previous_state != self.workflow_state
			and policy.reason_required(previous_state, self.workflow_state)
		)

	def validate_issuer(self) -> None:
		with domain_errors(_("Not Allowed")):
			rules.check_can_issue(frappe.session.user, self.owner)

	def validate_issue_from_review(self) -> None:
		if not get_workflow_name(self.doctype):
			return
		previous_state = self.previous_workflow_state()
		policy = get_policy(self.doctype)
		with domain_errors(_("Not Allowed")):
			rules.check_issue_from_review(previous_state, bool(policy and policy.is_review(previous_state)))

	# issuing
	def assign_document_number(self) -> None:
		"""Take the next free number of the series and year, in the transaction that issues the document.

		The Wuse Sequence counter row stays locked until the transaction ends, and is rolled back with
		it if issuing fails, so numbers are unique and gap-free. A number an administrator entered for
		a document numbered outside the app is used as it is and skipped by the counter later.
		"""
		if self.manual_sequence_number:
			number = int(self.manual_sequence_number)
			if self.sequence_number_taken(number):
				frappe.throw(
					_("Number {0} of {1} in {2} has already been used.").format(
						number, self.document_series, self.year
					),
					title=_("Number Already Used"),
				)
		else:
			key = rules.sequence_key(self.document_series, self.year)
			number = next_value(key)
			while self.sequence_number_taken(number):
				number = next_value(key)
		self.sequence_number = number
		with domain_errors():
			self.document_number = rules.document_number(self.document_series, self.year, number)
		self.issued_by = frappe.session.user
		self.issued_on = now_datetime()
		# The seal printed on this document is the one in use when it was issued.
		self.seal_image = get_settings().get("seal_image") or None

	def sequence_number_taken(self, number: int) -> bool:
		return bool(
			frappe.db.exists(
				"Official Document",
				{
					"document_series": self.document_series,
					"year": self.year,
					"sequence_number": number,
					"name": ("!=", self.name),
				},
			)
		)

	def comment_on_return(self) -> None:
		if self.is_return(self.previous_workflow_state()):
			self.add_comment("Comment", _("Returned to draft: {0}").format(frappe.bold(self.return_reason)))

	# helpers
	def previous_workflow_state(self) -> str | None:
		previous = self.get_doc_before_save()
		return previous.workflow_state if previous else None

	def locked_fields(self) -> list[str]:
		return [
			df.fieldname
			for df in self.meta.fields
			if df.fieldtype not in no_value_fields and df.fieldname not in UNLOCKED_AFTER_ISSUE
		]

	# printing (called from the "Official Document (GB/T 9704)" print format)
	def get_print_layout(self) -> gbt9704.Layout:
		"""The pages of this document laid out to GB/T 9704-2012 (see wuse_app.domain.gbt9704)."""
		return gbt9704.typeset(print_content(self))

	def get_pdf_zoom(self) -> float:
		return pdf_zoom()

	def get_seal_data_uri(self) -> str:
		"""The seal, for issued documents only (never on drafts or revoked ones)."""
		if self.docstatus != 1 or not self.seal_image:
			return ""
		return image_data_uri(self.seal_image)


def print_content(doc: OfficialDocument) -> gbt9704.DocumentContent:
	"""What the GB/T 9704 print format shows of an Official Document."""
	year = doc.year or (doc.document_date and getdate(doc.document_date).year)
	if doc.document_number:
		number = doc.document_number
	elif doc.document_series and year:
		number = f"{doc.document_series}〔{year}〕{SEQUENCE_PLACEHOLDER}号"
	else:
		number = ""
	organ = (doc.issuing_organ or "").strip()
	kind = document_kind(doc)
	variant = kind.get("layout") if kind.get("layout") in gbt9704.VARIANTS else gbt9704.STANDARD
	if kind.get("header_suffix"):
		suffix = kind["header_suffix"].strip()
	elif variant == gbt9704.LETTER:
		suffix = ""  # 信函格式: the organ's name alone
	else:
		suffix = "文件" if doc.add_wenjian_to_header else ""
	attendance = ()
	if variant == gbt9704.MINUTES:
		attendance = tuple(
			(label, "、".join(gbt9704.split_names(doc.get(field))))
			for label, field in (("出席", "attendees"), ("请假", "absentees"), ("列席", "observers"))
			if doc.get(field)
		)
	return gbt9704.DocumentContent(
		organ_mark=(doc.organ_mark or "").strip() or (organ + (suffix if organ else "")),
		seal=bool(doc.docstatus == 1 and doc.seal_image),
		copy_number=doc.copy_number or "",
		classification=gbt9704.format_classification(doc.classification, doc.secrecy_period),
		urgency=doc.urgency or "",
		signers=gbt9704.split_names(doc.signers) if kind.get("sent_upward") else (),
		variant=variant,
		attendance=attendance,
		document_number=number,
		title=doc.title or "",
		main_recipients=doc.main_recipients or "",
		body=gbt9704.paragraphs_from_html(doc.body),
		attachments=gbt9704.attachment_lines(doc.attachment_note),
		signing_organ=doc.signing_organ or organ,
		document_date=official_date(getdate(doc.document_date)) if doc.document_date else "",
		publication_note=doc.publication_note or "",
		enclosure_title=doc.enclosure_title or "",
		enclosure=gbt9704.paragraphs_from_html(doc.enclosure_body),
		cc=doc.cc or "",
		printing_organ=doc.printing_organ or "",
		printing_date=official_date(getdate(doc.printing_date)) if doc.printing_date else "",
	)


def document_kind(doc: OfficialDocument) -> dict:
	"""The layout settings of the document's kind (文种), copied from the master when the document is
	saved (fetch_from): an issued document keeps the layout it was issued with."""
	if not doc.document_kind:
		return {}
	return {
		"layout": doc.kind_layout,
		"sent_upward": doc.sent_upward,
		"header_suffix": doc.kind_header_suffix,
	}
