"""Set up browser-test data over the site's REST API (as a real client would)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import requests

URL = os.environ.get("WUSE_TEST_URL", "").rstrip("/")
PASSWORD = "Wuse-Browser-Pa55!"
DOCS = Path(__file__).resolve().parents[2] / "docs"
SCREENSHOTS = os.environ.get("WUSE_SCREENSHOTS") == "1"


def readme_image(page, path: str, full_page: bool = False) -> None:
	"""A screenshot for the README, written to docs/`path` when WUSE_SCREENSHOTS=1 (otherwise nothing)."""
	if SCREENSHOTS:
		page.screenshot(path=str(DOCS / path), full_page=full_page)


class SiteApi:
	def __init__(self, session: requests.Session) -> None:
		self.session = session

	@classmethod
	def login(cls, user: str, password: str) -> SiteApi:
		session = requests.Session()
		response = session.post(f"{URL}/api/method/login", data={"usr": user, "pwd": password})
		response.raise_for_status()
		return cls(session)

	def insert(self, doctype: str, **values) -> dict:
		response = self.session.post(f"{URL}/api/resource/{doctype}", json=values)
		assert response.status_code == 200, response.text
		return response.json()["data"]

	def get(self, doctype: str, name: str) -> dict:
		response = self.session.get(f"{URL}/api/resource/{doctype}/{name}")
		assert response.status_code == 200, response.text
		return response.json()["data"]

	def list(
		self, doctype: str, filters: list | dict | None = None, fields: list[str] | None = None
	) -> list[dict]:
		params = {"limit_page_length": 0, "fields": json.dumps(fields or ["name"])}
		if filters:
			params["filters"] = json.dumps(filters)
		response = self.session.get(f"{URL}/api/resource/{doctype}", params=params)
		assert response.status_code == 200, response.text
		return response.json()["data"]

	def call(self, method: str, **kwargs):
		response = self.session.post(f"{URL}/api/method/{method}", json=kwargs)
		assert response.status_code == 200, response.text
		return response.json().get("message")

	def user(self, email: str, *roles: str, language: str = "zh", desk: bool = True) -> str:
		self.insert(
			"User",
			email=email,
			first_name=email.split("@")[0],
			send_welcome_email=0,
			language=language,
			user_type="System User" if desk else "Website User",
			new_password=PASSWORD,
			roles=[{"role": role} for role in roles],
		)
		return email


def login(page, user: str, password: str = PASSWORD, base: str = URL) -> None:
	"""Log in through the real login form (of the site at `base`) and wait for the desk or the portal."""
	page.goto(f"{base}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url(lambda url: "/login" not in url, timeout=30_000)


def new_desk_form(page, doctype: str, timeout: int = 90_000) -> None:
	"""Open the desk's form for a new `doctype` and wait until it is rendered.

	The desk first asks the server for the doctype and for a document named "new", then renders a new one
	under a new-… address. On a cold site on a busy 2-core runner the first form of a doctype has taken
	longer than the 30 s a single action gets, so the wait is for that whole sequence, with its own limit.
	"""
	slug = doctype.lower().replace(" ", "-")
	page.goto(f"{URL}/app/{slug}/new")
	page.wait_for_function(
		"dt => window.cur_frm && cur_frm.doctype === dt && cur_frm.doc.__islocal"
		" && document.querySelector(`.page-container[data-page-route='${dt}'] .form-layout`)",
		arg=doctype,
		timeout=timeout,
	)
