"""Printed documents configured by data: Wuse Settings → Printed Documents (issuing organ, 发文字号
series, 印发机关, 抄送, seal, footer, donation wording) and the administrator's copies of standard formats."""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys

import frappe
import pytest
from factories import make_community, make_custodian, make_donation, make_fund
from official_documents import Office, read_pdf, render_pdf
from print_support import first_page_png, render_print

from wuse_app.documents.print_settings import document_defaults

SETTINGS = "Wuse Settings"
DOCTYPE = "Official Document"
STANDARD_FORMAT = "Official Document (GB/T 9704)"
BENCH_HELPER = (sys.executable, "-m", "frappe.utils.bench_helper", "frappe")
# An 8 x 8 seal-red PNG
SEAL_PNG = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFElEQVR4nGN8xiDEgA0wYRUdtBIAx6wBCImV+1EAAAAASUVORK5CYII="
)


@pytest.fixture
def office() -> Office:
	return Office.make()


def configure(**values) -> None:
	settings = frappe.get_single(SETTINGS)
	series = values.pop("series", None)
	settings.update(values)
	if series is not None:
		settings.set("document_series", [])
		for row in series:
			settings.append("document_series", row)
	settings.save()


def red_at(pdf: bytes, x_mm: float, y_mm: float) -> bool:
	"""Whether page 1 of the PDF is seal-red at (x, y) mm from the paper's top-left corner."""
	from PIL import Image

	image = Image.open(io.BytesIO(first_page_png(pdf))).convert("RGB")
	scale = image.width / 210
	r, g, b = image.getpixel((round(x_mm * scale), round(y_mm * scale)))
	return r > 180 and g < 90 and b < 90


# Defaults of new documents -----------------------------------------------------------------------------
def test_a_new_document_takes_organ_series_printing_organ_and_cc_from_the_settings(office):
	configure(
		issuing_organ="测试区人民政府测试街道办事处",
		printing_organ="测试街道党政办公室",
		default_cc="区民政局",
		series=[{"series": "测试办发", "is_default": 1}, {"series": "测试办函", "document_kind": "函"}],
	)
	doc = office.draft(issuing_organ=None, document_series=None, signing_organ=None)
	assert doc.issuing_organ == "测试区人民政府测试街道办事处"
	assert doc.signing_organ == doc.issuing_organ
	assert doc.document_series == "测试办发"
	assert doc.printing_organ == "测试街道党政办公室" and doc.cc == "区民政局"
	letter = office.draft(document_kind="函", issuing_organ=None, document_series=None)
	assert letter.document_series == "测试办函", "the series of the document's kind"


def test_values_typed_on_the_document_win_over_the_settings(office):
	configure(issuing_organ="测试区人民政府测试街道办事处", series=[{"series": "测试办发", "is_default": 1}])
	doc = office.draft(issuing_organ="另一机关", document_series="另一发")
	assert (doc.issuing_organ, doc.document_series) == ("另一机关", "另一发")


def test_the_form_reads_the_defaults_only_for_who_may_draft():
	from factories import make_user

	from wuse_app.documents.print_settings import get_document_defaults
	from wuse_app.setup.roles import COMMUNITY_STAFF

	frappe.set_user(make_user(COMMUNITY_STAFF))
	with pytest.raises(frappe.PermissionError):
		get_document_defaults()


def test_settings_changed_show_on_the_next_issued_document(office):
	configure(issuing_organ="测试区人民政府青山街道办事处", series=[{"series": "青山办发", "is_default": 1}])
	assert document_defaults()["document_series"] == "青山办发"
	doc = office.issue(office.draft(issuing_organ=None, document_series=None, document_date="2024-03-01"))
	assert doc.document_number.startswith("青山办发〔2024〕")
	first = read_pdf(render_pdf(doc.name))[0].compact
	assert "测试区人民政府青山街道办事处文件" in first and doc.document_number in first


def test_organ_mark_replaces_the_name_in_the_red_header(office):
	configure(organ_mark="青山街道文件")
	doc = office.draft(organ_mark=None)
	from wuse_app.documents.doctype.official_document.official_document import print_content

	assert print_content(doc).organ_mark == "青山街道文件"


# The seal -------------------------------------------------------------------------------------------
def test_the_seal_is_private_and_printed_on_issued_documents_only(office):
	seal = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "seal.png",
			"content": SEAL_PNG,
			"is_private": 1,
			"attached_to_doctype": SETTINGS,
			"attached_to_name": SETTINGS,
			"attached_to_field": "seal_image",
		}
	).insert()
	assert seal.is_private and seal.file_url.startswith("/private/")
	configure(seal_image=seal.file_url)
	draft = office.draft(signing_organ="测试机关")
	assert not any(line.role == "seal" for page in draft.get_print_layout().pages for line in page.lines)
	issued = office.issue(draft)
	assert issued.seal_image == seal.file_url
	layout = issued.get_print_layout()
	seal_line = next(line for page in layout.pages for line in page.lines if line.role == "seal")
	date = next(line for page in layout.pages for line in page.lines if line.role == "date")
	assert abs((seal_line.x + seal_line.width / 2) - (date.x + date.width / 2)) < 0.01, "centred on the date"
	# The seal image is red all over; the signature's neighbourhood is blank paper without it.
	x, y = 28 + seal_line.x + 21, 37 + seal_line.y + 4  # inside the seal, above the signature text
	assert red_at(render_pdf(issued.name), x, y), "the seal is printed on the issued document"
	other = office.draft(signing_organ="测试机关")  # the same layout, not issued
	assert not red_at(render_pdf(other.name), x, y), "no seal on a draft"


# Donation acknowledgement wording and footer --------------------------------------------------------
def test_donation_acknowledgement_reads_its_wording_and_footer_from_the_settings():
	configure(
		acknowledgement_text="感谢您的爱心，善款将全部用于社区公益项目。",
		acknowledgement_closing="此致敬礼！",
		footer_text="地址：测试街道1号 电话：023-00000000",
	)
	community = make_community()
	fund = make_fund(community, make_custodian(community))
	donation = make_donation(fund, 100)
	html = render_print("Donation", donation.name, "Donation Acknowledgement", as_pdf=False)
	assert "感谢您的爱心，善款将全部用于社区公益项目。" in html
	assert "此致敬礼！" in html and "特此证明，并致谢忱！" not in html
	assert "地址：测试街道1号" in html


# Copies of the standard formats ------------------------------------------------------------------------
def make_copy(name: str) -> frappe.model.document.Document:
	"""What Duplicate on the Print Format form does, then an edit of the copy's HTML."""
	standard = frappe.get_doc("Print Format", STANDARD_FORMAT)
	copy = frappe.copy_doc(standard)
	copy.name = name
	copy.standard = "No"
	copy.html = '<div class="admin-copy">本单位格式</div>\n' + standard.html
	copy.insert()
	return copy


def test_a_copy_of_the_standard_format_prints_and_can_be_made_the_default(office):
	from frappe.printing.doctype.print_format.print_format import make_default

	copy = make_copy("公文（本单位）")
	make_default(copy.name)
	frappe.clear_cache(doctype=DOCTYPE)
	assert frappe.get_meta(DOCTYPE).default_print_format == copy.name
	doc = office.draft()
	html = render_print(DOCTYPE, doc.name, copy.name, as_pdf=False)
	assert "本单位格式" in html and "gw-page" in html


@pytest.mark.commits
def test_migrate_keeps_the_administrators_default_format_copy_and_settings():
	"""One real `bench migrate` for every kind of change an administrator makes in the desk: a copy of a
	standard format made the default, Wuse Settings, a field added to Service Project and shown on the
	portal form, a service category and an organisation type added to their masters."""
	from frappe.custom.doctype.custom_field.custom_field import create_custom_field
	from frappe.printing.doctype.print_format.print_format import make_default

	from wuse_app.wuse_setup.extra_fields import WEB_FORM

	suffix = frappe.generate_hash(length=4)
	name = f"公文（迁移测试{suffix}）"
	category, organization_type = f"迁移测试类别{suffix}", f"迁移测试组织类型{suffix}"
	previous = frappe.get_meta(DOCTYPE).default_print_format
	make_copy(name)
	make_default(name)
	create_custom_field(
		"Service Project", {"fieldname": "custom_migrate_probe", "label": "迁移字段", "fieldtype": "Data"}
	)
	configure(issuing_organ="迁移测试街道办事处")
	settings = frappe.get_single(SETTINGS)
	settings.append(
		"field_options",
		{"document_type": "Service Project", "field_name": "custom_migrate_probe", "show_on_portal": 1},
	)
	settings.save()
	frappe.get_doc({"doctype": "Service Category", "category_name": category}).insert()
	frappe.get_doc(
		{
			"doctype": "Organization Type",
			"organization_type_name": organization_type,
			"credit_code_categories": "52",
		}
	).insert()
	frappe.db.commit()
	try:
		site, sites_path = os.environ["WUSE_TEST_SITE"], os.environ["WUSE_SITES_PATH"]
		result = subprocess.run(
			[*BENCH_HELPER, "--site", site, "migrate", "--skip-search-index"],
			cwd=sites_path,
			capture_output=True,
			text=True,
			timeout=900,
		)
		assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
		frappe.db.rollback()
		frappe.clear_cache(doctype=DOCTYPE)
		assert frappe.get_meta(DOCTYPE).default_print_format == name
		assert "本单位格式" in frappe.db.get_value("Print Format", name, "html")
		assert frappe.db.get_value("Print Format", STANDARD_FORMAT, "standard") == "Yes"
		assert frappe.db.get_single_value(SETTINGS, "issuing_organ") == "迁移测试街道办事处"
		assert frappe.get_meta("Service Project").get_field("custom_migrate_probe")
		assert frappe.db.exists("Web Form Field", {"parent": WEB_FORM, "fieldname": "custom_migrate_probe"})
		assert frappe.db.exists("Service Category", category)
		assert frappe.db.exists("Organization Type", organization_type)
	finally:
		frappe.db.rollback()
		make_default(previous or STANDARD_FORMAT)
		frappe.delete_doc("Print Format", name, force=True, ignore_permissions=True)
		settings = frappe.get_single(SETTINGS)
		settings.set(
			"field_options", [r for r in settings.field_options if r.field_name != "custom_migrate_probe"]
		)
		settings.save(ignore_permissions=True)
		custom_field = frappe.db.get_value(
			"Custom Field", {"dt": "Service Project", "fieldname": "custom_migrate_probe"}
		)
		if custom_field:
			frappe.delete_doc("Custom Field", custom_field, force=True, ignore_permissions=True)
		frappe.delete_doc("Service Category", category, force=True, ignore_permissions=True)
		frappe.delete_doc("Organization Type", organization_type, force=True, ignore_permissions=True)
		frappe.db.set_single_value(SETTINGS, "issuing_organ", "黔江区人民政府正阳街道办事处")
		frappe.db.commit()
		frappe.clear_cache(doctype=DOCTYPE)
