"""Load test (issue #19, item 2): a mixed scenario against a served site with the demo data loaded.

    benchmarks/load_test --users 10 --run-time 2m     # starts gunicorn + an RQ worker, runs locust, stops them

Users log in with the demo logins (wuse_app.setup.demo: one per role, password DEMO_PASSWORD) and do what
they do all day: staff open lists and forms, reviewers open their queue and approve or return projects,
applicants look at their applications on the portal, everyone prints a PDF now and then, reviewers run
the Work Targets report. Every 5xx is a failure; a 417/409 (an action somebody else took first) is the
expected answer of a race, not a failure.
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

PASSWORD = os.environ.get("WUSE_DEMO_PASSWORD", "Wuse-Demo-2022")
DOMAIN = "zhengyang.example.org"
COMMUNITIES = ("chaoyang", "qunli", "tongping", "jifu", "tuanjie")
REVIEW_STATES = {
	"secretary": "Pending Community Review",
	"reviewer": "Pending Sub-district Review",
	"leader": "Pending Leadership Approval",
}


class DemoUser(HttpUser):
	abstract = True
	wait_time = between(1, 3)
	login: str = ""

	def on_start(self) -> None:
		response = self.client.post("/api/method/login", data={"usr": self.login, "pwd": PASSWORD})
		response.raise_for_status()

	def list_page(self, doctype: str, fields: list[str], **filters) -> list[dict]:
		response = self.client.get(
			f"/api/resource/{doctype}",
			params={
				"fields": json.dumps(fields),
				"filters": json.dumps(filters),
				"order_by": "modified desc",
				"limit_page_length": 20,
			},
			name=f"list {doctype}",
		)
		return response.json().get("data", []) if response.ok else []

	def print_pdf(self, doctype: str, name: str, print_format: str) -> None:
		self.client.get(
			"/api/method/frappe.utils.print_format.download_pdf",
			params={"doctype": doctype, "name": name, "format": print_format},
			name=f"pdf {print_format}",
		)


class Staff(DemoUser):
	weight = 4

	def on_start(self) -> None:
		self.login = f"staff.{random.choice(COMMUNITIES)}@{DOMAIN}"
		super().on_start()

	@task(5)
	def volunteers(self) -> None:
		rows = self.list_page("Volunteer", ["name", "full_name", "community"], status="Active")
		if rows:
			self.client.get(f"/api/resource/Volunteer/{random.choice(rows)['name']}", name="form Volunteer")

	@task(3)
	def projects(self) -> None:
		rows = self.list_page("Service Project", ["name", "project_title", "workflow_state"])
		if rows:
			name = random.choice(rows)["name"]
			self.client.get(f"/api/resource/Service Project/{name}", name="form Service Project")

	@task(1)
	def print_application(self) -> None:
		rows = self.list_page("Service Project", ["name"])
		if rows:
			self.print_pdf("Service Project", random.choice(rows)["name"], "Service Project Application")


class Reviewer(DemoUser):
	weight = 2

	def on_start(self) -> None:
		self.role = random.choice(tuple(REVIEW_STATES))
		key = f"secretary.{random.choice(COMMUNITIES)}" if self.role == "secretary" else self.role
		self.login = f"{key}@{DOMAIN}"
		super().on_start()

	@task(3)
	def review(self) -> None:
		rows = self.list_page("Service Project", ["name"], workflow_state=REVIEW_STATES[self.role])
		if not rows:
			return
		action, reason = random.choice((("Approve", None), ("Return for Revision", "请补充预算说明")))
		with self.client.post(
			"/api/method/wuse_app.projects.api.apply_review_action",
			data={"project": random.choice(rows)["name"], "action": action, "reason": reason or ""},
			name=f"review {action}",
			catch_response=True,
		) as response:
			if response.status_code < 500:
				response.success()  # a refused action (someone was first) is an answer, not an error

	@task(1)
	def work_targets(self) -> None:
		self.client.get(
			"/api/method/frappe.desk.query_report.run",
			params={"report_name": "Work Targets", "filters": json.dumps({"sub_district": "正阳街道"})},
			name="report Work Targets",
		)


class Applicant(DemoUser):
	weight = 2

	def on_start(self) -> None:
		self.login = f"applicant.{random.choice(('chaoyang', 'huile', 'qunli'))}@{DOMAIN}"
		super().on_start()

	@task(3)
	def my_applications(self) -> None:
		self.list_page("Service Project", ["name", "project_title", "workflow_state"])

	@task(1)
	def my_organizations(self) -> None:
		self.client.get("/api/method/wuse_app.projects.api.my_organizations", name="portal my_organizations")
