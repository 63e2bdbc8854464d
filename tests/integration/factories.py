"""Builders for integration tests. Everything is inserted inside the test's transaction unless noted."""

from __future__ import annotations

import datetime
import itertools
import os
import random
import uuid

import frappe
import requests

from wuse_app.domain.resident_id import compose_resident_id
from wuse_app.setup.roles import ROLES

PASSWORD = "Wuse-Test-Pa55!"


def unique(prefix: str = "t") -> str:
	return f"{prefix}-{uuid.uuid4().hex[:8]}"


def make_user(*roles: str, email: str | None = None, first_name: str | None = None, language: str = "en"):
	"""A user with `roles`; portal-only roles give a Website User, any desk role a System User."""
	email = email or f"{unique('user')}@example.com"
	desk = any(ROLES.get(role, True) for role in roles) if roles else False
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name or email.split("@")[0],
			"send_welcome_email": 0,
			"enabled": 1,
			"language": language,
			"user_type": "System User" if desk else "Website User",
			"new_password": PASSWORD,
			"roles": [{"role": role} for role in roles],
		}
	)
	user.flags.ignore_password_policy = True
	user.insert(ignore_permissions=True)
	return user.name


def add_user_permission(user: str, doctype: str, value: str) -> None:
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": doctype,
			"for_value": value,
			"apply_to_all_doctypes": 1,
		}
	).insert(ignore_permissions=True)


class RestClient:
	"""A logged-in HTTP session against the served test site (needs committed data)."""

	def __init__(self, user: str, password: str = PASSWORD) -> None:
		self.base = os.environ["WUSE_TEST_URL"].rstrip("/")
		self.session = requests.Session()
		response = self.session.post(f"{self.base}/api/method/login", data={"usr": user, "pwd": password})
		response.raise_for_status()

	def get(self, path: str, **kwargs) -> requests.Response:
		return self.session.get(self.base + path, **kwargs)

	def post(self, path: str, **kwargs) -> requests.Response:
		return self.session.post(self.base + path, **kwargs)

	def put(self, path: str, **kwargs) -> requests.Response:
		return self.session.put(self.base + path, **kwargs)

	def delete(self, path: str, **kwargs) -> requests.Response:
		return self.session.delete(self.base + path, **kwargs)


# --- registry -------------------------------------------------------------------------------------

_id_counter = itertools.count(random.randrange(0, 5_000_000))


def resident_id(gender: str | None = None, region: str = "500114") -> str:
	"""A fresh, valid, synthetic resident ID number (unique within the test run)."""
	n = next(_id_counter)
	birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=(n // 499) % 20000)
	sequence = 1 + 2 * (n % 499)  # odd: male
	if gender == "Female":
		sequence += 1
	return compose_resident_id(region, birth, sequence)


def make_sub_district(name: str | None = None) -> str:
	name = name or unique("街道")
	if not frappe.db.exists("Sub District", name):
		frappe.get_doc({"doctype": "Sub District", "sub_district_name": name, "district": "黔江区"}).insert(
			ignore_permissions=True
		)
	return name


def make_community(
	name: str | None = None,
	community_type: str = "Urban",
	population: int = 5000,
	sub_district: str | None = None,
	**values,
) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Community",
			"community_name": name or unique("社区"),
			"sub_district": sub_district or make_sub_district(),
			"community_type": community_type,
			"resident_population": population,
			**values,
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_organization(name: str | None = None, community: str | None = None, **values) -> str:
	data = {
		"doctype": "Social Organization",
		"organization_name": name or unique("社会组织"),
		"organization_type": "Community Social Organization",
		"registration_status": "Filed",
		"community": community,
		**values,
	}
	return frappe.get_doc(data).insert(ignore_permissions=True).name


def make_volunteer(community: str, full_name: str | None = None, **values):
	data = {
		"doctype": "Volunteer",
		"full_name": full_name or unique("志愿者"),
		"id_number": resident_id(),
		"community": community,
		**values,
	}
	return frappe.get_doc(data).insert(ignore_permissions=True)


def make_social_worker(community: str | None = None, full_name: str | None = None, **values):
	data = {
		"doctype": "Social Worker",
		"full_name": full_name or unique("社工"),
		"id_number": resident_id(),
		"community": community,
		**values,
	}
	return frappe.get_doc(data).insert(ignore_permissions=True)


def assign(user: str, community: str, role: str = "Community Staff") -> str:
	"""A Community Assignment: gives `user` the role and limits them to `community`."""
	return (
		frappe.get_doc(
			{"doctype": "Community Assignment", "user": user, "community": community, "role": role}
		)
		.insert(ignore_permissions=True)
		.name
	)


# --- charity --------------------------------------------------------------------------------------


def make_custodian(community: str | None = None, **values) -> str:
	"""A social organisation that may hold a fund (recognised charity with public-fundraising status)."""
	values = {"is_charity_organization": 1, "has_public_fundraising_qualification": 1, **values}
	return make_organization(unique("慈善会"), community=community, **values)


def make_donor(donor_type: str = "Individual", donor_name: str | None = None, **values):
	data = {
		"doctype": "Donor",
		"donor_name": donor_name or unique("捐赠人"),
		"donor_type": donor_type,
		**values,
	}
	return frappe.get_doc(data).insert(ignore_permissions=True)


def make_fund(community: str | None = None, custodian: str | None = None, **values) -> str:
	data = {
		"doctype": "Community Fund",
		"fund_name": values.pop("fund_name", None) or unique("社区基金"),
		"fund_type": "Community Fund",
		"community": community,
		"custodian_organization": custodian or make_custodian(community),
		**values,
	}
	return frappe.get_doc(data).insert(ignore_permissions=True).name


def make_donation(fund: str, amount: float = 1000, donor: str | None = None, submit: bool = True, **values):
	"""A money donation (pass donation_type/items for goods); submitted unless `submit=False`."""
	data = {
		"doctype": "Donation",
		"donor": donor or make_donor().name,
		"fund": fund,
		"donation_type": "Money",
		"amount": amount,
		"payment_method": "Bank Transfer",
		**values,
	}
	doc = frappe.get_doc(data).insert(ignore_permissions=True)
	if submit:
		doc.flags.ignore_permissions = True
		doc.submit()
	return doc


def make_charity_project(
	community: str | None = None, applicant: str | None = None, state: str = "Approved", **values
) -> str:
	"""A Service Project in workflow state `state` (set directly: the approval workflow is not under test)."""
	community = community or make_community()
	data = {
		"doctype": "Service Project",
		"project_title": values.pop("project_title", None) or unique("项目"),
		"applicant_organization": applicant or make_organization(community=community),
		"community": community,
		"category": "Elderly Care",
		"funding_source": "Public Fundraising",
		"start_date": frappe.utils.nowdate(),
		"end_date": frappe.utils.add_days(frappe.utils.nowdate(), 180),
		"objectives": "为辖区高龄独居老人提供助餐服务",
		"budget_items": [{"description": "助餐补贴", "amount": 10000}],
		**values,
	}
	doc = frappe.get_doc(data)
	doc.flags.ignore_permissions = True
	doc.insert()
	frappe.db.set_value("Service Project", doc.name, "workflow_state", state, update_modified=False)
	return doc.name


def make_allocation(fund: str, project: str, amount: float, submit: bool = True, **values):
	doc = frappe.get_doc(
		{"doctype": "Fund Allocation", "fund": fund, "service_project": project, "amount": amount, **values}
	)
	doc.insert(ignore_permissions=True)
	if submit:
		doc.flags.ignore_permissions = True
		doc.submit()
	return doc


# --- volunteering ---------------------------------------------------------------------------------


def make_volunteer_activity(community: str, days_ago: int = 0, **values):
	"""A volunteer activity on one day (`days_ago` days before today), organised by the community."""
	day = frappe.utils.add_days(frappe.utils.nowdate(), -days_ago)
	data = {
		"doctype": "Volunteer Activity",
		"activity_title": values.pop("activity_title", None) or unique("送医进村活动"),
		"community": community,
		"service_category": "Medical Care to Villages",
		"start_datetime": f"{day} 08:00:00",
		"end_datetime": f"{day} 18:00:00",
		"location": "群力社区卫生室",
		"service_content": "为村里老人测血压、讲解用药",
		**values,
	}
	return frappe.get_doc(data).insert(ignore_permissions=True)


def make_service_record(
	volunteer: str, hours: float = 2, activity: str | None = None, submit: bool = True, **values
):
	"""A volunteer service record; submitted (verified) unless `submit=False`. Runs as the current user."""
	data = {
		"doctype": "Volunteer Service Record",
		"volunteer": volunteer,
		"activity": activity,
		"service_date": values.pop("service_date", None) or frappe.utils.nowdate(),
		"hours": hours,
		"service_category": "Caring Visits",
		"service_content": "陪伴高龄老人聊天、打扫卫生",
		**values,
	}
	doc = frappe.get_doc(data).insert()
	if submit:
		doc.submit()
	return doc


def make_reward_item(community: str, points_cost: float = 10, stock: int = 5, **values) -> str:
	data = {
		"doctype": "Reward Item",
		"item_name": values.pop("item_name", None) or unique("大米"),
		"community": community,
		"points_cost": points_cost,
		"stock": stock,
		**values,
	}
	return frappe.get_doc(data).insert(ignore_permissions=True).name


# --- projects -------------------------------------------------------------------------------------


def make_portal_user(organization: str, **user_values) -> str:
	"""A Social Organization User registered as a portal user of `organization` (role + User Permission)."""
	user = make_user("Social Organization User", **user_values)
	org = frappe.get_doc("Social Organization", organization)
	org.append("portal_users", {"user": user})
	org.flags.ignore_permissions = True
	org.save()
	return user


def project_data(community: str, organization: str, amount: float = 10000, **values) -> dict:
	"""The fields of a complete service project application (no doctype)."""
	today = datetime.date.today()
	return {
		"project_title": values.pop("project_title", None) or unique("助老服务项目"),
		"applicant_organization": organization,
		"community": community,
		"category": "Elderly Care",
		"funding_source": "Government Purchase of Service",
		"beneficiary_count": 120,
		"start_date": str(today),
		"end_date": str(today + datetime.timedelta(days=180)),
		"objectives": "为辖区高龄独居老人提供助餐、探访和健康监测服务",
		"budget_items": [
			{"description": "助餐补贴", "amount": amount * 0.6},
			{"description": "专业服务费", "amount": amount * 0.4},
		],
		"milestones": [
			{"title": "项目启动", "due_date": str(today + datetime.timedelta(days=30))},
			{"title": "中期评估", "due_date": str(today + datetime.timedelta(days=90))},
		],
		**values,
	}


def make_service_project(
	owner: str | None = None,
	community: str | None = None,
	organization: str | None = None,
	amount: float = 10000,
	**values,
):
	"""A draft Service Project created by `owner` (default: the current user) through its controller."""
	community = community or make_community()
	organization = organization or make_organization(community=community)
	data = {"doctype": "Service Project", **project_data(community, organization, amount, **values)}
	current = frappe.session.user
	try:
		if owner:
			frappe.set_user(owner)
		return frappe.get_doc(data).insert()
	finally:
		frappe.set_user(current)
