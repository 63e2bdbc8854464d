"""In the browser, in Chinese: a reviewer issues an official document in the desk and prints it as a PDF."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import expect
from site_api import PASSWORD, URL, SiteApi, login

TITLE = "关于开展“五社联动”志愿服务月活动的通知"


def pdf_text_and_size(pdf: bytes) -> tuple[str, str]:
	"""The text of a PDF (NFKC-normalised, all white space removed) and its page size line, read with poppler.

	NFKC: CJK fonts map some characters to Kangxi radical code points (⽉ for 月) in the text layer."""
	if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
		pytest.skip("poppler-utils (pdftotext, pdfinfo) is not installed")
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "print.pdf"
		path.write_bytes(pdf)
		text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
		info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
	size = next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))
	return compact(text.stdout), size


def compact(text: str) -> str:
	return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_reviewer_issues_a_document_and_prints_it(page, admin, uid):
	drafter = admin.user(f"drafter-{uid}@example.com", "Wuse Administrator")
	reviewer = admin.user(f"reviewer-{uid}@example.com", "Sub-district Reviewer")
	today = datetime.date.today()
	series, year = f"正阳{uid}发", today.year
	drafting = SiteApi.login(drafter, PASSWORD)
	document = drafting.insert(
		"Official Document",
		issuing_organ="黔江区人民政府正阳街道办事处",
		document_series=series,
		year=year,
		title=TITLE,
		main_recipients="各社区居委会，街道各办（站、所）",
		body="<p>一、活动时间</p><p>2022年9月1日至9月30日。</p>",
		signing_organ="黔江区人民政府正阳街道办事处",
		document_date=today.isoformat(),
		printing_organ="黔江区人民政府正阳街道办事处",
		printing_date=today.isoformat(),
	)
	drafting.call("frappe.model.workflow.apply_workflow", doc=document, action="Submit for Review")
	name = document["name"]

	login(page, reviewer)
	page.goto(f"{URL}/app/official-document/{name}")
	expect(page.locator(".indicator-pill").filter(has_text="待审核").first).to_be_visible()
	page.locator(
		".page-actions .actions-btn-group button, .page-actions button:has-text('操作')"
	).first.click()
	page.locator(".dropdown-menu.show").get_by_text("签发", exact=True).click()
	expect(page.locator(".indicator-pill").filter(has_text="已签发").first).to_be_visible(timeout=30_000)
	# Frappe's "not editable due to a Workflow" toast, on an issued document, reads as final, not as pending.
	page.evaluate("() => frappe.show_alert(__('This form is not editable due to a Workflow.'))")
	expect(page.get_by_text("此单据已办结，不能再修改。").first).to_be_visible()
	expect(page.get_by_text("此单据处于审批流程中，不能直接修改。")).to_have_count(0)

	number = f"{series}〔{year}〕1号"
	issued = admin.get("Official Document", name)
	assert issued["docstatus"] == 1 and issued["document_number"] == number

	# Print → PDF, as the reviewer clicks it: the desk opens Frappe's download_pdf in a new tab.
	page.goto(f"{URL}/app/print/Official Document/{name}")
	# The PDF button is on the page before the document has loaded, and clicking it then does nothing:
	# like a person, wait until the preview shows the document.
	preview = page.frame_locator("iframe.print-format-container")
	expect(preview.get_by_text(number).first).to_be_visible(timeout=60_000)
	with page.context.expect_event(
		"request", predicate=lambda request: "download_pdf" in request.url, timeout=30_000
	) as opened:
		page.get_by_role("button", name="PDF").click()
	response = page.request.get(opened.value.url, timeout=120_000)
	assert response.ok and response.headers["content-type"].startswith("application/pdf")
	text, size = pdf_text_and_size(response.body())
	assert "A4" in size, size
	for expected in (
		number,
		TITLE,
		f"{today.year}年{today.month}月{today.day}日",
		"黔江区人民政府正阳街道办事处",
	):
		assert compact(expected) in text, expected
