"""Benchmark: resource suggestions for one need among 100,000 needs and 20,000 resources, against a naive scan.

Run by hand (not in any test tier):

	(cd <bench>/sites && <bench>/env/bin/python <bench>/apps/wuse_app/benchmarks/linkage_suggestions.py \
		--site bench-wuse.localhost --sites-path .)

Generates, once, with bulk SQL inserts: 50 communities, 100,000 resident needs and 20,000 resource
offers (each 1–3 categories, 1–3 communities or the whole sub-district). Then times, interleaved, in the
same process:

  suggest  wuse_app.linkage.api.suggest_resources(need) as a Sub-district Reviewer: permission check,
           the indexed candidate query (category index, then coverage), ranking and the display query;
  naive    what it would cost without the indexed query: read every active resource with its categories
           and communities and rank them all in Python with the same rule.

Target: suggest ≤ 100 ms median; prints the ratio naive / suggest.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time

import frappe

COMMUNITIES = 50
NEEDS = 100_000
RESOURCES = 20_000
PREFIX = "基准联动社区"
BATCH = 5_000


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", required=True)
	parser.add_argument("--repeat", type=int, default=25)
	parser.add_argument("--json", help="write the results here")
	parser.add_argument("--needs", type=int, default=NEEDS, help="scale down on a shared machine")
	parser.add_argument("--resources", type=int, default=RESOURCES, help="scale down on a shared machine")
	parser.add_argument("--cleanup", action="store_true", help="delete the generated data afterwards")
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=args.sites_path)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		if frappe.db.count("Resource Offer", {"title": ["like", f"{PREFIX}%"]}) < args.resources:
			generate(args.needs, args.resources)
		results = measure(args.repeat)
		if args.cleanup:
			cleanup()
	finally:
		frappe.destroy()
	print(json.dumps(results, indent=1, ensure_ascii=False))
	if args.json:
		with open(args.json, "w", encoding="utf-8") as f:
			json.dump(results, f, indent=1, ensure_ascii=False)
	return 0


def generate(needs_count: int = NEEDS, resources_count: int = RESOURCES) -> None:
	rng = random.Random(20221101)
	sub_district = "基准联动街道"
	if not frappe.db.exists("Sub District", sub_district):
		frappe.get_doc({"doctype": "Sub District", "sub_district_name": sub_district}).insert(
			ignore_permissions=True
		)
	communities = []
	for i in range(COMMUNITIES):
		name = f"{PREFIX}{i:02d}"
		if not frappe.db.exists("Community", name):
			frappe.get_doc(
				{
					"doctype": "Community",
					"community_name": name,
					"sub_district": sub_district,
					"community_type": "Urban",
				}
			).insert(ignore_permissions=True)
		communities.append(name)
	categories = frappe.get_all("Service Category", pluck="name")
	now = frappe.utils.now()
	base = {
		"owner": "Administrator",
		"modified_by": "Administrator",
		"creation": now,
		"modified": now,
		"docstatus": 0,
	}
	offers, cat_rows, com_rows = [], [], []
	for i in range(resources_count):
		name = f"BENCH-RO-{i:06d}"
		whole = rng.random() < 0.1
		capacity = rng.randint(1, 50)
		offers.append(
			(name, f"{PREFIX}资源{i}", "Community Facility", "基准提供方", communities[i % COMMUNITIES], "Active",
			 int(whole), "People", capacity, 0, capacity, rng.choice([None, "1,2,3,4,5", "6,7"]), *base.values())
		)  # fmt: skip
		for j, category in enumerate(rng.sample(categories, rng.randint(1, 3))):
			cat_rows.append(
				(f"{name}-c{j}", name, "Resource Offer", "categories", j + 1, category, *base.values())
			)
		if not whole:
			for j, community in enumerate(rng.sample(communities, rng.randint(1, 3))):
				com_rows.append(
					(f"{name}-m{j}", name, "Resource Offer", "communities", j + 1, community, *base.values())
				)
	base_fields = list(base)
	_insert("Resource Offer", ["name", "title", "provider_type", "provider_name", "community", "status",
		"covers_whole_subdistrict", "capacity_unit", "capacity", "committed", "remaining_capacity", "weekdays",
		*base_fields], offers)  # fmt: skip
	child = ["name", "parent", "parenttype", "parentfield", "idx"]
	_insert("Resource Offer Category", [*child, "category", *base_fields], cat_rows)
	_insert("Resource Offer Community", [*child, "community", *base_fields], com_rows)
	needs = [
		(f"BENCH-RN-{i:06d}", communities[i % COMMUNITIES], rng.choice(categories), "Open", "Open", "Normal", "Visit",
		 rng.randint(1, 5), f"{PREFIX}需求{i}", now, now, *base.values())
		for i in range(needs_count)
	]  # fmt: skip
	_insert("Resident Need", ["name", "community", "category", "status", "workflow_state", "urgency", "source",
		"people_affected", "description", "reported_on", "response_deadline", *base_fields], needs)  # fmt: skip
	frappe.db.commit()


def cleanup() -> None:
	"""Remove the generated data (names and titles carry the benchmark's prefixes)."""
	for doctype in ("Resource Offer Category", "Resource Offer Community"):
		frappe.db.delete(doctype, {"parent": ["like", "BENCH-RO-%"]})
	frappe.db.delete("Resource Offer", {"name": ["like", "BENCH-RO-%"]})
	frappe.db.delete("Resident Need", {"name": ["like", "BENCH-RN-%"]})
	frappe.db.delete("Community", {"name": ["like", f"{PREFIX}%"]})
	frappe.db.delete("Sub District", {"name": "基准联动街道"})
	frappe.db.commit()


def _insert(doctype: str, fields: list[str], rows: list[tuple]) -> None:
	for start in range(0, len(rows), BATCH):
		frappe.db.bulk_insert(doctype, fields, rows[start : start + BATCH], ignore_duplicates=True)


def measure(repeat: int) -> dict:
	from frappe.utils import getdate, today

	from wuse_app.domain import linkage as rules
	from wuse_app.linkage import api

	reviewer = ensure_reviewer()
	needs = frappe.get_all(
		"Resident Need", filters={"name": ["like", "BENCH-RN-%"]}, pluck="name", limit=repeat
	)

	def naive(need_name: str) -> list:
		need = frappe.get_doc("Resident Need", need_name)
		day = getdate(today())
		cats, coms = {}, {}
		for row in frappe.get_all(
			"Resource Offer Category", fields=["parent", "category"], limit_page_length=0
		):
			cats.setdefault(row.parent, set()).add(row.category)
		for row in frappe.get_all(
			"Resource Offer Community", fields=["parent", "community"], limit_page_length=0
		):
			coms.setdefault(row.parent, set()).add(row.community)
		resources = [
			rules.ResourceFacts(
				name=r.name,
				categories=frozenset(cats.get(r.name, ())),
				communities=frozenset() if r.covers_whole_subdistrict else frozenset(coms.get(r.name, ())),
				remaining=rules.Decimal(str(r.remaining_capacity or 0)),
				weekdays=rules.parse_weekdays(r.weekdays),
			)
			for r in frappe.get_all(
				"Resource Offer",
				filters={"status": "Active"},
				fields=["name", "remaining_capacity", "covers_whole_subdistrict", "weekdays"],
				limit_page_length=0,
			)
		]
		facts = rules.NeedFacts(need.category, need.community, need.people_affected or 1, day)
		return rules.rank(facts, resources, day)

	frappe.set_user(reviewer)
	api.suggest_resources(needs[0])  # warm-up
	naive(needs[0])
	suggest_times, naive_times = [], []
	for need in needs:
		suggest_times.append(timed(lambda need=need: api.suggest_resources(need)))
		naive_times.append(timed(lambda need=need: naive(need)))
	frappe.set_user("Administrator")
	suggest_median, naive_median = statistics.median(suggest_times), statistics.median(naive_times)
	return {
		"needs": frappe.db.count("Resident Need"),
		"resources": frappe.db.count("Resource Offer"),
		"repeat": len(needs),
		"suggest_median_s": round(suggest_median, 4),
		"naive_median_s": round(naive_median, 4),
		"naive_over_suggest": round(naive_median / suggest_median, 1),
		"target_met": suggest_median <= 0.1,
		"measured_at": frappe.utils.now(),
	}


def timed(fn) -> float:
	start = time.perf_counter()
	fn()
	return time.perf_counter() - start


def ensure_reviewer() -> str:
	email = "benchmark-reviewer@example.com"
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "Benchmark", "send_welcome_email": 0,
			 "roles": [{"role": "Sub-district Reviewer"}]}
		)  # fmt: skip
		user.insert(ignore_permissions=True)
		frappe.db.commit()
	return email


if __name__ == "__main__":
	sys.exit(main())
