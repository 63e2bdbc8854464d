"""In the browser, in Chinese: an applicant applies on the portal, a community secretary approves in the desk."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from playwright.sync_api import expect
from site_api import PASSWORD, SCREENSHOTS, URL, SiteApi, login, readme_image


def setup_world(admin: SiteApi, uid: str) -> dict:
	sub = admin.insert(
		"Sub District", sub_district_name=f"浏览器街道{uid}", office_name="黔江区人民政府正阳街道办事处"
	)["name"]
	community = admin.insert(
		"Community", community_name=f"朝阳{uid}社区", sub_district=sub, resident_population=5355
	)["name"]
	applicant = admin.user(f"applicant-{uid}@example.com", "Social Organization User", desk=False)
	organization = admin.insert(
		"Social Organization",
		organization_name=f"朝阳{uid}社区老年协会",
		organization_type="Community Social Organization",
		registration_status="Filed",
		community=community,
		portal_users=[{"user": applicant}],
	)["name"]
	secretary = admin.user(f"secretary-{uid}@example.com")
	admin.insert("Community Assignment", user=secretary, community=community, role="Community Secretary")
	return {
		"community": community,
		"organization": organization,
		"applicant": applicant,
		"secretary": secretary,
	}


def test_applicant_submits_an_application_on_the_portal(page, admin, uid):
	world = setup_world(admin, uid)
	login(page, world["applicant"])
	page.goto(f"{URL}/service-project-application/new")
	form = page.locator(".web-form")
	expect(form.get_by_text("项目名称").first).to_be_visible()
	title = f"高龄老人助餐服务{uid}"
	page.locator('[data-fieldname="project_title"] input').fill(title)
	expect(page.locator('[data-fieldname="applicant_organization"] input')).to_have_value(
		world["organization"]
	)
	page.locator('[data-fieldname="category"] select').select_option("Elderly Care")
	page.locator('[data-fieldname="funding_source"] select').select_option("Venture Philanthropy")
	page.locator('[data-fieldname="beneficiary_count"] input').fill("80")
	start = datetime.date.today() + datetime.timedelta(days=7)
	for fieldname, value in (("start_date", start), ("end_date", start + datetime.timedelta(days=120))):
		date_input = page.locator(f'[data-fieldname="{fieldname}"] input')
		date_input.fill(value.isoformat())
		date_input.press("Escape")
	page.locator('[data-fieldname="objectives"] textarea').fill("为辖区高龄独居老人提供助餐和探访服务")
	budget = page.locator('[data-fieldname="budget_items"]')
	budget.get_by_role("button", name=re.compile("添加行|Add Row")).click()
	row = budget.locator(".grid-body .grid-row").last
	row.locator('.grid-static-col[data-fieldname="description"]').click()
	row.locator('input[data-fieldname="description"], textarea[data-fieldname="description"]').first.fill(
		"助餐补贴"
	)
	row.locator('.grid-static-col[data-fieldname="amount"]').click()
	row.locator('input[data-fieldname="amount"]').fill("12000.5")
	page.locator('[data-fieldname="objectives"] textarea').click()

	page.locator(".web-form-actions .submit-btn, .web-form .btn-primary").first.click()
	expect(page.get_by_text(re.compile("已保存|提交成功|Saved|submitted", re.I)).first).to_be_visible(
		timeout=30_000
	)

	projects = admin.list(
		"Service Project",
		filters={"project_title": title},
		fields=["name", "owner", "workflow_state", "requested_amount"],
	)
	assert len(projects) == 1
	project = projects[0]
	assert project["owner"] == world["applicant"] and project["workflow_state"] == "Draft"
	assert project["requested_amount"] == 12000.5

	page.goto(f"{URL}/service-project-application/{project['name']}/edit")
	submit = page.locator(".wuse-submit-for-review")
	expect(submit).to_be_visible()
	submit.click()
	page.locator(".modal.show").get_by_role("button", name=re.compile("是|Yes")).click()
	for _ in range(60):
		if admin.get("Service Project", project["name"])["workflow_state"] == "Pending Community Review":
			break
		page.wait_for_timeout(500)
	assert admin.get("Service Project", project["name"])["workflow_state"] == "Pending Community Review"
	if SCREENSHOTS:
		page.goto(f"{URL}/service-project-application/{project['name']}")
		page.wait_for_timeout(1500)
		readme_image(page, "browser/apply-on-portal.png", full_page=True)


def test_secretary_approves_a_project_in_the_desk(page, admin, uid):
	world = setup_world(admin, uid)
	applicant = SiteApi.login(world["applicant"], PASSWORD)
	today = datetime.date.today()
	project = applicant.insert(
		"Service Project",
		project_title=f"童伴之家关爱服务{uid}",
		applicant_organization=world["organization"],
		community=world["community"],
		category="Child Protection",
		funding_source="Government Purchase of Service",
		beneficiary_count=60,
		start_date=today.isoformat(),
		end_date=(today + datetime.timedelta(days=90)).isoformat(),
		objectives="为留守儿童提供课后陪伴和安全教育",
		budget_items=[
			{"description": "课后陪伴", "amount": 8000},
			{"description": "安全教育", "amount": 2000},
		],
	)["name"]
	applicant.call("wuse_app.projects.api.submit_application", project=project)
	assert admin.get("Service Project", project)["workflow_state"] == "Pending Community Review"

	login(page, world["secretary"])
	page.goto(f"{URL}/app/service-project/{project}")
	expect(page.locator(".indicator-pill").filter(has_text="待社区审核").first).to_be_visible()
	readme_image(page, "browser/approve-in-desk-before.png")
	page.locator(
		".page-actions .actions-btn-group button, .page-actions button:has-text('操作')"
	).first.click()
	page.locator(".dropdown-menu.show").get_by_text("审核通过", exact=True).click()
	expect(page.locator(".indicator-pill").filter(has_text="待街道审核").first).to_be_visible(timeout=30_000)
	readme_image(page, "browser/approve-in-desk-after.png")

	saved = admin.get("Service Project", project)
	assert saved["workflow_state"] == "Pending Sub-district Review"
	trail = saved["approval_log"]
	assert trail and trail[-1]["user"] == world["secretary"] and trail[-1]["action"] == "Approve"
