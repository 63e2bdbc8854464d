"""Races between real processes: each worker is a separate Python process with its own database
connection, started in the sites folder, which prints its outcome as `RESULT {json}`.

Shared by the concurrency tests (charity, linkage, venture, fund allocation approval) so that the
start, the collection of results and the overlap check are written once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def run_workers(program: str, argvs: list[list[str]], timeout: int = 120) -> list[dict]:
	"""Run `python -c program *argv` once per argv, all at the same time; their results, in order."""
	processes = [
		subprocess.Popen(
			[sys.executable, "-c", program, *argv],
			stdout=subprocess.PIPE,
			stderr=subprocess.PIPE,
			text=True,
			env=os.environ.copy(),
			cwd=os.environ["WUSE_SITES_PATH"],
		)
		for argv in argvs
	]
	results = []
	for process in processes:
		stdout, stderr = process.communicate(timeout=timeout)
		lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
		assert lines, f"worker failed:\n{stdout}\n{stderr}"
		results.append(json.loads(lines[-1][len("RESULT ") :]))
	return results


def assert_overlapped(results: list[dict]) -> None:
	"""The workers really ran at once: every one began before any had finished."""
	assert max(r["began"] for r in results) < min(r["ended"] for r in results)
