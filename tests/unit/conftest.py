"""Unit tests for the framework-free domain package; plain pytest, no Frappe site needed."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
for path in (REPO_ROOT, HERE):
	if str(path) not in sys.path:
		sys.path.insert(0, str(path))
