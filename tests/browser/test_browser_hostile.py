"""In the browser: user-written text on the portal is shown as text, never run as HTML (issues 12, 20)."""

from __future__ import annotations

import json

from playwright.sync_api import expect
from site_api import PASSWORD, URL, SiteApi, login
from test_browser_projects import setup_world

# Frappe's sanitiser leaves text that parses as JSON untouched: such a title used to be stored as it
# is, event handler included, and the portal list put it into the page as HTML.
HOSTILE_HTML = "<img src=x onerror=alert(document.domain)>"


def test_portal_list_shows_a_hostile_project_title_as_text(page, admin, uid):
	world = setup_world(admin, uid)
	applicant = SiteApi.login(world["applicant"], PASSWORD)
	project = applicant.insert(
		"Service Project",
		project_title=json.dumps([HOSTILE_HTML, uid]),
		applicant_organization=world["organization"],
		community=world["community"],
		category="Elderly Care",
		funding_source="Venture Philanthropy",
		start_date="2030-01-01",
		end_date="2030-06-30",
		objectives="助餐服务",
		budget_items=[{"description": '<img src=x onerror="alert(2)">餐费', "amount": 1000}],
	)
	dialogs: list[str] = []
	page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

	login(page, world["applicant"])
	page.goto(f"{URL}/service-project-application")
	row = page.locator(f'tr[id="{project["name"]}"]')
	expect(row).to_be_visible()
	expect(row).to_contain_text(uid)
	assert row.locator("img").count() == 0, row.inner_html()

	page.goto(f"{URL}/service-project-application/{project['name']}")
	expect(page.locator(".web-form")).to_be_visible()
	page.wait_for_timeout(1000)
	# Sanitised markup may stay (an <img src="x"> is inert); no event handler may reach the page.
	assert page.locator("[onerror]").count() == 0
	assert not dialogs, f"script ran: {dialogs}"
