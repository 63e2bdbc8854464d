"""No English a user meets: a fixed list of desk and portal pages, one browser session per role.

Each page's visible text (and input placeholders) is scanned for Latin words and raw values. What may
stay is a short allow-list of names that are not words a user should read in Chinese (see ALLOWED).
"""

from __future__ import annotations

import datetime
import os
import random
import re
from pathlib import Path

import pytest
from site_api import PASSWORD, URL, SiteApi, login, readme_image
from test_browser_projects import setup_world

DESK = {"width": 1440, "height": 1000}
PHONE = {"width": 360, "height": 780}

# Latin text a Chinese user legitimately sees. Keep it short; each entry says why.
ALLOWED = {
	"Administrator",  # the built-in account's own name (a user's name, shown as "modified by")
	"Frappe",  # the framework's name in the portal footer's "基于 Frappe 构建", a brand
	"ID",  # 身份证/ID columns are read as "ID" in Chinese offices
	"PDF",  # a file format's name
	"Excel",  # a product name
	"Ctrl",  # a key on the keyboard (shortcut hints)
	"Shift",  # a key on the keyboard
	"Enter",  # a key on the keyboard
	"Esc",  # a key on the keyboard
}
# Whole values that are identifiers, not words: document numbers (SP-2026-00001), e-mail addresses
# (the login field), web addresses.
IDENTIFIERS = re.compile(
	r"\b[A-Z]{2,}-(?:[A-Z]+-)?\d{4}-\d+\b|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|\b[A-Z]{2,5}-\.?\d+\b"
	# the 6-hex-digit run ids other test files put into the names of their records (e.g. 朝阳4eccfd社区):
	# the site is shared by the whole browser tier, so its lists show those records too
	r"|(?<![A-Za-z0-9])(?=[0-9a-f]*\d)[0-9a-f]{6}(?![A-Za-z0-9])"
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
CJK = re.compile(r"[\u4e00-\u9fff]")
RAW = re.compile(r"\b(?:null|undefined|NaN|None|Invalid date|\[object Object\])\b|\d\s?[KMB]\b|\bCNY\b")

VISIBLE_TEXT = """() => {
	const visible = (el) => {
		if (!el) return false;
		const style = getComputedStyle(el);
		if (style.visibility === "hidden" || style.display === "none" || style.opacity === "0") return false;
		// Screen-reader-only text (awesomplete's "visually-hidden" status line) is not on the screen.
		if (el.closest(".visually-hidden, .sr-only")) return false;
		return Array.from(el.getClientRects()).some((r) => r.width > 1 && r.height > 1);
	};
	const texts = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const node = walker.currentNode;
		const text = (node.nodeValue || "").trim();
		const el = node.parentElement;
		if (!text || !el || el.closest("script, style, noscript, template, svg, code, pre")) continue;
		if (visible(el)) texts.push(text);
	}
	document.querySelectorAll("input[placeholder], textarea[placeholder]").forEach((input) => {
		if (visible(input) && input.placeholder) texts.push(input.placeholder);
	});
	return texts;
}"""


def findings(text: str) -> list[str]:
	found = [m.group(0) for m in RAW.finditer(text)]
	cleaned = IDENTIFIERS.sub(" ", text)
	found += [w for w in WORD.findall(cleaned) if w not in ALLOWED and not (len(w) == 1 and w.isupper())]
	return found


def scan(page, path: str, ready: str, shot: str | None = None) -> list[str]:
	page.goto(f"{URL}{path}")
	page.locator(ready).first.wait_for(state="visible")
	# The desk keeps a socket open, so "network idle" may never come: wait for Frappe's own requests.
	page.wait_for_function("() => !(window.frappe && frappe.request && frappe.request.ajax_count)")
	if shot:
		readme_image(page, f"browser/{shot}", full_page=True)
	texts = page.evaluate(VISIBLE_TEXT)
	assert any(CJK.search(t) for t in texts), f"{path}: no Chinese text read; the scan saw nothing"
	problems = []
	for text in texts:
		words = findings(text)
		if words:
			problems.append(f"{path}: {' '.join(words)!s}  ← {text[:80]!r}")
	return problems


@pytest.fixture(scope="module")
def world(admin):
	uid = str(random.randint(100000, 999999))  # digits only: no Latin letters in the test data
	world = setup_world(admin, uid)
	world["administrator"] = admin.user(
		f"scan-admin-{uid}@example.com", "Wuse Administrator", "System Manager"
	)
	for user, name in (
		(world["secretary"], "王书记"),
		(world["applicant"], "李申报"),
		(world["administrator"], "赵管理"),
	):
		response = admin.session.put(f"{URL}/api/resource/User/{user}", json={"first_name": name})
		assert response.status_code == 200, response.text
	applicant = SiteApi.login(world["applicant"], PASSWORD)
	today = datetime.date.today()
	world["project"] = applicant.insert(
		"Service Project",
		project_title=f"扫描助餐服务{uid}",
		applicant_organization=world["organization"],
		community=world["community"],
		category="Elderly Care",
		funding_source="Government Purchase of Service",
		beneficiary_count=30,
		start_date=today.isoformat(),
		end_date=(today + datetime.timedelta(days=60)).isoformat(),
		objectives="助餐服务",
		budget_items=[{"description": "助餐", "amount": 206000}],
	)["name"]
	applicant.call("wuse_app.projects.api.submit_application", project=world["project"])
	return world


def session(browser, viewport: dict):
	context = browser.new_context(locale="zh-CN", viewport=viewport, has_touch=viewport is PHONE)
	context.set_default_timeout(30_000)
	return context, context.new_page()


def assert_clean(problems: list[str]) -> None:
	assert not problems, f"{len(problems)} English or raw strings:\n" + "\n".join(problems)


def test_a_guest_and_an_applicant_on_a_phone_meet_no_english(browser, world):
	context, page = session(browser, PHONE)
	try:
		problems = scan(page, "/login", "#login_email")
		login(page, world["applicant"])
		problems += scan(page, "/me", ".wuse-my-pages", "me-phone.png")
		# /me leads to the applicant's own applications: one full-width tap target on a 360 px phone
		box = page.locator('.wuse-my-page[href="/service-project-application"]').bounding_box()
		assert box and box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
		problems += scan(page, "/service-project-application", ".page_content", "portal-list-phone.png")
		problems += scan(page, f"/service-project-application/{world['project']}", ".web-form")
	finally:
		context.close()
	assert_clean(problems)


def test_a_community_secretary_at_the_desk_meets_no_english(browser, world):
	context, page = session(browser, DESK)
	try:
		login(page, world["secretary"])
		problems = scan(page, "/app/my-approvals", ".wuse-queue-table", "my-approvals.png")
		problems += scan(page, "/app/service-project", ".list-row-container", "service-project-list.png")
		problems += scan(
			page, f"/app/service-project/{world['project']}", ".form-layout", "project-under-review.png"
		)
		problems += scan(page, "/app/five-society-linkage", ".workspace-sidebar-item, .ce-block")
	finally:
		context.close()
	assert_clean(problems)


def test_an_administrator_at_the_desk_meets_no_english(browser, world):
	context, page = session(browser, DESK)
	try:
		login(page, world["administrator"])
		problems = scan(page, "/app/volunteer", ".frappe-list")
		problems += scan(page, "/app/query-report/Work Targets", ".report-wrapper, .dt-scrollable")
		problems += scan(page, f"/app/print/Service Project/{world['project']}", ".print-preview")
		# The Fund Allocation workflow's form: the Service Project workflow's change log shows what other test
		# files typed into it (an English state name added by tests/browser/test_browser_approvals.py).
		problems += scan(page, "/app/workflow/Fund Allocation Approval", ".form-layout")
		problems += scan(
			page,
			"/app/workflow-builder/Service Project Approval",
			".vue-flow, .workflow-builder",
			"workflow-builder-zh.png",
		)
	finally:
		context.close()
	assert_clean(problems)
