"""Demo service projects in every workflow state, driven through the real approval workflow.

Called by wuse_app.setup.demo.load_demo (idempotent: a project is identified by its title).
"""

from __future__ import annotations

import datetime

import frappe

from wuse_app.workflows import service_project as wf

# title, applicant organisation, community, category, funding source, budget, the actions it goes through
PROJECTS = (
	("朝阳社区“六送六进”高龄老人助餐服务", "朝阳社区老年协会", "朝阳社区", "Elderly Care", "Government Purchase of Service",
	 (("助餐补贴", 18000), ("送餐人员劳务", 9000), ("餐具与保温设备", 3000)),
	 ("submit", "secretary", "reviewer", "start", "complete", "accept")),
	("群力社区“送爱进门”独居老人探访", "东方惠乐养老服务中心", "群力社区", "Elderly Care", "Special Fund",
	 (("探访交通补贴", 6000), ("专业社工服务", 16000), ("应急呼叫设备", 8000)),
	 ("submit", "secretary", "reviewer", "start")),
	("积富社区“童伴之家”留守儿童关爱", "东方惠乐养老服务中心", "积富社区", "Child Protection", "Venture Philanthropy",
	 (("课后陪伴", 26000), ("心理辅导", 24000), ("安全教育", 12000)),
	 ("submit", "secretary", "reviewer", "leader")),
	("桐坪社区“送浴进院”失能老人助浴", "东方惠乐养老服务中心", "桐坪社区", "Disability Assistance", "Public Fundraising",
	 (("助浴快车运营", 38000), ("护理员培训", 14000), ("防滑设施", 8000)),
	 ("submit", "secretary", "reviewer")),
	("团结社区邻里议事协商", "朝阳社区老年协会", "团结社区", "Community Governance", "Micro Venture",
	 (("议事活动组织", 3000), ("宣传资料", 1000)),
	 ("submit", "secretary")),
	("群力社区困难家庭帮扶", "群力社区互助帮困协会", "群力社区", "Poverty Relief", "Self-funded",
	 (("物资采购", 5000), ("入户走访", 2000)),
	 ("submit",)),
	("朝阳社区“童安行动”防溺水宣传", "朝阳社区老年协会", "朝阳社区", "Child Protection", "Micro Venture",
	 (("宣传物资", 2500), ("安全演练", 1500)),
	 ("submit", "return")),
	("积富社区广场舞比赛", "群力社区互助帮困协会", "积富社区", "Other", "Self-funded",
	 (("奖品", 8000),),
	 ("submit", "reject")),
	("团结社区“送需进家”物资配送", "群力社区互助帮困协会", "团结社区", "Poverty Relief", "Special Fund",
	 (("配送车辆", 4000), ("物资", 6000)),
	 ()),
	("朝阳社区“送悦进寨”文化活动", "朝阳社区老年协会", "朝阳社区", "Other", "Government Purchase of Service",
	 (("演出活动", 9000), ("场地布置", 3000)),
	 ("submit", "secretary", "reviewer", "start", "complete")),
	# waiting for 朝阳's community secretary, the first reviewer login the README names
	("朝阳社区“送医进村”健康义诊", "朝阳社区老年协会", "朝阳社区", "Elderly Care", "Venture Philanthropy",
	 (("义诊药品与耗材", 5000), ("医护志愿者保险", 1200)),
	 ("submit",)),
)  # fmt: skip


def load(ctx) -> None:
	from wuse_app.setup.demo import acting_as

	today = ctx.today
	for seq, (title, organization, community, category, source, budget, steps) in enumerate(PROJECTS):
		if frappe.db.exists("Service Project", {"project_title": title}):
			ctx.projects[title] = frappe.db.get_value("Service Project", {"project_title": title})
			continue
		applicant = ctx.users[f"applicant:{organization}"]
		start = today - datetime.timedelta(days=150 - seq * 12)
		with acting_as(applicant):
			project = frappe.get_doc(
				{
					"doctype": "Service Project",
					"project_title": title,
					"applicant_organization": organization,
					"community": community,
					"category": category,
					"funding_source": source,
					"beneficiary_count": 40 + seq * 15,
					"start_date": start,
					"end_date": start + datetime.timedelta(days=240),
					"objectives": f"{title}：围绕辖区居民需求，开展专业化、项目化服务。",
					"budget_items": [{"description": d, "amount": a} for d, a in budget],
					"milestones": [
						{"title": "项目启动", "due_date": start + datetime.timedelta(days=15)},
						{"title": "中期评估", "due_date": start + datetime.timedelta(days=120)},
						{"title": "结项评估", "due_date": start + datetime.timedelta(days=235)},
					],
				}
			).insert()
		ctx.projects[title] = project.name
		for step in steps:
			take_step(ctx, project.name, community, applicant, step)


def take_step(ctx, project: str, community: str, applicant: str, step: str) -> None:
	from wuse_app.projects.api import apply_review_action
	from wuse_app.setup.demo import acting_as

	actor, action, reason = {
		"submit": (applicant, wf.SUBMIT_FOR_REVIEW, None),
		"secretary": (ctx.users[f"secretary:{community}"], wf.APPROVE, None),
		"reviewer": (ctx.users["reviewer"], wf.APPROVE, None),
		"leader": (ctx.users["leader"], wf.APPROVE, None),
		"start": (applicant, wf.START, None),
		"complete": (applicant, wf.SUBMIT_FOR_COMPLETION_REVIEW, None),
		"accept": (ctx.users["reviewer"], wf.ACCEPT_COMPLETION, None),
		"return": (
			ctx.users[f"secretary:{community}"],
			wf.RETURN_FOR_REVISION,
			"请补充活动安全预案和经费测算依据。",
		),
		"reject": (ctx.users[f"secretary:{community}"], wf.REJECT, "不属于社区公益服务项目范围。"),
	}[step]
	if step == "complete":
		doc = frappe.get_doc("Service Project", project)
		doc.outcome_summary = "按计划完成全部服务内容，服务对象满意度调查良好。"
		for row in doc.milestones:
			row.status = "Completed"
		with acting_as(applicant):
			doc.save()
	if step == "accept":
		doc = frappe.get_doc("Service Project", project)
		doc.evaluation_score = 92
		doc.evaluation_comments = "项目执行规范，资金使用合理，成效明显。"
		with acting_as(actor):
			doc.save()
	with acting_as(actor):
		apply_review_action(project, action, reason)
