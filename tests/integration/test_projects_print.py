"""Service Project print formats (issue 6): 项目申报书 and 立项通知书, rendered to PDF through Frappe.

Both are rendered by Frappe's own path (frappe.get_print(..., as_pdf=True) → printview → wkhtmltopdf)
and checked from the PDF itself: A4, the Chinese text (title, project number, dates without zero
padding, the budget total in figures and in capitals, each approver's name), no missing glyph, the
contact's mobile only masked, and the "not approved" banner for a project that is not approved.

With WUSE_UPDATE_PRINT_IMAGES=1 the tests also write page 1 of each as docs/print/*.png.
"""

from __future__ import annotations

import datetime
import json
import random
from pathlib import Path

import frappe
import pytest
from factories import (
	make_social_worker,
	make_sub_district,
	unique,
)
from official_documents import PT_PER_MM, compact, pdf_fonts, read_pdf
from print_support import render_print, save_page_image
from projects_support import Cast, act, as_user, make_cast, set_threshold

from wuse_app.domain.uscc import compose_uscc
from wuse_app.setup.print_formats import POINTER

APPLICATION = "Service Project Application"
NOTICE = "Project Approval Notice"
DEFAULT_ORGAN = "黔江区人民政府正阳街道办事处"
MOBILE = "13812345678"
MASKED_MOBILE = "138****5678"
NOT_APPROVED = "本项目尚未立项，本通知无效"
BUDGET = [("老年助餐补贴", 32000.5), ("专业社工服务费", 18000), ("志愿者培训与保险", 9999.5)]
TOTAL = "60,000.00"
TOTAL_CAPITALS = "陆万元整"
YEAR = datetime.date.today().year + 1
START, END = datetime.date(YEAR, 1, 5), datetime.date(YEAR, 9, 8)
REASON = "补充保险预算"  # short enough for one line of its column
COMMUNITY = "桥南社区"
ORGANIZATION = "黔江区阳光社会工作服务中心"
OFFICE = "黔江区人民政府城西街道办事处"  # the sub-district's office_name: the notice's issuing organ
NAMES = {"staff": "刘晓燕", "secretary": "陈建国", "reviewer": "王丽华", "leader": "赵志强"}


def render(doctype: str, name: str, print_format: str, as_pdf: bool = True):
	return render_print(doctype, name, print_format, as_pdf=as_pdf)


def name_users(cast) -> None:
	"""Chinese full names for the people of the approval chain (they appear in the trail)."""
	for key, full_name in NAMES.items():
		user = getattr(cast, key)
		frappe.db.set_value("User", user, {"first_name": full_name, "last_name": "", "full_name": full_name})
	frappe.local.fullnames = {}


def free_name(doctype: str, name: str) -> str:
	return name if not frappe.db.exists(doctype, name) else unique(name)


def make_named_cast() -> Cast:
	"""make_cast with real-looking names (the page images go into the README)."""
	return make_cast(free_name("Community", COMMUNITY), free_name("Social Organization", ORGANIZATION))


def make_project(cast, office_name: str | None = OFFICE):
	"""A draft project above the leadership threshold, with a complete applicant and a named lead."""
	sub_district = make_sub_district(free_name("Sub District", "城西街道"))
	frappe.db.set_value("Sub District", sub_district, "office_name", office_name)
	frappe.db.set_value("Community", cast.community, "sub_district", sub_district)
	org = frappe.get_doc("Social Organization", cast.organization)
	org.update(
		{
			"organization_type": "Social Service Agency",
			"uscc": compose_uscc("52", "500114", f"MJPT{random.randint(0, 9999):04d}"),
			"legal_representative": "孙红梅",
			"contact_person": "李明",
			"contact_mobile": MOBILE,
			"address": "重庆市黔江区正阳街道正阳路1号",
		}
	)
	org.save(ignore_permissions=True)
	lead = make_social_worker(cast.community, full_name="周晓梅")
	return cast.project(
		project_title="银龄守护——高龄独居老人关爱服务项目",
		project_lead=lead.name,
		beneficiary_count=150,
		start_date=str(START),
		end_date=str(END),
		objectives="为辖区80岁以上高龄独居老人提供助餐、定期探访和健康监测服务。\n培育社区志愿者队伍，建立邻里互助机制。",
		budget_items=[{"description": d, "amount": a} for d, a in BUDGET],
		milestones=[
			{"title": "项目启动与需求评估", "due_date": str(datetime.date(YEAR, 2, 3))},
			{"title": "中期评估", "due_date": str(datetime.date(YEAR, 5, 6))},
			{"title": "结项评估与总结", "due_date": str(datetime.date(YEAR, 9, 1))},
		],
	)


def approve(cast, project: str) -> None:
	"""Through the seeded workflow, each level by its own user: returned once, then approved at 3 levels."""
	act(cast.staff, project, "Submit for Review")
	act(cast.secretary, project, "Return for Revision", reason=REASON)
	act(cast.staff, project, "Resubmit")
	act(cast.secretary, project, "Approve")
	act(cast.reviewer, project, "Approve")
	act(cast.leader, project, "Approve")


@pytest.fixture(scope="module")
def printed(frappe_site) -> dict:
	"""One approved and one draft project, printed once for all PDF tests, then rolled back."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	with pytest.MonkeyPatch.context() as patch:
		patch.setattr(frappe.db, "commit", lambda *args, **kwargs: None)
		try:
			set_threshold(50000)
			cast = make_named_cast()
			name_users(cast)
			project = make_project(cast)
			approve(cast, project.name)
			project.reload()
			assert project.workflow_state == "Approved"
			draft = cast.project(project_title="社区儿童课后托管服务项目")
			result = {
				"name": project.name,
				"organization": frappe.get_doc("Social Organization", cast.organization).as_dict(),
				"draft": draft.name,
				"cast": cast,
				"approved_on": frappe.db.get_value(
					"Project Approval Log",
					{"parent": project.name, "to_state": "Approved"},
					"acted_on",
				),
				"application": render("Service Project", project.name, APPLICATION),
				"notice": render("Service Project", project.name, NOTICE),
				"draft_notice": render("Service Project", draft.name, NOTICE),
			}
		finally:
			frappe.db.rollback()
			frappe.set_user("Administrator")
			frappe.local.fullnames = {}
	return result


def text_of(pdf: bytes) -> str:
	return "".join(page.compact for page in read_pdf(pdf))


def assert_a4_and_glyphs(pdf: bytes) -> None:
	pages = read_pdf(pdf)
	assert pages
	for page in pages:
		assert (round(page.width), round(page.height)) == (595, 842), "A4"
	assert "\ufffd" not in "".join(page.text for page in pages), "a missing glyph"
	fonts = pdf_fonts(pdf)
	unexpected = [font for font in fonts if not font.startswith(("Fandol", "NotoSerifCJK", "NotoSansCJK"))]
	assert fonts and not unexpected, f"characters fell back to a non-CJK font: {unexpected}"


# 项目申报书 ----------------------------------------------------------------------------------------
def test_application_pdf_is_a4_without_missing_glyphs(printed):
	assert_a4_and_glyphs(printed["application"])
	assert len(read_pdf(printed["application"])) <= 2


def test_application_prints_at_real_size(printed):
	"""pdf_zoom undoes Debian's wkhtmltopdf shrinking: 2号 title is 22 pt, the text starts 28 mm from the left."""
	words = read_pdf(printed["application"])[0].words
	title = next(word for word in words if word.text == "社区服务项目申报书")
	expected = 9 * 22 + 8 * 0.25 * 22  # nine characters of 22 pt, 0.25 em letter-spacing between them
	assert abs((title.x_max - title.x_min) - expected) < 3, title
	assert abs((title.x_min + title.x_max) / 2 - (28 + 156 / 2) * PT_PER_MM) < 3 * PT_PER_MM, "centred"
	heading = next(word for word in words if word.text.startswith("一、申报单位基本情况"))
	assert abs(heading.x_min / PT_PER_MM - 28) < 1.5, heading


def test_application_pdf_content(printed):
	text = text_of(printed["application"])
	assert "社区服务项目申报书" in text
	assert f"项目编号：{printed['name']}" in text
	for expected in (
		compact("银龄守护——高龄独居老人关爱服务项目"),
		"社会服务机构",  # organisation type, in Chinese
		"孙红梅",  # legal representative
		"李明",
		"周晓梅",  # project lead
		"养老照护",  # category
		"政府购买服务",  # funding source
		"150人",
		"培育社区志愿者队伍",
		printed["cast"].community,
	):
		assert expected in text, expected
	uscc = printed["organization"].uscc
	assert uscc and uscc in text
	assert printed["organization"].organization_name in text


def test_application_dates_are_not_zero_padded(printed):
	text = text_of(printed["application"])
	assert f"{YEAR}年1月5日至{YEAR}年9月8日" in text
	assert f"{YEAR}年2月3日" in text and f"{YEAR}年5月6日" in text
	assert f"{YEAR}年01月" not in text and "月05日" not in text


def test_application_budget_has_row_numbers_and_total_in_figures_and_capitals(printed):
	text = text_of(printed["application"])
	for index, (description, amount) in enumerate(BUDGET, 1):
		assert f"{index}{description}{amount:,.2f}" in text, description
	assert f"合计{TOTAL}" in text
	assert f"人民币{TOTAL_CAPITALS}" in text
	assert f"¥{TOTAL}元（人民币{TOTAL_CAPITALS}）" in text, "requested amount"


def test_application_has_signature_and_seal_blocks(printed):
	text = text_of(printed["application"])
	for label in ("申报单位（盖章）：", "负责人签字：", "日期：年月日", "社区初审意见", "街道审核意见"):
		assert label in text, label


def test_application_shows_the_mobile_only_masked(printed):
	text = text_of(printed["application"])
	assert MASKED_MOBILE in text
	assert MOBILE not in text


# 立项通知书 ----------------------------------------------------------------------------------------
def test_notice_pdf_is_one_a4_page_without_missing_glyphs(printed):
	assert_a4_and_glyphs(printed["notice"])
	assert len(read_pdf(printed["notice"])) == 1


def test_notice_pdf_content(printed):
	text = text_of(printed["notice"])
	org_name = printed["organization"].organization_name
	assert "社区服务项目立项通知书" in text
	assert f"（项目编号：{printed['name']}）" in text
	assert f"{org_name}：" in text, "addressed to the applicant organisation"
	assert "同意立项" in text
	assert f"批准金额¥{TOTAL}元" in text
	assert f"金额大写人民币{TOTAL_CAPITALS}" in text
	assert "资金来源政府购买服务" in text
	assert f"实施周期{YEAR}年1月5日至{YEAR}年9月8日" in text
	assert NOT_APPROVED not in text


def test_notice_lists_every_approver_with_role_and_reason(printed):
	text = text_of(printed["notice"])
	for name, role in (
		(NAMES["staff"], "社区工作人员"),
		(NAMES["secretary"], "社区书记"),
		(NAMES["reviewer"], "街道审核人"),
		(NAMES["leader"], "领导小组成员"),
	):
		assert f"{name}{role}" in text, name
	for state in ("待社区审核", "已退回修改", "待街道审核", "待领导小组审批", "已批准"):
		assert state in text, state
	assert REASON in text, "the reason of the return"
	assert "退回修改" in text and "审核通过" in text
	day = printed["approved_on"]
	assert f"{day.year}年{day.month}月{day.day}日" in text


def test_notice_is_issued_by_the_sub_district_office_on_the_approval_day(printed):
	text = text_of(printed["notice"])
	day = printed["approved_on"]
	signature = f"{OFFICE}{day.year}年{day.month}月{day.day}日"
	assert text.rstrip().endswith(signature), text[-80:]
	assert DEFAULT_ORGAN not in text, "the office comes from the data, not the fallback"


def test_notice_of_a_draft_shows_the_banner_only(printed):
	assert_a4_and_glyphs(printed["draft_notice"])
	text = text_of(printed["draft_notice"])
	assert NOT_APPROVED in text
	assert printed["draft"] in text
	for pretending in ("同意立项", "批准金额", "特此通知", "审批记录", "人民币"):
		assert pretending not in text, pretending


def test_page_images(printed):
	"""Page 1 of each format as PNG (written to docs/print when WUSE_UPDATE_PRINT_IMAGES=1)."""
	save_page_image(printed["application"], "service-project-application-1.png")
	save_page_image(printed["notice"], "project-approval-notice-1.png")


# Rendering rules checked on the HTML (fast) --------------------------------------------------------
def test_notice_falls_back_to_the_default_office_only_without_data():
	set_threshold(50000)
	cast = make_cast()
	project = make_project(cast, office_name=None)
	approve(cast, project.name)
	html = render("Service Project", project.name, NOTICE, as_pdf=False)
	assert DEFAULT_ORGAN in html


def test_notice_trail_stops_at_the_approval():
	set_threshold(100000)
	cast = make_cast()
	project = make_project(cast)
	act(cast.staff, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Approve")
	act(cast.reviewer, project.name, "Approve")
	act(cast.staff, project.name, "Start")
	assert frappe.db.get_value("Service Project", project.name, "workflow_state") == "In Progress"
	frappe.local.lang = "zh"
	started = frappe._("Start")
	html = render("Service Project", project.name, NOTICE, as_pdf=False)
	assert NOT_APPROVED not in html and "同意立项" in html
	assert "待领导小组审批" not in html, "below the threshold there is no leadership level"
	assert f"<td>{frappe._('Approved')}</td>" in html
	assert f"<td>{started}</td>" not in html, "the trail ends with the approval"


@pytest.mark.parametrize("state", ["Pending Community Review", "Returned for Revision", "Rejected"])
def test_notice_of_a_project_not_approved_is_not_valid(state):
	set_threshold(50000)
	cast = make_cast()
	project = make_project(cast)
	act(cast.staff, project.name, "Submit for Review")
	if state == "Returned for Revision":
		act(cast.secretary, project.name, "Return for Revision", reason="预算不清")
	elif state == "Rejected":
		act(cast.secretary, project.name, "Reject", reason="不符合申报条件")
	assert frappe.db.get_value("Service Project", project.name, "workflow_state") == state
	html = render("Service Project", project.name, NOTICE, as_pdf=False)
	assert NOT_APPROVED in html and "同意立项" not in html


def test_community_staff_print_their_projects_only():
	"""The formats read linked records, but printing goes through Frappe's permission check first."""
	set_threshold(50000)
	cast = make_cast()
	project = make_project(cast)
	approve(cast, project.name)
	with as_user(cast.secretary):
		assert "同意立项" in render("Service Project", project.name, NOTICE, as_pdf=False)
		assert MASKED_MOBILE in render("Service Project", project.name, APPLICATION, as_pdf=False)
	for print_format in (NOTICE, APPLICATION):
		# Frappe answers "not found" rather than "forbidden", so the project's existence does not leak either.
		with as_user(cast.other_secretary), pytest.raises((frappe.PermissionError, frappe.DoesNotExistError)):
			render("Service Project", project.name, print_format, as_pdf=False)


def test_print_formats_are_standard_and_carry_their_template():
	for name, filename in ((APPLICATION, "service_project_application"), (NOTICE, "project_approval_notice")):
		print_format = frappe.get_doc("Print Format", name)
		assert (print_format.standard, print_format.module, print_format.doc_type) == (
			"Yes",
			"Projects",
			"Service Project",
		)
		assert print_format.custom_format and print_format.print_format_type == "Jinja"
		folder = Path(frappe.get_module_path("Projects", "Print Format", name))
		template = (folder / f"{filename}.html").read_text(encoding="utf-8")
		stored = json.loads((folder / f"{filename}.json").read_text(encoding="utf-8"))
		assert stored["html"] == POINTER, "the .html file is the one source of the template"
		assert print_format.html == template, "migrate loads the .html into the record (a copy is editable)"
