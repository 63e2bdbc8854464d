"""In the browser, in Chinese: a community staff member registers a volunteer."""

from __future__ import annotations

import datetime
import random
import re

from playwright.sync_api import expect
from site_api import URL, login, new_desk_form

from wuse_app.domain.resident_id import compose_resident_id, mask_resident_id


def fresh_female_id() -> tuple[str, str]:
	"""A valid ID number not used before on this site (tests may run against a reused site)."""
	birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=random.randrange(20000))
	number = compose_resident_id("110105", birth, 2 * random.randrange(1, 499))
	return number, birth.isoformat()


def test_staff_registers_a_volunteer_in_chinese(page, admin, uid):
	community = admin.insert(
		"Community",
		community_name=f"浏览器社区{uid}",
		sub_district=admin.insert("Sub District", sub_district_name=f"浏览器街道{uid}")["name"],
		resident_population=1000,
	)["name"]
	staff = admin.user(f"staff-{uid}@example.com")
	admin.insert("Community Assignment", user=staff, community=community, role="Community Staff")

	login(page, staff)
	new_desk_form(page, "Volunteer")
	expect(page.get_by_text("居民身份证号码").first).to_be_visible()
	page.locator('[data-fieldname="full_name"] input').fill("浏览器志愿者")
	number, birth = fresh_female_id()
	page.locator('[data-fieldname="id_number"] input').fill(number.lower())
	community_input = page.locator('[data-fieldname="community"] input')
	community_input.fill(community)
	page.get_by_role("option").filter(has_text=community).first.click()
	page.locator('[data-fieldname="full_name"] input').click()  # leave the link field so it validates
	page.locator(".page-head .primary-action").click()
	expect(page).to_have_url(re.compile(r"/app/volunteer/VOL-\d+"), timeout=30_000)
	name = page.url.rsplit("/", 1)[-1]

	saved = admin.get("Volunteer", name)
	assert saved["id_number"] == number
	assert saved["gender"] == "Female" and saved["date_of_birth"] == birth
	# The staff member sees only the masked number.
	expect(
		page.locator('[data-fieldname="id_number_masked"]').get_by_text(mask_resident_id(number))
	).to_be_visible()


def test_bad_id_number_shows_a_clear_chinese_message(page, admin, uid):
	community = admin.insert(
		"Community",
		community_name=f"错误社区{uid}",
		sub_district=admin.insert("Sub District", sub_district_name=f"错误街道{uid}")["name"],
		resident_population=10,
	)["name"]
	staff = admin.user(f"staff2-{uid}@example.com")
	admin.insert("Community Assignment", user=staff, community=community, role="Community Staff")

	login(page, staff)
	new_desk_form(page, "Volunteer")
	page.locator('[data-fieldname="full_name"] input').fill("错号")
	page.locator('[data-fieldname="id_number"] input').fill("110105194912310021")
	page.locator('[data-fieldname="community"] input').fill(community)
	page.get_by_role("option").filter(has_text=community).first.click()
	page.locator('[data-fieldname="full_name"] input').click()  # leave the link field so it validates
	page.locator(".page-head .primary-action").click()
	dialog = page.locator(".modal.show .msgprint")
	expect(dialog).to_contain_text("身份证号码校验不通过")
	assert "Traceback" not in dialog.inner_text()
