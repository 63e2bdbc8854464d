# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from wuse_app.domain import consultation as rules
from wuse_app.domain import gbt9704
from wuse_app.domain.formatting import gbt9704_number, official_date
from wuse_app.setup.roles import COMMUNITY_SECRETARY, WUSE_ADMINISTRATOR
from wuse_app.utils.settings import get_settings
from wuse_app.utils.validation import domain_errors, throw

PRESENT = "Present"
# Who records the community party organisation's review of a major item (the community secretary
# is the secretary of the community party organisation).
PARTY_REVIEW_ROLES = frozenset({COMMUNITY_SECRETARY, WUSE_ADMINISTRATOR})


def required_participant_types() -> list[str]:
	"""The participant types a consultation must have present (Wuse Settings, one per line)."""
	text = get_settings().get("consultation_required_participant_types")
	with domain_errors():
		return rules.parse_required_types(text)


class CommunityConsultation(Document):
	def validate(self) -> None:
		self.stamp_party_reviews()
		present = sum(1 for p in self.participants if p.attendance == PRESENT)
		for item in self.agenda_items:
			with domain_errors(_("Invalid vote")):
				rules.validate_vote(
					self.item_label(item),
					rules.Vote(item.votes_for or 0, item.votes_against or 0, item.votes_abstain or 0),
					present,
				)
			if item.decision and item.item_status == "Open":
				item.item_status = "Decided"
		self.missing_participant_types = "\n".join(
			_(value)
			for value in rules.missing_participant_types(self.present_types(), required_participant_types())
		)

	def present_types(self) -> list[str]:
		return [p.participant_type for p in self.participants if p.attendance == PRESENT]

	def item_label(self, item) -> str:
		return str(item.idx)

	def stamp_party_reviews(self) -> None:
		"""The party review is recorded by the community secretary: who and when are stamped by the server."""
		before = self.get_doc_before_save()
		previous = {row.name: row.party_review_opinion for row in (before.agenda_items if before else [])}
		may_review = (
			bool(PARTY_REVIEW_ROLES & set(frappe.get_roles())) or frappe.session.user == "Administrator"
		)
		for item in self.agenda_items:
			if (item.party_review_opinion or "") == (previous.get(item.name) or ""):
				continue
			if not may_review:
				throw(
					_(
						"Only the community secretary records the party organisation's review (item {0})."
					).format(item.idx),
					exc=frappe.PermissionError,
				)
			if item.party_review_opinion:
				item.party_reviewed_by = frappe.session.user
				item.party_reviewed_on = today()
			else:
				item.party_reviewed_by = item.party_reviewed_on = None

	def get_print_layout(self) -> gbt9704.Layout:
		"""The minutes (会议纪要) laid out to GB/T 9704-2012 by the app's typesetting."""
		return gbt9704.typeset(minutes_content(self))

	def get_pdf_zoom(self) -> float:
		from wuse_app.utils.print_support import pdf_zoom

		return pdf_zoom()

	def before_submit(self) -> None:
		with domain_errors(_("Cannot complete the consultation")):
			rules.validate_completion(self.present_types(), required_participant_types())
			rules.validate_major_items_reviewed(
				(
					self.item_label(item),
					bool(item.is_major),
					bool(item.party_reviewed_by and item.party_review_opinion),
				)
				for item in self.agenda_items
			)

	def on_submit(self) -> None:
		self.create_follow_ups()

	def create_follow_ups(self) -> None:
		"""Each decision with a follow-up owner becomes a ToDo assigned to that owner."""
		for item in self.agenda_items:
			if not (item.decision and item.follow_up_owner) or item.todo:
				continue
			todo = frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": item.follow_up_owner,
					"assigned_by": frappe.session.user,
					"reference_type": self.doctype,
					"reference_name": self.name,
					"date": item.follow_up_due,
					"description": _("Follow up the decision of {0}, item {1}: {2}").format(
						self.title, item.idx, frappe.utils.escape_html(item.decision)
					),
				}
			).insert(ignore_permissions=True)  # the completing user's decision, assigned on their behalf
			item.db_set({"todo": todo.name, "item_status": "In Follow-up"})


def _names(rows) -> str:
	return "、".join(row.participant_name for row in rows)


def minutes_content(doc: CommunityConsultation) -> gbt9704.DocumentContent:
	"""What the minutes say: 时间, 地点, 主持, 出席, 列席 and the numbered 议定事项 (GB/T 9704 纪要)."""
	community = frappe.db.get_value("Community", doc.community, "community_name") or doc.community
	date = official_date(getdate(doc.consultation_date)) if doc.consultation_date else ""
	present = [p for p in doc.participants if p.attendance == PRESENT]
	attending = [p for p in doc.participants if p.attendance == "Attending Without Vote"]
	body = [
		gbt9704.Paragraph(f"时间：{date}"),
		gbt9704.Paragraph(f"地点：{doc.venue or ''}"),
		gbt9704.Paragraph(f"主持：{doc.convenor or ''}"),
		gbt9704.Paragraph(f"出席：{_names(present)}"),
	]
	if attending:
		body.append(gbt9704.Paragraph(f"列席：{_names(attending)}"))
	if doc.recorder:
		body.append(gbt9704.Paragraph(f"记录：{doc.recorder}"))
	body.append(gbt9704.Paragraph("会议议定事项如下："))
	decided = [item for item in doc.agenda_items if item.decision]
	for number, item in enumerate(decided, 1):
		text = f"{gbt9704_number(number)}{_sentence(item.issue)}{_sentence(item.decision)}"
		if item.votes_for or item.votes_against or item.votes_abstain:
			text += f"表决结果：同意{item.votes_for or 0}票，反对{item.votes_against or 0}票，弃权{item.votes_abstain or 0}票。"
		if item.is_major and item.party_review_opinion:
			text += f"经社区党组织研究：{_sentence(item.party_review_opinion)}"
		if item.responsible_party:
			text += f"责任方：{_sentence(item.responsible_party)}"
		body.append(gbt9704.Paragraph(text))
	return gbt9704.DocumentContent(
		organ_mark=f"{community}议事协商纪要",
		document_number="",
		title=doc.title or "",
		body=tuple(body),
		printing_organ=community,
		printing_date=date,
	)


def _sentence(text: str | None) -> str:
	text = (text or "").strip()
	if text and text[-1] not in "。！？；":
		text += "。"
	return text
