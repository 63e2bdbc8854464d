"""In the browser, in Chinese: the 联动 loop. A resident files a need on /my-needs, a community secretary
matches it to a resource in the desk, and the resident sees it resolved and rates the service."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from site_api import PASSWORD, URL, SiteApi, login


def setup_world(admin: SiteApi, uid: str) -> dict:
	sub = admin.insert("Sub District", sub_district_name=f"联动街道{uid}")["name"]
	community = admin.insert("Community", community_name=f"群力{uid}社区", sub_district=sub)["name"]
	resident = admin.user(f"resident-{uid}@example.com", "Resident", desk=False)
	secretary = admin.user(f"link-secretary-{uid}@example.com")
	admin.insert("Community Assignment", user=secretary, community=community, role="Community Secretary")
	resource = admin.insert(
		"Resource Offer",
		title=f"群力社区食堂助餐{uid}",
		provider_type="Community Facility",
		provider_name="群力社区综合体",
		community=community,
		capacity_unit="People",
		capacity=20,
		categories=[{"category": "Elderly Support"}],
	)["name"]
	return {"community": community, "resident": resident, "secretary": secretary, "resource": resource}


def test_resident_files_a_need_staff_match_it_resident_rates_the_service(page, admin, uid):
	world = setup_world(admin, uid)
	description = f"母亲八十岁独居，需要每天送午餐{uid}"

	# 1. the resident files the need in the portal, in Chinese
	login(page, world["resident"])
	page.goto(f"{URL}/my-needs/new")
	expect(page.get_by_text("提交需求").first).to_be_visible()
	for fieldname, value in (("community", world["community"]), ("category", "Elderly Support")):
		field = page.locator(f'[data-fieldname="{fieldname}"] input')
		field.fill(value)
		field.press("Escape")
	page.locator('[data-fieldname="description"] textarea').fill(description)
	page.locator('[data-fieldname="people_affected"] input').fill("1")
	page.locator(".web-form-actions .submit-btn, .web-form .btn-primary").first.click()
	expect(page.get_by_text(re.compile("需求已提交|已保存|提交成功")).first).to_be_visible()
	needs = admin.list(
		"Resident Need", filters={"description": description}, fields=["name", "resident_user"]
	)
	assert len(needs) == 1 and needs[0]["resident_user"] == world["resident"]
	need = needs[0]["name"]

	# 2. the community secretary matches it to a resource in the desk
	staff = page.context.browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
	desk = staff.new_page()
	login(desk, world["secretary"])
	desk.goto(f"{URL}/app/resident-need/{need}")
	desk.get_by_role("button", name="推荐资源").click()
	dialog = desk.locator(".modal.show")
	expect(dialog.get_by_text(f"群力社区食堂助餐{uid}")).to_be_visible()
	dialog.get_by_role("button", name="采纳").first.click()
	prompt = desk.locator(".modal.show").last
	expect(prompt.locator('[data-fieldname="quantity"] input')).to_be_visible()
	prompt.locator(".btn-primary").last.click()
	expect(desk.locator(".indicator-pill").filter(has_text="已对接").first).to_be_visible()
	assert admin.get("Resource Offer", world["resource"])["remaining_capacity"] == 19
	secretary = SiteApi.login(world["secretary"], PASSWORD)
	for action in ("Start Service", "Resolve"):
		secretary.call(
			"frappe.model.workflow.apply_workflow", doc=admin.get("Resident Need", need), action=action
		)
	staff.close()

	# 3. the resident sees the need resolved and rates the service
	page.goto(f"{URL}/my-needs/list")
	expect(page.get_by_text("已解决").first).to_be_visible()
	page.goto(f"{URL}/my-needs/{need}")
	page.get_by_role("button", name="评价服务").click()
	rating = page.locator(".modal.show")
	rating.locator('[data-fieldname="rating"] select').select_option("4")
	rating.locator('[data-fieldname="comment"] textarea').fill("送餐准时，谢谢社区")
	rating.locator(".btn-primary").click()
	# the page thanks the resident and reloads with the rating shown
	expect(page.locator('[data-fieldname="feedback_comment"]')).to_contain_text("送餐准时，谢谢社区")
	saved = admin.get("Resident Need", need)
	assert saved["satisfaction"] == 4 and saved["feedback_comment"] == "送餐准时，谢谢社区"
