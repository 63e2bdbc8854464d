"""The roles wuse_app owns. Names are English source strings; `translations/zh.csv` gives the zh names."""

from __future__ import annotations

WUSE_ADMINISTRATOR = "Wuse Administrator"
SUBDISTRICT_REVIEWER = "Sub-district Reviewer"
LEADERSHIP_MEMBER = "Leadership Group Member"
COMMUNITY_SECRETARY = "Community Secretary"
COMMUNITY_STAFF = "Community Staff"
SOCIAL_WORKER = "Social Worker"
SOCIAL_ORGANIZATION_USER = "Social Organization User"
VOLUNTEER = "Volunteer"
RESIDENT = "Resident"
VENTURE_JUDGE = "Venture Judge"  # scores venture proposals; may be an external website user

# role -> desk access. Portal roles work only through the website (web forms, /me pages).
ROLES: dict[str, bool] = {
	WUSE_ADMINISTRATOR: True,
	SUBDISTRICT_REVIEWER: True,
	LEADERSHIP_MEMBER: True,
	COMMUNITY_SECRETARY: True,
	COMMUNITY_STAFF: True,
	SOCIAL_WORKER: True,
	SOCIAL_ORGANIZATION_USER: False,
	VOLUNTEER: False,
	RESIDENT: False,
	VENTURE_JUDGE: False,
}

# Roles that may read personal data (resident ID numbers, full mobile numbers).
PERSONAL_DATA_ROLES = frozenset({WUSE_ADMINISTRATOR, SUBDISTRICT_REVIEWER})

# Roles that work across the whole sub-district (not limited to one community).
SUBDISTRICT_WIDE_ROLES = frozenset({WUSE_ADMINISTRATOR, SUBDISTRICT_REVIEWER, LEADERSHIP_MEMBER})
