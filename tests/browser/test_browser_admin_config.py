"""In the browser, in Chinese: an administrator changes forms and printed documents without code.

- adds a field to Service Project in the desk (the Custom Field form that Customize Form writes) and
  sees it in REST, in the PDF of the application form and on the portal's application form, once
  ticked for print and portal in Wuse Settings;
- changes the issuing office's name and 发文字号 series in Wuse Settings (the desk form) and sees them
  in the PDF of the next issued document.
"""

from __future__ import annotations

import datetime
import os

from playwright.sync_api import expect
from site_api import PASSWORD, URL, SiteApi, login, new_desk_form
from test_browser_documents import compact, pdf_text_and_size
from test_browser_projects import setup_world

ADMIN_PASSWORD = os.environ.get("WUSE_ADMIN_PASSWORD", "admin")
CHINESE_HEX = str.maketrans("0123456789abcdef", "零一二三四五六七八九甲乙丙丁戊己")
# pdftotext reads some 小标宋 glyphs as CJK Radicals Supplement code points, which NFKC leaves alone.
RADICALS = str.maketrans("⺠⻘⻓⻔⻅⻛⻢⻋⻉⻚⻄⻩⻰", "民青长门见风马车贝页西黄龙")


def save(page) -> None:
	"""Ctrl+S, as the administrator saves, and wait for the desk's save request to succeed."""
	with page.expect_response(lambda response: "savedocs" in response.url, timeout=60_000) as saved:
		page.keyboard.press("Control+s")
	assert saved.value.ok, saved.value.text()


def set_link(page, fieldname: str, value: str) -> None:
	"""Type into a link field; the zh dropdown shows translated names, so the value is set as the
	dropdown would set it."""
	page.locator(f'.frappe-control[data-fieldname="{fieldname}"] input').first.fill(value)
	page.evaluate("([f, v]) => cur_frm.set_value(f, v)", [fieldname, value])


def settings_api(admin: SiteApi, **values) -> None:
	response = admin.session.put(f"{URL}/api/resource/Wuse Settings/Wuse Settings", json=values)
	assert response.status_code == 200, response.text


def pdf_of(page, doctype: str, name: str, print_format: str) -> str:
	response = page.request.get(
		f"{URL}/api/method/frappe.utils.print_format.download_pdf",
		params={"doctype": doctype, "name": name, "format": print_format},
		timeout=120_000,
	)
	assert response.ok and response.headers["content-type"].startswith("application/pdf"), response.text()
	text, _size = pdf_text_and_size(response.body())
	return text


def test_admin_adds_a_field_in_the_desk_and_sees_it_in_rest_and_the_pdf(page, admin, uid):
	fieldname = f"custom_wechat_{uid}"
	label = f"微信群{uid}"
	options_before = admin.get("Wuse Settings", "Wuse Settings").get("field_options") or []
	try:
		added_field_reaches_rest_pdf_and_portal(page, admin, uid, fieldname, label)
	finally:  # the site stays as it was: the integration tier may run on it afterwards
		settings_api(admin, field_options=options_before)
		admin.session.delete(f"{URL}/api/resource/Custom Field/Service Project-{fieldname}")


def added_field_reaches_rest_pdf_and_portal(
	page, admin: SiteApi, uid: str, fieldname: str, label: str
) -> None:
	login(page, "Administrator", ADMIN_PASSWORD)
	new_desk_form(page, "Custom Field")
	set_link(page, "dt", "Service Project")
	page.locator('.frappe-control[data-fieldname="label"] input').fill(label)
	# The field name is read-only in the form (Frappe derives it from the label); a Chinese label would
	# give a Chinese column name, so the administrator's field name is set as the form would.
	page.evaluate("v => cur_frm.set_value('fieldname', v)", fieldname)
	save(page)
	page.wait_for_url(lambda url: "/custom-field/new" not in url)

	settings_api(
		admin,
		field_options=[
			{
				"document_type": "Service Project",
				"field_name": fieldname,
				"show_in_print": 1,
				"show_on_portal": 1,
			}
		],
	)
	world = setup_world(admin, uid)
	today = datetime.date.today()
	project = admin.insert(
		"Service Project",
		project_title=f"助老服务{uid}",
		applicant_organization=world["organization"],
		community=world["community"],
		category="Elderly Care",
		funding_source="Government Purchase of Service",
		beneficiary_count=20,
		start_date=today.isoformat(),
		end_date=(today + datetime.timedelta(days=30)).isoformat(),
		objectives="助老",
		budget_items=[{"description": "助餐", "amount": 1000}],
		**{fieldname: "朝阳助老群"},
	)
	assert admin.get("Service Project", project["name"])[fieldname] == "朝阳助老群", "REST"
	text = pdf_of(page, "Service Project", project["name"], "Service Project Application")
	assert "其他信息" in text and compact(label) in text and "朝阳助老群" in text

	# Ticked for the portal: the organisation's application form on the portal asks for it too.
	page.context.clear_cookies()
	login(page, world["applicant"])
	page.goto(f"{URL}/service-project-application/new")
	portal_field = page.locator(f'.frappe-control[data-fieldname="{fieldname}"]')
	expect(portal_field.get_by_text(label)).to_be_visible()
	expect(portal_field.locator("input")).to_be_editable()


def test_admin_renames_the_office_and_series_and_the_next_document_shows_them(page, admin, uid):
	# The uid in Chinese digits: the red header is compressed to the type area's width, and pdftotext
	# drops narrow Latin digits squeezed between 初号 characters.
	organ = f"测试区人民政府青山{uid.translate(CHINESE_HEX)}街道办事处"
	series = f"青山{uid}发"
	login(page, "Administrator", ADMIN_PASSWORD)
	page.goto(f"{URL}/app/wuse-settings")
	page.locator(".form-tabs .nav-link").filter(has_text="公文与打印").click()
	page.locator('.frappe-control[data-fieldname="issuing_organ"] input').fill(organ)
	# The default row of the 发文字号 table, edited as the grid edits it.
	page.evaluate(
		"""series => {
			const rows = cur_frm.doc.document_series || [];
			const row = rows.find((r) => r.is_default) || rows[0] || cur_frm.add_child("document_series");
			frappe.model.set_value(row.doctype, row.name, "series", series);
			frappe.model.set_value(row.doctype, row.name, "is_default", 1);
			cur_frm.refresh_field("document_series");
		}""",
		series,
	)
	save(page)

	drafter = admin.user(f"drafter-{uid}@example.com", "Wuse Administrator")
	reviewer = admin.user(f"reviewer-{uid}@example.com", "Sub-district Reviewer")
	today = datetime.date.today()
	drafting = SiteApi.login(drafter, PASSWORD)
	document = drafting.insert(
		"Official Document",
		title="关于开展志愿服务的通知",
		body="<p>现将有关事项通知如下。</p>",
		document_date=today.isoformat(),
	)
	assert document["issuing_organ"] == organ and document["document_series"] == series
	drafting.call("frappe.model.workflow.apply_workflow", doc=document, action="Submit for Review")
	reviewing = SiteApi.login(reviewer, PASSWORD)
	issued = reviewing.call(
		"frappe.model.workflow.apply_workflow",
		doc=admin.get("Official Document", document["name"]),
		action="Issue Document",
	)
	number = f"{series}〔{today.year}〕1号"
	assert issued["document_number"] == number
	text = pdf_of(page, "Official Document", document["name"], "Official Document (GB/T 9704)")
	assert compact(organ + "文件") in text.translate(RADICALS) and compact(number) in text
