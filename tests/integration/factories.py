"""Builders for integration tests. Everything is inserted inside the test's transaction unless noted."""

from __future__ import annotations

import os
import uuid

import frappe
import requests

from wuse_app.setup.roles import ROLES

PASSWORD = "Wuse-Test-Pa55!"


def unique(prefix: str = "t") -> str:
	return f"{prefix}-{uuid.uuid4().hex[:8]}"


def make_user(*roles: str, email: str | None = None, first_name: str | None = None, language: str = "en"):
	"""A user with `roles`; portal-only roles give a Website User, any desk role a System User."""
	email = email or f"{unique('user')}@example.com"
	desk = any(ROLES.get(role, True) for role in roles) if roles else False
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name or email.split("@")[0],
			"send_welcome_email": 0,
			"enabled": 1,
			"language": language,
			"user_type": "System User" if desk else "Website User",
			"new_password": PASSWORD,
			"roles": [{"role": role} for role in roles],
		}
	)
	user.flags.ignore_password_policy = True
	user.insert(ignore_permissions=True)
	return user.name


def add_user_permission(user: str, doctype: str, value: str) -> None:
	frappe.get_doc(
		{"doctype": "User Permission", "user": user, "allow": doctype, "for_value": value, "apply_to_all_doctypes": 1}
	).insert(ignore_permissions=True)


class RestClient:
	"""A logged-in HTTP session against the served test site (needs committed data)."""

	def __init__(self, user: str, password: str = PASSWORD) -> None:
		self.base = os.environ["WUSE_TEST_URL"].rstrip("/")
		self.session = requests.Session()
		response = self.session.post(f"{self.base}/api/method/login", data={"usr": user, "pwd": password})
		response.raise_for_status()

	def get(self, path: str, **kwargs) -> requests.Response:
		return self.session.get(self.base + path, **kwargs)

	def post(self, path: str, **kwargs) -> requests.Response:
		return self.session.post(self.base + path, **kwargs)

	def put(self, path: str, **kwargs) -> requests.Response:
		return self.session.put(self.base + path, **kwargs)

	def delete(self, path: str, **kwargs) -> requests.Response:
		return self.session.delete(self.base + path, **kwargs)
