"""Demo volunteer service: monthly activities per community (六送六进, 五童, community governance), verified
hours recorded in bulk by the community staff, self-reported hours awaiting verification, the 爱心超市
with a few redemptions, and one service certificate.

Called by wuse_app.setup.demo.load_demo (idempotent: activities are identified by their title).
"""

from __future__ import annotations

import datetime

import frappe

CATEGORIES = (
	("Medical Care to Villages", "送医进村健康义诊"),
	("Caring Visits", "送爱进门探访独居老人"),
	("Cultural Activities", "送悦进寨文艺汇演"),
	("Child Companionship", "童伴之家课后陪伴"),
	("Child Safety", "童安行动防溺水宣传"),
	("Community Governance", "邻里议事与环境整治"),
)
REWARDS = (("大米（5kg）", 30, 50), ("食用油（5L）", 40, 40), ("理发服务券", 10, 100))


def load(ctx) -> None:
	from wuse_app.setup.demo import acting_as
	from wuse_app.volunteering.api import record_activity_hours

	months = 6
	for community, volunteers in ctx.volunteers.items():
		if not volunteers:
			continue
		staff = ctx.users[f"staff:{community}"]
		short = community.removesuffix("社区")
		with acting_as(staff):
			for month in range(months):
				category, theme = CATEGORIES[month % len(CATEGORIES)]
				title = f"{short}社区{theme}（{month + 1}）"
				if frappe.db.exists("Volunteer Activity", {"activity_title": title}):
					continue
				day = ctx.today - datetime.timedelta(days=30 * (months - month) - 3)
				start = datetime.datetime.combine(day, datetime.time(9, 0))
				size = min(len(volunteers), ctx.scaled(25, minimum=3))
				offset = (month * 7) % len(volunteers)
				attendees = [volunteers[(offset + i) % len(volunteers)] for i in range(size)]
				activity = frappe.get_doc(
					{
						"doctype": "Volunteer Activity",
						"activity_title": title,
						"service_category": category,
						"status": "Completed",
						"community": community,
						"organizer_type": "Community",
						"start_datetime": start,
						"end_datetime": start + datetime.timedelta(hours=3),
						"location": f"{community}党群服务中心",
						"capacity": size + 5,
						"service_content": theme,
						"default_hours": 2 + month % 3,
						"attendees": [
							{"volunteer": v, "hours": 2 + (i + month) % 3} for i, v in enumerate(attendees)
						],
					}
				).insert()
				record_activity_hours(activity.name, service_date=str(day), verify=1)
		load_rewards(ctx, community, staff)
	load_self_report(ctx)
	load_certificate(ctx)


def load_rewards(ctx, community: str, staff: str) -> None:
	from wuse_app.setup.demo import acting_as

	with acting_as(staff):
		for item_name, cost, stock in REWARDS:
			name = f"{community.removesuffix('社区')}·{item_name}"
			if not frappe.db.exists("Reward Item", {"item_name": name}):
				frappe.get_doc(
					{
						"doctype": "Reward Item",
						"item_name": name,
						"community": community,
						"points_cost": cost,
						"stock": stock,
					}
				).insert()
		item = frappe.db.get_value("Reward Item", {"community": community, "points_cost": 10})
		volunteer = next(iter(ctx.volunteers.get(community) or []), None)
		if (
			item
			and volunteer
			and not frappe.db.exists("Points Redemption", {"volunteer": volunteer, "docstatus": 1})
		):
			balance = frappe.db.get_value("Volunteer", volunteer, "time_bank_balance") or 0
			if balance >= 10:
				frappe.get_doc(
					{
						"doctype": "Points Redemption",
						"volunteer": volunteer,
						"reward_item": item,
						"qty": 1,
						"posting_date": ctx.today,
					}
				).insert().submit()


def load_self_report(ctx) -> None:
	"""A volunteer with a portal account reports hours; they wait for the organiser's verification."""
	from wuse_app.setup.demo import acting_as, demo_user
	from wuse_app.setup.roles import VOLUNTEER

	volunteers = ctx.volunteers.get("朝阳社区") or []
	if not volunteers:
		return
	user = demo_user("volunteer.chaoyang", "朝阳志愿者", VOLUNTEER, desk=False)
	ctx.users["volunteer"] = user
	volunteer = volunteers[0]
	if frappe.db.get_value("Volunteer", volunteer, "user") != user:
		frappe.db.set_value("Volunteer", volunteer, "user", user)
	if frappe.db.exists(
		"Volunteer Service Record", {"volunteer": volunteer, "entry_source": "Self-reported"}
	):
		return
	from wuse_app.volunteering.api import report_my_hours

	activity = frappe.db.get_value(
		"Volunteer Activity",
		{"community": "朝阳社区"},
		["name", "start_datetime"],
		order_by="start_datetime desc",
		as_dict=True,
	)
	if activity:
		with acting_as(user):
			report_my_hours(
				activity=activity.name,
				service_date=str(activity.start_datetime.date()),
				hours=1,
				service_content="协助活动签到和秩序维护",
			)


def load_certificate(ctx) -> None:
	from wuse_app.setup.demo import acting_as

	volunteers = ctx.volunteers.get("朝阳社区") or []
	if len(volunteers) < 2 or frappe.db.exists("Volunteer Service Certificate", {"volunteer": volunteers[1]}):
		return
	with acting_as(ctx.users["secretary:朝阳社区"]):
		frappe.get_doc(
			{
				"doctype": "Volunteer Service Certificate",
				"volunteer": volunteers[1],
				"community": "朝阳社区",
				"issue_date": ctx.today,
				"from_date": ctx.today - datetime.timedelta(days=365),
				"to_date": ctx.today,
				"issuer_type": "Community",
				"issuer_head": "陈书文",
				"handler": "彭军",
				"contact_phone": "023-79223456",
			}
		).insert().submit()
