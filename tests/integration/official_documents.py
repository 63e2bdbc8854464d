"""Builders and PDF readers for the Official Document tests (issue 6)."""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import frappe
from factories import make_user
from frappe.model.workflow import apply_workflow
from print_support import render_print

from wuse_app.documents import demo
from wuse_app.setup.roles import SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR

PRINT_FORMAT = "Official Document (GB/T 9704)"
PT_PER_MM = 72 / 25.4


@contextmanager
def as_user(user: str) -> Iterator[None]:
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def unique_series() -> str:
	"""A document series (机关代字) of its own for one test, e.g. 测试a1b2c3发."""
	return f"测试{uuid.uuid4().hex[:6]}发"


@dataclass
class Office:
	"""A drafter (Wuse Administrator) and a reviewer (Sub-district Reviewer)."""

	drafter: str
	reviewer: str

	@classmethod
	def make(cls) -> Office:
		return cls(make_user(WUSE_ADMINISTRATOR), make_user(SUBDISTRICT_REVIEWER))

	def draft(self, **values) -> frappe.model.document.Document:
		fields = {
			"doctype": "Official Document",
			"issuing_organ": demo.ISSUING_ORGAN,
			"document_series": unique_series(),
			"title": "关于开展社区志愿服务的通知",
			"main_recipients": "各社区居委会",
			"body": "<p>现将有关事项通知如下。</p>",
			"document_date": "2022-08-29",
		}
		fields.update(values)
		with as_user(self.drafter):
			return frappe.get_doc(fields).insert()

	def submit_for_review(self, doc) -> frappe.model.document.Document:
		with as_user(self.drafter):
			return apply_workflow(doc.as_dict(), "Submit for Review")

	def issue(self, doc) -> frappe.model.document.Document:
		if doc.workflow_state == "Draft":
			doc = self.submit_for_review(doc)
		with as_user(self.reviewer):
			return apply_workflow(doc.as_dict(), "Issue Document")


def make_golden_document(office: Office, issue: bool = True) -> frappe.model.document.Document:
	"""The seed document 正阳办事处发〔2022〕95号; its number 95 was given outside the app."""
	with as_user(office.drafter):
		doc = frappe.get_doc(demo.seed_document_values())
		doc.manual_sequence_number = demo.SEQUENCE_NUMBER
		doc.insert()
	return office.issue(doc) if issue else doc


# PDF ---------------------------------------------------------------------------------------------
def render_pdf(name: str) -> bytes:
	"""The PDF Frappe makes for the document with the GB/T 9704 format (its own get_print path)."""
	return render_print("Official Document", name, PRINT_FORMAT)


@dataclass(frozen=True)
class Word:
	x_min: float
	y_min: float
	x_max: float
	y_max: float
	text: str


@dataclass
class PdfPage:
	width: float
	height: float
	words: list[Word]
	text: str  # pdftotext -layout, NFKC-normalised

	@property
	def compact(self) -> str:
		"""The text without any white space."""
		return re.sub(r"\s+", "", self.text)


def read_pdf(pdf: bytes) -> list[PdfPage]:
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "document.pdf"
		path.write_bytes(pdf)
		bbox = _run("pdftotext", "-bbox", str(path), "-")
		pages = []
		for number, page in enumerate(re.findall(r"<page (.*?)</page>", bbox, re.S), 1):
			width, height = (float(v) for v in re.findall(r'(?:width|height)="([\d.]+)"', page)[:2])
			words = [
				Word(float(a), float(b), float(c), float(d), normalise(html_unescape(text)))
				for a, b, c, d, text in re.findall(
					r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>',
					page,
				)
			]
			text = _run("pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-")
			pages.append(PdfPage(width, height, words, normalise(text)))
		return pages


def pdf_fonts(pdf: bytes) -> list[str]:
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "document.pdf"
		path.write_bytes(pdf)
		lines = _run("pdffonts", str(path)).splitlines()[2:]
	return [line.split()[0].split("+")[-1] for line in lines if line.strip()]


# CJK Radicals Supplement characters whose glyph is the simplified ideograph's: no Unicode
# normalisation maps them back (NFKC only covers the Kangxi Radicals block U+2F00-U+2FDF).
_RADICAL_SUPPLEMENT = str.maketrans(
	"⺟⺠⻄⻅⻆⻉⻋⻓⻔⻘⻚⻛⻜⻝⻢⻣⻤⻥⻦⻨⻩⻬⻮⻰⻳⻁⺁⺇⺊⺓",
	"母民西见角贝车长门青页风飞食马骨鬼鱼鸟麦黄齐齿龙龟虎厂几卜幺",
)


def normalise(text: str) -> str:
	"""Undo the radicals of the PDF text layer (⼀ U+2F00 for 一, ⺠ U+2EA0 for 民).

	wkhtmltopdf writes, for a glyph the font shares between a radical and an ideograph, the lower code
	point. The Kangxi radicals go back through NFKC, applied to them alone: NFKC on the whole text would
	also turn full-width punctuation (，（：) into ASCII.
	"""
	text = text.translate(_RADICAL_SUPPLEMENT)
	return "".join(
		unicodedata.normalize("NFKC", char) if "\u2f00" <= char <= "\u2fdf" else char for char in text
	)


def compact(text: str) -> str:
	return re.sub(r"\s+", "", normalise(text))


def html_unescape(text: str) -> str:
	import html

	return html.unescape(text)


def _run(*command: str) -> str:
	return subprocess.run(command, check=True, capture_output=True, text=True).stdout
