"""Browser tier: Playwright drives Debian's Chromium against the test site served by scripts/test.

Skips cleanly when there is no served site (no bench) or no Playwright/Chromium.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for path in (HERE, HERE.parents[1]):  # this folder, and the repo root for the framework-free domain rules
	if str(path) not in sys.path:
		sys.path.insert(0, str(path))

URL = os.environ.get("WUSE_TEST_URL", "").rstrip("/")
CHROMIUM = os.environ.get("WUSE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("WUSE_ARTIFACTS") or tempfile.gettempdir())

if not URL:
	pytest.skip(
		"no served test site (WUSE_TEST_URL); run through scripts/test with a bench", allow_module_level=True
	)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if not Path(CHROMIUM).exists():
	pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

# A freshly built site serves its first pages slowly (cold caches, assets): give assertions the same
# 30 s as actions instead of Playwright's 5 s default for `expect`.
sync_api.expect.set_options(timeout=30_000)

CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-dev-shm-usage",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
	with sync_api.sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.fixture
def page(browser, request):
	context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
	context.set_default_timeout(30_000)
	page = context.new_page()
	# What the browser saw go wrong, for the failure report (CI keeps only the log, not the screenshots).
	events: list[str] = []
	page.on("pageerror", lambda error: events.append(f"page error: {error}"))
	page.on(
		"console",
		lambda message: (
			message.type == "error"
			and events.append(f"console error: {message.text} ({message.location.get('url', '')})")
		),
	)
	page.on(
		"response",
		lambda response: (
			response.status >= 500
			and events.append(f"HTTP {response.status}: {response.request.method} {response.url}")
		),
	)
	page.on(
		"requestfailed", lambda req: events.append(f"request failed: {req.method} {req.url} {req.failure}")
	)
	request.node.browser_events = events
	yield page
	failed = getattr(request.node, "rep_call", None) and request.node.rep_call.failed
	if failed:
		page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
	context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
	outcome = yield
	report = outcome.get_result()
	setattr(item, f"rep_{report.when}", report)
	if report.when == "call" and report.failed and "page" in getattr(item, "funcargs", {}):
		report.sections.append(("browser", _browser_state(item.funcargs["page"], item)))


def _browser_state(page, item) -> str:
	"""The page's address, its visible text and the errors the browser saw: enough to tell a slow desk
	from a broken script when only the log survives."""
	lines = [f"url: {page.url}"]
	try:
		dialogs, text = page.evaluate(
			"""() => [
				[...document.querySelectorAll('.modal.show, .desk-alert')].map((el) => el.innerText),
				document.body ? document.body.innerText : '',
			]"""
		)
	except Exception as error:  # the page may be gone or hung; the report must still be written
		dialogs, text = [], f"(could not read the page: {error})"
	lines.extend("open dialog: " + " ".join(str(d).split())[:1000] for d in dialogs)
	lines.append("visible text: " + " ".join(str(text).split())[:1500])
	# The test server has no socket.io: its polling errors are noise (other 404s, e.g. a missing asset, are not).
	lines.extend([e for e in getattr(item, "browser_events", []) if "/socket.io/" not in e][-30:])
	return "\n".join(lines)


@pytest.fixture(scope="session")
def admin():
	from site_api import SiteApi

	return SiteApi.login("Administrator", os.environ.get("WUSE_ADMIN_PASSWORD", "admin"))


@pytest.fixture
def uid() -> str:
	return uuid.uuid4().hex[:6]
