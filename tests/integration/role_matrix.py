"""The role matrix of every wuse_app doctype: one source for the test and for the README.

Letters: R read, W write, C create, D delete, S submit, X cancel; L select only (the record can be
picked in a link field but not opened); "-" nothing. Rights on *which* records (community scope,
portal users' own records, personal-data field levels) are tested per module.
"""

from __future__ import annotations

import os

import frappe

from wuse_app.setup import roles as R

ROLES = (
	R.WUSE_ADMINISTRATOR,
	R.SUBDISTRICT_REVIEWER,
	R.LEADERSHIP_MEMBER,
	R.COMMUNITY_SECRETARY,
	R.COMMUNITY_STAFF,
	R.SOCIAL_WORKER,
	R.SOCIAL_ORGANIZATION_USER,
	R.VOLUNTEER,
)

# doctype -> rights of each role, in the order of ROLES
MATRIX: dict[str, tuple[str, ...]] = {
	"Agenda Classification": ("RWCD", "R", "R", "R", "R", "R", "R", "R"),
	"Assessment Template": ("RWCD", "-", "-", "R", "-", "R", "-", "-"),
	"Care Assessment": ("RWCD", "-", "-", "RWC", "-", "RWC", "-", "-"),
	"Care File Access Log": ("R", "-", "-", "-", "-", "-", "-", "-"),
	"Care Recipient": ("RWCD", "-", "-", "RWC", "-", "RWC", "-", "-"),
	"Care Visit": ("RWCD", "-", "-", "RWC", "-", "RWC", "-", "R"),
	"Community": ("RWCD", "R", "R", "RW", "R", "R", "L", "L"),
	"Community Consultation": ("RWCDSX", "R", "R", "RWCS", "RWC", "R", "-", "-"),
	"Community Assignment": ("RWCD", "R", "-", "R", "-", "-", "-", "-"),
	"Community Emergency": ("RWC", "R", "R", "RWC", "R", "R", "-", "-"),
	"Community Fund": ("RWCD", "RWC", "R", "R", "R", "R", "-", "-"),
	"Donation": ("RWCDSX", "RWCSX", "R", "RWCS", "RWCS", "-", "-", "-"),
	"Donor": ("RWCD", "RWC", "R", "RWC", "RWC", "-", "-", "-"),
	"Emergency Type": ("RWCD", "R", "R", "R", "R", "R", "R", "R"),
	"Emergency Dispatch": ("RWCD", "R", "R", "R", "R", "R", "-", "R"),
	"Approval Vote": ("R", "-", "-", "-", "-", "-", "-", "-"),
	"Approval Delegation": ("RWCD", "RWCD", "RWCD", "RWCD", "RWCD", "RWCD", "-", "-"),  # own ones only
	"Approval Reminder": ("R", "-", "-", "-", "-", "-", "-", "-"),
	"Public Notice": ("RW", "RW", "R", "-", "-", "-", "-", "-"),
	"Public Notice Objection": ("RW", "RW", "-", "-", "-", "-", "-", "-"),
	"Need Match": ("RWCD", "RWC", "R", "RWC", "RWC", "RWC", "-", "-"),
	"Need Source": ("RWCD", "R", "R", "R", "R", "R", "R", "R"),
	"Fund Allocation": ("RWCDSX", "RWCSX", "RWS", "R", "R", "-", "-", "-"),
	"Official Document": ("RWCDSX", "RWS", "R", "R", "R", "-", "-", "-"),
	"Official Document Kind": ("RWCD", "R", "R", "R", "R", "-", "-", "-"),
	"Organization Type": ("RWCD", "R", "R", "R", "R", "R", "R", "R"),
	"Payment Method": ("RWCD", "R", "R", "R", "R", "R", "R", "R"),
	"Points Redemption": ("RWCDSX", "R", "R", "RWCDSX", "RWCDSX", "RWCDSX", "-", "R"),
	"Resident Need": ("RWCD", "RWC", "R", "RWC", "RWC", "RWC", "-", "-"),
	"Resource Offer": ("RWCD", "RWC", "R", "RWC", "RWC", "RWC", "-", "-"),
	"Reward Item": ("RWCD", "R", "R", "RWCD", "RWCD", "R", "-", "R"),
	"Service Area": ("RWCD", "R", "R", "R", "R", "R", "R", "R"),
	"Service Category": ("RWCD", "R", "R", "R", "R", "R", "R", "R"),
	"Service Project": ("RWCD", "RW", "RW", "RW", "RWC", "RWC", "RC", "-"),
	"Social Organization": ("RWCD", "RWC", "R", "RWC", "RWC", "R", "R", "L"),
	"Social Worker": ("RWCD", "RWC", "R", "RWC", "RWC", "R", "-", "-"),
	"Social Work Qualification": ("RWCD", "R", "R", "R", "R", "R", "R", "R"),
	"Sub District": ("RWCD", "R", "R", "R", "R", "R", "L", "L"),
	"Time Bank Entry": ("R", "R", "R", "R", "R", "R", "-", "R"),
	"Venture Call": ("RWCD", "RW", "R", "R", "R", "R", "R", "-"),
	"Venture Proposal": ("RWCD", "RW", "R", "R", "R", "R", "RWC", "-"),
	"Venture Score": ("RWCDX", "R", "-", "-", "-", "-", "-", "-"),
	"Volunteer": ("RWCD", "RWC", "R", "RWC", "RWC", "RWC", "-", "-"),
	"Volunteer Activity": ("RWCD", "R", "R", "RWCD", "RWCD", "RWC", "-", "-"),
	"Volunteer Service Certificate": ("RWCDSX", "R", "R", "RWCDSX", "RWCDSX", "RWCDSX", "-", "R"),
	"Volunteer Service Record": ("RWCDSX", "R", "R", "RWCDSX", "RWCDSX", "RWCDSX", "-", "R"),
	"Volunteer Skill": ("RWCD", "R", "R", "R", "R", "R", "R", "R"),
	"Wuse Settings": ("RWC", "R", "R", "-", "-", "-", "-", "-"),
}  # fmt: skip

PTYPES = {"R": "read", "W": "write", "C": "create", "D": "delete", "S": "submit", "X": "cancel"}


def rights(doctype: str, user: str) -> str:
	"""The letters of what `user` may do with `doctype` (see the module docstring)."""
	found = "".join(
		letter for letter, ptype in PTYPES.items() if frappe.has_permission(doctype, ptype, user=user)
	)
	if not found and frappe.has_permission(doctype, "select", user=user):
		return "L"
	return found or "-"


def readme_matrix() -> dict[str, tuple[str, ...]]:
	"""The table between the role-matrix markers in README.md."""
	path = os.path.join(frappe.get_app_path("wuse_app"), "..", "README.md")
	with open(path, encoding="utf-8") as f:
		readme = f.read()
	start, end = readme.index("<!-- role-matrix:start -->"), readme.index("<!-- role-matrix:end -->")
	rows = [line for line in readme[start:end].splitlines() if line.startswith("| ") and "---" not in line]
	header = [cell.strip() for cell in rows[0].strip("|").split("|")]
	assert tuple(header[1:]) == ROLES, header
	table = {}
	for line in rows[1:]:
		cells = [cell.strip().strip("`") for cell in line.strip("|").split("|")]
		table[cells[0]] = tuple(cells[1:])
	return table


def readme_table() -> str:
	"""The README table for MATRIX (to paste between the markers when the matrix changes)."""
	lines = ["| DocType | " + " | ".join(ROLES) + " |", "| --- " * (len(ROLES) + 1) + "|"]
	for doctype, cells in sorted(MATRIX.items()):
		lines.append(f"| {doctype} | " + " | ".join(f"`{c}`" for c in cells) + " |")
	return "\n".join(lines)


# --- personal fields -------------------------------------------------------------------------------
# Letters: R reads it in clear; W enters it but sees only the masked copy; M sees only the masked
# copy; "-" cannot open the record. (doctype, fields) -> rights of each role, in the order of ROLES.
PERSONAL_FIELDS: dict[tuple[str, str], tuple[str, ...]] = {
	("Volunteer", "id_number, gender, date_of_birth"): ("R", "R", "M", "W", "W", "W", "-", "-"),
	("Volunteer", "mobile"): ("R", "R", "M", "R", "R", "R", "-", "-"),
	("Social Worker", "id_number, gender, date_of_birth"): ("R", "R", "M", "W", "W", "M", "-", "-"),
	("Social Worker", "mobile"): ("R", "R", "M", "R", "R", "R", "-", "-"),
	("Donor", "id_number, gender, date_of_birth, mobile"): ("R", "R", "M", "W", "W", "-", "-", "-"),
	("Social Organization", "contact_mobile"): ("R", "R", "M", "R", "R", "R", "R", "-"),
}  # fmt: skip


def field_rights(doctype: str, fieldname: str, user: str) -> str:
	"""The letter of what `user` sees of `fieldname` (see PERSONAL_FIELDS)."""
	if not frappe.has_permission(doctype, "read", user=user):
		return "-"
	meta = frappe.get_meta(doctype)
	level = meta.get_field(fieldname).permlevel
	if level in meta.get_permlevel_access("read", user=user):
		return "R"
	return "W" if level in meta.get_permlevel_access("write", user=user) else "M"


def readme_personal_fields() -> dict[tuple[str, str], tuple[str, ...]]:
	"""The table between the personal-fields markers in README.md."""
	path = os.path.join(frappe.get_app_path("wuse_app"), "..", "README.md")
	with open(path, encoding="utf-8") as f:
		readme = f.read()
	start, end = readme.index("<!-- personal-fields:start -->"), readme.index("<!-- personal-fields:end -->")
	rows = [line for line in readme[start:end].splitlines() if line.startswith("| ") and "---" not in line]
	header = [cell.strip() for cell in rows[0].strip("|").split("|")]
	assert tuple(header[2:]) == ROLES, header
	table = {}
	for line in rows[1:]:
		cells = [cell.strip().strip("`") for cell in line.strip("|").split("|")]
		table[(cells[0], cells[1])] = tuple(cells[2:])
	return table
