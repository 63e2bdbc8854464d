"""Typesetting 公文 on the GB/T 9704-2012 page grid: line breaking, pagination, page numbers.

The page is A4 (210 × 297 mm). The text block (版心) is 156 × 225 mm, 37 mm from the top edge and
28 mm from the left edge, and holds 22 lines of 28 characters of 3号 (16 pt) 仿宋. This module breaks
the text into those lines and pages itself, and gives every line its position in millimetres, so
that the print template can place each line absolutely. wkhtmltopdf then has nothing to break, and
the template can print what wkhtmltopdf (without its patched Qt) cannot: the page numbers
``— 1 —`` (odd pages right, even pages left) and the 版记 at the foot of the last page.

Coordinates are millimetres from the top-left corner of the 版心. The y of a line is the top of its
em box: the characters of the first line of a page start exactly at the top edge of the 版心
(37 mm from the top of the paper), and each line box is 225 / 22 mm high, so 22 line boxes fill the
版心 exactly. Horizontally the line is a row of cells: a CJK character or full-width punctuation
mark fills one cell of 156 / 28 mm, a run of half-width characters (digits, Latin) half a cell per
character. Lines that end by wrapping are justified to the full width; a closing punctuation mark
that would start a line hangs on the previous line, which is then compressed to fit.

Framework-free (standard library only); the Frappe layer turns an Official Document into
:class:`DocumentContent` and the print template renders the :class:`Layout`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from itertools import pairwise

# Page geometry (mm) --------------------------------------------------------------------------------
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0  # 天头
MARGIN_LEFT_MM = 28.0  # 订口
BLOCK_WIDTH_MM = 156.0
BLOCK_HEIGHT_MM = 225.0
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
CELL_MM = BLOCK_WIDTH_MM / CHARS_PER_LINE  # 5.571 mm
LINE_MM = BLOCK_HEIGHT_MM / LINES_PER_PAGE  # 10.227 mm (28.99 pt)
PT_MM = 25.4 / 72

# 字号 in points
SIZE_2 = 22.0  # 二号: titles
SIZE_3 = 16.0  # 三号: body
SIZE_4 = 14.0  # 四号: 版记, page numbers

# Font roles; the print CSS maps each to a font stack (gw-f-<role>).
FANG = "fang"  # 仿宋: body text
HEI = "hei"  # 黑体: first-level headings 一、
KAI = "kai"  # 楷体: second-level headings （一）
SONG = "song"  # 宋体: page numbers
XBS = "xbs"  # 小标宋: the issuing-organ mark and titles

# 版头 (header block on the first page)
ORGAN_MARK_TOP_MM = 35.0  # from the top edge of the 版心 to the top edge of the 发文机关标志
ORGAN_MARK_SIZE = 42.0  # 初号; compressed horizontally when the name is long
ORGAN_MARK_MAX_WIDTH_MM = BLOCK_WIDTH_MM
RED_RULE_GAP_MM = 4.0  # 发文字号之下 4 mm
SIGNER_LABEL = "签发人："
SIGNERS_PER_ROW = 2  # 一般每行排两个姓名

# Variants of the 版头 (GB/T 9704 clause 10: 信函格式, 纪要格式); the document kind (文种) chooses one.
STANDARD = "Standard"
LETTER = "Letter"
MINUTES = "Minutes"
VARIANTS = (STANDARD, LETTER, MINUTES)

# 信函格式 (clause 10.1)
LETTER_MARK_TOP_MM = 30.0 - MARGIN_TOP_MM  # 上边缘至上页边为 30 mm
LETTER_MARK_SIZE = 26.0  # 一号 小标宋
LETTER_RULE_WIDTH_MM = 170.0  # 线长均为 170 mm, 居中
LETTER_RULE_GAP_MM = 4.0  # 发文机关标志下 4 mm
LETTER_RULE_THICK_MM = 1.0
LETTER_RULE_THIN_MM = 0.35
LETTER_RULE_SPACING_MM = 0.7  # between the two lines of a double rule
LETTER_BOTTOM_RULE_MM = PAGE_HEIGHT_MM - 20.0 - MARGIN_TOP_MM  # 距下页边 20 mm
LETTER_FIRST_ELEMENT_GAP_MM = SIZE_3 * (25.4 / 72) * 7 / 8  # 3号汉字高度的 7/8
RED_RULE_THICKNESS_MM = 0.7
VERSION_RULE_THICK_MM = 0.35  # 版记: first and last rule
VERSION_RULE_THIN_MM = 0.25  # 版记: rules between its elements
FOLIO_GAP_MM = 7.0  # the 一字线 of the page number lies 7 mm below the 版心

SEAL_DIAMETER_MM = 42.0  # the usual round seal of an office
SEAL_BELOW_CENTRE_MM = 4.0  # 署名和成文日期居印章中心偏下
SIGNATURE_BLANK_LINES = 2  # room for the seal between the text and the signature
DATE_RIGHT_INDENT = 4  # 成文日期右空四字
SIGNATURE_KEEP_LINES = 2  # body lines carried to the next page with the signature block
TITLE_MAX_CHARS = math.floor(BLOCK_WIDTH_MM / (SIZE_2 * PT_MM) + 1e-9)  # 20 characters of 二号

_EPS = 1e-6

# 禁则 (line-breaking rules): characters that may not start, or may not end, a line.
NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】〉〗…—·%‰℃,.;:?!)]}>’”")
NO_LINE_END = frozenset("（《「『“‘〔【〈〖([{<")
_KEEP_TOGETHER_PAIRS = ("——", "……")
_ASCII_RUN_MAX = 12  # longer runs of half-width characters may be broken anywhere
_HEADING_1 = re.compile(r"^[一二三四五六七八九十百零〇]+、")
_HEADING_2 = re.compile(r"^[（(][一二三四五六七八九十百零〇]+[）)]")
_HEADING_3 = re.compile(r"^[0-9]+[.．]")
_HEADING_4 = re.compile(r"^[（(][0-9]+[）)]")
_LEADING_SPACE = " \t\r\n\u3000\u00a0"


# Input ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Paragraph:
	"""A paragraph of the body. ``kind``: "text", "title" (二号 centred) or "center" (三号 centred)."""

	text: str
	kind: str = "text"


@dataclass(frozen=True)
class DocumentContent:
	"""What the 公文 says, already formatted (dates as 2022年8月29日); empty parts are left out."""

	organ_mark: str
	"""发文机关标志, e.g. 黔江区人民政府正阳街道办事处文件."""
	document_number: str
	title: str
	main_recipients: str = ""
	body: tuple[Paragraph, ...] = ()
	attachments: tuple[str, ...] = ()
	signing_organ: str = ""
	document_date: str = ""
	publication_note: str = ""
	enclosure_title: str = ""
	enclosure: tuple[Paragraph, ...] = ()
	cc: str = ""
	printing_organ: str = ""
	printing_date: str = ""
	copy_number: str = ""
	"""份号, six digits (see :func:`format_copy_number`)."""
	classification: str = ""
	"""密级和保密期限, e.g. 机密★1年 (see :func:`format_classification`)."""
	urgency: str = ""
	"""紧急程度: 特急 or 加急."""
	signers: tuple[str, ...] = ()
	"""签发人 of a document sent upward (上行文); the header then follows clause 7.2.6."""
	variant: str = STANDARD
	"""STANDARD (文件格式), LETTER (信函格式) or MINUTES (纪要格式)."""
	attendance: tuple[tuple[str, str], ...] = ()
	"""Minutes: ("出席", names), ("请假", names), ("列席", names), printed below the text."""
	seal: bool = False
	"""Place the seal (印章) over the signature and date (clause 7.3.5.1)."""


# Output --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
	"""One cell of a line: a full-width character, or a run of half-width characters."""

	text: str
	width: float  # mm
	font: str = FANG
	align: str = "c"  # "c", "l" or "r": where the glyph sits in its cell


@dataclass(frozen=True)
class Line:
	x: float  # mm from the left edge of the 版心
	y: float  # mm from the top edge of the 版心 to the top of the em box
	size: float  # font size in pt
	cells: tuple[Cell, ...]
	role: str = "body"
	scale_x: float = 1.0  # horizontal compression (the issuing-organ mark)
	color: str = ""  # "" (black) or "red"

	@property
	def text(self) -> str:
		return "".join(cell.text for cell in self.cells)

	@property
	def width(self) -> float:
		return sum(cell.width for cell in self.cells)

	@property
	def right(self) -> float:
		return self.x + self.width * self.scale_x


@dataclass(frozen=True)
class Rule:
	y: float  # top edge, mm from the top of the 版心
	thickness: float
	color: str = ""
	x: float = 0.0
	width: float = BLOCK_WIDTH_MM


@dataclass(frozen=True)
class Page:
	number: int  # physical page, from 1
	folio: str  # the printed page number, "— 1 —"; empty on unnumbered pages
	lines: tuple[Line, ...]
	rules: tuple[Rule, ...] = ()

	@property
	def is_odd(self) -> bool:
		return self.number % 2 == 1

	@property
	def text(self) -> str:
		return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Layout:
	pages: tuple[Page, ...]
	page_width: float = PAGE_WIDTH_MM
	page_height: float = PAGE_HEIGHT_MM
	margin_top: float = MARGIN_TOP_MM
	margin_left: float = MARGIN_LEFT_MM
	block_width: float = BLOCK_WIDTH_MM
	block_height: float = BLOCK_HEIGHT_MM
	folio_top: float = BLOCK_HEIGHT_MM + FOLIO_GAP_MM - SIZE_4 * PT_MM / 2
	folio_indent: float = SIZE_4 * PT_MM  # 单页码居右空一字, 双页码居左空一字
	folio_size: float = SIZE_4


# Character widths and tokens -----------------------------------------------------------------------
# Advance widths (em) of the half-width ASCII characters in FandolFang, the free 仿宋 the print format
# falls back to (Times metrics: digits ½ em, % ⅚ em). The office font 仿宋_GB2312 sets every ASCII
# character at ½ em; with it a wide letter leaves a little room, never an overlap.
_ASCII_EM = {
	char: width
	for width, chars in (
		(0.278, "!',.:;[]|"),
		(0.283, "il"),
		(0.306, "f"),
		(0.311, "j"),
		(0.333, " -"),
		(0.35, "I"),
		(0.389, "()t"),
		(0.392, "r"),
		(0.394, "s"),
		(0.444, "ce"),
		(0.446, "z"),
		(0.472, "?"),
		(0.489, "a"),
		(0.5, '"$*/0123456789\\`go{}'),
		(0.508, "J"),
		(0.533, "kqvxy"),
		(0.556, "S"),
		(0.561, "bdhnpu"),
		(0.611, "Z^~"),
		(0.619, "L"),
		(0.647, "F"),
		(0.675, "EP"),
		(0.703, "B"),
		(0.722, "CT"),
		(0.728, "w"),
		(0.731, "R"),
		(0.739, "AHNUVXY"),
		(0.758, "D"),
		(0.767, "K"),
		(0.778, "+<=>@OQ_"),
		(0.781, "&"),
		(0.782, "G"),
		(0.833, "#%"),
		(0.839, "m"),
		(0.906, "M"),
		(1.017, "W"),
	)
	for char in chars
}


def char_cells(char: str) -> float:
	"""Width of a character in grid cells: 1 for CJK and full-width (and ambiguous) characters; the
	font's advance for ASCII (digits ½); ½ for any other narrow character."""
	if unicodedata.east_asian_width(char) in ("W", "F", "A"):
		return 1.0
	return _ASCII_EM.get(char, 0.5)


def _is_narrow(char: str) -> bool:
	return unicodedata.east_asian_width(char) not in ("W", "F", "A")


@dataclass(frozen=True)
class Token:
	"""An unbreakable piece of a line: one character, a ——/…… pair or a short half-width run."""

	text: str
	cells: float
	font: str = FANG

	@property
	def no_start(self) -> bool:
		return self.text[0] in NO_LINE_START

	@property
	def no_end(self) -> bool:
		return self.text[-1] in NO_LINE_END

	@property
	def is_space(self) -> bool:
		return not self.text.strip(_LEADING_SPACE)

	@property
	def align(self) -> str:
		if self.text in ("“", "‘"):
			return "r"
		if self.text in ("”", "’"):
			return "l"
		return "c"


def tokenize(runs: Iterable[tuple[str, str]]) -> list[Token]:
	"""Split ``(text, font)`` runs into tokens."""
	tokens: list[Token] = []
	for text, font in runs:
		index = 0
		while index < len(text):
			pair = text[index : index + 2]
			if pair in _KEEP_TOGETHER_PAIRS:
				tokens.append(Token(pair, 2.0, font))
				index += 2
				continue
			char = text[index]
			if _is_narrow(char) and not char.isspace():
				end = index
				while (
					end < len(text)
					and end - index < _ASCII_RUN_MAX
					and _is_narrow(text[end])
					and not text[end].isspace()
				):
					end += 1
				run = text[index:end]
				tokens.append(Token(run, sum(char_cells(c) for c in run), font))
				index = end
				continue
			if char in "\t\r\n":
				char = " "
			tokens.append(Token(char, char_cells(char), font))
			index += 1
	return tokens


def break_tokens(
	tokens: Sequence[Token], width: float, first_indent: float = 0.0, indent: float = 0.0
) -> list[tuple[float, list[Token]]]:
	"""Greedy line breaking with the Chinese 禁则. Returns ``(indent, tokens)`` per line (widths in cells).

	A closing mark that does not fit hangs on the line (one cell at most; the line is compressed
	later); if more would hang, the last character moves down with the marks. Opening marks never
	end a line. Spaces at the start or end of a line are dropped.
	"""
	lines: list[tuple[float, list[Token]]] = []
	current: list[Token] = []
	start = first_indent
	used = start
	hung = False

	def flush() -> None:
		while current and current[-1].is_space:
			current.pop()
		lines.append((start, list(current)))

	for token in tokens:
		if not current and token.is_space:
			continue
		if used + token.cells <= width + _EPS or not current:
			current.append(token)
			used += token.cells
			continue
		carry: list[Token] = []
		if token.no_start:
			if not hung and used + token.cells - width <= 1.0 + _EPS:
				current.append(token)
				used += token.cells
				hung = True
				continue
			while current and current[-1].no_start:
				carry.insert(0, current.pop())
			if current:
				carry.insert(0, current.pop())
		while current and current[-1].no_end:
			carry.insert(0, current.pop())
		if not current:  # nothing left to break after: keep the line as it is
			current, carry = carry, []
		flush()
		start = indent
		current = [*carry, token]
		used = start + sum(t.cells for t in current)
		hung = used > width + _EPS
	if current or not lines:
		flush()
	return lines


def _cells(tokens: Sequence[Token], cell_mm: float, scale: float) -> tuple[Cell, ...]:
	return tuple(Cell(t.text, t.cells * cell_mm * scale, t.font, t.align) for t in tokens)


def _justify_scale(natural: float, available: float, last: bool) -> float:
	if natural <= 0:
		return 1.0
	if natural > available + _EPS:
		return available / natural
	if not last and natural >= 0.75 * available:
		return available / natural
	return 1.0


def set_paragraph(
	runs: Sequence[tuple[str, str]],
	*,
	size: float = SIZE_3,
	width_mm: float = BLOCK_WIDTH_MM,
	x: float = 0.0,
	first_indent: float = 2.0,
	indent: float = 0.0,
	justify: bool = True,
	role: str = "body",
) -> list[Line]:
	"""Break runs into lines of ``width_mm`` (cells of the font size; 3号 uses the 28-per-line grid)."""
	cell_mm = CELL_MM if size == SIZE_3 else size * PT_MM
	width = width_mm / cell_mm
	broken = break_tokens(tokenize(runs), width, first_indent, indent)
	lines = []
	for number, (start, tokens) in enumerate(broken):
		last = number == len(broken) - 1
		natural = sum(t.cells for t in tokens)
		scale = _justify_scale(natural, width - start, last or not justify)
		lines.append(Line(x + start * cell_mm, 0.0, size, _cells(tokens, cell_mm, scale), role))
	return lines


# Headings and paragraphs ---------------------------------------------------------------------------
def heading_level(text: str) -> int:
	"""GB/T 9704 heading level of a paragraph: 1 一、 2 （一） 3 1. 4 （1）, else 0."""
	stripped = text.lstrip(_LEADING_SPACE)
	for level, pattern in ((1, _HEADING_1), (2, _HEADING_2), (3, _HEADING_3), (4, _HEADING_4)):
		if pattern.match(stripped):
			return level
	return 0


def paragraph_runs(text: str) -> list[tuple[str, str]]:
	"""Font runs of a body paragraph: a 一、 heading in 黑体, a （一） heading in 楷体, up to its first 。."""
	text = text.strip(_LEADING_SPACE)
	level = heading_level(text)
	if level not in (1, 2):
		return [(text, FANG)]
	font = HEI if level == 1 else KAI
	end = text.find("。")
	if end < 0:
		return [(text, font)]
	head, rest = text[: end + 1], text[end + 1 :]
	return [(head, font), (rest, FANG)] if rest else [(head, font)]


class _BlockParser(HTMLParser):
	_BLOCKS = frozenset(
		{"p", "div", "li", "blockquote", "pre", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "table"}
	)
	_TITLES = frozenset({"h1", "h2"})

	def __init__(self) -> None:
		super().__init__(convert_charrefs=True)
		self.paragraphs: list[Paragraph] = []
		self._text: list[str] = []
		self._kind = "text"
		self._skip = 0

	def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
		if tag in ("script", "style"):
			self._skip += 1
		elif tag == "br":
			self._flush()
		elif tag in self._BLOCKS:
			self._flush()
			classes = dict(attrs).get("class") or ""
			if tag in self._TITLES:
				self._kind = "title"
			elif "ql-align-center" in classes.split():
				self._kind = "center"

	def handle_endtag(self, tag: str) -> None:
		if tag in ("script", "style"):
			self._skip = max(0, self._skip - 1)
		elif tag in self._BLOCKS:
			self._flush()

	def handle_data(self, data: str) -> None:
		if not self._skip:
			self._text.append(data)

	def _flush(self) -> None:
		text = "".join(self._text).replace("\u00a0", " ").strip(_LEADING_SPACE)
		text = re.sub(r"[ \t\r\n]+", " ", text)
		if text:
			self.paragraphs.append(Paragraph(text, self._kind))
		self._text = []
		self._kind = "text"

	def close(self) -> None:
		super().close()
		self._flush()


def paragraphs_from_html(html: str | None) -> tuple[Paragraph, ...]:
	"""Paragraphs of a Text Editor value (Quill HTML) or of plain text (one paragraph per line).

	``<h1>``/``<h2>`` become titles (二号, centred) and centred paragraphs stay centred; other
	formatting is dropped, because a 公文 takes its fonts from the heading levels alone. Leading
	spaces (often typed as two full-width spaces) are removed: the indent is set by the layout.
	"""
	html = html or ""
	if "<" not in html:
		return tuple(
			Paragraph(line.strip(_LEADING_SPACE))
			for line in html.replace("\r", "").split("\n")
			if line.strip(_LEADING_SPACE)
		)
	parser = _BlockParser()
	parser.feed(html)
	parser.close()
	return tuple(parser.paragraphs)


def attachment_lines(text: str | None) -> tuple[str, ...]:
	"""附件说明 names, one per line, without numbers or closing punctuation (the layout numbers them)."""
	names = []
	for raw in (text or "").replace("\r", "").split("\n"):
		name = raw.strip(_LEADING_SPACE)
		name = re.sub(r"^附件[:：]\s*", "", name)
		name = re.sub(r"^[0-9]+[.．、]\s*", "", name)
		name = name.rstrip("。；;，,.")
		if name:
			names.append(name)
	return tuple(names)


def format_cc(text: str | None) -> str:
	"""抄送 organs joined by ，and closed by 。 (one organ per line or already comma-separated)."""
	parts = re.split(r"[\n\r，,、；;]+", (text or "").strip())
	organs = [p.strip(_LEADING_SPACE).rstrip("。.") for p in parts]
	organs = [organ for organ in organs if organ]
	return "，".join(organs) + "。" if organs else ""


def format_copy_number(text: str | None) -> str:
	"""份号: Arabic digits padded to six (clause 7.2.1), "" when empty. Non-digits are refused."""
	value = (text or "").strip()
	if not value:
		return ""
	if not value.isascii() or not value.isdigit() or len(value) > 6:
		raise ValueError(value)
	return value.zfill(6)


def format_classification(level: str | None, period: str | None) -> str:
	"""密级和保密期限: 机密★1年; the level alone when no period is given (clause 7.2.2)."""
	level = (level or "").strip()
	period = (period or "").strip().strip("★")
	if not level:
		return ""
	return f"{level}★{period}" if period else level


def split_names(text: str | None) -> tuple[str, ...]:
	"""Names entered one per line or separated by commas (签发人, 出席人员)."""
	parts = re.split(r"[\n\r，,、；;]+", (text or "").strip())
	return tuple(part.strip(_LEADING_SPACE) for part in parts if part.strip(_LEADING_SPACE))


# Titles --------------------------------------------------------------------------------------------
_TITLE_BREAK_BEFORE = ("关于",)


def title_lines(title: str, max_cells: float = TITLE_MAX_CHARS) -> list[str]:
	"""Break a title into balanced lines (梯形/菱形), preferring breaks at spaces and before 关于."""
	title = re.sub(r"\s+", " ", (title or "").strip(_LEADING_SPACE))
	tokens = tokenize([(title, XBS)])
	total = sum(t.cells for t in tokens if not t.is_space)
	if total <= max_cells + _EPS:
		return [title] if title else []

	# Possible breaks: before token i (1 <= i < n), never before a closing or after an opening mark.
	n = len(tokens)

	def cost_of_break(i: int) -> float | None:
		before, after = tokens[i - 1], tokens[i]
		if after.no_start or before.no_end:
			return None
		if before.is_space or after.is_space:
			return 0.0
		rest = "".join(t.text for t in tokens[i:])
		if rest.startswith(_TITLE_BREAK_BEFORE):
			return 0.0
		depth = _bracket_depth(tokens[:i])
		return 6.0 + 4.0 * depth

	prefix = [0.0]
	for token in tokens:
		prefix.append(prefix[-1] + (0.0 if token.is_space else token.cells))

	def width(i: int, j: int) -> float:
		return prefix[j] - prefix[i]

	costs = {i: cost_of_break(i) for i in range(1, n)}
	breaks = {i: cost for i, cost in costs.items() if cost is not None}
	candidates = sorted(breaks)
	for count in range(math.ceil(total / max_cells), n + 1):
		ideal = total / count
		best = _best_title_split(candidates, breaks, width, n, count, ideal, max_cells)
		if best is not None:
			points = [0, *best, n]
			return ["".join(t.text for t in tokens[a:b]).strip(_LEADING_SPACE) for a, b in pairwise(points)]
	return [title]  # pragma: no cover - a title can always be split into single tokens


def _bracket_depth(tokens: Sequence[Token]) -> int:
	depth = 0
	for char in "".join(t.text for t in tokens):
		if char in "《“（〔":
			depth += 1
		elif char in "》”）〕" and depth:
			depth -= 1
	return depth


def _best_title_split(
	candidates: list[int],
	breaks: dict[int, float],
	width: Callable[[int, int], float],
	n: int,
	count: int,
	ideal: float,
	max_cells: float,
) -> list[int] | None:
	"""Dynamic programming over break positions: least squared deviation plus break penalties."""
	# best[k][i]: (cost, breaks) for k lines ending right before token i
	best: list[dict[int, tuple[float, tuple[int, ...]]]] = [{0: (0.0, ())}]
	for k in range(1, count + 1):
		layer: dict[int, tuple[float, tuple[int, ...]]] = {}
		ends = [n] if k == count else candidates
		for end in ends:
			for begin, (cost, path) in best[k - 1].items():
				if begin >= end:
					continue
				line_width = width(begin, end)
				if line_width > max_cells + _EPS or line_width == 0:
					continue
				total = cost + (line_width - ideal) ** 2 + (breaks[end] if end < n else 0.0)
				if end not in layer or total < layer[end][0]:
					layer[end] = (total, (*path, end) if end < n else path)
		best.append(layer)
		if not layer:
			return None
	final = best[count].get(n)
	return list(final[1]) if final else None


# Pagination ----------------------------------------------------------------------------------------
@dataclass
class _Block:
	lines: list[Line]
	keep_together: bool = False
	keep_with_next: bool = False
	page_break_before: bool = False
	carry_previous: int = 0


def _blank() -> Line:
	return Line(0.0, 0.0, SIZE_3, (), "blank")


def _centered(text: str, size: float, font: str, role: str) -> Line:
	cell_mm = CELL_MM if size == SIZE_3 else size * PT_MM
	tokens = tokenize([(text, font)])
	cells = _cells(tokens, cell_mm, 1.0)
	line = Line(0.0, 0.0, size, cells, role)
	return replace(line, x=max(0.0, (BLOCK_WIDTH_MM - line.width) / 2))


def _title_block(title: str, role: str = "title") -> _Block:
	lines = [_centered(text, SIZE_2, XBS, role) for text in title_lines(title)]
	return _Block(lines, keep_together=True, keep_with_next=True)


def _paragraph_blocks(paragraphs: Sequence[Paragraph]) -> list[_Block]:
	blocks = []
	for paragraph in paragraphs:
		if paragraph.kind == "title":
			blocks.append(_Block([_blank()]))
			blocks.append(_title_block(paragraph.text, "subtitle"))
			blocks.append(_Block([_blank()]))
			continue
		if paragraph.kind == "center":
			blocks.append(_Block([_centered(paragraph.text, SIZE_3, FANG, "center")]))
			continue
		runs = paragraph_runs(paragraph.text)
		level = heading_level(paragraph.text)
		role = f"h{level}" if level else "body"
		lines = set_paragraph(runs, first_indent=2.0, role=role)
		standalone_heading = level in (1, 2) and len(runs) == 1
		blocks.append(_Block(lines, keep_with_next=standalone_heading, keep_together=standalone_heading))
	return blocks


def _attachment_block(names: Sequence[str]) -> list[_Block]:
	if not names:
		return []
	lines: list[Line] = []
	numbered = len(names) > 1
	for number, name in enumerate(names, 1):
		label = f"{number}." if numbered else ""
		if number == 1:
			text, first, rest = f"附件：{label}{name}", 2.0, 5.0 + (1.0 if numbered else 0.0)
		else:
			text, first, rest = f"{label}{name}", 5.0, 6.0
		lines.extend(
			set_paragraph([(text, FANG)], first_indent=first, indent=rest, justify=False, role="attachment")
		)
	return [_Block([_blank()]), _Block(lines, keep_together=True)]


def _run_line(runs: Sequence[tuple[str, str]], role: str) -> Line:
	"""One unbroken 3号 line of font runs, on the grid's cells, at x = 0."""
	return Line(0.0, 0.0, SIZE_3, _cells(tokenize(runs), CELL_MM, 1.0), role)


def _header_elements(content: DocumentContent) -> list[Line]:
	"""份号 (digits), 密级和保密期限 (黑体), 紧急程度 (黑体), in this order, those that are filled."""
	lines = []
	if content.copy_number:
		lines.append(_run_line([(content.copy_number, FANG)], "copy-number"))
	if content.classification:
		lines.append(_run_line([(content.classification, HEI)], "classification"))
	if content.urgency:
		lines.append(_run_line([(content.urgency, HEI)], "urgency"))
	return lines


def _signer_rows(signers: Sequence[str]) -> list[Line]:
	"""签发人：姓名 rows, 居右空一字, two names a row; later rows align with the first name."""
	label_cells = sum(t.cells for t in tokenize([(SIGNER_LABEL, FANG)]))
	chunks = [signers[i : i + SIGNERS_PER_ROW] for i in range(0, len(signers), SIGNERS_PER_ROW)]
	names = [_run_line([("\u3000".join(chunk), KAI)], "signer") for chunk in chunks]
	names_width = max(line.width for line in names)
	label = _run_line([(SIGNER_LABEL, FANG)], "signer")
	x = BLOCK_WIDTH_MM - CELL_MM - names_width - label_cells * CELL_MM
	rows = []
	for index, line in enumerate(names):
		if index == 0:
			rows.append(replace(line, x=x, cells=label.cells + line.cells))
		else:
			rows.append(replace(line, x=x + label_cells * CELL_MM))
	return rows


def _attendance_blocks(attendance: Sequence[tuple[str, str]]) -> list[_Block]:
	"""纪要 (clause 10.3): 出席/请假/列席 in 黑体 左空二字, the names in 仿宋 aligned after the colon."""
	rows = [(label, names) for label, names in attendance if names]
	if not rows:
		return []
	blocks = [_Block([_blank()])]
	for label, names in rows:
		head = f"{label}："
		indent = 2.0 + sum(t.cells for t in tokenize([(head, HEI)]))
		lines = set_paragraph(
			[(head, HEI), (names, FANG)], first_indent=2.0, indent=indent, justify=False, role="attendance"
		)
		blocks.append(_Block(lines, keep_together=True))
	return blocks


def _signature_block(content: DocumentContent) -> list[_Block]:
	if not (content.signing_organ or content.document_date or content.publication_note):
		return []
	lines: list[Line] = [_blank() for _ in range(SIGNATURE_BLANK_LINES)]
	date_line = None
	if content.document_date:
		date_line = _centered(content.document_date, SIZE_3, FANG, "date")
		date_line = replace(date_line, x=BLOCK_WIDTH_MM - DATE_RIGHT_INDENT * CELL_MM - date_line.width)
	if content.signing_organ:
		signature = _centered(content.signing_organ, SIZE_3, FANG, "signature")
		if date_line is not None:
			centre = date_line.x + date_line.width / 2
			x = min(centre - signature.width / 2, BLOCK_WIDTH_MM - signature.width)
		else:
			x = BLOCK_WIDTH_MM - 2 * CELL_MM - signature.width
		lines.append(replace(signature, x=max(0.0, x)))
	if date_line is not None:
		lines.append(date_line)
	if content.publication_note:
		note = content.publication_note.strip(_LEADING_SPACE).strip("（）()")
		lines.extend(set_paragraph([(f"（{note}）", FANG)], first_indent=2.0, justify=False, role="note"))
	return [_Block(lines, keep_together=True, carry_previous=SIGNATURE_KEEP_LINES)]


def _version_rows(content: DocumentContent) -> list[list[list[Line]]]:
	"""版记 elements (抄送, then 印发机关和印发日期), each a list of rows, each row a list of lines."""
	one = SIZE_4 * PT_MM  # 左右各空一字
	inner = BLOCK_WIDTH_MM - 2 * one
	elements: list[list[list[Line]]] = []
	cc = format_cc(content.cc)
	if cc:
		lines = set_paragraph(
			[(f"抄送：{cc}", FANG)],
			size=SIZE_4,
			width_mm=inner,
			x=one,
			first_indent=0.0,
			indent=3.0,
			role="cc",
		)
		elements.append([[line] for line in lines])
	if content.variant == LETTER:
		return elements  # 信函格式: 版记不加印发机关和印发日期、分隔线 (clause 10.1)
	if content.printing_organ or content.printing_date:
		row: list[Line] = []
		if content.printing_organ:
			organ = _centered(content.printing_organ, SIZE_4, FANG, "printing-organ")
			row.append(replace(organ, x=one))
		if content.printing_date:
			date = _centered(f"{content.printing_date}印发", SIZE_4, FANG, "printing-date")
			row.append(replace(date, x=BLOCK_WIDTH_MM - one - date.width))
		elements.append([row])
	return elements


def typeset(content: DocumentContent) -> Layout:
	"""Lay the whole 公文 out on pages."""
	builder = _PageBuilder()
	builder.first_page_header(content)

	blocks: list[_Block] = []
	if content.title:
		blocks.append(_title_block(content.title))
	if content.main_recipients:
		recipients = content.main_recipients.strip(_LEADING_SPACE).rstrip("：:")
		blocks.append(_Block([_blank()]))
		blocks.append(_Block(set_paragraph([(f"{recipients}：", FANG)], first_indent=0.0, role="recipients")))
	blocks.extend(_paragraph_blocks(content.body))
	blocks.extend(_attachment_block(content.attachments))
	blocks.extend(_attendance_blocks(content.attendance))
	blocks.extend(_signature_block(content))
	if content.enclosure_title or content.enclosure:
		first = True
		if content.enclosure_title:
			block = _title_block(content.enclosure_title, "subtitle")
			block.page_break_before = True
			blocks.append(block)
			blocks.append(_Block([_blank()]))
			first = False
		for block in _paragraph_blocks(content.enclosure):
			if first:
				block.page_break_before = True
				first = False
			blocks.append(block)
	for block in blocks:
		builder.add(block)
	if content.seal:
		builder.add_seal()
	builder.add_version_notes(_version_rows(content), rules=content.variant != LETTER)
	return Layout(pages=builder.pages())


class _PageBuilder:
	"""Places lines on pages. Page 1 starts below the 版头; every other page at the top of the 版心."""

	def __init__(self) -> None:
		self._pages: list[dict] = []
		self._new_page(top=0.0)

	# pages
	def _new_page(self, top: float = 0.0, numbered: bool = True) -> dict:
		page = {"top": top, "lines": [], "fixed": [], "rules": [], "numbered": numbered}
		self._pages.append(page)
		return page

	@property
	def _page(self) -> dict:
		return self._pages[-1]

	def _capacity(self, page: dict) -> int:
		return math.floor((BLOCK_HEIGHT_MM - page["top"]) / LINE_MM + _EPS)

	def _remaining(self) -> int:
		return self._capacity(self._page) - len(self._page["lines"])

	# 版头
	def first_page_header(self, content: DocumentContent) -> None:
		if content.variant == LETTER:
			self._letter_header(content)
			return
		page = self._page
		# 份号, 密级和保密期限, 紧急程度: 顶格, from the first line of the 版心 down (clause 7.2.1-7.2.3).
		for row, line in enumerate(_header_elements(content)):
			page["fixed"].append(replace(line, x=0.0, y=row * LINE_MM))
		size_mm = ORGAN_MARK_SIZE * PT_MM
		y = ORGAN_MARK_TOP_MM
		if content.organ_mark:
			mark = _centered(content.organ_mark, ORGAN_MARK_SIZE, XBS, "organ-mark")
			scale = min(1.0, ORGAN_MARK_MAX_WIDTH_MM / mark.width) if mark.width else 1.0
			mark = replace(mark, y=y, x=(BLOCK_WIDTH_MM - mark.width) / 2, scale_x=scale, color="red")
			page["fixed"].append(mark)
		number_top = y + size_mm + 2 * LINE_MM  # 发文机关标志下空二行
		last_row_top = number_top
		if content.signers:
			# 上行文 (clause 7.2.6): 签发人 居右空一字; the number 居左空一字 on the line of the last name.
			rows = _signer_rows(content.signers)
			last_row_top = number_top + (len(rows) - 1) * LINE_MM
			for index, row in enumerate(rows):
				page["fixed"].append(replace(row, y=number_top + index * LINE_MM))
			if content.document_number:
				number = _centered(content.document_number, SIZE_3, FANG, "document-number")
				page["fixed"].append(replace(number, x=CELL_MM, y=last_row_top))
		elif content.document_number:
			number = _centered(content.document_number, SIZE_3, FANG, "document-number")
			page["fixed"].append(replace(number, y=number_top))
		rule_y = last_row_top + SIZE_3 * PT_MM + RED_RULE_GAP_MM
		page["rules"].append(Rule(rule_y, RED_RULE_THICKNESS_MM, "red"))
		page["top"] = rule_y + RED_RULE_THICKNESS_MM + 2 * LINE_MM  # 分隔线下空二行

	def _letter_header(self, content: DocumentContent) -> None:
		"""信函格式 (clause 10.1): red double rules under the mark and 20 mm above the foot of the page,
		the elements 顶格 on the left and the number on the right under the first rule, no page number
		on page 1."""
		page = self._page
		page["numbered"] = False
		rule_x = (BLOCK_WIDTH_MM - LETTER_RULE_WIDTH_MM) / 2
		y = LETTER_MARK_TOP_MM
		if content.organ_mark:
			mark = _centered(content.organ_mark, LETTER_MARK_SIZE, XBS, "organ-mark")
			scale = min(1.0, LETTER_RULE_WIDTH_MM / mark.width) if mark.width else 1.0
			mark = replace(mark, y=y, x=(BLOCK_WIDTH_MM - mark.width) / 2, scale_x=scale, color="red")
			page["fixed"].append(mark)
		top_rule = y + LETTER_MARK_SIZE * PT_MM + LETTER_RULE_GAP_MM
		thin_rule = top_rule + LETTER_RULE_THICK_MM + LETTER_RULE_SPACING_MM
		foot_thin = (
			LETTER_BOTTOM_RULE_MM - LETTER_RULE_THICK_MM - LETTER_RULE_SPACING_MM - LETTER_RULE_THIN_MM
		)
		page["rules"].extend(
			[
				Rule(top_rule, LETTER_RULE_THICK_MM, "red", rule_x, LETTER_RULE_WIDTH_MM),  # 上粗下细
				Rule(thin_rule, LETTER_RULE_THIN_MM, "red", rule_x, LETTER_RULE_WIDTH_MM),
				Rule(foot_thin, LETTER_RULE_THIN_MM, "red", rule_x, LETTER_RULE_WIDTH_MM),  # 上细下粗
				Rule(
					LETTER_BOTTOM_RULE_MM - LETTER_RULE_THICK_MM,
					LETTER_RULE_THICK_MM,
					"red",
					rule_x,
					LETTER_RULE_WIDTH_MM,
				),
			]
		)
		first = thin_rule + LETTER_RULE_THIN_MM + LETTER_FIRST_ELEMENT_GAP_MM
		elements = _header_elements(content)
		for row, line in enumerate(elements):
			page["fixed"].append(replace(line, x=0.0, y=first + row * LINE_MM))
		if content.document_number:
			number = _centered(content.document_number, SIZE_3, FANG, "document-number")
			page["fixed"].append(replace(number, x=BLOCK_WIDTH_MM - number.width, y=first))
		last = first + (max(len(elements), 1) - 1) * LINE_MM
		page["top"] = last + 3 * LINE_MM  # the title follows the last element after two blank lines

	# flow
	def add(self, block: _Block) -> None:
		lines = block.lines
		if block.page_break_before and self._page["lines"]:
			self._new_page()
		needed = len(lines) + (1 if block.keep_with_next else 0)
		if block.keep_together and needed > self._remaining() and needed <= LINES_PER_PAGE:
			if self._page["lines"]:
				carried = self._take_last_lines(block.carry_previous)
				self._new_page()
				for line in carried:
					self._place(line)
		for line in lines:
			if self._remaining() <= 0:
				self._new_page()
			if line.role == "blank" and not self._page["lines"]:
				continue  # no blank line at the top of a page
			self._place(line)

	def _place(self, line: Line) -> None:
		self._page["lines"].append(line)

	def _take_last_lines(self, count: int) -> list[Line]:
		"""Remove up to ``count`` text lines (and the blanks after them) from the end of the page."""
		lines = self._page["lines"]
		if count <= 0:
			return []
		text_lines = [i for i, line in enumerate(lines) if line.role != "blank"]
		if len(text_lines) <= count:
			return []  # the page would be left without text: move nothing
		cut = text_lines[-count]
		taken = lines[cut:]
		del lines[cut:]
		return taken

	# 印章
	def add_seal(self) -> None:
		"""The seal centred on the date, the signature and date a little below its centre (7.3.5.1).

		It is a line of role "seal" with one empty cell of the seal's width; the print format paints
		the image into it (CSS), so the page macros need nothing of their own for it.
		"""
		for page in self._pages:
			lines = page["lines"]
			roles = [line.role for line in lines]
			if "date" not in roles and "signature" not in roles:
				continue
			anchor = lines[roles.index("date")] if "date" in roles else lines[roles.index("signature")]
			index = roles.index("signature") if "signature" in roles else roles.index("date")
			rows_above = len(lines[:index])
			centre_y = (
				page["top"]
				+ rows_above * LINE_MM
				+ (LINE_MM if "date" in roles else 0)
				- SEAL_BELOW_CENTRE_MM
			)
			x = anchor.x + anchor.width / 2 - SEAL_DIAMETER_MM / 2
			seal = Line(x, centre_y - SEAL_DIAMETER_MM / 2, SIZE_3, (Cell("", SEAL_DIAMETER_MM),), "seal")
			page["fixed"].append(seal)

	# 版记
	def add_version_notes(self, elements: list[list[list[Line]]], rules: bool = True) -> None:
		"""Put the 版记 at the foot of the last page; its last rule lies on the bottom edge of the 版心."""
		rows = sum(len(element) for element in elements)
		if not rows:
			return
		if self._remaining() < rows:
			# The 版记 needs a page of its own. It belongs on an even page (the back cover), so an odd
			# page is preceded by a blank page; then neither page is numbered (GB/T 9704 7.5).
			if (len(self._pages) + 1) % 2 == 1:
				self._new_page(numbered=False)
				self._new_page(numbered=False)
			else:
				self._new_page()
		page = self._page
		top = BLOCK_HEIGHT_MM - rows * LINE_MM
		if rules:
			page["rules"].append(Rule(top, VERSION_RULE_THICK_MM))
		row_number = 0
		for index, element in enumerate(elements):
			if index and rules:
				page["rules"].append(
					Rule(top + row_number * LINE_MM - VERSION_RULE_THIN_MM / 2, VERSION_RULE_THIN_MM)
				)
			for row in element:
				row_top = top + row_number * LINE_MM + (LINE_MM - SIZE_4 * PT_MM) / 2
				page["fixed"].extend(replace(line, y=row_top) for line in row)
				row_number += 1
		if rules:
			page["rules"].append(Rule(BLOCK_HEIGHT_MM - VERSION_RULE_THICK_MM, VERSION_RULE_THICK_MM))

	def pages(self) -> tuple[Page, ...]:
		result = []
		for number, page in enumerate(self._pages, 1):
			placed = [
				replace(line, y=page["top"] + i * LINE_MM)
				for i, line in enumerate(page["lines"])
				if line.role != "blank"
			]
			lines = sorted([*page["fixed"], *placed], key=lambda line: (round(line.y, 3), line.x))
			folio = f"— {number} —" if page["numbered"] else ""
			result.append(Page(number, folio, tuple(lines), tuple(page["rules"])))
		return tuple(result)


__all__ = [
	"BLOCK_HEIGHT_MM",
	"BLOCK_WIDTH_MM",
	"CELL_MM",
	"LINE_MM",
	"MARGIN_LEFT_MM",
	"MARGIN_TOP_MM",
	"Cell",
	"DocumentContent",
	"Layout",
	"Line",
	"Page",
	"Paragraph",
	"Rule",
	"attachment_lines",
	"format_cc",
	"heading_level",
	"paragraph_runs",
	"paragraphs_from_html",
	"set_paragraph",
	"title_lines",
	"typeset",
]
