"""What every user meets reads in Chinese: the login page for guests, the form timeline, big numbers."""

from __future__ import annotations

import datetime

from playwright.sync_api import expect
from site_api import PASSWORD, URL, SiteApi, login
from test_browser_projects import setup_world


def test_a_guest_whose_browser_asks_for_english_sees_the_login_page_in_chinese(browser):
	context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
	page = context.new_page()
	try:
		page.goto(f"{URL}/login")
		expect(page.locator(".page-card-head h4, h4").filter(has_text="登录").first).to_be_visible()
		body = page.locator("body").inner_text()
		for english in ("Login to Frappe", "Forgot Password?", "Login with Email Link"):
			assert english not in body
	finally:
		context.close()


def test_the_form_timeline_shows_workflow_states_in_chinese(page, admin, uid):
	world = setup_world(admin, uid)
	applicant = SiteApi.login(world["applicant"], PASSWORD)
	today = datetime.date.today()
	project = applicant.insert(
		"Service Project",
		project_title=f"时间线中文{uid}",
		applicant_organization=world["organization"],
		community=world["community"],
		category="Elderly Care",
		funding_source="Government Purchase of Service",
		beneficiary_count=10,
		start_date=today.isoformat(),
		end_date=(today + datetime.timedelta(days=30)).isoformat(),
		objectives="助餐服务",
		budget_items=[{"description": "助餐", "amount": 1000}],
	)["name"]
	applicant.call("wuse_app.projects.api.submit_application", project=project)

	login(page, world["secretary"])
	page.goto(f"{URL}/app/service-project/{project}")
	timeline = page.locator(".timeline-content").filter(has_text="待社区审核").first
	expect(timeline).to_be_visible()
	text = page.locator(".new-timeline").inner_text()
	assert "草稿" in text
	for raw in ("Draft", "Pending Community Review", "null"):
		assert raw not in text


def test_big_numbers_read_in_wan_and_yi_and_select_values_as_in_their_form(page, admin, uid):
	user = admin.user(f"numbers-{uid}@example.com", "Wuse Administrator")
	login(page, user)
	page.goto(f"{URL}/app")
	page.wait_for_function("() => window.frappe && frappe.utils && frappe.utils.shorten_number")
	assert page.evaluate("frappe.utils.shorten_number(206000, 'China', 5)") == "20.6 万"
	assert page.evaluate("frappe.utils.shorten_number(350000000, 'China', 5)") == "3.5 亿"
	# A Select value reads the same in lists and reports as in its form (the doctype is the context).
	select = "([v, p]) => frappe.format(v, {fieldtype: 'Select', fieldname: 'x', parent: p})"
	assert page.evaluate(select, ["None", "Social Organization"]) == "未建立"
	assert page.evaluate(select, ["Independent", "Social Organization"]) == page.evaluate(
		"() => __('Independent', null, 'Social Organization')"
	)


def test_on_a_phone_the_budget_table_scrolls_so_the_amount_can_be_reached(browser, admin, uid):
	world = setup_world(admin, uid)
	context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, has_touch=True)
	page = context.new_page()
	try:
		login(page, world["applicant"])
		page.goto(f"{URL}/service-project-application/new")
		grid = page.locator("[data-fieldname=budget_items] .form-grid-container")
		expect(grid).to_be_visible()
		grid.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
		amount = grid.locator(".grid-heading-row").get_by_text("金额", exact=True)
		box = amount.bounding_box()
		assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
	finally:
		context.close()
