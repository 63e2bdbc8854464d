"""The site reads in Chinese for everyone, guests included, with Chinese money and app name."""

from __future__ import annotations

import os

import frappe
import pytest
import requests
from frappe.utils import fmt_money

from wuse_app.setup.site import APP_NAME, apply_chinese_display


def test_amounts_show_the_yuan_sign_not_the_currency_code():
	assert fmt_money(1000, currency="CNY") == "¥ 1,000.00"


def test_an_administrators_own_currency_symbol_and_app_name_are_kept():
	frappe.db.set_value("Currency", "CNY", "symbol", "RMB")
	frappe.db.set_single_value("Website Settings", "app_name", "正阳街道五社联动平台")
	apply_chinese_display()
	assert frappe.db.get_value("Currency", "CNY", "symbol") == "RMB"
	assert frappe.db.get_single_value("Website Settings", "app_name") == "正阳街道五社联动平台"


def test_guests_are_given_the_site_language_in_the_site_config():
	assert frappe.local.conf.get("lang") == "zh"


@pytest.mark.parametrize("accept_language", ["en-US,en;q=0.9", "de-DE", ""])
def test_the_login_page_reads_in_chinese_whatever_the_guests_browser_asks_for(accept_language):
	base = os.environ["WUSE_TEST_URL"].rstrip("/")
	response = requests.get(f"{base}/login", headers={"Accept-Language": accept_language}, timeout=30)
	assert response.status_code == 200
	assert f"登录{APP_NAME}" in response.text
	for english in ("Login to Frappe", "Forgot Password?", "Login with Email Link"):
		assert english not in response.text


def test_links_to_people_show_their_full_name_not_the_email_address():
	assert frappe.get_meta("User").show_title_field_in_link
