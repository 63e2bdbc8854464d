"""In the browser, in Chinese: everyday changes an administrator makes without code.

- duplicates the standard application print format (Print Format form → 复制), edits the copy's HTML in
  its code editor, saves it, makes it the default (设置为默认) and sees the copy in the project's print view;
- adds a service category (Service Category form) and chooses it in a new volunteer activity.

That migrate keeps these changes is proven on the integration tier, which can run `bench migrate`
(tests/integration/test_print_settings.py).
"""

from __future__ import annotations

import datetime
import os
from urllib.parse import quote

from playwright.sync_api import expect
from site_api import URL, SiteApi, login, new_desk_form
from test_browser_admin_config import save
from test_browser_projects import setup_world

ADMIN_PASSWORD = os.environ.get("WUSE_ADMIN_PASSWORD", "admin")
STANDARD = "Service Project Application"


def field(page, fieldname: str):
	return page.locator(f'.frappe-control[data-fieldname="{fieldname}"]').first


def choose_link(page, fieldname: str, value: str) -> None:
	"""Type into a link field and pick the suggestion, as a user does."""
	field(page, fieldname).locator("input").fill(value)
	page.locator(".awesomplete [role=option]:visible").filter(has_text=value).first.click()
	page.wait_for_function("([f, v]) => cur_frm.doc[f] === v", arg=[fieldname, value])


def new_project(admin: SiteApi, uid: str) -> str:
	world = setup_world(admin, uid)
	today = datetime.date.today()
	return admin.insert(
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
	)["name"]


def test_admin_duplicates_a_print_format_edits_its_html_and_makes_it_default(page, admin, uid):
	copy_name, marker = f"社区服务项目申报书（本单位{uid}）", f"本单位格式{uid}"
	project = new_project(admin, uid)
	login(page, "Administrator", ADMIN_PASSWORD)
	page.goto(f"{URL}/app/print-format/{quote(STANDARD)}")
	expect(field(page, "html").locator(".ace_content")).to_be_visible()
	page.locator(".page-head .menu-btn-group button").first.click()
	page.locator(".page-head .dropdown-menu .dropdown-item").filter(has_text="复制").first.click()
	page.wait_for_url(lambda url: "/print-format/new-print-format" in url)
	field(page, "__newname").locator("input").fill(copy_name)
	# The administrator's edit, typed into the HTML code editor: a line at the top of the template.
	field(page, "html").locator(".ace_content").click()
	page.keyboard.press("Control+Home")
	page.keyboard.type(marker)
	page.keyboard.press("Enter")
	# The code editor hands its text to the form after a short pause; save what the administrator typed.
	page.wait_for_function("m => (cur_frm.doc.html || '').startsWith(m)", arg=marker)
	save(page)
	page.wait_for_url(lambda url: "new-print-format" not in url)
	stored = admin.get("Print Format", copy_name)
	assert stored["standard"] == "No" and stored["html"].startswith(marker)
	try:
		with page.expect_response(lambda r: "print_format.make_default" in r.url) as made_default:
			page.locator(".page-actions button, .inner-group-button button, .custom-actions button").filter(
				has_text="设置为默认"
			).first.click()
		assert made_default.value.ok, made_default.value.text()
		# The project's print view without a chosen format uses the default: the copy.
		view = page.request.get(f"{URL}/printview", params={"doctype": "Service Project", "name": project})
		assert view.ok and marker in view.text()
	finally:
		admin.call("frappe.printing.doctype.print_format.print_format.make_default", name=STANDARD)


def test_admin_adds_a_service_category_and_uses_it_in_a_new_activity(page, admin, uid):
	world = setup_world(admin, uid)
	category = f"家电维修{uid}"
	login(page, "Administrator", ADMIN_PASSWORD)
	new_desk_form(page, "Service Category")
	field(page, "category_name").locator("input").fill(category)
	field(page, "project_category").locator("select").select_option("Elderly Care")
	save(page)
	page.wait_for_url(lambda url: "/service-category/new" not in url)

	new_desk_form(page, "Volunteer Activity")
	field(page, "activity_title").locator("input").fill(f"上门维修{uid}")
	choose_link(page, "community", world["community"])
	choose_link(page, "service_category", category)
	day = datetime.date.today().isoformat()
	# Date-time pickers: the values as the picker sets them.
	page.evaluate(
		"([s, e]) => { cur_frm.set_value('start_datetime', s); cur_frm.set_value('end_datetime', e); }",
		[f"{day} 09:00:00", f"{day} 11:00:00"],
	)
	save(page)
	page.wait_for_url(lambda url: "/volunteer-activity/new" not in url)
	name = page.url.rstrip("/").split("/")[-1]
	assert admin.get("Volunteer Activity", name)["service_category"] == category
