"""Donation Acknowledgement (捐赠证明 / 感谢信) rendered to PDF through Frappe's own print path.

Checked from the PDF itself: A4, the Chinese text (donor, date without zero padding, amount in capitals,
acknowledgement number, fiscal receipt reference, disclaimer), fonts embedded, nothing that makes it
look like the official 公益事业捐赠票据, and an anonymous donor shown as 匿名.

With WUSE_UPDATE_PRINT_IMAGES=1 the test also writes page 1 as docs/print/donation-acknowledgement-1.png.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import frappe
import pytest
from factories import (
	make_charity_project,
	make_community,
	make_custodian,
	make_donation,
	make_donor,
	make_fund,
)
from official_documents import pdf_fonts, read_pdf
from print_support import render_print, save_page_image

from wuse_app.setup.print_formats import POINTER

FORMAT = "Donation Acknowledgement"
DISCLAIMER = "本证明不作为财务报销及税前扣除凭证，捐赠票据以财政部门监（印）制的公益事业捐赠票据为准"
RECEIPT_PARTS = ("收据联", "存根联", "记账联", "票据监制章", "监制章", "收款人", "收款单位（章）", "交款人")


def donation_date() -> datetime.date:
	"""A date with one-digit month and day (to see that nothing is zero-padded), never in the future."""
	return datetime.date(frappe.utils.getdate().year, 1, 5)


def free_name(doctype: str, name: str) -> str:
	"""`name`, or `name` with a suffix when a record of that name exists already."""
	return name if not frappe.db.exists(doctype, name) else f"{name}{frappe.generate_hash(length=4)}"


def render(name: str) -> bytes:
	return render_print("Donation", name, FORMAT)


@pytest.fixture
def money_donation():
	community = make_community()
	custodian = make_custodian(community, organization_name=free_name("Social Organization", "黔江区慈善会"))
	fund = make_fund(community, custodian, fund_name=free_name("Community Fund", "朝阳社区慈善基金"))
	project = make_charity_project(community, project_title="朝阳社区老年助餐服务")
	donor = make_donor(donor_name="张三丰")
	donation = make_donation(
		fund,
		12000.5,
		donor=donor.name,
		donation_date=donation_date(),
		designated_project=project,
		payment_method="Bank Transfer",
	)
	donation.fiscal_receipt_code = "50010124"
	donation.fiscal_receipt_number = "0012345678"
	donation.save()
	return donation


def test_acknowledgement_pdf_content(money_donation):
	pdf = render(money_donation.name)
	pages = read_pdf(pdf)
	assert len(pages) == 1
	page = pages[0]
	assert (round(page.width), round(page.height)) == (595, 842), "A4"
	text = page.compact
	year = donation_date().year
	assert text.startswith("捐赠证明（感谢信）")
	assert "尊敬的张三丰：" in text
	for expected in (
		"张三丰",
		f"{year}年1月5日",
		"12,000.50",
		"壹万贰仟元伍角",
		money_donation.acknowledgement_number,
		money_donation.fund,
		money_donation.custodian_organization,
		"朝阳社区老年助餐服务",
		"票据代码：50010124",
		"票据号码：0012345678",
		DISCLAIMER,
		"特此证明",
	):
		assert expected in text, expected
	assert f"{year}年01月" not in text and f"{year}年1月05日" not in text
	assert "\ufffd" not in text
	acknowledged_on = frappe.utils.getdate(money_donation.acknowledgement_date)
	assert f"{acknowledged_on.year}年{acknowledged_on.month}月{acknowledged_on.day}日" in text


def test_acknowledgement_is_not_a_receipt(money_donation):
	text = read_pdf(render(money_donation.name))[0].compact
	for part in RECEIPT_PARTS:
		assert part not in text, part
	# The only mentions of the official receipt are the reference line and the disclaimer.
	assert text.count("公益事业捐赠票据") == 2
	assert not text.startswith("公益事业捐赠票据")


def test_acknowledgement_fonts_are_embedded_cjk(money_donation):
	fonts = pdf_fonts(render(money_donation.name))
	assert fonts
	assert any(name.startswith(("Fandol", "Noto", "FangSong", "SimSun", "FZ")) for name in fonts), fonts


def test_anonymous_donor_shows_as_anonymous():
	donor = make_donor(donor_name="孙某某", is_anonymous=1)
	donation = make_donation(make_fund(), 300, donor=donor.name, donation_date=donation_date())
	text = read_pdf(render(donation.name))[0].compact
	assert "匿名" in text
	assert "孙某某" not in text
	assert "叁佰元整" in text


def test_goods_acknowledgement_lists_the_goods():
	donation = make_donation(
		make_fund(),
		0,
		donation_type="Goods",
		payment_method=None,
		donation_date=donation_date(),
		items=[
			{"item_name": "大米", "qty": 20, "unit": "袋", "estimated_value": 1000},
			{"item_name": "食用油", "qty": 10, "unit": "桶", "estimated_value": 600.05},
		],
	)
	text = read_pdf(render(donation.name))[0].compact
	for expected in ("物资一批", "大米", "食用油", "1,600.05", "壹仟陆佰元零伍分", "合计"):
		assert expected in text, expected


def test_draft_prints_as_draft_without_number():
	donation = make_donation(make_fund(), 100, submit=False)
	text = read_pdf(render(donation.name))[0].compact
	assert "草稿" in text and "（提交后生成）" in text


def test_print_format_is_standard_and_editable_as_a_copy():
	print_format = frappe.get_doc("Print Format", FORMAT)
	assert (print_format.standard, print_format.module, print_format.doc_type) == (
		"Yes",
		"Charity",
		"Donation",
	)
	folder = Path(frappe.get_module_path("Charity", "Print Format", FORMAT))
	template = (folder / "donation_acknowledgement.html").read_text(encoding="utf-8")
	stored = json.loads((folder / "donation_acknowledgement.json").read_text(encoding="utf-8"))
	assert stored["html"] == POINTER, "the .html file is the one source of the template"
	assert print_format.html == template, "migrate loads the .html into the record (a copy is editable)"
	assert DISCLAIMER in template


def test_page_image(money_donation):
	"""Page 1 as PNG (committed under docs/print when WUSE_UPDATE_PRINT_IMAGES=1)."""
	save_page_image(render(money_donation.name), "donation-acknowledgement-1.png")
