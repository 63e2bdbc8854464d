"""Official Document: the GB/T 9704-2012 版头 elements and the variants chosen by the document kind (文种).

One PDF per variant, measured like the seed document's (tests/integration/test_official_document.py):
份号, 密级和保密期限, 紧急程度 and 签发人 of an upward 请示; the letter format (信函格式) of a 函; the
minutes heading and attendance of a 纪要. Each is printed only when filled.
"""

from __future__ import annotations

import frappe
import pytest
from official_documents import PT_PER_MM, Office, as_user, pdf_fonts, read_pdf, render_pdf

from wuse_app.documents.doctype.official_document.official_document import print_content
from wuse_app.domain import gbt9704

DOCTYPE = "Official Document"
KIND = "Official Document Kind"
CELL = 156 / 28  # mm


@pytest.fixture
def office() -> Office:
	return Office.make()


def _rendered(make) -> tuple[bytes, list]:
	"""Build, issue and print one document, then roll it all back (module-scoped PDFs)."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	with pytest.MonkeyPatch.context() as patch:
		patch.setattr(frappe.db, "commit", lambda *args, **kwargs: None)
		try:
			doc = make(Office.make())
			pdf = render_pdf(doc.name)
		finally:
			frappe.db.rollback()
			frappe.set_user("Administrator")
	return pdf, read_pdf(pdf)


def word(page, text: str):
	return next(w for w in page.words if text in w.text)


# The kinds -----------------------------------------------------------------------------------------
def test_the_kinds_of_the_regulations_are_seeded_with_their_layouts():
	kinds = {
		k.name: k for k in frappe.get_all(KIND, fields=["name", "layout", "sent_upward", "header_suffix"])
	}
	for name in ("通知", "请示", "报告", "函", "纪要", "决定", "意见", "批复", "通报"):
		assert name in kinds, name
	assert kinds["函"].layout == "Letter" and kinds["纪要"].layout == "Minutes"
	assert kinds["纪要"].header_suffix == "纪要"
	assert kinds["请示"].sent_upward and kinds["报告"].sent_upward and not kinds["通知"].sent_upward


def test_seeding_again_keeps_an_administrators_kinds():
	from wuse_app.setup.masters import ensure_official_document_kinds

	frappe.db.set_value(KIND, "意见", "sent_upward", 1)
	ensure_official_document_kinds()
	assert frappe.db.get_value(KIND, "意见", "sent_upward") == 1


def test_a_kind_an_administrator_adds_chooses_the_layout(office):
	kind = frappe.get_doc({"doctype": KIND, "kind_name": "复函测试", "layout": "Letter"}).insert()
	doc = office.draft(document_kind=kind.name)
	assert doc.kind_layout == "Letter"
	assert print_content(doc).variant == gbt9704.LETTER
	assert print_content(doc).organ_mark == doc.issuing_organ, "a letter's header is the organ's name alone"


def test_an_issued_document_keeps_the_layout_it_was_issued_with(office):
	doc = office.issue(office.draft(document_kind="纪要", attendees="张三"))
	frappe.db.set_value(KIND, "纪要", {"layout": "Standard", "header_suffix": ""})
	doc = frappe.get_doc(DOCTYPE, doc.name)
	content = print_content(doc)
	assert content.variant == gbt9704.MINUTES and content.organ_mark.endswith("纪要")


def test_signers_print_only_for_kinds_sent_upward(office):
	notice = office.draft(document_kind="通知", signers="张三")
	request = office.draft(document_kind="请示", signers="张三\n李四")
	assert print_content(notice).signers == ()
	assert print_content(request).signers == ("张三", "李四")


# Validation ----------------------------------------------------------------------------------------
def test_copy_number_is_stored_with_six_digits(office):
	assert office.draft(copy_number="12").copy_number == "000012"


@pytest.mark.parametrize("value", ["1234567", "12a", "１２"])
def test_a_copy_number_that_is_not_six_digits_is_refused(office, value):
	with pytest.raises(frappe.ValidationError, match="份号"):
		office.draft(copy_number=value)


def test_a_secrecy_period_needs_a_classification(office):
	with pytest.raises(frappe.ValidationError, match="密级"):
		office.draft(secrecy_period="1年")


def test_header_elements_are_locked_once_issued(office):
	doc = office.issue(office.draft(urgency="加急"))
	doc = frappe.get_doc(DOCTYPE, doc.name)
	doc.urgency = "特急"
	with pytest.raises(frappe.ValidationError, match="Issued documents cannot be changed"):
		doc.save()


def test_unfilled_elements_are_not_printed(office):
	content = print_content(office.draft(document_kind="通知"))
	assert (content.copy_number, content.classification, content.urgency, content.signers) == ("", "", "", ())
	assert content.variant == gbt9704.STANDARD and content.attendance == ()


# PDFs ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def request_pages(frappe_site):
	def make(office):
		return office.issue(
			office.draft(
				document_kind="请示",
				title="关于申请社区志愿服务站建设经费的请示",
				main_recipients="区民政局",
				copy_number="12",
				classification="秘密",
				secrecy_period="1年",
				urgency="特急",
				signers="张三\n李四\n王五",
			)
		)

	return _rendered(make)


@pytest.fixture(scope="module")
def letter_pages(frappe_site):
	def make(office):
		return office.issue(
			office.draft(
				document_kind="函",
				title="关于商请支持社区志愿服务的函",
				main_recipients="区民政局",
				copy_number="3",
				urgency="加急",
				cc="区委组织部",
				printing_organ="正阳街道党政办公室",
			)
		)

	return _rendered(make)


@pytest.fixture(scope="module")
def minutes_pages(frappe_site):
	def make(office):
		return office.issue(
			office.draft(
				document_kind="纪要",
				title="五社联动工作推进会纪要",
				main_recipients="",
				attendees="谭颂、徐小琴\n陈书文",
				absentees="彭军",
			)
		)

	return _rendered(make)


def test_request_pdf_prints_the_header_elements_top_left(request_pages):
	pdf, pages = request_pages
	first = pages[0]
	copy, secret, urgent = word(first, "000012"), word(first, "秘密★1年"), word(first, "特急")
	for element in (copy, secret, urgent):
		assert abs(element.x_min - 28 * PT_PER_MM) <= 1.5 * PT_PER_MM, element  # 顶格
	assert abs(copy.y_min - 37 * PT_PER_MM) <= 2 * PT_PER_MM, copy  # 版心左上角第一行
	pitch = 225 / 22 * PT_PER_MM
	assert abs(secret.y_min - copy.y_min - pitch) <= 1.5 and abs(urgent.y_min - secret.y_min - pitch) <= 1.5
	assert "\ufffd" not in first.text and pdf_fonts(pdf)


def test_request_pdf_places_the_signers_right_and_the_number_left(request_pages):
	_pdf, pages = request_pages
	first = pages[0]
	label = word(first, "签发人")
	last_signer = word(first, "王五")
	number = next(w for w in first.words if "〔" in w.text)
	right = max(w.x_max for w in first.words if abs(w.y_min - label.y_min) < 2)
	assert abs(right - (184 - CELL) * PT_PER_MM) <= 2 * PT_PER_MM, right  # 居右空一字
	assert abs(number.x_min - (28 + CELL) * PT_PER_MM) <= 2 * PT_PER_MM, number  # 居左空一字
	assert abs(number.y_min - last_signer.y_min) <= 2, "the number is on the line of the last signer"
	assert "张三" in first.compact and "李四" in first.compact


def test_letter_pdf_uses_the_letter_format(letter_pages):
	pdf, pages = letter_pages
	first = pages[0]
	mark = word(first, "正阳街道办事处")
	assert "文件" not in first.compact[:40], "a letter's header is the organ's name alone"
	assert abs(mark.y_min - 30 * PT_PER_MM) <= 3 * PT_PER_MM, mark.y_min  # 上边缘至上页边 30 mm
	number = next(w for w in first.words if "〔" in w.text)
	assert abs(number.x_max - 184 * PT_PER_MM) <= 2 * PT_PER_MM, number  # 顶格居版心右边缘
	copy = word(first, "000003")
	assert abs(copy.x_min - 28 * PT_PER_MM) <= 1.5 * PT_PER_MM and abs(copy.y_min - number.y_min) <= 2
	assert "—1—" not in first.compact, "the first page of a letter has no page number"
	last = pages[-1].compact
	assert "抄送：区委组织部。" in last and "印发" not in last
	assert "\ufffd" not in first.text and pdf_fonts(pdf)


def test_minutes_pdf_has_its_heading_and_attendance(minutes_pages):
	_pdf, pages = minutes_pages
	first = pages[0]
	assert "黔江区人民政府正阳街道办事处纪要" in first.compact
	assert "出席：谭颂、徐小琴、陈书文" in first.compact and "请假：彭军" in first.compact
	present = word(first, "出席")
	assert abs(present.x_min - (28 + 2 * CELL) * PT_PER_MM) <= 2 * PT_PER_MM, present  # 左空二字
	assert "列席" not in first.compact, "an empty list is not printed"
