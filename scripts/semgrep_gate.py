"""Fail on semgrep findings that are not reviewed exceptions (used by scripts/lint; stdlib only).

    python3 scripts/semgrep_gate.py <semgrep --json output> <reviewed-exceptions.json>

A reviewed exception names the rule, the file and the code of the flagged line (stripped), and gives
the reason it is safe (for a finding on a decorated function, the code is its `def` line). A finding matches an exception when all three agree, so an exception survives
lines moving but not the code changing. Exceptions without a reason, and exceptions that no longer
match any finding (stale), fail too: the list stays short and true.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(results_file: str, exceptions_file: str) -> int:
	results = json.loads(Path(results_file).read_text(encoding="utf-8"))
	exceptions = json.loads(Path(exceptions_file).read_text(encoding="utf-8"))
	problems = []
	for index, exception in enumerate(exceptions):
		if not all(str(exception.get(key) or "").strip() for key in ("rule", "path", "code", "reason")):
			problems.append(f"reviewed exception #{index + 1} needs rule, path, code and reason: {exception}")
	used = set()
	for error in results.get("errors", []):
		problems.append(f"semgrep error: {error.get('message', error)}")
	for result in results.get("results", []):
		rule = result["check_id"].rsplit(".", 1)[-1]
		path = result["path"]
		lines = Path(path).read_text(encoding="utf-8").splitlines()
		start, end = result["start"]["line"], result["end"]["line"]
		span = [line.strip() for line in lines[start - 1 : end]]
		# A finding on a decorated function is named by its `def` line (decorators repeat).
		code = (
			next((line for line in span if line.startswith("def ")), span[0])
			if span[0].startswith("@")
			else span[0]
		)
		match = next(
			(
				i
				for i, e in enumerate(exceptions)
				if e.get("rule") == rule and e.get("path") == path and e.get("code", "").strip() == code
			),
			None,
		)
		if match is None:
			message = " ".join(result["extra"].get("message", "").split())
			problems.append(f"{path}:{result['start']['line']}: [{rule}] {message}\n    {code}")
		else:
			used.add(match)
	for index, exception in enumerate(exceptions):
		if index not in used:
			problems.append(f"stale reviewed exception (no such finding any more): {exception}")
	for problem in problems:
		print(problem)
	count = len(results.get("results", []))
	print(f"semgrep: {count} finding(s), {len(used)} reviewed exception(s), {len(problems)} problem(s)")
	return 1 if problems else 0


if __name__ == "__main__":
	sys.exit(main(*sys.argv[1:3]))
