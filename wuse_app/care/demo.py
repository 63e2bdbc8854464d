"""Demo care files in 朝阳社区 (synthetic persons only; ID numbers with valid check digits, made with
the domain helper): an elder and two children with consent, screening assessments on two dates (so the
trend shows), the elder's GB/T 42195 assessment, a completed visit with the Resident Need raised from it,
and a volunteer's visit task. Idempotent: files are found by ID number.

Called by wuse_app.setup.demo.load_demo.
"""

from __future__ import annotations

import datetime

import frappe

from wuse_app.domain.resident_id import compose_resident_id

COMMUNITY = "朝阳社区"
CHILD_TEMPLATE = "困境儿童情况筛查"
ELDER_TEMPLATE = "老年人能力评估（GB/T 42195-2022）"


def load(ctx) -> None:
	from wuse_app.setup.demo import REGION, acting_as

	secretary = ctx.users.get(f"secretary:{COMMUNITY}")
	sw_user = ctx.users.get(f"socialworker:{COMMUNITY}")
	if not (secretary and sw_user and frappe.db.exists("Community", COMMUNITY)):
		return
	social_worker = demo_social_worker(sw_user)
	today = ctx.today
	files = (
		# (sequence: odd for men, even for women; birth date, type, name, risk, living situation, guardian)
		(902, datetime.date(1941, 3, 8), "Elderly", "陈桂兰", "Medium", "Lives Alone", None),
		(
			904,
			today.replace(year=today.year - 9, day=1),
			"Left-behind Child",
			"李小雨",
			"High",
			"With Guardian",
			"李奶奶",
		),
		(
			903,
			today.replace(year=today.year - 12, day=1),
			"Child in Difficulty",
			"王小军",
			"Medium",
			"With Family",
			"王大伯",
		),
	)
	created = []
	with acting_as(secretary):
		for seq, born, kind, name, risk, living, guardian in files:
			id_number = compose_resident_id(REGION, born, seq)
			existing = frappe.db.get_value("Care Recipient", {"id_number": id_number})
			if existing:
				created.append(existing)
				continue
			values = {
				"doctype": "Care Recipient",
				"recipient_type": kind,
				"full_name": name,
				"id_number": id_number,
				"community": COMMUNITY,
				"address": f"{COMMUNITY}幸福路{seq - 890}号",
				"risk_level": risk,
				"living_situation": living,
				"assigned_social_worker": social_worker,
				"opened_on": (today - datetime.timedelta(days=60)).isoformat(),
				"consent_given": 1,
				"consent_by": "Guardian" if guardian else "Self",
				"consenter_name": guardian or name,
				"consent_date": (today - datetime.timedelta(days=60)).isoformat(),
				"consent_use": "建档、需求评估、定期走访和转介服务",
			}
			if guardian:
				values.update(
					guardian_name=guardian,
					guardian_relationship="祖母" if "奶奶" in guardian else "伯父",
					guardian_mobile=f"1390000{seq:04d}",
					emergency_contact_name="社区网格员",
					emergency_contact_mobile=f"1380000{seq:04d}",
				)
			created.append(frappe.get_doc(values).insert().name)
	child = created[1]
	with acting_as(sw_user):
		if not frappe.db.exists("Care Assessment", {"care_recipient": child}):
			for days_ago, present in ((45, ("C1", "C4")), (5, ("C1", "C4", "C7"))):
				items = frappe.get_doc("Assessment Template", CHILD_TEMPLATE).items
				frappe.get_doc(
					{
						"doctype": "Care Assessment",
						"care_recipient": child,
						"template": CHILD_TEMPLATE,
						"assessment_date": (today - datetime.timedelta(days=days_ago)).isoformat(),
						"answers": [
							{
								"item_code": i.item_code,
								"option_label": "是" if i.item_code in present else "否",
							}
							for i in items
						],
					}
				).insert()
		if not frappe.db.exists("Care Visit", {"care_recipient": child}):
			frappe.get_doc(
				{
					"doctype": "Care Visit",
					"care_recipient": child,
					"task": "上门了解学习和生活情况",
					"visitor_type": "Social Worker",
					"social_worker": social_worker,
					"status": "Completed",
					"visit_date": (today - datetime.timedelta(days=10)).isoformat(),
					"findings": "祖母腿脚不便，孩子放学后无人看护",
					"needs_raised": "课后托管",
				}
			).insert()
		elder_assessment(created[0], today)
		need_from_visit(child)
	volunteer = frappe.db.get_value("Volunteer", {"user": ctx.users.get("volunteer") or "-"})
	if volunteer and not frappe.db.exists(
		"Care Visit", {"care_recipient": created[0], "volunteer": volunteer}
	):
		with acting_as(secretary):
			frappe.get_doc(
				{
					"doctype": "Care Visit",
					"care_recipient": created[0],
					"task": "陪同老人到社区卫生服务站测量血压",
					"planned_date": (today + datetime.timedelta(days=2)).isoformat(),
					"visitor_type": "Volunteer",
					"volunteer": volunteer,
				}
			).insert()


def demo_social_worker(user: str) -> str:
	"""The 朝阳 social worker login's Social Worker record (linked on first load)."""
	existing = frappe.db.get_value("Social Worker", {"user": user})
	if existing:
		return existing
	name = frappe.db.get_value("Social Worker", {"community": COMMUNITY, "user": ["is", "not set"]})
	frappe.db.set_value("Social Worker", name, "user", user)
	return name


def elder_assessment(elder: str, today: datetime.date) -> None:
	"""陈桂兰 (lives alone): bathing with some help (B.1.3: 2), stairs with help (B.2.4: 1): 85, 轻度受损."""
	template = (
		frappe.get_doc("Assessment Template", ELDER_TEMPLATE)
		if frappe.db.exists("Assessment Template", ELDER_TEMPLATE)
		else None
	)
	if not template or template.has_unconfirmed_values:
		return  # the site's template still waits for its values
	if frappe.db.exists("Care Assessment", {"care_recipient": elder, "template": ELDER_TEMPLATE}):
		return
	lowered = {"B1.3": 2, "B2.4": 1}
	best: dict[str, tuple[float, str]] = {}
	chosen: dict[str, str] = {}
	for option in template.options:
		if option.item_code not in best or option.score > best[option.item_code][0]:
			best[option.item_code] = (option.score, option.option_label)
		if lowered.get(option.item_code) == option.score:
			chosen[option.item_code] = option.option_label
	frappe.get_doc(
		{
			"doctype": "Care Assessment",
			"care_recipient": elder,
			"template": ELDER_TEMPLATE,
			"assessment_date": (today - datetime.timedelta(days=20)).isoformat(),
			"answers": [
				{"item_code": code, "option_label": chosen.get(code, label)}
				for code, (_score, label) in best.items()
			],
			"notes": "独居，洗澡需要协助，上下楼梯需要搀扶",
		}
	).insert()


def need_from_visit(child: str) -> None:
	"""The completed visit's need (课后托管) raised as a Resident Need, the way the form's button does."""
	from wuse_app.linkage.sources import raise_need

	visit = frappe.db.get_value("Care Visit", {"care_recipient": child, "status": "Completed"})
	if not visit or frappe.db.exists("Resident Need", {"source_document": visit}):
		return
	if not (
		frappe.db.exists("Service Category", "Child Protection") and frappe.db.exists("Need Source", "Visit")
	):
		return
	raise_need(
		"Care Visit",
		visit,
		category="Child Protection",
		description="放学后无人看护，需要课后托管",
		need_source="Visit",
	)
