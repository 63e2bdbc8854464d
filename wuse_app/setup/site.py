"""Prepare a new site for a Chinese sub-district office (used by scripts/bootstrap and the test harness).

Run it once on a new site instead of the setup wizard:

	bench --site <site> execute wuse_app.setup.site.prepare_site
"""

from __future__ import annotations

import frappe

CHINA_DEFAULTS = {
	"country": "China",
	"language": "zh",
	"time_zone": "Asia/Shanghai",
	"currency": "CNY",
	"date_format": "yyyy-mm-dd",
	"time_format": "HH:mm:ss",
	"number_format": "#,###.##",
	"first_day_of_the_week": "Monday",
}


def prepare_site(language: str = "zh") -> None:
	"""Give the site Chinese regional defaults and mark the setup wizard done. Idempotent.

	Settings the site already completed the setup wizard with are left alone.
	"""
	settings = frappe.get_single("System Settings")
	# Users get clear messages; tracebacks stay in the Error Log for administrators.
	if settings.allow_error_traceback:
		settings.db_set("allow_error_traceback", 0)
	if not settings.setup_complete:
		values = dict(CHINA_DEFAULTS, language=language)
		if not frappe.db.exists("Country", values["country"]):
			values.pop("country")
		settings.update(values)
		settings.setup_complete = 1
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)
		frappe.db.set_default("currency", "CNY")
		frappe.db.set_default("country", values.get("country"))
		guests_read_the_site_language(values["language"])
	apply_chinese_display()
	if frappe.db.get_default("desktop:home_page") == "setup-wizard":
		# What the setup wizard does when it finishes
		frappe.db.set_default("desktop:home_page", "workspace")
	frappe.db.commit()


def guests_read_the_site_language(language: str) -> None:
	"""Guests (login page, portal, 公示) read the site's language, whatever their browser asks for.

	Frappe v15 gives a visitor without a session `frappe.local.lang`, which comes from the site config's
	`lang` (else English) before the session is known; the System Settings language applies only after
	login. So the site config names the language (`bench --site … set-config lang …` changes it).
	"""
	from frappe.installer import update_site_config

	if frappe.local.conf.get("lang") != language:
		update_site_config("lang", language)
		frappe.local.conf.lang = language


def apply_chinese_display() -> None:
	"""Amounts read ¥ 1,000.00 (not CNY 1,000.00) and the login page names the app. Idempotent.

	Only empty or Frappe's default values are filled: an administrator's own symbol or name stays.
	"""
	if frappe.db.exists("Currency", "CNY") and not frappe.db.get_value("Currency", "CNY", "symbol"):
		frappe.db.set_value("Currency", "CNY", {"symbol": "¥", "symbol_on_right": 0})
	if (frappe.db.get_single_value("Website Settings", "app_name") or "Frappe") == "Frappe":
		frappe.db.set_single_value("Website Settings", "app_name", APP_NAME)


APP_NAME = "五社联动"
