"""In the browser, in Chinese: an organisation sends a venture proposal on the portal; a judge scores one."""

from __future__ import annotations

import datetime
import json
import re
import time
from zoneinfo import ZoneInfo

from playwright.sync_api import expect
from site_api import URL, SiteApi, login
from test_browser_projects import setup_world

RUBRIC = [{"criterion": "需求迫切性", "weight": 60}, {"criterion": "方案可行性", "weight": 40}]


def site_now(admin: SiteApi) -> datetime.datetime:
	"""The site's wall-clock time (deadlines are stored in the site's time zone)."""
	zone = admin.get("System Settings", "System Settings").get("time_zone") or "Asia/Shanghai"
	return datetime.datetime.now(ZoneInfo(zone)).replace(tzinfo=None, microsecond=0)


def published_call(admin: SiteApi, world: dict, uid: str, open_for: datetime.timedelta) -> dict:
	custodian = admin.insert(
		"Social Organization",
		organization_name=f"浏览器慈善会{uid}",
		organization_type="Community Social Organization",
		registration_status="Filed",
		community=world["community"],
		is_charity_organization=1,
		has_public_fundraising_qualification=1,
	)["name"]
	fund = admin.insert("Community Fund", fund_name=f"浏览器基金{uid}", custodian_organization=custodian)[
		"name"
	]
	donor = admin.insert("Donor", donor_name=f"浏览器捐赠人{uid}", donor_type="Individual")["name"]
	admin.insert(
		"Donation",
		donor=donor,
		fund=fund,
		donation_type="Money",
		amount=100000,
		payment_method="Bank Transfer",
		docstatus=1,
	)
	call = admin.insert(
		"Venture Call",
		call_title=f"浏览器微创投大赛{uid}",
		fund=fund,
		pool_amount=50000,
		project_ceiling=30000,
		submission_deadline=(site_now(admin) + open_for).isoformat(sep=" "),
		judges_per_proposal=1,
		tie_rule="Lower requested amount first",
		criteria=RUBRIC,
	)
	return act(admin, call, "Publish Call")


def act(admin: SiteApi, doc: dict, action: str) -> dict:
	return admin.call("frappe.model.workflow.apply_workflow", doc=json.dumps(doc), action=action)


def test_an_organisation_sends_a_proposal_on_the_portal(page, admin, uid):
	world = setup_world(admin, uid)
	call = published_call(admin, world, uid, datetime.timedelta(days=3))
	login(page, world["applicant"])
	page.goto(f"{URL}/venture_calls")
	card = page.locator(f'.wuse-venture-call[data-call="{call["name"]}"]')
	expect(card.get_by_text("申报中")).to_be_visible()
	card.locator(".wuse-send-proposal").click()

	expect(page.locator('[data-fieldname="venture_call"] input')).to_have_value(re.compile(call["name"]))
	expect(page.locator('[data-fieldname="applicant_organization"] input')).to_have_value(
		world["organization"]
	)
	title = f"银龄结对探访{uid}"
	page.locator('[data-fieldname="project_title"] input').fill(title)
	page.locator('[data-fieldname="category"] select').select_option("Elderly Care")
	start = datetime.date.today() + datetime.timedelta(days=30)
	for fieldname, value in (("start_date", start), ("end_date", start + datetime.timedelta(days=120))):
		date_input = page.locator(f'[data-fieldname="{fieldname}"] input')
		date_input.fill(value.isoformat())
		date_input.press("Escape")
	page.locator('[data-fieldname="needs"] textarea').fill("高龄独居老人缺少日常照看")
	page.locator('[data-fieldname="objectives"] textarea').fill("低龄老人与高龄老人结对，每周探访两次")
	budget = page.locator('[data-fieldname="budget_items"]')
	budget.get_by_role("button", name=re.compile("添加行|Add Row")).click()
	row = budget.locator(".grid-body .grid-row").last
	row.locator('.grid-static-col[data-fieldname="description"]').click()
	row.locator('input[data-fieldname="description"], textarea[data-fieldname="description"]').first.fill(
		"探访物资"
	)
	row.locator('.grid-static-col[data-fieldname="amount"]').click()
	row.locator('input[data-fieldname="amount"]').fill("18000")
	page.locator('[data-fieldname="objectives"] textarea').click()
	page.locator(".web-form-actions .submit-btn, .web-form .btn-primary").first.click()
	expect(page.get_by_text(re.compile("申报已提交|已保存|Proposal sent", re.I)).first).to_be_visible()

	proposals = admin.list(
		"Venture Proposal",
		filters={"project_title": title},
		fields=["name", "owner", "status", "requested_amount", "venture_call"],
	)
	assert len(proposals) == 1
	proposal = proposals[0]
	assert (proposal["owner"], proposal["status"], proposal["requested_amount"]) == (
		world["applicant"],
		"Submitted",
		18000,
	)
	assert proposal["venture_call"] == call["name"]
	page.goto(f"{URL}/venture-proposal/{proposal['name']}/edit")
	expect(page.locator(".wuse-proposal-state")).to_contain_text("已提交")
	expect(page.locator(".wuse-withdraw-proposal")).to_be_visible()


def test_a_judge_scores_a_proposal_on_the_portal(page, admin, uid):
	world = setup_world(admin, uid)
	call = published_call(admin, world, uid, datetime.timedelta(seconds=12))
	today = datetime.date.today()
	proposal = admin.insert(
		"Venture Proposal",
		venture_call=call["name"],
		applicant_organization=world["organization"],
		community=world["community"],
		project_title=f"困境儿童课后陪伴{uid}",
		category="Child Protection",
		needs="双职工家庭儿童放学后无人照看",
		objectives="开设课后陪伴和作业辅导",
		start_date=(today + datetime.timedelta(days=30)).isoformat(),
		end_date=(today + datetime.timedelta(days=150)).isoformat(),
		budget_items=[{"description": "学习用品", "amount": 20000}],
	)
	judge = admin.user(f"judge-{uid}@example.com", "Venture Judge", desk=False)
	sheet = admin.insert("Venture Score", proposal=proposal["name"], judge=judge)
	login(page, judge)
	# Judging starts once the deadline (a few seconds after publication) has passed.
	call = admin.get("Venture Call", call["name"])
	for _ in range(60):
		response = admin.session.post(
			f"{URL}/api/method/frappe.model.workflow.apply_workflow",
			json={"doc": json.dumps(call), "action": "Close Submissions"},
		)
		if response.status_code == 200:
			break
		time.sleep(0.5)
	assert response.status_code == 200, response.text

	page.goto(f"{URL}/venture_judging")
	card = page.locator(f'.wuse-score-sheet[data-sheet="{sheet["name"]}"]')
	expect(card.get_by_text(proposal["project_title"])).to_be_visible()
	expect(page.locator(".wuse-venture-judging h3")).to_have_text("我的评分表")
	for criterion, score in (("需求迫切性", "90"), ("方案可行性", "80")):
		row = card.locator(f'.wuse-score-row[data-criterion="{criterion}"]')
		row.locator(".wuse-score").fill(score)
		row.locator(".wuse-comment").fill("需求清楚")
	card.locator(".wuse-submit-scores").click()
	page.locator(".modal.show").get_by_role("button", name=re.compile("是|Yes")).click()
	expect(page.locator(".wuse-sheet-submitted .wuse-total")).to_have_text("86.00")  # 90×60% + 80×40%
	saved = admin.get("Venture Score", sheet["name"])
	assert (saved["docstatus"], saved["status"], saved["total_score"]) == (1, "Submitted", 86)
