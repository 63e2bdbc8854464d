"""What the venture call's official documents say: the call notice (公告) and the results list.

Both are typeset by the app's GB/T 9704 engine (wuse_app.domain.gbt9704) and rendered by the shared
macros (wuse_app/print_formats/gbt9704_macros.html), like Official Document and Consultation Minutes;
this module only turns a call into a gbt9704.DocumentContent. The texts are the 公文's own Chinese.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

from wuse_app.domain import gbt9704
from wuse_app.domain import venture as rules
from wuse_app.domain.formatting import gbt9704_number, official_date, rmb_in_capitals
from wuse_app.domain.money import format_yuan, money

typeset = gbt9704.typeset

TIE_RULE_TEXT = {
	rules.TIE_LOWER_AMOUNT: "申请金额较低的项目排名在前",
	rules.TIE_EARLIER_SUBMISSION: "申报时间较早的项目排名在前",
	rules.TIE_FIRST_CRITERION: "第一项评分标准得分较高的项目排名在前",
}
REGISTRATION_TEXT = {"Registered": "已登记", "Filed": "已备案"}


def default_issuing_organ(call) -> str:
	"""The office of the sub-district the call belongs to (its communities', else its fund's community's)."""
	communities = [row.community for row in call.communities if row.community]
	if not communities and call.fund:
		fund_community = frappe.db.get_value("Community Fund", call.fund, "community")
		communities = [fund_community] if fund_community else []
	for community in communities:
		sub_district = frappe.db.get_value("Community", community, "sub_district")
		if sub_district:
			office = frappe.db.get_value("Sub District", sub_district, "office_name")
			return office or f"{sub_district}办事处"
	return ""


def _yuan(amount) -> str:
	return f"{format_yuan(money(amount or 0))}元（{rmb_in_capitals(money(amount or 0))}）"


def _list(values) -> str:
	return "、".join(v for v in values if v)


def _date(value) -> str:
	return official_date(getdate(value)) if value else ""


def _deadline(value) -> str:
	if not value:
		return ""
	moment = get_datetime(value)
	return f"{official_date(moment.date())}{moment.hour}时{moment.minute:02d}分"


def notice_content(call) -> gbt9704.DocumentContent:
	"""The 公告: the call's purpose (its notice text) and its terms, in the order applicants read them."""
	organ = (call.issuing_organ or "").strip()
	body: list[gbt9704.Paragraph] = list(gbt9704.paragraphs_from_html(call.notice))

	scope = [f"资金池{_yuan(call.pool_amount)}，单个项目资助金额不超过{_yuan(call.project_ceiling)}。"]
	communities = [row.community for row in call.communities]
	if communities:
		scope.append(f"面向{_list(communities)}。")
	categories = [_(row.category, context="Venture Call Category") for row in call.categories]
	if categories:
		scope.append(f"资助服务类别：{_list(categories)}。")
	body += [gbt9704.Paragraph("一、资助范围"), gbt9704.Paragraph("".join(scope))]

	eligible = []
	types = [_(row.organization_type) for row in call.organization_types]
	eligible.append(
		f"申报组织类型：{_list(types)}。" if types else "在本辖区依法登记或备案的社会组织均可申报。"
	)
	statuses = [
		REGISTRATION_TEXT[s]
		for s, on in (("Registered", call.accept_registered), ("Filed", call.accept_filed))
		if on
	]
	if len(statuses) == 1:
		eligible.append(f"申报组织应为{statuses[0]}的社会组织。")
	if call.require_active:
		eligible.append("申报组织应处于正常活动状态。")
	eligible.append(
		"同一组织可申报多个项目。" if call.allow_multiple_proposals else "每个组织限申报一个项目。"
	)
	eligible.append("基金托管组织不得申报由该基金资助的项目。")
	body += [gbt9704.Paragraph("二、申报条件"), gbt9704.Paragraph("".join(eligible))]

	dates = [
		f"申报截止时间为{_deadline(call.submission_deadline)}，截止后不再受理申报，已提交的项目书不得修改。"
	]
	if call.judging_end:
		dates.append(f"评审于{_date(call.judging_end)}前完成。")
	if call.announcement_date:
		dates.append(f"评审结果于{_date(call.announcement_date)}公布。")
	body += [gbt9704.Paragraph("三、时间安排"), gbt9704.Paragraph("".join(dates))]

	body.append(gbt9704.Paragraph("四、评审办法"))
	body.append(
		gbt9704.Paragraph(
			f"每个项目由{call.judges_per_proposal or 1}名评审专家独立评分，评审专家与申报组织存在利益关系的应当回避。"
			"评分标准及权重如下："
		)
	)
	for number, row in enumerate(call.criteria, 1):
		body.append(gbt9704.Paragraph(f"{gbt9704_number(number)}{row.criterion}，权重{row.weight:g}%。"))
	method = [
		"最终得分为各评审专家评分的平均分，5名及以上评审专家评分时去掉一个最高分和一个最低分后计算平均分。",
		f"得分相同时，{TIE_RULE_TEXT.get(call.tie_rule, call.tie_rule or '')}。",
	]
	if call.minimum_score:
		method.append(f"得分低于{call.minimum_score:g}分的项目不予资助。")
	method.append("按得分由高到低依次资助，资金池用完为止。")
	body.append(gbt9704.Paragraph("".join(method)))
	body += [
		gbt9704.Paragraph("五、申报方式"),
		gbt9704.Paragraph(
			"申报组织登录社区服务门户，在“公益创投大赛”栏目在线填写并提交项目书，截止时间前可修改或撤回。"
		),
	]
	return gbt9704.DocumentContent(
		organ_mark=organ,
		document_number="",
		title=f"{call.call_title}公告",
		body=tuple(body),
		signing_organ=organ,
		document_date=_date(call.published_on),
	)


def ranked_proposals(call) -> list[frappe._dict]:
	"""The ranked proposals with an award (recommended while the ranking waits for confirmation)."""
	return frappe.get_all(
		"Venture Proposal",
		filters={"venture_call": call.name, "award_amount": [">", 0], "status": ["!=", rules.WITHDRAWN]},
		fields=["project_title", "applicant_organization", "final_score", "award_amount", "rank"],
		order_by="`rank` asc",
	)


def results_content(call) -> gbt9704.DocumentContent:
	"""The results list (评审结果名单): the awarded projects in ranking order with their scores and awards."""
	organ = (call.issuing_organ or "").strip()
	decided = call.status in (rules.AWARDED, rules.CLOSED)
	body: list[gbt9704.Paragraph] = []
	awards = (
		ranked_proposals(call)
		if call.status in (rules.PENDING_CONFIRMATION, rules.AWARDED, rules.CLOSED)
		else []
	)
	if not awards:
		body.append(gbt9704.Paragraph("评审结果尚未产生。"))
	else:
		lead = "经评审专家评分、街道审核确认" if decided else "经评审专家评分，拟"
		body.append(
			gbt9704.Paragraph(
				f"{lead}，{call.call_title}共资助项目{len(awards)}个，资助金额合计"
				f"{_yuan(sum(money(a.award_amount) for a in awards))}。名单如下："
			)
		)
		for number, award in enumerate(awards, 1):
			body.append(
				gbt9704.Paragraph(
					f"{number}.{award.project_title}（{award.applicant_organization}），"
					f"最终得分{award.final_score:.2f}分，资助金额{format_yuan(money(award.award_amount))}元。"
				)
			)
	return gbt9704.DocumentContent(
		organ_mark=organ,
		document_number="",
		title=f"{call.call_title}评审结果",
		body=tuple(body),
		signing_organ=organ,
		document_date=_date(call.confirmed_on) if decided else "",
	)
