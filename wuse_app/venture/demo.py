"""Demo venture calls (synthetic data), through the real workflow and permission checks:

- a finished call (已立项资助): three proposals, two judges each, scored, ranked and confirmed by the
  reviewer, so the awards are approved Service Projects with Fund Allocations from the reserved pool;
- an open call (申报中): two proposals already sent and judges assigned, so that the demo applicant
  (applicant.chaoyang@…) can send one on the portal and the demo judges see their sheets.

Called by wuse_app.setup.demo.load_demo after the charity demo (it needs its fund). Idempotent: each
call is made once, found again by its title. The judges are portal users judge1/judge2@<demo domain>.
"""

from __future__ import annotations

import datetime

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import now_datetime

from wuse_app.domain import venture as rules
from wuse_app.workflows import venture_call as wf

FUND = "正阳街道社区发展基金"
FINISHED = "2026年正阳街道第一届社区微创投大赛"
OPEN_CALL = "2027年正阳街道“五社联动”公益创投大赛"
RUBRIC = (("需求迫切性", 30), ("方案可行性", 30), ("预算合理性", 20), ("五社联动程度", 20))
JUDGES = (("judge1", "评审专家甲"), ("judge2", "评审专家乙"))
NOTICE = (
	"<p>为贯彻落实《正阳街道“五社联动”实施方案》，引导社会组织围绕社区居民需求开展项目化服务，"
	"街道决定使用社区发展基金举办社区公益创投大赛，现将有关事项公告如下。</p>"
)
# organisation, community, title, needs, objectives, budget lines, first-criterion scores of the two judges
FINISHED_PROPOSALS = (
	(
		"朝阳社区老年协会",
		"朝阳社区",
		"朝阳社区“银龄互助”结对探访",
		"社区高龄独居老人多，日常照看不足",
		"组织低龄老人与高龄独居老人结对，每周探访两次",
		(("探访物资", 12000), ("志愿者培训", 6000)),
		((90, 85, 80, 88), (86, 82, 84, 90)),
	),
	(
		"东方惠乐养老服务中心",
		"积富社区",
		"积富社区老年助餐点提质",
		"助餐点覆盖不足，行动不便老人就餐困难",
		"为行动不便老人送餐上门，开展营养讲座",
		(("送餐补贴", 20000), ("营养讲座", 5000)),
		((80, 78, 75, 70), (84, 80, 70, 72)),
	),
	(
		"群力社区互助帮困协会",
		"群力社区",
		"群力社区困境儿童课后陪伴",
		"双职工和困境家庭儿童放学后无人照看",
		"在社区活动室开设课后陪伴和作业辅导",
		(("场地和学习用品", 15000), ("志愿者补贴", 10000)),
		((70, 72, 68, 65), (66, 70, 64, 60)),
	),
)
OPEN_PROPOSALS = (
	(
		"东方惠乐养老服务中心",
		"桐坪社区",
		"桐坪社区失能老人家庭照护者喘息服务",
		"失能老人家庭照护者长期无休",
		"每月为照护者提供两天喘息服务和照护技能培训",
		(("专业照护服务", 18000), ("照护技能培训", 4000)),
	),
	(
		"群力社区互助帮困协会",
		"团结社区",
		"团结社区邻里互助积分超市",
		"社区志愿服务参与度不高",
		"以积分兑换激励居民参与邻里互助",
		(("兑换物资", 9000), ("宣传活动", 3000)),
	),
)


def load(ctx) -> None:
	from wuse_app.setup.demo import acting_as, demo_user
	from wuse_app.setup.roles import VENTURE_JUDGE

	admin, reviewer = ctx.users.get("admin"), ctx.users.get("reviewer")
	if not (admin and reviewer and frappe.db.exists("Community Fund", FUND)):
		return
	judges = [demo_user(key, name, VENTURE_JUDGE, desk=False) for key, name in JUDGES]
	with acting_as(admin):
		fund_the_demo(ctx)
	if not frappe.db.exists("Venture Call", {"call_title": FINISHED}):
		load_finished_call(ctx, admin, reviewer, judges, acting_as)
	if not frappe.db.exists("Venture Call", {"call_title": OPEN_CALL}):
		load_open_call(ctx, admin, judges, acting_as)


def fund_the_demo(ctx) -> None:
	"""A company's gift for the contests (the demo's other donations are the communities' running money)."""
	from wuse_app.charity.demo import ensure_donor, make_donation

	donor = ensure_donor(9, "重庆正阳创投科技有限公司", "Enterprise", 0)
	make_donation(
		"DEMO-VENTURE-1",
		donor=donor,
		fund=FUND,
		donation_date=ctx.today - datetime.timedelta(days=120),
		donation_type="Money",
		amount=300000,
		payment_method="Bank Transfer",
	)


def new_call(ctx, title: str, pool: float, deadline: datetime.datetime) -> frappe.model.document.Document:
	call = frappe.get_doc(
		{
			"doctype": "Venture Call",
			"call_title": title,
			"funding_source": "Micro Venture",
			"fund": FUND,
			"pool_amount": pool,
			"project_ceiling": 30000,
			"submission_deadline": deadline.strftime("%Y-%m-%d %H:%M:%S"),
			"accept_registered": 1,
			"accept_filed": 1,
			"require_active": 1,
			"judges_per_proposal": len(JUDGES),
			"tie_rule": rules.TIE_LOWER_AMOUNT,
			"minimum_score": 60,
			"criteria": [{"criterion": c, "weight": w} for c, w in RUBRIC],
			"notice": NOTICE,
		}
	).insert()
	return apply_workflow(call, wf.PUBLISH)


def send(call: str, organization, community, title, needs, objectives, lines, start) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Venture Proposal",
				"venture_call": call,
				"applicant_organization": organization,
				"community": community,
				"project_title": title,
				"category": "Elderly Care",
				"needs": needs,
				"objectives": objectives,
				"beneficiary_count": 60,
				"start_date": start.isoformat(),
				"end_date": (start + datetime.timedelta(days=180)).isoformat(),
				"budget_items": [{"description": d, "amount": a} for d, a in lines],
				"milestones": [
					{"title": "项目启动", "due_date": (start + datetime.timedelta(days=15)).isoformat()},
					{"title": "中期评估", "due_date": (start + datetime.timedelta(days=90)).isoformat()},
				],
			}
		)
		.insert()
		.name
	)


def assign(proposal: str, judge: str) -> str:
	return frappe.get_doc({"doctype": "Venture Score", "proposal": proposal, "judge": judge}).insert().name


def load_finished_call(ctx, admin, reviewer, judges, acting_as) -> None:
	start = ctx.today + datetime.timedelta(days=20)
	with acting_as(admin):
		call = new_call(ctx, FINISHED, 60000, now_datetime() + datetime.timedelta(hours=1))
		sheets = []
		for org, community, title, needs, objectives, lines, scores in FINISHED_PROPOSALS:
			proposal = send(call.name, org, community, title, needs, objectives, lines, start)
			sheets += [(assign(proposal, judge), judge, s) for judge, s in zip(judges, scores, strict=True)]
		# The demo's call has already closed: its deadline lies in the past.
		frappe.db.set_value(
			"Venture Call",
			call.name,
			"submission_deadline",
			(now_datetime() - datetime.timedelta(days=30)).strftime("%Y-%m-%d %H:%M:%S"),
			update_modified=False,
		)
		apply_workflow(frappe.get_doc("Venture Call", call.name), wf.CLOSE_SUBMISSIONS)
	for sheet, judge, scores in sheets:
		with acting_as(judge):
			doc = frappe.get_doc("Venture Score", sheet)
			for row, value in zip(doc.scores, scores, strict=True):
				row.score = value
				row.comment = "方案清楚，需求调研充分。" if value >= 80 else "建议细化预算和进度安排。"
			doc.save()
			doc.submit()
	with acting_as(admin):
		apply_workflow(frappe.get_doc("Venture Call", call.name), wf.SUBMIT_RANKING)
	with acting_as(reviewer):
		apply_workflow(frappe.get_doc("Venture Call", call.name), wf.CONFIRM_RANKING)


def load_open_call(ctx, admin, judges, acting_as) -> None:
	start = ctx.today + datetime.timedelta(days=60)
	deadline = datetime.datetime.combine(ctx.today + datetime.timedelta(days=30), datetime.time(17, 0))
	with acting_as(admin):
		call = new_call(ctx, OPEN_CALL, 100000, deadline)
		for org, community, title, needs, objectives, lines in OPEN_PROPOSALS:
			proposal = send(call.name, org, community, title, needs, objectives, lines, start)
			for judge in judges:
				assign(proposal, judge)
