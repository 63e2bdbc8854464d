"""Volunteer service certificates (志愿服务记录证明): hours, numbering, masked identity, and the PDF."""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import frappe
import pytest
from factories import (
	make_community,
	make_organization,
	make_service_record,
	make_volunteer,
	make_volunteer_activity,
)
from frappe.utils import add_days, getdate, nowdate
from print_support import render_print

from wuse_app.wuse_setup.doctype.wuse_sequence.wuse_sequence import peek_value

PRINT_FORMAT = "Volunteer Service Certificate"


def days_ago(n: int) -> str:
	return add_days(nowdate(), -n)


def make_certificate(volunteer: str, submit: bool = True, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Volunteer Service Certificate",
			"volunteer": volunteer,
			"from_date": days_ago(30),
			"to_date": nowdate(),
			"handler": "李经办",
			**values,
		}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc


@pytest.fixture
def community():
	return make_community(party_secretary="王书记", contact_phone="023-79223456")


def test_certificate_sums_verified_hours_of_the_issuer_in_the_period(community):
	volunteer = make_volunteer(community).name
	make_service_record(
		volunteer, hours=3, service_date=days_ago(1), service_category="Medical Care to Villages"
	)
	make_service_record(volunteer, hours=2.5, service_date=days_ago(2), service_category="Caring Visits")
	make_service_record(volunteer, hours=1, service_date=days_ago(3), service_category="Caring Visits")
	make_service_record(volunteer, hours=4, service_date=days_ago(4), submit=False)  # unverified
	make_service_record(volunteer, hours=5, service_date=days_ago(5)).cancel()  # cancelled
	make_service_record(volunteer, hours=6, service_date=days_ago(40))  # before the period
	make_service_record(
		volunteer, hours=7, service_date=days_ago(6), community=make_community()
	)  # other issuer

	certificate = make_certificate(volunteer)
	assert certificate.total_hours == 6.5
	assert certificate.record_count == 3
	assert certificate.service_content == "送爱进门 3.5 小时；送医进村 3 小时"
	assert certificate.issuer_type == "Community"
	assert certificate.issuer_name == f"{community}居民委员会"
	assert certificate.issuer_head == "王书记" and certificate.contact_phone == "023-79223456"
	assert certificate.handler == "李经办"


def test_a_social_organisation_certifies_the_hours_it_recorded(community):
	volunteer = make_volunteer(community).name
	organization = make_organization(
		community=community, legal_representative="赵理事长", contact_mobile="13800138000"
	)
	activity = make_volunteer_activity(
		community, organizer_type="Social Organization", organizer=organization, days_ago=1
	)
	make_service_record(volunteer, hours=4, activity=activity.name, service_date=days_ago(1))
	make_service_record(volunteer, hours=2, service_date=days_ago(2))  # recorded by the community
	certificate = make_certificate(
		volunteer, issuer_type="Social Organization", issuing_organization=organization
	)
	assert certificate.total_hours == 4
	assert certificate.issuer_name == frappe.db.get_value(
		"Social Organization", organization, "organization_name"
	)
	assert certificate.issuer_head == "赵理事长" and certificate.contact_phone == "13800138000"


def test_no_certificate_without_verified_hours(community):
	volunteer = make_volunteer(community).name
	make_service_record(volunteer, hours=4, submit=False)
	draft = make_certificate(volunteer, submit=False)
	with pytest.raises(frappe.ValidationError, match="nothing to certify"):
		draft.submit()
	assert not frappe.db.get_value("Volunteer Service Certificate", draft.name, "certificate_number")


def test_certificate_period_rules(community):
	volunteer = make_volunteer(community).name
	with pytest.raises(frappe.ValidationError, match="end before it starts"):
		make_certificate(volunteer, from_date=nowdate(), to_date=days_ago(1), submit=False)
	with pytest.raises(frappe.ValidationError, match="after the issue date"):
		make_certificate(volunteer, to_date=nowdate(), issue_date=days_ago(1), submit=False)
	with pytest.raises(frappe.ValidationError, match="is in the future"):
		make_certificate(volunteer, issue_date=add_days(nowdate(), 1), submit=False)


def test_certificate_numbers_are_gap_free_per_year(community):
	volunteer = make_volunteer(community).name
	make_service_record(volunteer, hours=2, service_date=days_ago(1))
	year = getdate(nowdate()).year
	last = peek_value(f"ZYFW-{year}")

	first = make_certificate(volunteer)
	draft = make_certificate(volunteer, submit=False)  # drafts take no number
	second = make_certificate(volunteer)
	assert first.certificate_number == f"ZYFW-{year}-{last + 1:05d}"
	assert second.certificate_number == f"ZYFW-{year}-{last + 2:05d}"
	assert not draft.certificate_number

	failed = make_certificate(volunteer, from_date=days_ago(400), to_date=days_ago(300), submit=False)
	with pytest.raises(frappe.ValidationError):
		failed.submit()  # nothing to certify: the number it would have taken is not lost
	assert make_certificate(volunteer).certificate_number == f"ZYFW-{year}-{last + 3:05d}"

	# Each year has its own series: a certificate dated last year takes that year's next number.
	last_year = year - 1
	make_service_record(volunteer, hours=1, service_date=f"{last_year}-12-15")
	before = peek_value(f"ZYFW-{last_year}")
	late = make_certificate(
		volunteer,
		issue_date=f"{last_year}-12-31",
		from_date=f"{last_year}-12-01",
		to_date=f"{last_year}-12-31",
	)
	assert late.certificate_number == f"ZYFW-{last_year}-{before + 1:05d}"
	assert late.total_hours == 1
	assert peek_value(f"ZYFW-{year}") == last + 3


def test_certified_hours_cannot_be_cancelled_until_the_certificate_is(community):
	volunteer = make_volunteer(community).name
	record = make_service_record(volunteer, hours=2, service_date=days_ago(1))
	certificate = make_certificate(volunteer)
	with pytest.raises(frappe.ValidationError, match=certificate.certificate_number):
		record.cancel()
	certificate.cancel()
	record.reload()
	record.cancel()
	assert frappe.db.get_value("Volunteer", volunteer, "total_service_hours") == 0


def test_the_certificate_keeps_only_the_masked_id_number(community):
	volunteer = make_volunteer(community)
	make_service_record(volunteer.name, hours=2)
	certificate = make_certificate(volunteer.name)
	stored = frappe.db.get_value("Volunteer Service Certificate", certificate.name, "*", as_dict=True)
	assert certificate.id_number_masked == volunteer.id_number_masked
	assert volunteer.id_number not in {str(value) for value in stored.values()}
	assert certificate.id_type == "Resident Identity Card"


# --- the PDF ---------------------------------------------------------------------------------------


def render_pdf(name: str) -> bytes:
	return render_print("Volunteer Service Certificate", name, PRINT_FORMAT)


def pdf_text(pdf: bytes) -> str:
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "certificate.pdf"
		path.write_bytes(pdf)
		text = subprocess.run(
			["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
		).stdout
		info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
	assert re.search(r"Page size:\s+595(\.\d+)? x 842", info), info  # A4
	assert re.search(r"Pages:\s+1\n", info), info  # one sheet
	# The text layer maps some ideographs to Kangxi radicals (⼈ U+2F08 for 人): compare NFKC.
	return unicodedata.normalize("NFKC", text)


def test_certificate_pdf_shows_the_hours_and_the_masked_id_only(community):
	volunteer = make_volunteer(community, full_name="陈志愿")
	make_service_record(
		volunteer.name, hours=12.5, service_date=days_ago(2), service_category="Caring Visits"
	)
	make_service_record(
		volunteer.name, hours=3, service_date=days_ago(1), service_category="Medical Care to Villages"
	)
	certificate = make_certificate(volunteer.name, issue_date=nowdate(), remarks="服务表现优秀")

	text = pdf_text(render_pdf(certificate.name))
	# Spaces between Chinese and digits come out as U+0001 in the text layer: drop them with the white space.
	compact = re.sub(r"[\s\x00-\x1f]+", "", text)
	assert "志愿服务记录证明" in compact
	assert "陈志愿" in compact
	assert "15.5小时" in compact  # the hours
	assert volunteer.id_number_masked in compact  # the masked ID
	assert volunteer.id_number not in compact  # never the full number
	assert volunteer.id_number[6:14] not in compact  # not even the birth date digits
	assert "居民身份证" in compact
	assert volunteer.name in compact  # volunteer number
	assert certificate.certificate_number in compact
	assert "送爱进门12.5小时;送医进村3小时" in compact  # content (NFKC folds the full-width ；)
	assert f"{community}居民委员会" in compact
	assert "王书记" in compact and "李经办" in compact and "023-79223456" in compact
	issued = getdate(certificate.issue_date)
	assert f"{issued.year}年{issued.month}月{issued.day}日" in compact
	assert "不包括往返交通时间" in compact and "公示不少于7日" in compact
	assert "草稿" not in compact
