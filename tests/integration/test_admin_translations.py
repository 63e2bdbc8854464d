"""An administrator's correction in the Translation doctype wins over the app's zh.csv, in the desk and
on the portal (Frappe merges user translations over the apps'; this proves it holds for the app's strings)."""

from __future__ import annotations

import json

import frappe
import pytest
from frappe.translate import get_all_translations
from projects_support import make_cast, set_threshold
from test_projects_webform import WEB_FORM, render_page

SOURCE = "Pending Community Review"  # zh.csv: 待社区审核
CORRECTED = "社区初审中"


@pytest.fixture
def corrected():
	assert get_all_translations("zh")[SOURCE] == "待社区审核", "the app's own translation"
	frappe.get_doc(
		{"doctype": "Translation", "language": "zh", "source_text": SOURCE, "translated_text": CORRECTED}
	).insert()
	yield CORRECTED
	frappe.db.rollback()
	frappe.translate.clear_cache()


@pytest.mark.clear_cache
def test_the_administrators_translation_wins_in_the_desk(corrected):
	frappe.local.lang = "zh"
	assert frappe._(SOURCE) == corrected
	assert get_all_translations("zh")[SOURCE] == corrected, "what the desk loads at boot"


@pytest.mark.clear_cache
def test_the_administrators_translation_wins_on_the_portal(corrected):
	set_threshold(50000)
	cast = make_cast()
	html = render_page(cast.portal_user, f"{WEB_FORM}/list")
	messages = json.loads(html.split("frappe._messages = ", 1)[1].split(";\n", 1)[0])
	assert messages[SOURCE] == corrected
