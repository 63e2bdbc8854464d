"""Online application: the web form accepts applicant fields only, for the user's own organisation,
edits only while the application is a draft or returned, lists the applicant's own applications only,
and keeps attachments private."""

from __future__ import annotations

import json
import os

import frappe
import pytest
from factories import make_organization, make_portal_user, make_user, project_data
from frappe.website.doctype.web_form.web_form import accept, get_form_data
from frappe.www.list import get_list_data
from projects_support import act, as_user, make_cast, set_threshold, state

from wuse_app.projects.approval import LockedFieldError

WEB_FORM = "service-project-application"
PDF = b"%PDF-1.4\n% wuse test application\n"


def _cast():
	set_threshold(50000)
	return make_cast()


@pytest.fixture(scope="module")
def cast(shared_data):
	"""The people of one approval chain, created once for the module (each test rolls back to them)."""
	return shared_data(_cast)


def submit_form(user: str, data: dict, name: str | None = None):
	payload = {**data, "doctype": "Service Project", "web_form_name": WEB_FORM}
	if name:
		payload["name"] = name
	try:
		with as_user(user):
			doc = accept(WEB_FORM, json.dumps(payload, default=str))
	finally:
		frappe.flags.in_web_form = False
	return frappe.get_doc("Service Project", doc.name)


def application(cast, **values) -> dict:
	return project_data(cast.community, cast.organization, 20000, **values)


# --- the form itself ------------------------------------------------------------------------------


def test_web_form_is_standard_login_only_and_lists_applicant_fields_only():
	form = frappe.get_doc("Web Form", WEB_FORM)
	assert form.is_standard and form.published and form.login_required and not form.anonymous
	assert form.doc_type == "Service Project" and form.module == "Projects"
	assert form.apply_document_permissions and form.allow_edit and form.show_list
	fields = {f.fieldname for f in form.web_form_fields}
	privileged = {
		"workflow_state",
		"approved_amount",
		"requested_amount",
		"last_review_reason",
		"approval_log",
		"outcome_summary",
		"evaluation_score",
		"evaluation_comments",
		"project_lead",
	}
	assert not fields & privileged
	assert {"project_title", "applicant_organization", "budget_items", "application_document"} <= fields


def test_privileged_fields_in_the_payload_are_dropped(cast):
	data = application(
		cast,
		workflow_state="Approved",
		approved_amount=20000,
		requested_amount=1,
		evaluation_score=100,
		evaluation_comments="满分",
		outcome_summary="已完成",
		last_review_reason="x",
		approval_log=[{"action": "Approve", "to_state": "Approved", "user": cast.reviewer}],
		project_lead="SW-00001",
		owner=cast.reviewer,
		docstatus=1,
	)
	doc = submit_form(cast.portal_user, data)
	assert doc.workflow_state == "Draft" and doc.docstatus == 0
	assert doc.owner == cast.portal_user
	assert doc.requested_amount == 20000 and not doc.approved_amount
	assert not doc.evaluation_score and not doc.evaluation_comments and not doc.outcome_summary
	assert not doc.last_review_reason and not doc.approval_log and not doc.project_lead
	assert doc.project_title == data["project_title"] and len(doc.budget_items) == 2


def test_milestone_progress_cannot_be_claimed_on_application(cast):
	data = application(
		cast, milestones=[{"title": "启动", "due_date": frappe.utils.nowdate(), "status": "Completed"}]
	)
	with pytest.raises(frappe.ValidationError, match="only once the project is in progress"):
		submit_form(cast.portal_user, data)


def test_portal_user_applies_only_for_own_organisation(cast):
	other = make_organization(community=cast.community)
	with pytest.raises(frappe.PermissionError, match="own organisation"):
		submit_form(cast.portal_user, application(cast, applicant_organization=other))
	assert not frappe.db.exists("Service Project", {"applicant_organization": other})


def test_users_without_the_applicant_role_cannot_apply_through_the_form(cast):
	volunteer = make_user("Volunteer")
	with pytest.raises(frappe.PermissionError, match="not allowed to apply"):
		submit_form(volunteer, application(cast))


def test_guest_cannot_use_the_form(cast):
	with pytest.raises(frappe.ValidationError, match="login"):
		submit_form("Guest", application(cast))


def test_inactive_organisation_cannot_apply(cast):
	frappe.db.set_value("Social Organization", cast.organization, "status", "Suspended")
	with pytest.raises(frappe.ValidationError, match="cannot apply"):
		submit_form(cast.portal_user, application(cast))


# --- editing and submitting -----------------------------------------------------------------------


def test_edit_while_draft_then_locked_after_submission(cast):
	doc = submit_form(cast.portal_user, application(cast))
	edited = submit_form(cast.portal_user, application(cast, project_title="修改后的项目名称"), name=doc.name)
	assert edited.project_title == "修改后的项目名称"
	with as_user(cast.portal_user):
		from wuse_app.projects.api import submit_application

		submit_application(doc.name)
	assert state(doc.name) == "Pending Community Review"
	with pytest.raises(LockedFieldError):
		submit_form(cast.portal_user, application(cast, project_title="审核中再改"), name=doc.name)
	assert frappe.db.get_value("Service Project", doc.name, "project_title") == "修改后的项目名称"


def test_edit_after_return_and_resubmit_from_the_portal(cast):
	from wuse_app.projects.api import submit_application

	doc = submit_form(cast.portal_user, application(cast))
	with as_user(cast.portal_user):
		submit_application(doc.name)
	act(cast.secretary, doc.name, "Return for Revision", reason="请补充服务对象名单")
	with as_user(cast.portal_user):
		data = get_form_data("Service Project", doc.name, WEB_FORM)
	assert data.doc.last_review_reason == "请补充服务对象名单"
	submit_form(cast.portal_user, application(cast, beneficiary_count=150), name=doc.name)
	with as_user(cast.portal_user):
		submit_application(doc.name)
	assert state(doc.name) == "Pending Community Review"


def test_submitting_is_only_for_drafts_and_own_applications(cast):
	from wuse_app.projects.api import submit_application

	doc = submit_form(cast.portal_user, application(cast))
	colleague = make_portal_user(cast.organization)
	with as_user(colleague), pytest.raises(frappe.PermissionError):
		submit_application(doc.name)
	with as_user(cast.portal_user):
		submit_application(doc.name)
		with pytest.raises(frappe.ValidationError, match="Only a draft or returned application"):
			submit_application(doc.name)


def test_another_users_application_cannot_be_edited_or_read_through_the_form(cast):
	doc = submit_form(cast.portal_user, application(cast))
	colleague = make_portal_user(cast.organization)
	with pytest.raises(frappe.PermissionError):
		submit_form(colleague, application(cast, project_title="冒名修改"), name=doc.name)
	with as_user(colleague), pytest.raises(frappe.PermissionError):
		get_form_data("Service Project", doc.name, WEB_FORM)
	assert frappe.db.get_value("Service Project", doc.name, "project_title") != "冒名修改"


def test_portal_list_shows_own_applications_only(cast):
	colleague = make_portal_user(cast.organization)
	mine = submit_form(cast.portal_user, application(cast))
	theirs = submit_form(colleague, application(cast))
	staff_project = cast.project()
	with as_user(cast.portal_user):
		rows = get_list_data("Service Project", web_form_name=WEB_FORM, limit=100)
	assert {row.name for row in rows} == {mine.name}
	assert rows[0].workflow_state == "Draft"  # the applicant sees the state of their application
	with as_user(colleague):
		assert {row.name for row in get_list_data("Service Project", web_form_name=WEB_FORM)} == {theirs.name}
	assert staff_project.name not in {row.name for row in rows}


def test_my_organizations_lists_only_the_users_own(cast):
	from wuse_app.projects.api import my_organizations

	make_organization(community=cast.community)  # someone else's
	with as_user(cast.portal_user):
		assert [o.name for o in my_organizations()] == [cast.organization]
	with as_user(cast.reviewer):
		assert my_organizations() == []


# --- attachments ----------------------------------------------------------------------------------


def upload(user: str, content: bytes = PDF, private: int = 0, **values):
	"""A file uploaded by `user` (as frappe.handler.upload_file does), public unless `private`."""
	with as_user(user):
		return frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "申报书.pdf",
				"content": content,
				"is_private": private,
				**values,
			}
		).insert(ignore_permissions=True)


def on_disk(url: str) -> bool:
	folder = ("private", "files") if url.startswith("/private/") else ("public", "files")
	return os.path.exists(frappe.get_site_path(*folder, url.rsplit("/", 1)[-1]))


def test_public_upload_through_the_form_becomes_private(cast):
	uploaded = upload(cast.portal_user, content=PDF + os.urandom(8))
	public_url = uploaded.file_url
	assert public_url.startswith("/files/") and on_disk(public_url)
	doc = submit_form(cast.portal_user, application(cast, application_document=public_url))
	assert doc.application_document.startswith("/private/files/")
	assert on_disk(doc.application_document) and not on_disk(public_url)
	files = frappe.get_all("File", filters={"attached_to_name": doc.name}, fields=["is_private", "file_url"])
	assert files and all(f.is_private for f in files)


def test_file_attached_to_a_project_is_stored_privately(cast):
	project = cast.project()
	content = PDF + os.urandom(8)
	with as_user(cast.staff):
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "身份证复印件.pdf",
				"content": content,
				"is_private": 0,
				"attached_to_doctype": "Service Project",
				"attached_to_name": project.name,
			}
		).insert()
	assert file.is_private and file.file_url.startswith("/private/files/") and on_disk(file.file_url)
	public_name = file.file_url.rsplit("/", 1)[-1]
	assert not os.path.exists(frappe.get_site_path("public", "files", public_name))


def test_someone_elses_public_file_cannot_be_attached(cast):
	stranger_file = upload(make_user("Volunteer"), content=PDF + os.urandom(8))
	with pytest.raises(frappe.PermissionError, match="private"):
		submit_form(cast.portal_user, application(cast, application_document=stranger_file.file_url))
	assert on_disk(stranger_file.file_url)  # untouched


# --- the portal pages in Chinese ------------------------------------------------------------------


_NO_REQUEST = object()


def render_page(user: str, path: str) -> str:
	"""The HTML a user gets for a portal page, rendered in zh by Frappe's website renderer."""
	from frappe.utils import set_request
	from frappe.website.serve import get_response_content

	previous = getattr(frappe.local, "request", _NO_REQUEST)
	with as_user(user):
		frappe.local.lang = "zh"
		try:
			set_request(method="GET", path=path)
			return get_response_content(path)
		finally:
			frappe.local.lang = "en"
			# leave no request behind: Frappe's router reads frappe.local.request.environ when it exists
			if previous is _NO_REQUEST:
				del frappe.local.request
			else:
				frappe.local.request = previous


def test_new_application_page_reads_in_chinese(cast):
	html = render_page(cast.portal_user, f"{WEB_FORM}/new")
	assert "新建 服务项目申报" in html
	assert "New Service Project Application" not in html
	introduction = html.split('class="web-form-introduction">', 1)[1].split("</div>", 1)[0]
	assert introduction.strip().startswith("申报社区服务项目"), introduction


def test_application_list_shows_the_approval_states_in_chinese(cast):
	submit_form(cast.portal_user, application(cast))
	html = render_page(cast.portal_user, f"{WEB_FORM}/list")
	messages = json.loads(html.split("frappe._messages = ", 1)[1].split(";\n", 1)[0])
	assert messages["Pending Community Review"] == "待社区审核"
	assert messages["Returned for Revision"] == "已退回修改"
	assert messages["Sr"] == "序号", "not Frappe's 锶 (strontium)"


def test_portal_roles_land_on_their_own_page_with_a_menu_link(cast):
	from frappe.website.utils import get_home_page, get_portal_sidebar_items

	volunteer = make_user("Volunteer")
	for user, route in ((cast.portal_user, "service-project-application"), (volunteer, "volunteer_hours")):
		with as_user(user):
			frappe.cache.hdel("home_page", user)
			frappe.cache.hdel("portal_menu_items", user)
			assert get_home_page() == route
			assert f"/{route}" in {item.get("route") for item in get_portal_sidebar_items()}
