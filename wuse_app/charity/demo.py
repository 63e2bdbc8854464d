"""Demo charity resources: donors, two community funds, money and goods donations over a year (some
designated to a project), and allocations to approved projects, separated raising and spending.

Called by wuse_app.setup.demo.load_demo (idempotent: donations and allocations carry a DEMO payment
reference or purpose).
"""

from __future__ import annotations

import datetime

import frappe

from wuse_app.approvals.config import stage_of
from wuse_app.domain import charity as rules
from wuse_app.domain.resident_id import compose_resident_id
from wuse_app.domain.uscc import compose_uscc

FUNDS = (
	# fund, type, custodian (must be a charity organisation or hold public-fundraising status), community
	("正阳街道社区发展基金", "Community Fund", "黔江区正阳街道社区发展基金会", None),
	("朝阳社区“六送六进”专项基金", "Special Fund", "正阳街道慈善会", "朝阳社区"),
)

DONORS = (
	# name, type, anonymous
	("黔江区正阳建材有限公司", "Enterprise", 0),
	("重庆武陵山农业发展有限公司", "Enterprise", 0),
	("张德明", "Individual", 0),
	("李秀英", "Individual", 0),
	("爱心人士", "Individual", 1),
	("黔江区正阳街道慈善会", "Social Organization", 0),
)


def load(ctx) -> None:
	from wuse_app.setup.demo import acting_as, ensure

	for name, fund_type, custodian, community in FUNDS:
		ensure(
			"Community Fund",
			name,
			fund_name=name,
			fund_type=fund_type,
			custodian_organization=custodian,
			community=community,
			status="Active",
			established_on="2022-10-01",
			purpose="募用分离：由具有公开募捐资格的组织募集，服务型组织实施项目。",
		)
	donors = [ensure_donor(seq, *donor) for seq, donor in enumerate(DONORS, start=1)]
	staff = ctx.users["admin"]
	designated = ctx.projects.get("群力社区“送爱进门”独居老人探访")
	months = 12
	with acting_as(staff):
		for month in range(months):
			date = ctx.today.replace(day=1) - datetime.timedelta(days=30 * (months - 1 - month))
			for n, donor in enumerate(donors):
				if (month + n) % 3:
					continue
				amount = (2000 + 1500 * n + 500 * month) * (1 if donor != donors[0] else 3)
				fund = FUNDS[(month + n) % 2][0]
				make_donation(
					f"DEMO-{month:02d}-{n}",
					donor=donor,
					fund=fund,
					donation_date=date,
					donation_type="Money",
					amount=amount,
					payment_method="Bank Transfer",
					designated_project=designated
					if (n == 2 and fund == FUNDS[0][0] and designated)
					else None,
				)
		make_donation(
			"DEMO-GOODS-1",
			donor=donors[1],
			fund=FUNDS[1][0],
			donation_date=ctx.today - datetime.timedelta(days=40),
			donation_type="Goods",
			items=[
				{"item_name": "大米", "qty": 100, "unit": "袋", "estimated_value": 8000},
				{"item_name": "食用油", "qty": 60, "unit": "桶", "estimated_value": 4200},
			],
		)
		for title, fund, amount in (
			("群力社区“送爱进门”独居老人探访", FUNDS[0][0], 12000),
			("朝阳社区“六送六进”高龄老人助餐服务", FUNDS[1][0], 15000),
			("积富社区“童伴之家”留守儿童关爱", FUNDS[0][0], 20000),
		):
			project = ctx.projects.get(title)
			state = project and frappe.db.get_value("Service Project", project, "workflow_state")
			# Only projects whose workflow state is in the Active approval stage receive money (the same rule
			# the Fund Allocation form applies): read from the Workflow, whatever the states are called.
			if stage_of("Service Project", state) in rules.ALLOCATABLE_PROJECT_STAGES:
				make_allocation(
					f"DEMO：{title}", fund=fund, service_project=project, amount=amount, date=ctx.today
				)


def ensure_donor(seq: int, name: str, donor_type: str, anonymous: int) -> str:
	existing = frappe.db.get_value("Donor", {"donor_name": name})
	if existing:
		return existing
	values = {"doctype": "Donor", "donor_name": name, "donor_type": donor_type, "is_anonymous": anonymous}
	if donor_type == "Individual":
		values["id_number"] = compose_resident_id(
			"500114", datetime.date(1960 + seq * 3, seq, 10 + seq), 700 + seq
		)
		values["mobile"] = f"1390114{seq:04d}"
	elif donor_type == "Enterprise":
		values["uscc"] = compose_uscc("91", "500114", f"MA7D{seq:04d}")
	else:
		values["uscc"] = compose_uscc("51", "500114", f"MJP8{seq:04d}")
	return frappe.get_doc(values).insert(ignore_permissions=True).name


def make_donation(reference: str, **values) -> None:
	if frappe.db.exists("Donation", {"payment_reference": reference}):
		return
	doc = frappe.get_doc({"doctype": "Donation", "payment_reference": reference, **values}).insert()
	doc.submit()


def make_allocation(
	purpose: str, fund: str, service_project: str, amount: float, date: datetime.date
) -> None:
	if frappe.db.exists("Fund Allocation", {"purpose": purpose, "docstatus": 1}):
		return
	doc = frappe.get_doc(
		{
			"doctype": "Fund Allocation",
			"fund": fund,
			"service_project": service_project,
			"amount": amount,
			"allocation_date": date,
			"purpose": purpose,
		}
	).insert()
	doc.submit()
