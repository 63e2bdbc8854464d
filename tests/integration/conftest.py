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
	"""Each test starts clean as Administrator and is rolled back afterwards (to the module's shared
	data when the module built some with `shared_data`)."""
	if SHARED.active and request.node.get_closest_marker("commits") is not None:
		raise pytest.UsageError(f"{request.node.nodeid}: a test that commits cannot use shared_data")
	rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	frappe.local.message_log = []
	frappe.flags.in_test = True
	if request.node.get_closest_marker("commits") is None:
		monkeypatch.setattr(frappe.db, "commit", lambda *args, **kwargs: None)
	yield
	rollback()
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


# --- data shared by the tests of one module ---------------------------------------------------------

SHARED_SAVEPOINT = "wuse_shared_data"


class _Shared:
	def __init__(self) -> None:
		self.active = False
		self.after_rollback: list = []  # callbacks of the shared writes, run at the module's end


SHARED = _Shared()


def rollback() -> None:
	"""Undo the test's writes: the whole transaction, or only what came after the module's shared data."""
	if not SHARED.active:
		frappe.db.rollback()
		return
	db = frappe.db
	# What a full rollback does besides ROLLBACK (callbacks of the test's own writes)
	db.before_commit.reset()
	db.after_commit.reset()
	db.before_rollback.run()
	try:
		db.rollback(save_point=SHARED_SAVEPOINT)
	except Exception as error:
		raise RuntimeError(
			"The module's shared data is gone: the test ended the transaction (a full rollback, a real "
			"commit or an implicit commit by DDL). Such a test cannot use shared_data."
		) from error
	db.after_rollback.run()


@pytest.fixture(scope="module")
def shared_data(frappe_site):
	"""Build data once for all tests of a module instead of once per test.

	`shared_data(build)` runs `build()` inside the open transaction, never commits, and takes a savepoint;
	every test of the module then rolls back to that savepoint instead of rolling back everything, and the
	module's end rolls the whole transaction back. Nothing is committed, so nothing needs cleaning up, and
	other processes (the served site) never see it: tests marked `commits` cannot use it.
	"""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	with pytest.MonkeyPatch.context() as patch:
		patch.setattr(frappe.db, "commit", lambda *args, **kwargs: None)

		def build(builder):
			if SHARED.active:
				rollback()  # start from the data shared so far, without the last test's writes
			result = builder()
			frappe.set_user("Administrator")
			# Callbacks of the shared writes (e.g. removing written files) run at the module's end only.
			SHARED.after_rollback.extend(frappe.db.after_rollback._functions)
			frappe.db.after_rollback.reset()
			frappe.db.savepoint(SHARED_SAVEPOINT)
			SHARED.active = True
			return result

		try:
			yield build
		finally:
			SHARED.active = False
			for callback in SHARED.after_rollback:
				frappe.db.after_rollback.add(callback)
			SHARED.after_rollback = []
			frappe.db.rollback()
			frappe.set_user("Administrator")
			reset_caches()
