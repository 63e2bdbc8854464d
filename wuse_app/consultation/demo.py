"""Demo consultation in 朝阳社区: the four participant types present, a major item reviewed by the community
party organisation, decisions with follow-ups; completed through the seeded workflow. Idempotent (by title)."""

from __future__ import annotations

import datetime

import frappe

COMMUNITY = "朝阳社区"
TITLE = "朝阳社区关于老旧小区加装电梯和停车管理的议事协商会"


def load(ctx) -> None:
	from frappe.model.workflow import apply_workflow

	from wuse_app.setup.demo import acting_as

	staff = ctx.users.get(f"staff:{COMMUNITY}")
	secretary = ctx.users.get(f"secretary:{COMMUNITY}")
	if not (staff and secretary) or frappe.db.exists("Community Consultation", {"title": TITLE}):
		return
	participants = [
		("周建国", "Resident"),
		("刘秀英", "Resident"),
		("朝阳社区居委会主任", "Community Committees"),
		("朝阳社区党委委员", "Party Organization"),
		("朝阳社工", "Social Worker"),
		("朝阳社区老年协会代表", "Social Organization"),
		("朝阳志愿者", "Volunteer"),
		("正阳街道慈善会代表", "Charity Resource"),
	]
	with acting_as(staff):
		doc = frappe.get_doc(
			{
				"doctype": "Community Consultation",
				"title": TITLE,
				"community": COMMUNITY,
				"consultation_date": (ctx.today - datetime.timedelta(days=7)).isoformat(),
				"venue": "朝阳社区议事厅",
				"convenor": "朝阳书记",
				"recorder": "朝阳工作人员",
				"participants": [{"participant_name": n, "participant_type": t} for n, t in participants]
				+ [
					{
						"participant_name": "街道联络员",
						"participant_type": "Other",
						"attendance": "Attending Without Vote",
					}
				],
				"agenda_items": [
					{
						"issue": "幸福路3栋老旧住宅加装电梯",
						"classification": "Livelihood",
						"responsible_party": "社区居委会、物业公司",
						"is_major": 1,
						"discussion_summary": "高层住户支持，低层住户担心采光和噪音。",
						"decision": "同意申报加装电梯项目，施工前征求低层住户意见并公示。",
						"votes_for": 7,
						"votes_abstain": 1,
						"follow_up_owner": staff,
						"follow_up_due": (ctx.today + datetime.timedelta(days=30)).isoformat(),
					},
					{
						"issue": "小区夜间停车难",
						"classification": "Community Affairs",
						"responsible_party": "物业公司",
						"decision": "划定临时停车位，由物业负责管理。",
						"votes_for": 8,
						"follow_up_owner": staff,
						"follow_up_due": (ctx.today + datetime.timedelta(days=14)).isoformat(),
					},
				],
			}
		).insert()
		apply_workflow(doc.as_dict(), "Submit for Party Review")
	with acting_as(secretary):
		doc = frappe.get_doc("Community Consultation", doc.name)
		doc.agenda_items[0].party_review_opinion = "经社区党委会研究，同意实施，注意做好低层住户的沟通。"
		doc.save()
		apply_workflow(frappe.get_doc("Community Consultation", doc.name).as_dict(), "Complete Consultation")
