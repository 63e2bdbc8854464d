"""Foundation: the app installs, seeds its roles and settings, and exposes its helpers."""

from __future__ import annotations

import frappe
import pytest

from wuse_app.setup.roles import ROLES

EXPECTED_SETTINGS = {
	"service_coverage_target": 100,
	"community_workers_per_10k_target": 18,
	"certificate_holder_ratio_target": 15,
	"social_orgs_per_urban_community_target": 12,
	"social_orgs_per_rural_community_target": 6,
	"volunteer_ratio": 22,
	"charity_orgs_per_community_target": 1,
	"volunteer_station_coverage_target": 100,
	"leadership_approval_threshold": 50000,
	"star_1_hours": 100,
	"star_2_hours": 300,
	"star_3_hours": 600,
	"star_4_hours": 1000,
	"star_5_hours": 1500,
	"points_per_hour": 1,
	"enforce_fund_separation": 1,
}


def test_app_is_installed():
	assert "wuse_app" in frappe.get_installed_apps()


@pytest.mark.parametrize("role,desk_access", sorted(ROLES.items()))
def test_roles_exist_with_desk_access(role, desk_access):
	assert frappe.db.get_value("Role", role, "desk_access") == int(desk_access)


def test_portal_roles_have_no_desk():
	assert frappe.db.get_value("Role", "Social Organization User", "desk_access") == 0
	assert frappe.db.get_value("Role", "Volunteer", "desk_access") == 0


def test_settings_defaults():
	settings = frappe.get_single("Wuse Settings")
	for fieldname, expected in EXPECTED_SETTINGS.items():
		assert settings.get(fieldname) == expected, fieldname


def test_settings_reject_star_levels_out_of_order():
	settings = frappe.get_single("Wuse Settings")
	settings.star_3_hours = 250
	with pytest.raises(frappe.ValidationError, match="Star level 3"):
		settings.save()


def test_settings_reject_percentage_over_100():
	settings = frappe.get_single("Wuse Settings")
	settings.volunteer_ratio = 120
	with pytest.raises(frappe.ValidationError, match="between 0 and 100"):
		settings.save()


def test_settings_reject_negative_threshold():
	settings = frappe.get_single("Wuse Settings")
	settings.leadership_approval_threshold = -1
	with pytest.raises(frappe.ValidationError, match="cannot be negative"):
		settings.save()


def test_settings_change_is_read_back():
	settings = frappe.get_single("Wuse Settings")
	settings.leadership_approval_threshold = 80000
	settings.save()
	from wuse_app.utils.settings import get_settings

	assert get_settings().leadership_approval_threshold == 80000


def test_settings_errors_are_translated_to_chinese():
	frappe.local.lang = "zh"
	settings = frappe.get_single("Wuse Settings")
	settings.volunteer_ratio = 120
	with pytest.raises(frappe.ValidationError) as excinfo:
		settings.save()
	message = str(excinfo.value)
	assert "百分比" in message, message


def test_jinja_helpers_render_in_templates():
	html = frappe.render_template(
		"{{ rmb_in_capitals(12000.5) }}|{{ official_date('2022-08-29') }}|{{ mask_resident_id('50011419900101001X') }}",
		{},
	)
	assert html == "壹万贰仟元伍角|2022年8月29日|500114********001X"


def test_site_is_prepared_for_china():
	assert frappe.db.get_single_value("System Settings", "setup_complete") == 1
	assert frappe.db.get_default("currency") == "CNY"
