"""Bulk import of volunteers with Frappe's Data Import: good rows in, bad rows out with a clear reason."""

from __future__ import annotations

import csv
import io
import json

import frappe
import pytest
from factories import assign, make_community, make_user, resident_id

from wuse_app.setup import roles as R

pytestmark = pytest.mark.commits

ROWS = 1000


def bad_rows(here: str, there: str, registered_id: str) -> list[tuple[str, dict]]:
	"""(kind, row) pairs that must be rejected."""
	rows = []
	for i in range(10):
		good = resident_id()
		wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
		rows.append(("check digit", {"full_name": f"坏校验{i}", "id_number": wrong_check, "community": here}))
	for i in range(5):
		rows.append(
			(
				"mobile",
				{"full_name": f"坏手机{i}", "id_number": resident_id(), "community": here, "mobile": "12345"},
			)
		)
	for i in range(5):
		rows.append(
			("birth date", {"full_name": f"坏日期{i}", "id_number": "500114199902290010", "community": here})
		)
	for i in range(3):
		rows.append(
			("already registered", {"full_name": f"重复{i}", "id_number": registered_id, "community": here})
		)
	for i in range(4):
		rows.append(
			("other community", {"full_name": f"越界{i}", "id_number": resident_id(), "community": there})
		)
	for _i in range(3):
		rows.append(("missing name", {"full_name": "", "id_number": resident_id(), "community": here}))
	return rows


@pytest.fixture
def import_world():
	frappe.set_user("Administrator")
	here, there = make_community(), make_community()
	staff = make_user()
	assign(staff, here, R.COMMUNITY_STAFF)
	registered = frappe.get_doc(
		{"doctype": "Volunteer", "full_name": "已登记", "id_number": resident_id(), "community": here}
	).insert()
	frappe.db.commit()
	yield frappe._dict(here=here, there=there, staff=staff, registered=registered)
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for name in frappe.get_all("Data Import", {"owner": staff}, pluck="name"):
		frappe.delete_doc("Data Import", name, force=True)
	frappe.db.delete("Volunteer", {"community": ["in", [here, there]]})
	for name in frappe.get_all("Community Assignment", {"user": staff}, pluck="name"):
		frappe.delete_doc("Community Assignment", name, force=True)
	frappe.delete_doc("User", staff, force=True)
	for community in (here, there):
		frappe.delete_doc("Community", community, force=True)
	frappe.db.commit()


def test_thousand_row_import_keeps_good_rows_and_explains_bad_ones(import_world):
	w = import_world
	bad = bad_rows(w.here, w.there, w.registered.id_number)
	good = [
		{"full_name": f"志愿者{i}", "id_number": resident_id(), "community": w.here, "mobile": f"139{i:08d}"}
		for i in range(ROWS - len(bad))
	]
	# Bad rows spread through the file
	rows: list[tuple[str | None, dict]] = [(None, row) for row in good]
	for position, item in enumerate(bad):
		rows.insert(position * 30 + 7, item)
	assert len(rows) == ROWS

	buffer = io.StringIO()
	writer = csv.writer(buffer)
	writer.writerow(["Full Name", "Resident ID Number", "Community", "Mobile"])
	for _kind, row in rows:
		writer.writerow([row["full_name"], row["id_number"], row["community"], row.get("mobile", "")])

	frappe.set_user(w.staff)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "volunteers.csv",
			"content": buffer.getvalue().encode(),
			"is_private": 1,
		}
	).insert()
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "Volunteer",
			"import_type": "Insert New Records",
			"import_file": file.file_url,
		}
	).insert()
	frappe.db.commit()
	data_import.start_import()
	frappe.db.commit()
	frappe.set_user("Administrator")

	imported = frappe.get_all(
		"Volunteer", filters={"community": w.here, "name": ["!=", w.registered.name]}, pluck="id_number"
	)
	assert sorted(imported) == sorted(row["id_number"] for row in good)
	assert not frappe.db.exists("Volunteer", {"community": w.there})
	assert frappe.db.get_value("Data Import", data_import.name, "status") == "Partial Success"

	logs = frappe.get_all(
		"Data Import Log",
		filters={"data_import": data_import.name, "success": 0},
		fields=["row_indexes", "messages"],
	)
	assert len(logs) == len(bad)
	for log in logs:
		messages = json.loads(log.messages or "[]")
		assert messages, f"row {log.row_indexes} was rejected without a reason"
		text = " ".join(
			json.loads(m).get("message", "") if isinstance(m, str) else m.get("message", "") for m in messages
		)
		assert text.strip() and "Traceback" not in text
