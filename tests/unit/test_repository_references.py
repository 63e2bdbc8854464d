"""Every path the repository names resolves inside it: no committed file points at a file or tool elsewhere.

A newcomer who clones the repository has nothing but the repository. A comment telling them to re-run
a script that lives in someone's workspace, or a test reading a document from a shared drive, is a
reference they cannot follow. Temporary files are made with `mktemp -t` (which honours $TMPDIR) and a
bench's default place is "frappe-bench in the bench user's home", never an absolute home path.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {
	".git",
	"__pycache__",
	"node_modules",
	".pytest_cache",
	".ruff_cache",
	".hypothesis",
	".venv",
	"dist",
	"artifacts",
	".cache",
}
BINARY = {".png", ".jpg", ".jpeg", ".gif", ".pdf", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".xlsx"}
# Absolute paths of one machine (workspaces, shared drives, temporary and home directories) and
# relative paths that climb out of the repository to a sibling folder.
OUTSIDE = re.compile(r"(?<![\w.~-])/(?:work|opt|tmp|home|root|Users|mnt|srv)/|\.\./(?:\.\./)*shared\b")


def repository_files():
	for path in sorted(ROOT.rglob("*")):
		relative = path.relative_to(ROOT)
		if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in relative.parts):
			continue
		if path.is_file() and path.suffix.lower() not in BINARY and path != Path(__file__).resolve():
			yield relative, path


def outside_references() -> list[str]:
	found = []
	for relative, path in repository_files():
		raw = path.read_bytes()
		if b"\0" in raw:
			continue
		for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1):
			if OUTSIDE.search(line):
				found.append(f"{relative}:{number}: {line.strip()[:120]}")
	return found


def test_no_committed_file_names_a_path_outside_the_repository():
	assert outside_references() == []


def test_the_guard_recognises_paths_outside_the_repository():
	for line in (
		"re-run /" + "work/tools/gen.py",  # split so that this file itself names no outside path
		"see ../shared/reference/notes.md",
		"log=/tmp/x.log",
		"cd /home/frappe/frappe-bench",
		"/opt/dev/itest",
	):
		assert OUTSIDE.search(line), line
	for line in ("/assets/wuse_app/js/x.js", "mktemp -t wuse.XXXX", "~frappe/frappe-bench", "/api/method/x"):
		assert not OUTSIDE.search(line), line
