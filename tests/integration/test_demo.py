"""The demo loader: idempotent, and 正阳街道 with the seed's volunteer targets."""

from __future__ import annotations

import frappe

from wuse_app.setup.demo import load_demo

SEED_TARGETS = {"朝阳社区": 1178, "群力社区": 1638, "桐坪社区": 1280, "积富社区": 2733, "团结社区": 366}


def test_demo_loads_twice_without_duplicates():
	first = load_demo(scale=0.02)
	second = load_demo(scale=0.02)
	assert first == second
	assert first["Community"] >= 5 and first["Volunteer"] > 0


def test_demo_has_the_seed_targets():
	load_demo(scale=0.02)
	targets = dict(
		frappe.get_all(
			"Community",
			filters={"sub_district": "正阳街道"},
			fields=["name", "volunteer_target"],
			as_list=True,
		)
	)
	assert targets == SEED_TARGETS
	assert sum(targets.values()) == 7195

	from wuse_app.registry.report.work_targets.work_targets import execute

	data = execute({"sub_district": "正阳街道"})[1]
	total = next(r for r in data if r.get("indicator_key") == "registered_volunteers")
	assert total["target"] == 7195
