"""Benchmark: the Work Targets report against the floor of the same aggregates in plain SQL.

Run through `benchmarks/run` (it builds or reuses the site). Generates, once, a large sub-district:
50 communities, 100,000 volunteers, plus social workers and organisations, and — when those modules
are installed — 1,000,000 volunteer service records and 10,000 service projects (bulk SQL inserts;
the report does not read them, they are there so the database is the size the target speaks of).
Then it times, in the same run and the same process:

  floor   the report's aggregates as plain SQL (what the database cannot avoid doing), and
  report  wuse_app.registry.report.work_targets.work_targets.execute() as a sub-district reviewer
          (permission checks, settings, Python assembly — everything a user waits for).

Prints medians and the ratio report / floor. Targets: ratio ≤ 1.5 and report < 1 s.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import statistics
import sys
import time

import frappe

COMMUNITIES = 50
VOLUNTEERS = 100_000
SERVICE_RECORDS = 1_000_000
PROJECTS = 10_000
SUB_DISTRICT = "基准街道"
REGION = "500114"

FLOOR_QUERIES = (
	"""select name, community_type, resident_population, volunteer_target, has_social_work_office,
		has_volunteer_station, is_demonstration_site
	from `tabCommunity` where sub_district = %(sub)s order by community_name""",
	"""select community, count(*) as workers,
		sum(qualification_level is not null and qualification_level not in ('', 'None')) as certified
	from `tabSocial Worker` where status = 'Active' and is_community_worker = 1 and community in %(names)s
	group by community""",
	"""select community, sum(organization_type = 'Community Social Organization') as community_orgs,
		sum(is_public_welfare_charity = 1 or is_charity_organization = 1) as charity_orgs
	from `tabSocial Organization`
	where status = 'Active' and registration_status in ('Registered', 'Filed') and community in %(names)s
	group by community""",
	"""select community, count(*) as verified from `tabVolunteer`
	where status = 'Active' and real_name_verified = 1 and community in %(names)s group by community""",
)


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", required=True)
	parser.add_argument("--repeat", type=int, default=15)
	parser.add_argument("--json", help="write the results here")
	args = parser.parse_args()

	frappe.init(site=args.site, sites_path=args.sites_path)
	frappe.connect()
	try:
		generate()
		results = measure(args.repeat)
	finally:
		frappe.destroy()
	print(json.dumps(results, indent=1, ensure_ascii=False))
	if args.json:
		with open(args.json, "w") as f:
			json.dump(results, f, indent=1, ensure_ascii=False)
	ok = results["ratio"] <= 1.5 and results["report_median_s"] < 1.0
	print(
		f"ratio report/floor = {results['ratio']:.2f} (target ≤ 1.5); report median = {results['report_median_s']:.3f} s (target < 1 s): {'OK' if ok else 'MISSED'}"
	)
	return 0 if ok else 1


# --- data -------------------------------------------------------------------------------------------------


def generate() -> None:
	from wuse_app.domain.resident_id import compose_resident_id, mask_resident_id

	rng = random.Random(42)
	now = frappe.utils.now()
	base = {
		"creation": now,
		"modified": now,
		"owner": "Administrator",
		"modified_by": "Administrator",
		"docstatus": 0,
	}
	if not frappe.db.exists("Sub District", SUB_DISTRICT):
		frappe.get_doc({"doctype": "Sub District", "sub_district_name": SUB_DISTRICT}).insert()
	names = [f"基准社区{i:02d}" for i in range(1, COMMUNITIES + 1)]
	for i, name in enumerate(names):
		if not frappe.db.exists("Community", name):
			frappe.get_doc(
				{
					"doctype": "Community",
					"community_name": name,
					"sub_district": SUB_DISTRICT,
					"community_type": "Rural" if i % 5 == 0 else "Urban",
					"resident_population": rng.randrange(2_000, 15_000),
					"has_social_work_office": i % 4 != 0,
					"has_volunteer_station": i % 3 != 0,
					"is_demonstration_site": i == 1,
				}
			).insert()
	frappe.db.commit()

	if frappe.db.count("Volunteer", {"community": ["like", "基准社区%"]}) < VOLUNTEERS:
		print(f"generating {VOLUNTEERS} volunteers …", file=sys.stderr)
		frappe.db.delete("Volunteer", {"community": ["like", "基准社区%"]})
		rows = []
		for n in range(VOLUNTEERS):
			birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=n // 900)
			number = compose_resident_id(REGION, birth, 1 + n % 900)
			rows.append(
				(
					f"BV-{n:07d}", *base.values(), f"志愿者{n}", number, mask_resident_id(number),
					"Male" if (n % 900) % 2 == 0 else "Female", birth, names[n % COMMUNITIES],
					"Active" if n % 17 else "Inactive", 0 if n % 9 == 0 else 1, "VOL-.#####",
				)
			)  # fmt: skip
		frappe.db.bulk_insert(
			"Volunteer",
			[*("name", *base.keys()), "full_name", "id_number", "id_number_masked", "gender", "date_of_birth",
			 "community", "status", "real_name_verified", "naming_series"],
			rows,
			chunk_size=5000,
		)  # fmt: skip
		frappe.db.commit()

	if frappe.db.count("Social Worker", {"community": ["like", "基准社区%"]}) < COMMUNITIES * 15:
		frappe.db.delete("Social Worker", {"community": ["like", "基准社区%"]})
		rows = []
		for n in range(COMMUNITIES * 15):
			number = compose_resident_id(
				REGION, datetime.date(1980, 1, 1) + datetime.timedelta(days=n), 901 + n % 99
			)
			rows.append(
				(
					f"BSW-{n:05d}", *base.values(), f"社工{n}", number, mask_resident_id(number), names[n % COMMUNITIES],
					1, "Active", "Social Worker" if n % 6 == 0 else "None", "SW-.#####",
				)
			)  # fmt: skip
		frappe.db.bulk_insert(
			"Social Worker",
			[*("name", *base.keys()), "full_name", "id_number", "id_number_masked", "community", "is_community_worker",
			 "status", "qualification_level", "naming_series"],
			rows,
		)  # fmt: skip
		frappe.db.commit()

	if frappe.db.count("Social Organization", {"community": ["like", "基准社区%"]}) < COMMUNITIES * 12:
		frappe.db.delete("Social Organization", {"community": ["like", "基准社区%"]})
		rows = [
			(
				f"基准组织{n:05d}", *base.values(), f"基准组织{n:05d}", "Community Social Organization", "Filed",
				names[n % COMMUNITIES], "Active", 1 if n % 10 == 0 else 0,
			)
			for n in range(COMMUNITIES * 12)
		]  # fmt: skip
		frappe.db.bulk_insert(
			"Social Organization",
			[*("name", *base.keys()), "organization_name", "organization_type", "registration_status", "community",
			 "status", "is_public_welfare_charity"],
			rows,
		)  # fmt: skip
		frappe.db.commit()

	generate_other_modules(base, names)


def generate_other_modules(base: dict, names: list[str]) -> None:
	"""Service records and projects, so the database has the size the target speaks of."""
	if frappe.db.exists("DocType", "Service Project") and frappe.db.count("Service Project") < PROJECTS:
		print(f"generating {PROJECTS} projects …", file=sys.stderr)
		rows = [
			(f"BSP-{n:06d}", *base.values(), f"基准项目{n}", names[n % COMMUNITIES], "Draft")
			for n in range(PROJECTS)
		]
		frappe.db.bulk_insert(
			"Service Project",
			[*("name", *base.keys()), "project_title", "community", "workflow_state"],
			rows,
			chunk_size=5000,
		)
		frappe.db.commit()
	if (
		frappe.db.exists("DocType", "Volunteer Service Record")
		and frappe.db.count("Volunteer Service Record") < SERVICE_RECORDS
	):
		print(f"generating {SERVICE_RECORDS} service records …", file=sys.stderr)
		start = datetime.date.today() - datetime.timedelta(days=700)
		columns = [*("name", *base.keys()), "volunteer", "service_date", "hours"]
		meta = frappe.get_meta("Volunteer Service Record")
		if meta.has_field("community"):
			columns.append("community")
		for chunk in range(0, SERVICE_RECORDS, 50_000):
			rows = []
			for n in range(chunk, chunk + 50_000):
				row = [
					f"BVSR-{n:07d}",
					*base.values(),
					f"BV-{n % VOLUNTEERS:07d}",
					start + datetime.timedelta(days=n % 700),
					2.0,
				]
				row[5] = 1  # docstatus: verified
				if "community" in columns:
					row.append(names[(n % VOLUNTEERS) % COMMUNITIES])
				rows.append(tuple(row))
			frappe.db.bulk_insert("Volunteer Service Record", columns, rows, chunk_size=10_000)
			frappe.db.commit()


# --- measurement ------------------------------------------------------------------------------------------


def measure(repeat: int) -> dict:
	from wuse_app.registry.report.work_targets.work_targets import execute

	names = frappe.get_all("Community", {"sub_district": SUB_DISTRICT}, pluck="name")
	reviewer = ensure_reviewer()

	def floor() -> None:
		frappe.db.sql(FLOOR_QUERIES[0], {"sub": SUB_DISTRICT})
		for query in FLOOR_QUERIES[1:]:
			frappe.db.sql(query, {"names": names})

	def report() -> None:
		execute({"sub_district": SUB_DISTRICT})

	frappe.set_user(reviewer)
	for fn in (floor, report):  # warm caches (meta, settings, buffer pool)
		fn()
	floor_times, report_times = [], []
	for _ in range(repeat):  # interleaved, so both see the same machine conditions
		floor_times.append(timed(floor))
		report_times.append(timed(report))
	frappe.set_user("Administrator")
	floor_median, report_median = statistics.median(floor_times), statistics.median(report_times)
	return {
		"communities": len(names),
		"volunteers": frappe.db.count("Volunteer", {"community": ["in", names]}),
		"service_records": frappe.db.count("Volunteer Service Record")
		if frappe.db.exists("DocType", "Volunteer Service Record")
		else 0,
		"projects": frappe.db.count("Service Project")
		if frappe.db.exists("DocType", "Service Project")
		else 0,
		"repeat": repeat,
		"floor_median_s": round(floor_median, 4),
		"report_median_s": round(report_median, 4),
		"ratio": round(report_median / floor_median, 2),
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
