"""In the browser, in Chinese (issue 17): a social worker records a visit on a high-risk child's file and
raises a Resident Need from it; a volunteer sees only the visit task assigned to them, never the file."""

from __future__ import annotations

import datetime
import os
import random
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from site_api import URL, login, new_desk_form, readme_image

from wuse_app.domain.resident_id import compose_resident_id


def child_id() -> str:
	"""A valid synthetic ID number of a ten-year-old, not used before on this site."""
	birth = datetime.date.today().replace(day=1) - datetime.timedelta(days=3650 + random.randrange(300))
	return compose_resident_id("500114", birth, 1 + 2 * random.randrange(499))


@pytest.fixture(scope="module")
def care(admin):
	uid = f"{random.randrange(16**6):06x}"
	community = admin.insert(
		"Community",
		community_name=f"关爱社区{uid}",
		sub_district=admin.insert("Sub District", sub_district_name=f"关爱街道{uid}")["name"],
		resident_population=3000,
	)["name"]
	sw_user = admin.user(f"sw-{uid}@example.com")
	admin.insert("Community Assignment", user=sw_user, community=community, role="Social Worker")
	social_worker = admin.insert(
		"Social Worker",
		full_name=f"社工{uid}",
		id_number=compose_resident_id("500114", datetime.date(1985, 3, 1), 1 + 2 * random.randrange(499)),
		community=community,
		user=sw_user,
	)["name"]
	vol_user = admin.user(f"vol-{uid}@example.com", "Volunteer")
	volunteer = admin.insert(
		"Volunteer",
		full_name=f"志愿者{uid}",
		id_number=compose_resident_id("500114", datetime.date(1990, 5, 1), 1 + 2 * random.randrange(499)),
		community=community,
		user=vol_user,
	)["name"]
	number = child_id()
	child = admin.insert(
		"Care Recipient",
		recipient_type="Left-behind Child",
		full_name=f"留守儿童{uid}",
		id_number=number,
		community=community,
		address="关爱路8号",
		risk_level="High",
		assigned_social_worker=social_worker,
		guardian_name="祖母",
		guardian_relationship="祖母",
		guardian_mobile="13800138000",
		emergency_contact_name="叔叔",
		emergency_contact_mobile="13900139000",
		consent_given=1,
		consent_by="Guardian",
		consenter_name="祖母",
		consent_date=datetime.date.today().isoformat(),
		consent_use="定期走访、需求评估和转介服务",
	)
	task = admin.insert(
		"Care Visit",
		care_recipient=child["name"],
		task="送学习用品，了解近况",
		visitor_type="Volunteer",
		volunteer=volunteer,
		planned_date=datetime.date.today().isoformat(),
	)
	return dict(
		community=community,
		sw_user=sw_user,
		social_worker=social_worker,
		vol_user=vol_user,
		child=child,
		id_number=number,
		task=task["name"],
	)


def pick_link(page, scope, fieldname: str, value: str) -> None:
	"""Type into a Link field and choose the matching suggestion (typed again if the list missed it)."""
	field = scope.locator(f'[data-fieldname="{fieldname}"] input')
	option = page.get_by_role("option").filter(has_text=value).first
	for _attempt in range(3):
		field.click()
		field.fill("")
		field.press_sequentially(value, delay=20)
		try:
			option.wait_for(state="visible", timeout=10_000)
			break
		except PlaywrightTimeout:
			continue
	option.click()


def test_a_social_worker_records_a_visit_on_a_high_risk_childs_file_and_raises_a_need(page, admin, care):
	login(page, care["sw_user"])
	page.goto(f"{URL}/app/care-recipient/{care['child']['name']}")
	# The assigned social worker opens the high-risk child's file (the title is the child's name).
	expect(page.locator(".page-head .title-text")).to_contain_text(care["child"]["full_name"])

	new_desk_form(page, "Care Visit")
	form = page.locator(".form-layout")
	pick_link(page, form, "care_recipient", care["child"]["name"])
	form.locator('[data-fieldname="task"] textarea').fill("入户走访，了解学习和情绪")
	form.locator('[data-fieldname="status"] select').select_option("Completed")
	form.locator('[data-fieldname="visitor_type"] select').select_option("Social Worker")
	pick_link(page, form, "social_worker", care["social_worker"])
	page.evaluate("cur_frm.set_value('visit_date', frappe.datetime.get_today())")
	form.locator('[data-fieldname="findings"] textarea').fill("孩子近期情绪低落，作业跟不上")
	form.locator('[data-fieldname="needs_raised"] textarea').fill("需要课业辅导和心理疏导")
	page.keyboard.press("Control+s")
	expect(page).to_have_url(re.compile(r"/app/care-visit/CV-\d{4}-\d+"))
	visit = page.url.rsplit("/", 1)[-1]

	page.get_by_role("button", name="提出居民需求").click()
	dialog = page.locator(".modal.show")
	expect(dialog.locator('[data-fieldname="description"] textarea')).to_have_value("需要课业辅导和心理疏导")
	# Service Category is a translated doctype: its suggestions are searched and shown in Chinese.
	pick_link(page, dialog, "category", "未成年人保护")
	readme_image(page, "browser/care-visit-raise-need.png")
	dialog.locator(".modal-footer .btn-primary").click()
	expect(page.locator(".alert-message").filter(has_text="已提出居民需求")).to_be_visible()

	needs = admin.list(
		"Resident Need",
		filters={"source_document": visit},
		fields=["name", "community", "source_document_type", "resident_name", "contact_mobile"],
	)
	assert len(needs) == 1
	need = needs[0]
	assert (need["community"], need["source_document_type"]) == (care["community"], "Care Visit")
	assert not need["resident_name"] and not need["contact_mobile"]  # the child's identity stays on the file


def test_a_volunteer_sees_only_their_visit_task_not_the_file(page, care):
	"""Volunteers have no desk: their tasks are on the portal page /my_visit_tasks, minimum fields only."""
	login(page, care["vol_user"])
	page.goto(f"{URL}/my_visit_tasks")
	expect(page.get_by_role("heading", name="我的走访任务")).to_be_visible()
	rows = page.locator("tr[data-task]")
	expect(rows).to_have_count(1)
	expect(rows.first).to_contain_text("送学习用品")
	expect(rows.first).to_contain_text("关爱路8号")
	readme_image(page, "browser/volunteer-visit-tasks.png")
	html = page.content()
	for secret in (care["id_number"], "13800138000", "13900139000", "祖母"):
		assert secret not in html
	# The care file itself stays closed to them, in the desk and over REST.
	page.goto(f"{URL}/app/care-recipient/{care['child']['name']}")
	expect(page.get_by_text("你没有权限访问此页面")).to_be_visible()
	response = page.request.get(f"{URL}/api/resource/Care Recipient/{care['child']['name']}")
	assert response.status == 403 and care["id_number"] not in response.text()
