"""GB/T 9704 typesetting: the 28 x 22 grid, 禁则 line breaking, titles, pagination, 版记, page numbers."""

from __future__ import annotations

import pytest

from wuse_app.documents import demo
from wuse_app.domain import gbt9704 as g

SEED = g.DocumentContent(
	organ_mark=demo.ISSUING_ORGAN + "文件",
	document_number=demo.DOCUMENT_NUMBER,
	title=demo.TITLE,
	main_recipients=demo.MAIN_RECIPIENTS,
	body=g.paragraphs_from_html(demo.as_html(demo.NOTICE)),
	signing_organ=demo.ISSUING_ORGAN,
	document_date="2022年8月29日",
	publication_note=demo.PUBLICATION_NOTE,
	enclosure_title=demo.ENCLOSURE_TITLE,
	enclosure=g.paragraphs_from_html(demo.as_html(demo.ENCLOSURE)),
	cc="区民政局\n区委组织部",
	printing_organ=demo.ISSUING_ORGAN,
	printing_date="2022年8月29日",
)


@pytest.fixture(scope="module")
def seed_layout() -> g.Layout:
	return g.typeset(SEED)


def content(**values) -> g.DocumentContent:
	fields = {
		"organ_mark": "测试办事处文件",
		"document_number": "测试发〔2024〕1号",
		"title": "关于测试的通知",
	}
	fields.update(values)
	return g.DocumentContent(**fields)


def body_lines(page: g.Page) -> list[g.Line]:
	return [line for line in page.lines if line.role in ("body", "h1", "h2", "h3", "h4")]


# Geometry ------------------------------------------------------------------------------------------
def test_grid_is_28_characters_by_22_lines():
	assert g.CELL_MM * 28 == pytest.approx(156)
	assert g.LINE_MM * 22 == pytest.approx(225)
	assert g.LINE_MM / (25.4 / 72) == pytest.approx(28.99, abs=0.01)  # line pitch in pt


def test_character_widths():
	assert g.char_cells("字") == 1
	assert g.char_cells("，") == 1
	assert g.char_cells("“") == 1  # ambiguous width: full width in Chinese text
	assert g.char_cells("—") == 1
	assert g.char_cells("2") == 0.5  # digits are half width
	assert g.char_cells("%") == pytest.approx(0.833)  # other ASCII: the advance of FandolFang
	assert g.char_cells("W") > 1 > g.char_cells("i")


def test_tokens_keep_digit_runs_and_dash_pairs_together():
	tokens = g.tokenize([("到2022年末——100%", g.FANG)])
	assert [t.text for t in tokens] == ["到", "2022", "年", "末", "——", "100%"]
	assert [t.cells for t in tokens] == pytest.approx([1, 2, 1, 1, 2, 1.5 + 0.833])


# Line breaking -------------------------------------------------------------------------------------
def test_paragraph_lines_are_indented_and_justified_to_the_block():
	lines = g.set_paragraph([("一" * 60, g.FANG)])
	assert len(lines) == 3
	assert lines[0].x == pytest.approx(2 * g.CELL_MM)  # 左空二字
	assert lines[1].x == 0  # 回行顶格
	assert [len(line.cells) for line in lines] == [26, 28, 6]
	for line in lines[:2]:
		assert line.x + line.width == pytest.approx(156)
	assert lines[2].width == pytest.approx(6 * g.CELL_MM)


def test_closing_punctuation_never_starts_a_line():
	text = "一" * 26 + "。" + "二" * 5
	lines = g.set_paragraph([(text, g.FANG)])
	assert not lines[1].text.startswith("。")
	assert lines[0].text.endswith("。")  # hung on the line and compressed into the block
	assert lines[0].x + lines[0].width == pytest.approx(156)


def test_two_closing_marks_take_the_last_character_down_with_them():
	text = "一" * 25 + "二”。" + "三" * 5
	lines = g.set_paragraph([(text, g.FANG)])
	assert lines[1].text.startswith("二”。")
	for line in lines:
		assert line.text[:1] not in g.NO_LINE_START


def test_opening_marks_never_end_a_line():
	text = "一" * 25 + "《创新》" + "二" * 10
	lines = g.set_paragraph([(text, g.FANG)])
	assert not lines[0].text.endswith("《")
	assert lines[1].text.startswith("《")


def test_digit_runs_are_not_split():
	text = "一" * 25 + "2022年"
	lines = g.set_paragraph([(text, g.FANG)])
	assert "2022" in lines[0].text or "2022" in lines[1].text


def test_every_line_of_the_seed_fits_the_block(seed_layout):
	for page in seed_layout.pages:
		for line in body_lines(page):
			assert line.x >= -1e-6
			assert line.x + line.width <= 156 + 1e-6, line.text
			assert line.text[:1] not in g.NO_LINE_START, line.text
			assert line.text[-1:] not in g.NO_LINE_END, line.text


# Headings and paragraphs ---------------------------------------------------------------------------
@pytest.mark.parametrize(
	("text", "level"),
	[
		("一、总体要求", 1),
		("十二、其他", 1),
		("（一）加强组织领导。", 2),
		("(三)x", 2),
		("1.项目", 3),
		("（1）项目", 4),
		("为深入", 0),
	],
)
def test_heading_levels(text, level):
	assert g.heading_level(text) == level


def test_heading_fonts_apply_up_to_the_first_full_stop():
	assert g.paragraph_runs("一、总体要求") == [("一、总体要求", g.HEI)]
	assert g.paragraph_runs("（一）加强组织领导。街道成立小组。") == [
		("（一）加强组织领导。", g.KAI),
		("街道成立小组。", g.FANG),
	]
	assert g.paragraph_runs("1.第三层。正文") == [("1.第三层。正文", g.FANG)]


def test_paragraphs_from_text_editor_html():
	html = (
		'<div class="ql-editor read-mode"><p>\u3000\u3000现将 &lt;方案&gt; 印发。</p><p><br></p>'
		'<h2>实施方案</h2><p class="ql-align-center">居中</p><p>第一段<br>第二段</p></div>'
	)
	assert g.paragraphs_from_html(html) == (
		g.Paragraph("现将 <方案> 印发。"),
		g.Paragraph("实施方案", "title"),
		g.Paragraph("居中", "center"),
		g.Paragraph("第一段"),
		g.Paragraph("第二段"),
	)
	assert g.paragraphs_from_html("第一段\n\n　　第二段") == (g.Paragraph("第一段"), g.Paragraph("第二段"))
	assert g.paragraphs_from_html(None) == ()


def test_attachment_names_and_cc():
	assert g.attachment_lines("附件：1. 实施方案。\n2.名单\n\n") == ("实施方案", "名单")
	assert g.format_cc("区民政局\n区委组织部。") == "区民政局，区委组织部。"
	assert g.format_cc("区民政局，区财政局、区委组织部") == "区民政局，区财政局，区委组织部。"
	assert g.format_cc("  ") == ""


# Titles --------------------------------------------------------------------------------------------
def test_seed_title_breaks_into_a_trapezoid():
	assert g.title_lines(demo.TITLE) == [
		"黔江区人民政府正阳街道办事处",
		"关于印发《创新“五社联动”机制",
		"提升基层治理效能实施方案》的通知",
	]


def test_short_title_stays_on_one_line_and_long_lines_fit():
	assert g.title_lines("关于测试的通知") == ["关于测试的通知"]
	lines = g.title_lines("关于" + "很长" * 30 + "的通知")
	assert all(len(line) <= g.TITLE_MAX_CHARS for line in lines)
	assert "".join(lines) == "关于" + "很长" * 30 + "的通知"


# Pages ---------------------------------------------------------------------------------------------
def test_first_page_header(seed_layout):
	first = seed_layout.pages[0]
	mark, number = first.lines[0], first.lines[1]
	assert mark.text == "黔江区人民政府正阳街道办事处文件" and mark.color == "red"
	assert mark.y == pytest.approx(35)  # 上边缘至版心上边缘 35 mm
	assert mark.width * mark.scale_x <= 156 + 1e-6  # compressed to the block width
	assert (mark.x + mark.x + mark.width) / 2 == pytest.approx(78)  # centred
	assert number.text == demo.DOCUMENT_NUMBER
	assert (number.x + number.width / 2) == pytest.approx(78)
	red = first.rules[0]
	assert red.color == "red" and red.width == 156
	assert red.y == pytest.approx(number.y + 16 * 25.4 / 72 + 4)  # 4 mm below the number
	title = next(line for line in first.lines if line.role == "title")
	assert title.y == pytest.approx(red.y + red.thickness + 2 * g.LINE_MM)  # 下空二行


def test_signature_date_and_note(seed_layout):
	lines = {line.role: line for line in seed_layout.pages[0].lines}
	date, signature, note = lines["date"], lines["signature"], lines["note"]
	assert date.text == "2022年8月29日"
	assert date.x + date.width == pytest.approx(156 - 4 * g.CELL_MM)  # 右空四字
	assert signature.x + signature.width / 2 == pytest.approx(date.x + date.width / 2)
	assert date.y - signature.y == pytest.approx(g.LINE_MM)
	assert note.text == "（此件公开发布）" and note.y - date.y == pytest.approx(g.LINE_MM)
	assert note.x == pytest.approx(2 * g.CELL_MM)
	recipients = lines["recipients"]
	assert recipients.x == 0 and recipients.text.endswith("：")


def test_seed_pages_and_numbers(seed_layout):
	pages = seed_layout.pages
	assert len(pages) > 2
	assert pages[1].lines[0].text == "创新“五社联动”机制"  # the enclosed plan starts a new page
	assert [page.folio for page in pages] == [f"— {n} —" for n in range(1, len(pages) + 1)]
	assert [page.is_odd for page in pages[:2]] == [True, False]
	for page in pages[1:]:
		lines = [line for line in page.lines if line.role != "blank"]
		assert lines[0].y == 0  # the top of the 版心
		assert len(body_lines(page)) <= 22
		for line in page.lines:
			assert line.y + line.size * 25.4 / 72 <= 225 + 1e-6


def test_version_notes_sit_at_the_foot_of_the_last_page(seed_layout):
	last = seed_layout.pages[-1]
	cc = next(line for line in last.lines if line.role == "cc")
	assert cc.text == "抄送：区民政局，区委组织部。"
	assert cc.x == pytest.approx(14 * 25.4 / 72)  # 左空一字 (四号)
	date = next(line for line in last.lines if line.role == "printing-date")
	assert date.text == "2022年8月29日印发"
	assert date.x + date.width == pytest.approx(156 - 14 * 25.4 / 72)  # 右空一字
	thick = [rule for rule in last.rules if rule.thickness == g.VERSION_RULE_THICK_MM]
	thin = [rule for rule in last.rules if rule.thickness == g.VERSION_RULE_THIN_MM]
	assert len(thick) == 2 and len(thin) == 1
	assert thick[-1].y + thick[-1].thickness == pytest.approx(225)  # 末条分隔线与版心下边缘重合
	assert thick[0].y == pytest.approx(225 - 2 * g.LINE_MM)
	assert thick[0].y < cc.y < thin[0].y < date.y


def lines_of_text(count: int) -> g.Paragraph:
	"""A paragraph that takes exactly ``count`` lines (26 characters after the indent, then 28)."""
	return g.Paragraph("字" * (26 + 28 * (count - 1)))


def test_page_one_holds_twelve_lines_below_the_header():
	# title + blank + recipients + 9 body lines fill page 1
	layout = g.typeset(content(main_recipients="各社区", body=(lines_of_text(9),)))
	assert len(layout.pages) == 1
	layout = g.typeset(content(main_recipients="各社区", body=(lines_of_text(10),)))
	assert len(layout.pages) == 2 and len(body_lines(layout.pages[1])) == 1


def test_version_notes_share_the_last_page_when_they_fit():
	layout = g.typeset(content(main_recipients="各社区", body=(lines_of_text(8),), cc="区民政局"))
	assert len(layout.pages) == 1
	assert any(line.role == "cc" for line in layout.pages[0].lines)


def test_version_notes_on_an_even_page_of_their_own_are_numbered():
	layout = g.typeset(content(main_recipients="各社区", body=(lines_of_text(9),), cc="区民政局"))
	assert len(layout.pages) == 2
	notes = layout.pages[1]
	assert not body_lines(notes) and any(line.role == "cc" for line in notes.lines)
	assert notes.folio == "— 2 —"


def test_version_notes_after_an_even_page_go_on_the_next_even_page_unnumbered():
	body = (lines_of_text(9 + 22),)  # fills pages 1 and 2
	layout = g.typeset(content(main_recipients="各社区", body=body, cc="区民政局", printing_organ="测试办"))
	assert len(layout.pages) == 4
	blank, notes = layout.pages[2], layout.pages[3]
	assert not blank.lines and blank.folio == ""
	assert notes.folio == "" and any(line.role == "cc" for line in notes.lines)
	assert [page.folio for page in layout.pages[:2]] == ["— 1 —", "— 2 —"]


def test_a_heading_is_never_the_last_line_of_a_page():
	body = (lines_of_text(8), g.Paragraph("一、总体要求"), g.Paragraph("正文" * 20))
	layout = g.typeset(content(main_recipients="各社区", body=body))
	first = layout.pages[0]
	assert body_lines(first)[-1].role != "h1"
	assert layout.pages[1].lines[0].text == "一、总体要求"


def test_signature_block_keeps_two_body_lines_with_it():
	body = (g.Paragraph("字" * (26 + 28 * 8)),)
	doc = content(
		main_recipients="各社区", body=body, signing_organ="测试办事处", document_date="2024年1月2日"
	)
	layout = g.typeset(doc)
	first, second = layout.pages
	assert len(body_lines(first)) == 7
	roles = [line.role for line in second.lines]
	assert roles == ["body", "body", "signature", "date"]


def test_draft_without_parts_still_lays_out():
	layout = g.typeset(g.DocumentContent(organ_mark="", document_number="", title=""))
	assert len(layout.pages) == 1 and layout.pages[0].folio == "— 1 —"


# 版头 elements and variants (份号, 密级, 紧急程度, 签发人; 信函格式, 纪要格式) ---------------------------
def test_copy_number_classification_and_urgency_stand_top_left_in_order():
	layout = g.typeset(content(copy_number="000012", classification="机密★1年", urgency="特急"))
	lines = {line.role: line for line in layout.pages[0].lines}
	copy, secret, urgent = lines["copy-number"], lines["classification"], lines["urgency"]
	assert (copy.text, secret.text, urgent.text) == ("000012", "机密★1年", "特急")
	assert copy.x == secret.x == urgent.x == 0  # 顶格
	assert (copy.y, secret.y, urgent.y) == pytest.approx((0, g.LINE_MM, 2 * g.LINE_MM))
	assert {cell.font for cell in secret.cells} == {cell.font for cell in urgent.cells} == {g.HEI}
	assert urgent.y + urgent.size * g.PT_MM < lines["organ-mark"].y  # above the red header


def test_only_filled_elements_are_printed_and_move_up():
	layout = g.typeset(content(urgency="加急"))
	roles = [line.role for line in layout.pages[0].lines]
	assert "copy-number" not in roles and "classification" not in roles
	urgent = next(line for line in layout.pages[0].lines if line.role == "urgency")
	assert urgent.y == 0  # alone: on the first line


def test_format_copy_number_and_classification():
	assert g.format_copy_number("12") == "000012"
	assert g.format_copy_number("") == ""
	with pytest.raises(ValueError):
		g.format_copy_number("1234567")
	assert g.format_classification("机密", "1年") == "机密★1年"
	assert g.format_classification("秘密", "") == "秘密"
	assert g.format_classification("", "1年") == ""
	assert g.split_names("张三\n李四，王五") == ("张三", "李四", "王五")


def test_signers_of_an_upward_document_stand_right_and_the_number_left():
	layout = g.typeset(content(signers=("张三", "李四", "王五")))
	first = layout.pages[0]
	signers = [line for line in first.lines if line.role == "signer"]
	number = next(line for line in first.lines if line.role == "document-number")
	mark = next(line for line in first.lines if line.role == "organ-mark")
	assert signers[0].text == "签发人：张三\u3000李四" and signers[1].text == "王五"
	assert signers[0].right == pytest.approx(156 - g.CELL_MM)  # 居右空一字
	assert signers[0].y == pytest.approx(mark.y + mark.size * g.PT_MM + 2 * g.LINE_MM)  # 标志下空二行
	assert signers[1].x == pytest.approx(signers[0].x + 4 * g.CELL_MM)  # aligned with the first name
	assert {c.font for c in signers[0].cells[:4]} == {g.FANG} and signers[0].cells[4].font == g.KAI
	assert number.x == pytest.approx(g.CELL_MM)  # 居左空一字
	assert number.y == pytest.approx(signers[-1].y)  # on the line of the last signer
	assert first.rules[0].y == pytest.approx(number.y + 16 * g.PT_MM + 4)


def test_letter_format_header_rules_and_unnumbered_first_page():
	layout = g.typeset(
		content(
			organ_mark="测试办事处",
			variant=g.LETTER,
			copy_number="000001",
			urgency="特急",
			cc="区民政局",
			printing_organ="测试办事处",
			printing_date="2024年1月1日",
		)
	)
	first = layout.pages[0]
	mark = next(line for line in first.lines if line.role == "organ-mark")
	assert mark.y + g.MARGIN_TOP_MM == pytest.approx(30)  # 上边缘至上页边 30 mm
	red = [rule for rule in first.rules if rule.color == "red"]
	assert len(red) == 4 and all(rule.width == 170 and rule.x == pytest.approx(-7) for rule in red)
	assert red[0].y == pytest.approx(mark.y + mark.size * g.PT_MM + 4)  # 标志下 4 mm
	assert red[0].thickness > red[1].thickness  # 上粗下细
	assert red[2].thickness < red[3].thickness  # 上细下粗
	assert red[3].y + red[3].thickness + g.MARGIN_TOP_MM == pytest.approx(297 - 20)  # 距下页边 20 mm
	copy = next(line for line in first.lines if line.role == "copy-number")
	number = next(line for line in first.lines if line.role == "document-number")
	assert copy.x == 0 and number.right == pytest.approx(156)  # 顶格居左 / 顶格居右
	assert number.y == copy.y == pytest.approx(red[1].y + red[1].thickness + 16 * g.PT_MM * 7 / 8)
	title = next(line for line in first.lines if line.role == "title")
	urgent = next(line for line in first.lines if line.role == "urgency")
	assert title.y == pytest.approx(urgent.y + 3 * g.LINE_MM)  # 与最后一个要素相距二行
	assert first.folio == ""  # 首页不显示页码
	last = layout.pages[-1]
	assert any(line.role == "cc" for line in last.lines)
	assert not any(line.role.startswith("printing") for line in last.lines)  # 不加印发机关和印发日期
	assert not [rule for rule in last.rules if not rule.color]  # 不加分隔线


def test_minutes_heading_and_attendance():
	layout = g.typeset(
		content(
			organ_mark="测试办事处纪要",
			variant=g.MINUTES,
			body=(g.Paragraph("会议议定事项。"),),
			attendance=(("出席", "张三、李四"), ("请假", "王五")),
		)
	)
	first = layout.pages[0]
	assert first.lines[0].text == "测试办事处纪要" and first.lines[0].y == pytest.approx(35)
	rows = [line for line in first.lines if line.role == "attendance"]
	assert [row.text for row in rows] == ["出席：张三、李四", "请假：王五"]
	assert rows[0].x == pytest.approx(2 * g.CELL_MM)  # 左空二字
	assert rows[0].cells[0].font == g.HEI and rows[0].cells[-1].font == g.FANG
	body = next(line for line in first.lines if line.role == "body")
	assert rows[0].y == pytest.approx(body.y + 2 * g.LINE_MM)  # 正文下空一行


def test_long_attendance_lists_wrap_under_the_first_name():
	names = "、".join(["张三"] * 20)
	layout = g.typeset(content(variant=g.MINUTES, attendance=(("出席", names),)))
	rows = [line for line in layout.pages[0].lines if line.role == "attendance"]
	assert len(rows) >= 2 and rows[1].x == pytest.approx(5 * g.CELL_MM)  # 回行时与冒号后的首字对齐
