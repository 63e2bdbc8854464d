"""Benchmark: one governed workflow transition against the same transition with the rules switched off.

Run by hand (not in any test tier), against any site with wuse_app installed (small data; it removes
what it made):

	(cd <bench>/sites && <bench>/env/bin/python <bench>/apps/wuse_app/benchmarks/approval_transition.py \
		--site <site> --sites-path .)

Set-up, as an administrator would do it in the desk: a custom DocType "Benchmark Booking" (no code)
with a workflow Draft → Pending Review → Approved whose states carry approval stages, one applicant and
one reviewer. Every document is submitted first and carries a trail of earlier rounds (a withdrawal
and resubmission, a forward), so the rules have rows to read.

Measured in the same process, interleaved in blocks (the first call of each block is a discarded
warm-up): `apply_workflow(doc, "Approve")` by the reviewer, committed —

  governed  the workflow's states have approval stages: the approval layer (wuse_app.approvals.engine)
            reads the policy and the trail, checks self-decision, forward, locks, reasons, required
            fields and votes, and writes the trail row;
  off       the same workflow with every state's approval stage blank (the configuration that switches
            the rules off for a doctype): Frappe's transition alone.

Target: governed ≤ 1.5 × off (medians).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import frappe

DOCTYPE = "Benchmark Booking"
WORKFLOW = "Benchmark Booking Approval"
STAGES = {"Draft": "Editing", "Pending Review": "Review", "Approved": "Active"}


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", required=True)
	parser.add_argument("--blocks", type=int, default=6)
	parser.add_argument("--per-block", type=int, default=8)
	parser.add_argument("--json", help="write the results here")
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=args.sites_path)
	frappe.connect()
	frappe.local.lang = "en"
	try:
		frappe.set_user("Administrator")
		people = setup()
		results = measure(people, args.blocks, args.per_block)
	finally:
		frappe.set_user("Administrator")
		teardown()
		frappe.destroy()
	print(json.dumps(results, indent=1, ensure_ascii=False))
	if args.json:
		with open(args.json, "w", encoding="utf-8") as f:
			json.dump(results, f, indent=1, ensure_ascii=False)
	return 0


def setup() -> frappe._dict:
	from wuse_app.setup.roles import COMMUNITY_SECRETARY, COMMUNITY_STAFF

	teardown()
	frappe.get_doc(
		{
			"doctype": "DocType",
			"name": DOCTYPE,
			"module": "Approvals",
			"custom": 1,
			"autoname": "hash",
			"fields": [
				{"fieldname": "venue", "fieldtype": "Data", "label": "Venue", "reqd": 1},
				{"fieldname": "purpose", "fieldtype": "Small Text", "label": "Purpose"},
				{"fieldname": "workflow_state", "fieldtype": "Link", "label": "Workflow State",
				 "options": "Workflow State", "hidden": 1},
			],
			"permissions": [
				{"role": COMMUNITY_STAFF, "read": 1, "write": 1, "create": 1},
				{"role": COMMUNITY_SECRETARY, "read": 1, "write": 1},
			],
		}
	).insert()  # fmt: skip
	for state in STAGES:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
	for action in ("Submit", "Approve"):
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert()
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": WORKFLOW,
			"document_type": DOCTYPE,
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"send_email_alert": 0,
			"states": [
				{"state": s, "doc_status": "0", "allow_edit": COMMUNITY_STAFF if s == "Draft" else COMMUNITY_SECRETARY,
				 "approval_stage": stage}
				for s, stage in STAGES.items()
			],
			"transitions": [
				{"state": "Draft", "action": "Submit", "next_state": "Pending Review", "allowed": COMMUNITY_STAFF,
				 "allow_self_approval": 1},
				{"state": "Pending Review", "action": "Approve", "next_state": "Approved",
				 "allowed": COMMUNITY_SECRETARY, "allow_self_approval": 1},
			],
		}
	).insert()  # fmt: skip
	people = frappe._dict(
		applicant=user("bench-applicant@example.com", COMMUNITY_STAFF),
		reviewer=user("bench-reviewer@example.com", COMMUNITY_SECRETARY),
		colleague=user("bench-colleague@example.com", COMMUNITY_SECRETARY),
	)
	frappe.db.commit()
	return people


def user(email: str, role: str) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": email.split("@")[0],
			"send_welcome_email": 0,
			"user_type": "System User",
			"roles": [{"role": role}],
		}
	).insert(ignore_permissions=True)
	return doc.name


def submitted_documents(people, count: int) -> list[str]:
	"""Documents waiting for review, each with a trail of an earlier round (withdrawn, resubmitted,
	forwarded), made with the rules on."""
	from frappe.model.workflow import apply_workflow

	from wuse_app.approvals import actions

	names = []
	for i in range(count):
		frappe.set_user(people.applicant)
		doc = frappe.get_doc({"doctype": DOCTYPE, "venue": f"活动室 {i}", "purpose": "书法班"}).insert()
		apply_workflow(doc, "Submit")
		actions.withdraw(DOCTYPE, doc.name, "补材料")
		apply_workflow(frappe.get_doc(DOCTYPE, doc.name), "Submit")
		frappe.set_user(people.colleague)
		actions.forward(DOCTYPE, doc.name, people.reviewer, "请审")
		names.append(doc.name)
	frappe.set_user("Administrator")
	frappe.db.commit()
	return names


def switch(governed: bool) -> None:
	"""Rules on or off by configuration: the states' approval stages (what an administrator edits)."""
	for row in frappe.get_all(
		"Workflow Document State", filters={"parent": WORKFLOW}, fields=["name", "state"]
	):
		frappe.db.set_value(
			"Workflow Document State", row.name, "approval_stage", STAGES[row.state] if governed else None
		)
	frappe.db.commit()
	frappe.clear_document_cache("Workflow", WORKFLOW)


def transition(name: str, reviewer: str) -> float:
	from frappe.model.workflow import apply_workflow

	frappe.set_user(reviewer)
	doc = frappe.get_doc(DOCTYPE, name)
	start = time.perf_counter()
	apply_workflow(doc, "Approve")
	frappe.db.commit()
	elapsed = time.perf_counter() - start
	frappe.set_user("Administrator")
	return elapsed


def measure(people, blocks: int, per_block: int) -> dict:
	from wuse_app.approvals.config import get_policy

	docs = submitted_documents(people, 2 * blocks * per_block)
	timings: dict[str, list[float]] = {"governed": [], "off": []}
	for block in range(blocks):
		for mode in ("governed", "off") if block % 2 == 0 else ("off", "governed"):
			switch(mode == "governed")
			assert (get_policy(DOCTYPE) is not None) == (mode == "governed")
			for i in range(per_block):
				elapsed = transition(docs.pop(), people.reviewer)
				if i:  # the first call of a block warms the caches the switch cleared
					timings[mode].append(elapsed)
	switch(True)
	governed, off = statistics.median(timings["governed"]), statistics.median(timings["off"])
	return {
		"samples": len(timings["governed"]),
		"governed_median_s": round(governed, 4),
		"off_median_s": round(off, 4),
		"ratio": round(governed / off, 3),
		"target": "governed <= 1.5 x off",
		"met": governed <= 1.5 * off,
	}


def teardown() -> None:
	frappe.db.rollback()
	names = frappe.get_all(DOCTYPE, pluck="name") if frappe.db.exists("DocType", DOCTYPE) else []
	frappe.db.delete("Approval Vote", {"reference_doctype": DOCTYPE})
	for doctype, field in (
		("Workflow Action", "reference_name"),
		("Comment", "reference_name"),
		("ToDo", "reference_name"),
		("Version", "docname"),
	):
		frappe.db.delete(doctype, {field: ["in", names or ["-"]]})  # fmt: skip
	if frappe.db.exists("Workflow", WORKFLOW):
		frappe.delete_doc("Workflow", WORKFLOW, force=True, ignore_permissions=True)
	if frappe.db.exists("DocType", DOCTYPE):
		frappe.delete_doc("DocType", DOCTYPE, force=True, ignore_permissions=True)
	for email in ("bench-applicant@example.com", "bench-reviewer@example.com", "bench-colleague@example.com"):
		if frappe.db.exists("User", email):
			frappe.delete_doc("User", email, force=True, ignore_permissions=True)
	frappe.db.commit()


if __name__ == "__main__":
	raise SystemExit(main())
