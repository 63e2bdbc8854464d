"""The domain package must stay framework-free and its messages extractable for translation."""

import ast
import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest
from domain_asserts import placeholders

import wuse_app.domain

DOMAIN_DIR = Path(wuse_app.domain.__file__).resolve().parent
REPO_ROOT = DOMAIN_DIR.parents[1]
SOURCES = sorted(DOMAIN_DIR.rglob("*.py"))
# Every module's messages must also satisfy the one-line ``_("...")`` rule (checked by a plain regex).
ONE_LINE_MESSAGE_MODULES = tuple(path.name for path in SOURCES if path.parent == DOMAIN_DIR)
MODULES = sorted(
	name for _finder, name, _is_pkg in pkgutil.walk_packages(wuse_app.domain.__path__, "wuse_app.domain.")
)
MESSAGE_CLASSES = {"DomainValidationError", "DomainMessage"}


def test_package_has_the_expected_modules() -> None:
	assert {
		"wuse_app.domain.errors",
		"wuse_app.domain.resident_id",
		"wuse_app.domain.uscc",
		"wuse_app.domain.mobile",
		"wuse_app.domain.document_number",
		"wuse_app.domain.formatting",
	} <= set(MODULES)


def test_importing_every_module_does_not_import_frappe() -> None:
	"""Checked in a fresh interpreter so nothing else in the test session can have loaded frappe."""
	code = (
		"import importlib, sys\n"
		f"for name in {MODULES!r}:\n"
		"\timportlib.import_module(name)\n"
		"assert 'frappe' not in sys.modules, 'frappe was imported'\n"
		"assert not [m for m in sys.modules if m.startswith('frappe.')]\n"
	)
	env = {
		**os.environ,
		"PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
	}
	result = subprocess.run(
		[sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
	)
	assert result.returncode == 0, result.stderr


def test_modules_import_in_this_session_without_frappe() -> None:
	for name in MODULES:
		importlib.import_module(name)
	if "frappe" in sys.modules:  # pragma: no cover - only when run inside a bench alongside Frappe tests
		pytest.skip("frappe was already imported by another test in this session")
	assert "frappe" not in sys.modules


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_source_never_imports_frappe(path: Path) -> None:
	source = path.read_text(encoding="utf-8")
	assert not re.search(r"^\s*(import\s+frappe|from\s+frappe[\s.])", source, re.MULTILINE)
	assert "import frappe" not in source
	for node in ast.walk(ast.parse(source)):
		if isinstance(node, ast.Import):
			assert not any(alias.name.split(".")[0] == "frappe" for alias in node.names)
		if isinstance(node, ast.ImportFrom):
			assert (node.module or "").split(".")[0] != "frappe"


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_source_is_indented_with_tabs(path: Path) -> None:
	for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
		assert not line.startswith(" "), f"{path.name}:{number} is indented with spaces"


def _message_calls(tree: ast.AST) -> list[ast.Call]:
	return [
		node
		for node in ast.walk(tree)
		if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MESSAGE_CLASSES
	]


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_every_message_is_a_literal_wrapped_in_underscore(path: Path) -> None:
	"""``DomainValidationError(_("..."), **params)``: literal template, named placeholders all supplied."""
	tree = ast.parse(path.read_text(encoding="utf-8"))
	for call in _message_calls(tree):
		if path.name == "errors.py":
			continue  # DomainValidationError.as_message() passes its own stored template on
		assert call.args, ast.unparse(call)
		first = call.args[0]
		assert isinstance(first, ast.Call) and isinstance(first.func, ast.Name) and first.func.id == "_", (
			ast.unparse(call)
		)
		assert len(first.args) == 1 and isinstance(first.args[0], ast.Constant), ast.unparse(call)
		template = first.args[0].value
		assert isinstance(template, str) and template.strip()
		names = placeholders(template)
		assert all(name.isidentifier() for name in names), f"use named placeholders: {template}"
		if call.func.id == "DomainValidationError":
			supplied = {keyword.arg for keyword in call.keywords}
		else:
			params = call.args[1] if len(call.args) > 1 else None
			assert isinstance(params, ast.Dict), ast.unparse(call)
			supplied = {key.value for key in params.keys if isinstance(key, ast.Constant)}
		assert names == supplied, f"{template}: placeholders {names} but parameters {supplied}"


@pytest.mark.parametrize("name", ONE_LINE_MESSAGE_MODULES)
def test_translation_extractor_regex_finds_every_message(name: str) -> None:
	"""Each ``_(`` directly wraps one one-line literal, so even a regex extractor (``_\\("...``) finds it."""
	source = (DOMAIN_DIR / name).read_text(encoding="utf-8")
	calls = re.findall(r"(?<![\w.])_\(", source)
	literal_calls = re.findall(r'(?<![\w.])_\("[^"\n]+"\)', source)
	definitions = re.findall(r"def _\(", source)
	assert len(calls) == len(literal_calls) + len(definitions), "each _( must wrap one one-line literal"


def test_public_api_is_fully_type_hinted() -> None:
	for name in wuse_app.domain.__all__:
		obj = getattr(wuse_app.domain, name)
		if inspect.isfunction(obj):
			signature = inspect.signature(obj)
			assert signature.return_annotation is not inspect.Signature.empty, name
			for parameter in signature.parameters.values():
				assert parameter.annotation is not inspect.Parameter.empty, f"{name}({parameter.name})"


def test_all_exports_exist() -> None:
	for name in wuse_app.domain.__all__:
		assert hasattr(wuse_app.domain, name), name
