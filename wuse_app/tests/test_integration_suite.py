"""`bench --site <site> run-tests --app wuse_app` runs the app's integration suite.

Frappe's test runner collects unittest modules named test_*.py inside the app package. The app's
tests are pytest tests in the repository's tests/ folder (three tiers with different needs, not
shipped in the package), so this one unittest case is the thin entry point: it runs
tests/integration with pytest against the site `run-tests` was called for, exactly as scripts/test
does, and fails when that run fails.

- The REST tests talk to the served site: set WUSE_TEST_URL (default: the site's own URL,
  frappe.utils.get_url(), which `bench start` serves and scripts/bootstrap makes resolvable).
- PYTEST_ARGS passes extra pytest arguments, e.g. PYTEST_ARGS="-k volunteer -x".
- The unit tier (tests/unit, no Frappe) and the browser tier run with scripts/test.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import unittest
from pathlib import Path

import frappe

REPOSITORY = Path(__file__).resolve().parents[2]
SUITE = REPOSITORY / "tests" / "integration"


class TestIntegrationSuite(unittest.TestCase):
	def test_integration_suite_passes_on_this_site(self) -> None:
		if not SUITE.is_dir():
			self.skipTest(f"{SUITE} is not here (an installed copy without the repository's tests)")
		sites_path = os.path.abspath(frappe.local.sites_path)
		env = {
			**os.environ,
			"WUSE_TEST_SITE": frappe.local.site,
			"WUSE_SITES_PATH": sites_path,
			"WUSE_TEST_URL": os.environ.get("WUSE_TEST_URL") or frappe.utils.get_url(),
		}
		# Release what the runner's own connection holds (before_tests seeded records) before pytest connects.
		frappe.db.commit()
		command = [
			sys.executable,
			"-m",
			"pytest",
			"-c",
			str(REPOSITORY / "pyproject.toml"),
			"--rootdir",
			str(REPOSITORY),
			str(SUITE),
			"-q",
			*shlex.split(os.environ.get("PYTEST_ARGS", "")),
		]
		result = subprocess.run(command, cwd=sites_path, env=env, check=False)
		self.assertEqual(result.returncode, 0, "the integration suite failed (its output is above)")
