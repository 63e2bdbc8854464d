"""Demo data: 正阳街道 and its five communities, with realistic five-society records.

	bench --site <site> execute wuse_app.setup.demo.load_demo
	bench --site <site> execute wuse_app.setup.demo.load_demo --kwargs "{'scale': 0.1}"

Idempotent: every record has a deterministic natural key (names, synthetic ID numbers and credit
codes derived from fixed sequence numbers) and is inserted only when missing, so running it again
adds nothing. The volunteer targets are the plan's (正阳办事处发〔2022〕95号, 二、工作目标: 朝阳 1178,
群力 1638, 桐坪 1280, 积富 2733, 团结 366; total 7195), from resident populations whose 22 % (the plan's
ratio, rounded half up) gives exactly those targets. All ID
numbers and credit codes are synthetic (valid check characters, region 500114 黔江区).

Each module adds its own part through `wuse_app/<module>/demo.py: load(ctx)`.
"""

from __future__ import annotations

import datetime
import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field

import frappe

from wuse_app.domain.resident_id import compose_resident_id
from wuse_app.setup.data_files import read_csv, typed

REGION = "500114"  # 黔江区: the region code of every synthetic ID number and credit code
SUB_DISTRICT = "正阳街道"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬建国志强国华文军红梅海燕春梅晓东小红德明永红秀珍"


@dataclass
class DemoContext:
	scale: float
	sub_district: str = SUB_DISTRICT
	communities: dict[str, str] = field(default_factory=dict)  # name -> Community type
	organizations: dict[str, list[str]] = field(default_factory=dict)  # community (or "") -> names
	volunteers: dict[str, list[str]] = field(default_factory=dict)  # community -> Volunteer names
	projects: dict[str, str] = field(default_factory=dict)  # title -> Service Project name
	users: dict[str, str] = field(default_factory=dict)  # key ("reviewer", "secretary:朝阳社区", …) -> user
	today: datetime.date = field(default_factory=datetime.date.today)
	rng: random.Random = field(default_factory=lambda: random.Random(20220829))

	def scaled(self, count: int, minimum: int = 1) -> int:
		return max(minimum, round(count * self.scale))


def load_demo(scale: float = 1.0, progress: Callable[[int, int, str], None] | None = None) -> dict:
	"""Load the demo data set (idempotent). `scale` shrinks the volumes (e.g. 0.05 for a quick look).

	`progress(done, total, step)` is called after each step (wuse_app.setup.demo_job: the background job)."""
	frappe.only_for(("System Manager", "Wuse Administrator"))
	ctx = DemoContext(scale=float(scale))
	modules = (
		"projects",
		"charity",
		"volunteering",
		"documents",
		"linkage",
		"care",
		"consultation",
		"venture",
	)
	report = progress or (lambda done, total, step: None)
	frappe.flags.in_demo = True
	try:
		load_registry(ctx)
		report(1, len(modules) + 2, "registry")
		load_users(ctx)
		report(2, len(modules) + 2, "users")
		for done, module in enumerate(modules, start=3):
			try:
				demo = importlib.import_module(f"wuse_app.{module}.demo")
			except ModuleNotFoundError:
				demo = None
			if hasattr(demo, "load"):
				demo.load(ctx)
			report(done, len(modules) + 2, module)
		frappe.db.commit()
	finally:
		frappe.flags.in_demo = False
	return summary()


def summary() -> dict:
	return {
		doctype: frappe.db.count(doctype)
		for doctype in (
			"Community",
			"Social Organization",
			"Social Worker",
			"Volunteer",
			"Service Project",
			"Donation",
			"Volunteer Service Record",
			"Official Document",
		)
		if frappe.db.exists("DocType", doctype)
	}


# --- registry -------------------------------------------------------------------------------------------


def load_registry(ctx: DemoContext) -> None:
	"""正阳街道, its communities and organisations from fixtures/zhengyang/ (in file order)."""
	for row in read_csv("zhengyang", "sub_district.csv"):
		ensure("Sub District", row["sub_district_name"], **typed("Sub District", row))
	organizations = read_csv("zhengyang", "social_organization.csv")
	service_areas: dict[str, list[dict]] = {}
	for row in read_csv("zhengyang", "social_organization_service_area.csv"):
		service_areas.setdefault(row["organization"], []).append({"service_area": row["service_area"]})
	targets = {row["community"]: row for row in read_csv("zhengyang", "volunteer_targets.csv")}
	for index, row in enumerate(read_csv("zhengyang", "community.csv")):
		name = row["community_name"]
		ensure("Community", name, **typed("Community", row), party_secretary=person_name(ctx.rng))
		ctx.communities[name] = row["community_type"]
		for org in organizations:
			if org["community"] == name:
				load_organization(ctx, org, service_areas)
		load_social_workers(ctx, index, name, int(row["resident_population"]))
		load_volunteers(ctx, index, name, targets[name])
	for org in organizations:
		if not org["community"]:
			load_organization(ctx, org, service_areas)


def load_organization(ctx: DemoContext, row: dict, service_areas: dict[str, list[dict]]) -> None:
	name = row["organization_name"]
	ensure(
		"Social Organization",
		name,
		**typed("Social Organization", row),
		legal_representative=person_name(ctx.rng),
		service_areas=service_areas.get(name, []),
	)
	ctx.organizations.setdefault(row["community"] or "", []).append(name)


def load_social_workers(ctx: DemoContext, index: int, community: str, population: int) -> None:
	workers = max(2, round(population / 10_000 * (20 if index % 2 == 0 else 15)))
	for seq in range(1, workers + 1):
		number = compose_resident_id(REGION, birth_date(ctx.rng, 1965, 1998), 400 + index * 50 + seq)
		qualified = seq <= max(1, workers // 5)
		ensure_person(
			"Social Worker",
			number,
			full_name=person_name(ctx.rng),
			community=community,
			is_community_worker=1,
			qualification_level="Intermediate Social Worker"
			if qualified and seq % 2
			else "Assistant Social Worker"
			if qualified
			else "Not Qualified",
			certificate_number=f"ZS{2019 + seq % 4}{index}{seq:03d}" if qualified else None,
			certificate_date=f"{2019 + seq % 4}-12-20" if qualified else None,
			allowance_paid=1 if qualified else 0,
			mobile=f"1360{index}{seq:06d}",
		)


def load_volunteers(ctx: DemoContext, index: int, community: str, target: dict) -> None:
	"""Registered volunteers: the share of the plan's target the community has reached in the demo."""
	count = ctx.scaled(round(int(target["volunteer_target"]) * float(target["demo_share_registered"])))
	names = []
	for seq in range(1, count + 1):
		number = demo_volunteer_id(ctx, index, seq)
		names.append(
			ensure_person(
				"Volunteer",
				number,
				full_name=person_name(ctx.rng),
				community=community,
				mobile=f"13{index + 5}{seq:08d}",
				real_name_verified=0 if seq % 23 == 0 else 1,
				is_party_member=1 if seq % 7 == 0 else 0,
				registration_date=(ctx.today - datetime.timedelta(days=seq % 900)).isoformat(),
				skills=[
					{
						"skill": (
							"Elderly Care",
							"Medical Care",
							"Culture and Arts",
							"Home Repair",
							"Legal Aid",
						)[seq % 5]
					}
				],
			)
		)
	ctx.volunteers[community] = names


def demo_volunteer_id(ctx: DemoContext, index: int, seq: int) -> str:
	"""Deterministic synthetic ID for the `seq`-th volunteer of community number `index`."""
	day = datetime.date(1950, 1, 1) + datetime.timedelta(days=(index * 4000 + seq) % 20000)
	return compose_resident_id(REGION, day, 1 + (index * 97 + seq) % 999)


# --- users ----------------------------------------------------------------------------------------------

DEMO_PASSWORD = "Wuse-Demo-2022"
DEMO_DOMAIN = "zhengyang.example.org"
PINYIN = {
	"朝阳社区": "chaoyang",
	"群力社区": "qunli",
	"桐坪社区": "tongping",
	"积富社区": "jifu",
	"团结社区": "tuanjie",
}


def load_users(ctx: DemoContext) -> None:
	"""One demo login per role (password DEMO_PASSWORD), all in Chinese."""
	from wuse_app.setup import roles as R

	ctx.users["admin"] = demo_user("admin", "管理员", R.WUSE_ADMINISTRATOR, "System Manager")
	ctx.users["reviewer"] = demo_user("reviewer", "徐小琴", R.SUBDISTRICT_REVIEWER)
	ctx.users["leader"] = demo_user("leader", "谭颂", R.LEADERSHIP_MEMBER)
	for community, key in PINYIN.items():
		for role, prefix, name in (
			(R.COMMUNITY_SECRETARY, "secretary", "书记"),
			(R.COMMUNITY_STAFF, "staff", "工作人员"),
			(R.SOCIAL_WORKER, "socialworker", "社工"),
		):
			user = demo_user(f"{prefix}.{key}", community.removesuffix("社区") + name)
			if not frappe.db.exists("Community Assignment", {"user": user, "community": community}):
				frappe.get_doc(
					{"doctype": "Community Assignment", "user": user, "community": community, "role": role}
				).insert(ignore_permissions=True)
			ctx.users[f"{prefix}:{community}"] = user
	for key, organization, name in (
		("applicant.chaoyang", "朝阳社区老年协会", "朝阳老年协会"),
		("applicant.huile", "东方惠乐养老服务中心", "惠乐中心"),
		("applicant.qunli", "群力社区互助帮困协会", "群力互助会"),
	):
		user = demo_user(key, name, R.SOCIAL_ORGANIZATION_USER, desk=False)
		org = frappe.get_doc("Social Organization", organization)
		if user not in {row.user for row in org.portal_users}:
			org.append("portal_users", {"user": user})
			org.save(ignore_permissions=True)
		ctx.users[f"applicant:{organization}"] = user


def demo_user(key: str, first_name: str, *roles: str, desk: bool = True) -> str:
	email = f"{key}@{DEMO_DOMAIN}"
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"language": "zh",
				"send_welcome_email": 0,
				"user_type": "System User" if desk else "Website User",
				"new_password": DEMO_PASSWORD,
				"roles": [{"role": role} for role in roles],
			}
		)
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
	return email


class acting_as:
	"""`with acting_as(user):` run as another user (the demo goes through the real permission checks)."""

	def __init__(self, user: str) -> None:
		self.user = user

	def __enter__(self) -> str:
		self.previous = frappe.session.user
		frappe.set_user(self.user)
		return self.user

	def __exit__(self, *exc) -> None:
		frappe.set_user(self.previous)


# --- helpers ---------------------------------------------------------------------------------------------


def ensure(doctype: str, name: str, **values) -> str:
	"""Insert the record named `name` unless it exists."""
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)
	return name


def ensure_person(doctype: str, id_number: str, **values) -> str:
	"""Insert a person identified by their resident ID number unless registered already."""
	existing = frappe.db.get_value(doctype, {"id_number": id_number})
	if existing:
		return existing
	doc = frappe.get_doc({"doctype": doctype, "id_number": id_number, **values})
	doc.insert(ignore_permissions=True)
	return doc.name


def person_name(rng: random.Random) -> str:
	return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def birth_date(rng: random.Random, first_year: int, last_year: int) -> datetime.date:
	start = datetime.date(first_year, 1, 1)
	return start + datetime.timedelta(days=rng.randrange((datetime.date(last_year, 12, 31) - start).days))
