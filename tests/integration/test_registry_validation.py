"""Registry doctypes on a real site: validations, normalisation, uniqueness and derived fields."""

from __future__ import annotations

import datetime

import frappe
import pytest
from factories import make_community, make_organization, make_social_worker, make_volunteer, resident_id

VALID_IDS = [
	("11010519491231002X", "Female", datetime.date(1949, 12, 31)),
	("440524188001010014", "Male", datetime.date(1880, 1, 1)),
	("34052419800101001X", "Male", datetime.date(1980, 1, 1)),
	("50011419900101001X", "Male", datetime.date(1990, 1, 1)),
	("500114198512310028", "Female", datetime.date(1985, 12, 31)),
	("500114200002290039", "Male", datetime.date(2000, 2, 29)),
]
INVALID_IDS = [
	"500114199902290010",
	"110105194912310021",
	"5001141990010100",
	"50011419900101001Y",
	"99011419900101001X",
]


@pytest.fixture
def community():
	return make_community()


@pytest.mark.parametrize("number,gender,birth", VALID_IDS)
def test_volunteer_id_derives_gender_birth_and_mask(community, number, gender, birth):
	volunteer = make_volunteer(community, id_number=number)
	assert volunteer.id_number == number
	assert volunteer.gender == gender
	assert str(volunteer.date_of_birth) == str(birth)
	assert volunteer.id_number_masked == number[:6] + "********" + number[-4:]


def test_lowercase_x_is_normalised(community):
	assert make_volunteer(community, id_number="11010519491231002x").id_number == "11010519491231002X"


def test_legacy_15_digit_number_is_upgraded(community):
	volunteer = make_volunteer(community, id_number="130503670401001")
	assert volunteer.id_number == "130503196704010016"
	assert str(volunteer.date_of_birth) == "1967-04-01"


@pytest.mark.parametrize("number", INVALID_IDS)
def test_invalid_ids_are_refused_with_a_clear_message(community, number):
	with pytest.raises(frappe.ValidationError) as excinfo:
		make_volunteer(community, id_number=number)
	message = str(excinfo.value)
	assert message and "Traceback" not in message
	assert not frappe.db.exists("Volunteer", {"id_number": number})


def test_future_birth_date_is_refused(community):
	tomorrow = datetime.date.today() + datetime.timedelta(days=1)
	from wuse_app.domain.resident_id import compose_resident_id

	with pytest.raises(frappe.ValidationError, match="future"):
		make_volunteer(community, id_number=compose_resident_id("500114", tomorrow, 1))


def test_volunteer_needs_id_and_community(community):
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc({"doctype": "Volunteer", "full_name": "张三", "community": community}).insert()
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc({"doctype": "Volunteer", "full_name": "张三", "id_number": resident_id()}).insert()


def test_second_registration_names_the_existing_record(community):
	first = make_volunteer(community, full_name="王芳")
	with pytest.raises(frappe.DuplicateEntryError) as excinfo:
		make_volunteer(make_community(), id_number=first.id_number, full_name="王芳")
	message = str(excinfo.value)
	assert first.name in message
	assert first.id_number not in message and "王芳" not in message


def test_duplicate_detected_after_legacy_upgrade(community):
	make_volunteer(community, id_number="130503196704010016")
	with pytest.raises(frappe.DuplicateEntryError):
		make_volunteer(community, id_number="130503670401001")


@pytest.mark.parametrize(
	"raw,normalised",
	[
		("138 0013 8000", "13800138000"),
		("+86 138-0013-8000", "13800138000"),
		("008613800138000", "13800138000"),
	],
)
def test_mobile_is_normalised_and_masked(community, raw, normalised):
	volunteer = make_volunteer(community, mobile=raw)
	assert volunteer.mobile == normalised
	assert volunteer.mobile_masked == "138****8000"


@pytest.mark.parametrize("raw", ["12800138000", "1380013800", "1440000000000", "010-12345678"])
def test_bad_mobile_is_refused(community, raw):
	with pytest.raises(frappe.ValidationError):
		make_volunteer(community, mobile=raw)


# --- Community ------------------------------------------------------------------------------------


def test_volunteer_target_is_derived_from_population():
	name = make_community(population=5355)
	assert frappe.db.get_value("Community", name, "volunteer_target") == 1178


def test_volunteer_target_typed_in_is_kept_and_population_change_does_not_override():
	name = make_community(population=5355, volunteer_target=1200)
	doc = frappe.get_doc("Community", name)
	assert doc.volunteer_target == 1200 and doc.volunteer_target_manual
	doc.resident_population = 6000
	doc.save()
	assert doc.volunteer_target == 1200


def test_derived_target_follows_population_and_clearing_returns_to_derived():
	doc = frappe.get_doc("Community", make_community(population=1000))
	assert doc.volunteer_target == 220
	doc.resident_population = 2000
	doc.save()
	assert doc.volunteer_target == 440
	doc.volunteer_target = 999
	doc.save()
	assert doc.volunteer_target_manual
	doc.volunteer_target = 0
	doc.save()
	assert doc.volunteer_target == 440 and not doc.volunteer_target_manual


def test_changing_the_ratio_in_settings_rederives_targets():
	derived = make_community(population=1000)
	manual = make_community(population=1000, volunteer_target=5)
	settings = frappe.get_single("Wuse Settings")
	settings.volunteer_ratio = 30
	settings.save()
	assert frappe.db.get_value("Community", derived, "volunteer_target") == 300
	assert frappe.db.get_value("Community", manual, "volunteer_target") == 5


def test_negative_population_is_refused():
	with pytest.raises(frappe.ValidationError):
		make_community(population=-5)


# --- Social Organization --------------------------------------------------------------------------


@pytest.mark.parametrize(
	"code,org_type",
	[
		("51500114MJP0000059", "Social Group"),
		("52500114MJP0000056", "Social Service Agency"),
		("53500114MJP0000053", "Foundation"),
		("53100000500021676K", "Foundation"),
		("53100000500019795A", "Foundation"),
		("51100000500009247D", "Social Group"),
		("51100000500012681T", "Social Group"),
	],
)
def test_registered_organisation_with_valid_code(code, org_type):
	name = make_organization(uscc=code.lower(), organization_type=org_type, registration_status="Registered")
	assert frappe.db.get_value("Social Organization", name, "uscc") == code


@pytest.mark.parametrize(
	"code",
	[
		"53100000500020462H",
		"51100000500000024G",
		"531000005000074012",
		"91310115MA1G4L1WXK",
		"5150011IMJP000005",
	],
)
def test_invalid_credit_codes_are_refused(code):
	with pytest.raises(frappe.ValidationError):
		make_organization(uscc=code, organization_type="Foundation", registration_status="Registered")


def test_registered_organisation_needs_a_code():
	with pytest.raises(frappe.ValidationError, match="credit code"):
		make_organization(organization_type="Social Group", registration_status="Registered")


def test_code_category_must_agree_with_type():
	with pytest.raises(frappe.ValidationError, match="51"):
		make_organization(
			uscc="51500114MJP0000059", organization_type="Foundation", registration_status="Registered"
		)


def test_enterprise_and_public_institution_codes_are_not_social_organisations():
	for code in ("91350200776049653A", "12100000400009127B"):
		with pytest.raises(frappe.ValidationError):
			make_organization(
				uscc=code, organization_type="Social Service Agency", registration_status="Registered"
			)


def test_credit_code_is_unique():
	make_organization(
		uscc="53500114MJP0000053", organization_type="Foundation", registration_status="Registered"
	)
	with pytest.raises(frappe.DuplicateEntryError):
		make_organization(
			uscc="53500114MJP0000053", organization_type="Foundation", registration_status="Registered"
		)


def test_filed_organisations_may_share_a_blank_code():
	make_organization(registration_status="Filed")
	make_organization(registration_status="Filed")


def test_contact_mobile_is_validated():
	assert (
		frappe.db.get_value(
			"Social Organization", make_organization(contact_mobile="+8613912345678"), "contact_mobile"
		)
		== "13912345678"
	)
	with pytest.raises(frappe.ValidationError):
		make_organization(contact_mobile="12345")


def test_party_branch_rule():
	with pytest.raises(frappe.ValidationError, match="at least 3"):
		make_organization(party_organization="Independent", party_member_count=1)
	make_organization(party_organization="Independent", party_member_count=3)


def test_service_areas_are_seeded_and_deduplicated():
	areas = frappe.get_all("Service Area", pluck="name")
	for area in (
		"Elderly Support",
		"Poverty Relief",
		"Orphan Care",
		"Disability Assistance",
		"Child Protection",
		"Community Governance",
		"Culture and Recreation",
		"Psychological Counselling",
	):
		assert area in areas
	name = make_organization(
		service_areas=[
			{"service_area": "Elderly Support"},
			{"service_area": "Elderly Support"},
			{"service_area": "Orphan Care"},
		]
	)
	assert [r.service_area for r in frappe.get_doc("Social Organization", name).service_areas] == [
		"Elderly Support",
		"Orphan Care",
	]


# --- Social Worker --------------------------------------------------------------------------------


def test_qualified_social_worker_needs_certificate_number(community):
	with pytest.raises(frappe.ValidationError):
		make_social_worker(community, qualification_level="Intermediate Social Worker")
	worker = make_social_worker(
		community, qualification_level="Intermediate Social Worker", certificate_number="2022-SW-01"
	)
	assert worker.gender in ("Male", "Female") and worker.date_of_birth


def test_unqualified_worker_loses_certificate_fields(community):
	worker = make_social_worker(
		community, qualification_level="Not Qualified", certificate_number="X", allowance_paid=1
	)
	assert not worker.certificate_number and not worker.allowance_paid


def test_social_worker_id_is_unique(community):
	first = make_social_worker(community)
	with pytest.raises(frappe.DuplicateEntryError) as excinfo:
		make_social_worker(community, id_number=first.id_number)
	assert first.name in str(excinfo.value)


def test_same_person_can_be_worker_and_volunteer(community):
	worker = make_social_worker(community)
	make_volunteer(community, id_number=worker.id_number)
