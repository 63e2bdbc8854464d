"""One reviewer in its own process and database connection, for the concurrent-approval tests.

Usage: python projects_race_worker.py '<json>' with site, sites_path, user, project, action, mode
("api": wuse_app.projects.api.apply_review_action, "workflow": frappe.model.workflow.apply_workflow),
start_at (epoch seconds: both reviewers start together), hold (seconds to keep the transaction open
before committing, so the other reviewer acts meanwhile), reason, expected_state.
Prints one line: RESULT {"ok": ..., "error": ..., "message": ...}.
"""

from __future__ import annotations

import json
import sys
import time

import frappe


def main(args: dict) -> dict:
	frappe.init(site=args["site"], sites_path=args["sites_path"])
	frappe.connect()
	frappe.local.lang = "en"  # as the test harness (conftest) does; the site itself speaks zh
	frappe.flags.in_test = True  # notifications inline, as in the test process
	try:
		frappe.set_user(args["user"])
		delay = args["start_at"] - time.time()
		if delay > 0:
			time.sleep(delay)
		if args["mode"] == "api":
			from wuse_app.projects.api import apply_review_action

			apply_review_action(
				args["project"],
				args["action"],
				reason=args.get("reason"),
				expected_state=args.get("expected_state"),
			)
		else:
			from frappe.model.workflow import apply_workflow

			apply_workflow(frappe.get_doc("Service Project", args["project"]), args["action"])
		time.sleep(args.get("hold", 0))
		frappe.db.commit()
		return {"ok": True}
	except Exception as error:
		frappe.db.rollback()
		return {"ok": False, "error": type(error).__name__, "message": str(error)}
	finally:
		frappe.destroy()


if __name__ == "__main__":
	print("RESULT " + json.dumps(main(json.loads(sys.argv[1])), ensure_ascii=False), flush=True)
