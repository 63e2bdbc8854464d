"""Demo data of the 联动 loop: residents' needs and resources in the five communities, some matched,
some resolved with the residents' feedback (called by wuse_app.setup.demo.load_demo).

Idempotent: a need is keyed by its description, a resource by its title.
"""

from __future__ import annotations

import frappe
from frappe.utils import add_to_date, now_datetime

from wuse_app.domain import linkage as rules

# (community, category, urgency, source, people, description, resident, outcome)
# outcome: "" open, "matched:<resource title>:<qty>", "resolved:<rating>:<comment>"
NEEDS = (
	(
		"群力社区",
		"Elderly Support",
		"High",
		"Visit",
		6,
		"群力社区 6 位高龄独居老人午餐无人照料，需要助餐服务",
		"李婆婆",
		"matched:群力社区长者食堂助餐:6",
	),
	(
		"群力社区",
		"Bathing Assistance",
		"Normal",
		"Hotline",
		1,
		"失能老人家中无法洗浴，家属请求上门助浴",
		"陈大爷",
		"resolved:5:助浴员很耐心，老人很满意",
	),
	("群力社区", "Caring Visits", "Low", "Survey", 3, "3 位空巢老人希望每周有人上门聊天探访", "", ""),
	(
		"朝阳社区",
		"Child Companionship",
		"Normal",
		"Walk-in Consultation",
		8,
		"双职工家庭的小学生放学后无人看护，需要课后托管",
		"王女士",
		"matched:朝阳社区“童伴”课后托管:8",
	),
	(
		"朝阳社区",
		"Child Mental Health",
		"High",
		"Staff",
		1,
		"留守儿童近期情绪低落，班主任建议心理疏导",
		"",
		"",
	),
	(
		"桐坪社区",
		"Medical Care to Villages",
		"Normal",
		"Visit",
		12,
		"桐坪社区 12 位慢病老人需要定期上门测血压血糖",
		"",
		"resolved:4:医生按时上门，希望增加次数",
	),
	(
		"桐坪社区",
		"Poverty Relief",
		"Urgent",
		"Resident Portal",
		4,
		"家中突发变故，四口之家急需生活物资",
		"张先生",
		"",
	),
	(
		"积富社区",
		"Disability Assistance",
		"Normal",
		"Walk-in Consultation",
		2,
		"两位肢体残疾居民需要康复辅具和出行协助",
		"",
		"matched:积富社区助残出行服务:2",
	),
	("积富社区", "Community Governance", "Low", "Survey", 30, "小区楼道堆物，居民希望组织议事协商", "", ""),
	(
		"团结社区",
		"Supplies Delivery",
		"High",
		"Hotline",
		5,
		"团结社区偏远院落 5 户老人需要代购送药",
		"刘大爷",
		"resolved:5:送药及时",
	),
)

# (title, provider type, community, covers whole sub-district, categories, unit, capacity)
RESOURCES = (
	("群力社区长者食堂助餐", "Community Facility", "群力社区", 0, ("Elderly Support",), "People", 40),
	(
		"东方惠乐上门助浴",
		"Social Organization",
		"群力社区",
		1,
		("Bathing Assistance", "Caring Visits"),
		"Hours",
		120,
	),
	(
		"朝阳社区“童伴”课后托管",
		"Community Facility",
		"朝阳社区",
		0,
		("Child Companionship", "Child Moral Education"),
		"People",
		30,
	),
	(
		"街道社工站心理疏导",
		"Social Organization",
		"朝阳社区",
		1,
		("Child Mental Health", "Caring Visits"),
		"Hours",
		80,
	),
	("家庭医生签约团队巡诊", "Enterprise", "桐坪社区", 1, ("Medical Care to Villages",), "People", 60),
	("正阳街道慈善会应急物资", "Donor", "桐坪社区", 1, ("Poverty Relief", "Emergency"), "Items", 200),
	(
		"积富社区助残出行服务",
		"Community Facility",
		"积富社区",
		0,
		("Disability Assistance", "Safe Mobility"),
		"People",
		10,
	),
	("团结社区志愿者代购送药", "Community Facility", "团结社区", 0, ("Supplies Delivery",), "People", 15),
	("积富社区议事厅", "Community Facility", "积富社区", 0, ("Community Governance",), "Hours", 50),
)


def load(ctx) -> None:
	from wuse_app.setup import roles as R
	from wuse_app.setup.demo import acting_as, demo_user

	if not frappe.db.exists("DocType", "Resident Need"):
		return
	resident = demo_user("resident", "居民张先生", R.RESIDENT, desk=False)
	ctx.users["resident"] = resident
	resources = {}
	with acting_as(ctx.users["admin"]):
		for title, provider_type, community, whole, categories, unit, capacity in RESOURCES:
			resources[title] = frappe.db.get_value("Resource Offer", {"title": title}) or _insert(
				{
					"doctype": "Resource Offer",
					"title": title,
					"provider_type": provider_type,
					"provider_name": title.split("社区")[0]
					if provider_type != "Community Facility"
					else community,
					"community": community,
					"covers_whole_subdistrict": whole,
					"categories": [{"category": c} for c in categories],
					"capacity_unit": unit,
					"capacity": capacity,
					"weekdays": "1,2,3,4,5" if unit == "People" else None,
				}
			)
		for n, (community, category, urgency, source, people, text, name, outcome) in enumerate(NEEDS):
			if frappe.db.exists("Resident Need", {"description": text}):
				continue
			need = frappe.get_doc(
				{
					"doctype": "Resident Need",
					"community": community,
					"category": category,
					"urgency": urgency,
					"source": source,
					"people_affected": people,
					"description": text,
					"resident_name": name or None,
				}
			)
			need.flags.ignore_permissions = True
			need.insert()
			if source == rules.PORTAL_SOURCE:
				frappe.db.set_value("Resident Need", need.name, "resident_user", resident)
			if outcome.startswith("matched:"):
				_kind, title, quantity = outcome.split(":")
				match = frappe.get_doc(
					{
						"doctype": "Need Match",
						"need": need.name,
						"resource": resources[title],
						"quantity": float(quantity),
					}
				)
				match.flags.ignore_permissions = True
				match.insert()
			elif outcome.startswith("resolved:"):
				_kind, rating, comment = outcome.split(":")
				resolved_on = add_to_date(now_datetime(), days=-(n + 2))
				frappe.db.set_value(
					"Resident Need",
					need.name,
					{
						"workflow_state": rules.RESOLVED,
						"status": rules.RESOLVED,
						"resolution": "已安排服务，居民确认需求已解决",
						"resolved_on": resolved_on,
						"feedback_requested": 1,
						"satisfaction": int(rating),
						"feedback_comment": comment,
						"feedback_on": resolved_on,
					},
				)


def _insert(values: dict) -> str:
	doc = frappe.get_doc(values)
	doc.flags.ignore_permissions = True
	doc.insert()
	return doc.name
