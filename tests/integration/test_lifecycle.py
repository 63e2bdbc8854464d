"""Install, migrate and uninstall on real sites: migrate twice changes nothing, admin edits survive,
uninstall leaves nothing behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

import frappe
import pytest

pytestmark = pytest.mark.commits

SITES_PATH = os.environ.get("WUSE_SITES_PATH", "")


def bench(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
	"""Run a Frappe command the way bench does (from sites/), as this same user."""
	result = subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=SITES_PATH,
		capture_output=True,
		text=True,
		timeout=timeout,
	)
	assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
	return result


def app_doctypes() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": "wuse_app"}, pluck="name")
	return frappe.get_all("DocType", filters={"module": ["in", modules]}, pluck="name")


def snapshot() -> dict:
	"""Everything the app installs or seeds, with modification stamps."""
	frappe.db.rollback()  # see the other process's commits
	from wuse_app.setup.roles import ROLES
	from wuse_app.workflows import DEFAULT_WORKFLOWS

	doctypes = app_doctypes()
	modules = frappe.get_all("Module Def", filters={"app_name": "wuse_app"}, pluck="name")

	def rows(doctype, filters, fields=("name", "modified")):
		return sorted(
			tuple(str(v) for v in r)
			for r in frappe.get_all(doctype, filters=filters, fields=list(fields), as_list=True)
		)

	return {
		"doctypes": rows("DocType", {"name": ["in", doctypes]}),
		"roles": rows("Role", {"name": ["in", list(ROLES)]}, ("name", "desk_access", "modified")),
		"settings": sorted(
			frappe.db.sql("select field, value from tabSingles where doctype='Wuse Settings'")
		),
		"workflows": rows(
			"Workflow", {"document_type": ["in", [w.document_type for w in DEFAULT_WORKFLOWS] or [""]]}
		),
		"workflow_states": rows("Workflow State", {}),
		"workflow_actions": rows("Workflow Action Master", {}),
		"custom_fields": rows("Custom Field", {"dt": ["in", doctypes]}),
		"property_setters": rows("Property Setter", {"doc_type": ["in", doctypes]}),
		"custom_docperms": rows(
			"Custom DocPerm", {"role": ["in", list(ROLES)]}, ("parent", "role", "permlevel", "modified")
		),
		"service_areas": rows("Service Area", {}),
		"skills": rows("Volunteer Skill", {}),
		"print_formats": rows("Print Format", {"module": ["in", modules]}),
		"reports": rows("Report", {"module": ["in", modules]}),
		"web_forms": rows("Web Form", {"module": ["in", modules]}),
		"notifications": rows("Notification", {"module": ["in", modules]}),
		"workspaces": rows("Workspace", {"module": ["in", modules]}),
	}


def test_migrate_twice_changes_nothing_and_keeps_admin_edits(frappe_site):
	from wuse_app.workflows import DEFAULT_WORKFLOWS

	original_threshold = frappe.db.get_single_value("Wuse Settings", "leadership_approval_threshold")
	settings = frappe.get_single("Wuse Settings")
	settings.leadership_approval_threshold = 123456
	settings.save()
	edited_workflows = {}
	for definition in DEFAULT_WORKFLOWS:
		if frappe.db.exists("Workflow", definition.name):
			workflow = frappe.get_doc("Workflow", definition.name)
			workflow.states[0].message = "Edited by an administrator"
			workflow.save()
			# a state may have several rows (one per role allowed to edit): remember this very row
			edited_workflows[definition.name] = workflow.states[0].name
	frappe.db.commit()
	try:
		bench("--site", frappe_site, "migrate", "--skip-search-index")
		first = snapshot()
		bench("--site", frappe_site, "migrate", "--skip-search-index")
		second = snapshot()
		assert first == second
		assert frappe.db.get_single_value("Wuse Settings", "leadership_approval_threshold") == 123456
		for name, row in edited_workflows.items():
			message = frappe.db.get_value("Workflow Document State", row, "message")
			assert message == "Edited by an administrator", name
	finally:
		frappe.db.rollback()
		settings = frappe.get_single("Wuse Settings")
		settings.leadership_approval_threshold = original_threshold
		settings.save()
		for row in edited_workflows.values():
			frappe.db.set_value("Workflow Document State", row, "message", None)
		frappe.db.commit()


REMNANTS = """
import json, sys, frappe
frappe.init(site=sys.argv[1], sites_path=sys.argv[2]); frappe.connect()
from wuse_app.setup.roles import ROLES
tables = [t for t in frappe.db.get_tables() if t.startswith("tab")]
ours = ["Wuse Settings", "Volunteer", "Community", "Social Organization", "Sub District", "Wuse Sequence"]
print(json.dumps({
	"installed": "wuse_app" in frappe.get_installed_apps(),
	"module_defs": frappe.get_all("Module Def", {"app_name": "wuse_app"}, pluck="name"),
	"doctypes": frappe.get_all("DocType", {"name": ["in", ours]}, pluck="name"),
	"tables": [t for t in tables if t[3:] in ours],
	"roles": frappe.get_all("Role", {"name": ["in", list(ROLES)]}, pluck="name"),
	"custom_docperms": frappe.get_all("Custom DocPerm", {"role": ["in", list(ROLES)]}, pluck="name"),
	"workflows": frappe.get_all("Workflow", {"document_type": ["in", ["Service Project", "Official Document"]]}, pluck="name"),
	"singles": frappe.db.sql("select count(*) from tabSingles where doctype='Wuse Settings'")[0][0],
	"portal_menu": frappe.db.count("Portal Menu Item", {"route": ["in", ["/volunteer_hours", "/service-project-application"]]}),
}))
frappe.destroy()
"""


def test_install_then_uninstall_leaves_nothing_behind():
	site = f"wuse-lifecycle-{uuid.uuid4().hex[:6]}.localhost"
	admin = ["--admin-password", "admin"]
	root = (
		["--db-root-password", os.environ["WUSE_DB_ROOT_PASSWORD"]]
		if os.environ.get("WUSE_DB_ROOT_PASSWORD")
		else []
	)
	bench("new-site", site, *admin, *root, "--install-app", "wuse_app", timeout=900)
	try:
		before = json.loads(
			subprocess.run(
				[sys.executable, "-c", REMNANTS, site, SITES_PATH],
				cwd=SITES_PATH,
				capture_output=True,
				text=True,
				check=True,
			)
			.stdout.strip()
			.splitlines()[-1]
		)
		assert before["installed"] and before["roles"] and before["doctypes"] and before["singles"]
		assert before["portal_menu"] == 2, "the portal roles' menu items are in Portal Settings"
		bench("--site", site, "uninstall-app", "wuse_app", "--yes", "--no-backup", timeout=900)
		after = json.loads(
			subprocess.run(
				[sys.executable, "-c", REMNANTS, site, SITES_PATH],
				cwd=SITES_PATH,
				capture_output=True,
				text=True,
				check=True,
			)
			.stdout.strip()
			.splitlines()[-1]
		)
		assert after == {
			"installed": False,
			"module_defs": [],
			"doctypes": [],
			"tables": [],
			"roles": [],
			"custom_docperms": [],
			"workflows": [],
			"singles": 0,
			"portal_menu": 0,
		}
	finally:
		archive = tempfile.mkdtemp(prefix="wuse-archived-")
		bench(
			"drop-site", site, "--force", "--no-backup", "--archived-sites-path", archive, *root, timeout=300
		)
		shutil.rmtree(archive, ignore_errors=True)
