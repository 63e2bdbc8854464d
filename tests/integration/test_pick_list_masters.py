"""Pick-lists administrators own: qualification levels, payment methods, emergency types and agenda
classifications are masters (not Select options in code), seeded from fixtures/masters/, read in zh, and
the rules that depend on them read the master."""

from __future__ import annotations

import frappe
import pytest
from factories import RestClient, assign, make_community, make_social_worker, make_user, unique
from frappe.translate import get_all_translations

from wuse_app.registry.report.work_targets.work_targets import execute
from wuse_app.setup import roles as R
from wuse_app.setup.data_files import read_csv
from wuse_app.setup.masters import MASTERS

FIELDS = (
	("Social Worker", "qualification_level", "Social Work Qualification"),
	("Donation", "payment_method", "Payment Method"),
	("Community Emergency", "emergency_type", "Emergency Type"),
	("Consultation Agenda Item", "classification", "Agenda Classification"),
)


@pytest.mark.parametrize("doctype,fieldname,master", FIELDS)
def test_the_pick_list_is_a_master_seeded_from_fixtures_with_zh_names(doctype, fieldname, master):
	df = frappe.get_meta(doctype).get_field(fieldname)
	assert (df.fieldtype, df.options) == ("Link", master)
	assert frappe.get_meta(master).translated_doctype
	name_field, filename = next((f, n) for d, f, n in MASTERS if d == master)
	shipped = [row[name_field] for row in read_csv("masters", filename)]
	assert set(shipped) <= set(frappe.get_all(master, pluck="name"))
	zh = get_all_translations("zh")
	assert [name for name in shipped if name not in zh] == []


def national(name: str, flag: int = 1) -> str:
	if not frappe.db.exists("Social Work Qualification", name):
		frappe.get_doc({"doctype": "Social Work Qualification", "qualification_name": name}).insert()
	frappe.db.set_value("Social Work Qualification", name, "is_national_qualification", flag)
	return name


def certificate_holder_ratio(community: str) -> float:
	"""The Work Targets' 持证社工占比 of the community (the rows under its heading row)."""
	current = None
	for row in execute({"community": community})[1]:
		if row.get("indent") == 0:
			current = row.get("community")
		elif current == community and row["indicator_key"] == "certificate_holder_ratio":
			return row["actual"]
	raise AssertionError("no certificate_holder_ratio row")


def test_the_national_mark_decides_the_certificate_rule_and_the_work_targets():
	community = make_community(population=10_000)
	added = national(unique("社区治理师"))
	with pytest.raises(frappe.ValidationError):
		make_social_worker(community, is_community_worker=1, qualification_level=added)
	make_social_worker(community, is_community_worker=1, qualification_level=added, certificate_number="Z-1")
	make_social_worker(community, is_community_worker=1)  # Not Qualified, the default
	assert certificate_holder_ratio(community) == 50.0  # 1 of 2 community workers

	national("Assistant Social Worker", 0)  # the administrator un-marks a level
	worker = make_social_worker(community, qualification_level="Assistant Social Worker")
	assert not worker.certificate_number  # no certificate asked for, none kept


def test_a_disabled_entry_stays_on_its_documents_but_cannot_be_chosen_anew():
	community = make_community()
	level = national(unique("督导社工"))
	worker = make_social_worker(community, qualification_level=level, certificate_number="D-1")
	frappe.db.set_value("Social Work Qualification", level, "disabled", 1)
	worker.reload()
	worker.mobile = None
	worker.save()  # kept: not chosen anew
	with pytest.raises(frappe.ValidationError):
		make_social_worker(community, qualification_level=level, certificate_number="D-2")


@pytest.mark.commits
def test_an_added_emergency_type_is_chosen_over_rest_and_a_disabled_one_is_refused():
	community = make_community()
	secretary = make_user()
	assign(secretary, community, R.COMMUNITY_SECRETARY)
	added = frappe.get_doc({"doctype": "Emergency Type", "emergency_type_name": unique("山体滑坡")}).insert()
	gone = frappe.get_doc(
		{"doctype": "Emergency Type", "emergency_type_name": unique("旧类型"), "disabled": 1}
	).insert()
	frappe.db.commit()
	try:
		client = RestClient(secretary)
		payload = {
			"title": unique("应急"),
			"communities": [{"community": community}],
			"start_reason": "山体滑坡",
		}
		refused = client.post(
			"/api/resource/Community Emergency", json={**payload, "emergency_type": gone.name}
		)
		assert refused.status_code == 417 and "disabled" in refused.text, refused.text[:300]
		accepted = client.post(
			"/api/resource/Community Emergency", json={**payload, "emergency_type": added.name}
		)
		assert accepted.status_code == 200, accepted.text[:300]
		assert accepted.json()["data"]["emergency_type"] == added.name
	finally:
		frappe.db.rollback()
		names = frappe.get_all("Community Emergency", {"community": community}, pluck="name")
		frappe.db.delete("Resource Offer Community", {"parent": ["in", names or ["-"]]})
		frappe.db.delete("Community Emergency", {"name": ["in", names or ["-"]]})
		frappe.db.delete("Emergency Type", {"name": ["in", [added.name, gone.name]]})
		for name in frappe.get_all("Community Assignment", {"user": secretary}, pluck="name"):
			frappe.delete_doc("Community Assignment", name, force=True)
		frappe.delete_doc("User", secretary, force=True)
		frappe.delete_doc("Community", community, force=True)
		frappe.db.commit()


@pytest.mark.clear_cache
def test_the_migration_turns_old_values_and_customised_options_into_entries():
	from wuse_app.patches.v0_2 import pick_lists_become_masters

	community = make_community()
	old = make_social_worker(community)
	frappe.db.set_value("Social Worker", old.name, "qualification_level", "None", update_modified=False)
	middle = make_social_worker(community)
	frappe.db.set_value(
		"Social Worker", middle.name, "qualification_level", "Social Worker", update_modified=False
	)
	extra = unique("Drone Search")
	setter = frappe.get_doc(
		{
			"doctype": "Property Setter",
			"doctype_or_field": "DocField",
			"doc_type": "Community Emergency",
			"field_name": "emergency_type",
			"property": "options",
			"property_type": "Text",
			"value": f"Flood\nFire\n{extra}",
		}
	)
	setter.flags.ignore_validate = True  # an options list made in Customize Form when the field was a Select
	setter.insert(ignore_permissions=True)

	pick_lists_become_masters.execute()

	assert frappe.db.get_value("Social Worker", old.name, "qualification_level") == "Not Qualified"
	assert (
		frappe.db.get_value("Social Worker", middle.name, "qualification_level")
		== "Intermediate Social Worker"
	)
	assert frappe.db.get_value("Social Worker", middle.name, "national_qualification") == 1
	assert frappe.db.get_value("Social Worker", old.name, "national_qualification") == 0
	assert frappe.db.exists("Emergency Type", extra)
	assert not frappe.db.exists(
		"Property Setter", {"doc_type": "Community Emergency", "field_name": "emergency_type"}
	)
	assert not frappe.db.exists("Social Work Qualification", "None")
	assert frappe.get_meta("Community Emergency").get_field("emergency_type").options == "Emergency Type"


@pytest.mark.clear_cache
def test_the_need_source_consultation_is_split_into_walk_in_and_community_consultation():
	from linkage_support import make_need

	from wuse_app.patches.v0_2 import need_source_walk_in_consultation as patch

	if frappe.db.exists("Need Source", patch.NEW):  # the site as it was before the patch
		frappe.rename_doc("Need Source", patch.NEW, patch.OLD, force=True, show_alert=False)
	frappe.db.delete("Need Source", {"name": patch.FROM_CONSULTATIONS})
	community = make_community()
	walk_in = make_need(community, source=patch.OLD)
	from_item = make_need(community, source=patch.OLD)
	frappe.db.set_value("Resident Need", from_item.name, "source_document_type", "Community Consultation")

	patch.execute()

	assert frappe.db.get_value("Resident Need", walk_in.name, "source") == patch.NEW
	assert frappe.db.get_value("Resident Need", from_item.name, "source") == patch.FROM_CONSULTATIONS
	assert frappe.db.get_value("Need Source", patch.NEW, "source_name") == patch.NEW
	zh = get_all_translations("zh")
	assert (zh[patch.NEW], zh[patch.FROM_CONSULTATIONS], zh[patch.OLD]) == (
		"来访咨询",
		"社区议事协商",
		"议事协商",
	)


def test_the_form_shows_the_certificate_fields_by_the_levels_mark():
	meta = frappe.get_meta("Social Worker")
	assert (
		meta.get_field("national_qualification").fetch_from == "qualification_level.is_national_qualification"
	)
	assert meta.get_field("certificate_number").depends_on == "eval:doc.national_qualification"
	community = make_community()
	added = national(unique("社区治理师"))
	worker = make_social_worker(community, qualification_level=added, certificate_number="Z-2")
	assert worker.national_qualification == 1
	assert make_social_worker(community).national_qualification == 0


def test_every_doctype_linking_a_pick_list_gets_the_rule_child_tables_included():
	from wuse_app.setup.masters import _links_a_pick_list

	for doctype in ("Social Worker", "Donation", "Community Emergency", "Community Consultation"):
		assert _links_a_pick_list(doctype), doctype
	assert not _links_a_pick_list("Volunteer") and not _links_a_pick_list("User")
