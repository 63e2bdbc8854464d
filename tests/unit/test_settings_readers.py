"""Wuse Settings is read one way and imports none of its consumers (they subscribe in hooks.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "wuse_app"
CONTROLLER = APP / "wuse_setup" / "doctype" / "wuse_settings" / "wuse_settings.py"
READER = APP / "utils" / "settings.py"


def imported_modules(path: Path) -> set[str]:
	modules = set()
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if isinstance(node, ast.ImportFrom) and node.module:
			modules.add(node.module)
		elif isinstance(node, ast.Import):
			modules.update(alias.name for alias in node.names)
	return modules


def test_wuse_settings_imports_no_module_that_consumes_it():
	consumers = tuple(
		f"wuse_app.{m}" for m in ("registry", "volunteering", "charity", "projects", "documents")
	)
	assert [m for m in imported_modules(CONTROLLER) if m.startswith(consumers)] == []


def test_consumers_react_through_doc_events():
	hooks = (APP / "hooks.py").read_text(encoding="utf-8")
	assert '"Wuse Settings": {' in hooks
	for handler in ("community.community.on_settings_update", "volunteering.totals.on_settings_update"):
		assert handler in hooks


def test_settings_are_read_only_through_get_settings():
	direct = re.compile(
		r"""get_(?:cached_doc|single_value|doc)\(\s*["']Wuse Settings["']|get_value\(\s*["']Wuse Settings["']"""
	)
	offenders = [
		str(path.relative_to(APP))
		for path in APP.rglob("*.py")
		if path != READER
		and "workflows"
		not in path.parts  # workflow conditions run in safe_eval: only frappe.db.get_value exists there
		and direct.search(path.read_text(encoding="utf-8"))
	]
	assert offenders == []
