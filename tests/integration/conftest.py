"""pytest harness for a real Frappe v15 site.

scripts/test builds a fresh site from the checkout under test and runs this tier with the bench's
Python, passing WUSE_TEST_SITE and WUSE_SITES_PATH. Every test runs inside a transaction that is
rolled back afterwards (`frappe.db.commit` is a no-op), except tests marked `commits`, which commit
on purpose (HTTP/REST, concurrency, migrate) and clean up after themselves.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

frappe = pytest.importorskip("frappe", reason="the integration tier needs a Frappe bench")

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
	sys.path.insert(0, str(HERE))

SITE = os.environ.get("WUSE_TEST_SITE")
SITES_PATH = os.environ.get("WUSE_SITES_PATH")


def pytest_configure(config: pytest.Config) -> None:
	config.addinivalue_line("markers", "commits: the test commits to the database and cleans up itself")
	config.addinivalue_line("markers", "clear_cache: clear every cache after the test (it changed metadata)")
	if not SITE or not SITES_PATH:
		raise pytest.UsageError(
			"The integration tier needs WUSE_TEST_SITE and WUSE_SITES_PATH; run it through scripts/test."
		)


@pytest.fixture(scope="session", autouse=True)
def frappe_site():
	frappe.init(site=SITE, sites_path=SITES_PATH)
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	frappe.db.commit()
	yield SITE
	frappe.db.rollback()
	frappe.destroy()


@pytest.fixture(autouse=True)
def transaction(request: pytest.FixtureRequest, frappe_site, monkeypatch: pytest.MonkeyPatch):
	"""Each test starts clean as Administrator and is rolled back afterwards."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	frappe.local.message_log = []
	frappe.flags.in_test = True
	if request.node.get_closest_marker("commits") is None:
		monkeypatch.setattr(frappe.db, "commit", lambda *args, **kwargs: None)
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	if request.node.get_closest_marker("clear_cache"):
		frappe.clear_cache()
	else:
		reset_caches()


def reset_caches() -> None:
	"""Forget what was cached from the rolled-back transaction, without clearing metadata.

	Roles and user permissions, cached documents (Wuse Settings, workflows) and the workflow lookup live
	in Redis and would outlive the rolled-back rows. `frappe.clear_cache()` would also drop every
	DocType's metadata and the translations, which makes the next test rebuild them (seconds each).
	"""
	import frappe.cache_manager
	import frappe.utils.caching

	frappe.cache_manager.clear_user_cache()
	frappe.cache.delete_keys("document_cache::")
	frappe.cache.delete_value("workflow")
	frappe.utils.caching._SITE_CACHE.clear()
	frappe.local.role_permissions = {}
	if hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache.clear()
