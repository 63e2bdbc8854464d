"""Demo data: 正阳街道 and its five communities, with realistic five-society records.

	bench --site <site> execute wuse_app.setup.demo.load_demo
	bench --site <site> execute wuse_app.setup.demo.load_demo --kwargs "{'scale': 0.1}"

Idempotent: every record has a deterministic natural key (names, synthetic ID numbers and credit
codes derived from fixed sequence numbers) and is inserted only when missing, so running it again
adds nothing. The volunteer targets are the seed's (朝阳 1178, 群力 1638, 桐坪 1280, 积富 2733, 团结 366;
total 7195), from resident populations consistent with 22 % (chinese-standards.md §6). All ID
numbers and credit codes are synthetic (valid check characters, region 500114 黔江区).

Each module adds its own part through `wuse_app/<module>/demo.py: load(ctx)`.
"""

from __future__ import annotations

import datetime
import importlib
import random
from dataclasses import dataclass, field

import frappe

from wuse_app.domain.resident_id import compose_resident_id
from wuse_app.domain.uscc import compose_uscc

REGION = "500114"
SUB_DISTRICT = "正阳街道"
OFFICE = "黔江区人民政府正阳街道办事处"

# community: (type, resident population, share of the volunteer target already reached, facilities)
COMMUNITIES: dict[str, tuple[str, int, float, dict]] = {
	"朝阳社区": (
		"Urban",
		5355,
		1.06,
		{"has_social_work_office": 1, "has_volunteer_station": 1, "is_demonstration_site": 1},
	),
	"群力社区": ("Urban", 7445, 0.74, {"has_social_work_office": 1, "has_volunteer_station": 1}),
	"桐坪社区": ("Rural", 5818, 0.46, {"has_social_work_office": 1}),
	"积富社区": ("Urban", 12423, 0.58, {"has_social_work_office": 1, "has_volunteer_station": 1}),
	"团结社区": ("Rural", 1664, 0.81, {"has_volunteer_station": 1}),
}

# Sub-district-wide organisations: (name, type, category code, charity, public fundraising)
SUBDISTRICT_ORGANIZATIONS = (
	("黔江区正阳街道社区发展基金会", "Foundation", "53", 1, 1),
	("东方惠乐养老服务中心", "Social Service Agency", "52", 0, 0),
	("黔江区正阳街道社会工作服务站", "Social Service Agency", "52", 0, 0),
	("正阳街道慈善会", "Social Group", "51", 1, 1),
)

COMMUNITY_ORG_KINDS = (
	("老年协会", ["Elderly Support", "Culture and Recreation"]),
	("志愿服务队", ["Community Governance"]),
	("互助帮困协会", ["Poverty Relief"]),
	("文体队", ["Culture and Recreation"]),
	("未成年人关爱小组", ["Child Protection"]),
	("助残服务队", ["Disability Assistance"]),
	("心理疏导工作室", ["Psychological Counselling"]),
	("邻里议事会", ["Community Governance"]),
	("乡贤理事会", ["Community Governance"]),
	("妇女之家", ["Poverty Relief"]),
	("书画协会", ["Culture and Recreation"]),
	("平安巡防队", ["Community Governance"]),
	("家政互助社", ["Elderly Support"]),
	("环保志愿队", ["Community Governance"]),
)

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


def load_demo(scale: float = 1.0) -> dict:
	"""Load the demo data set (idempotent). `scale` shrinks the volumes (e.g. 0.05 for a quick look)."""
	frappe.only_for(("System Manager", "Wuse Administrator"))
	ctx = DemoContext(scale=float(scale))
	frappe.flags.in_demo = True
	try:
		load_registry(ctx)
		load_users(ctx)
		for module in ("projects", "charity", "volunteering", "documents", "care", "consultation"):
			try:
				demo = importlib.import_module(f"wuse_app.{module}.demo")
			except ModuleNotFoundError:
				continue
			if hasattr(demo, "load"):
				demo.load(ctx)
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
	ensure(
		"Sub District",
		SUB_DISTRICT,
		sub_district_name=SUB_DISTRICT,
		office_name=OFFICE,
		district="黔江区",
		region_code=REGION,
		address="重庆市黔江区正阳街道",
	)
	for index, (name, (community_type, population, _share, facilities)) in enumerate(COMMUNITIES.items()):
		ensure(
			"Community",
			name,
			community_name=name,
			sub_district=SUB_DISTRICT,
			community_type=community_type,
			resident_population=population,
			party_secretary=person_name(ctx.rng),
			demonstration_since="2022-12-01" if facilities.get("is_demonstration_site") else None,
			**facilities,
		)
		ctx.communities[name] = community_type
		load_organizations(ctx, index, name, community_type)
		load_social_workers(ctx, index, name, population)
		load_volunteers(ctx, index, name)
	for seq, (org_name, org_type, category, charity, fundraising) in enumerate(
		SUBDISTRICT_ORGANIZATIONS, start=1
	):
		ensure(
			"Social Organization",
			org_name,
			organization_name=org_name,
			organization_type=org_type,
			registration_status="Registered",
			uscc=compose_uscc(category, REGION, f"MJP9{seq:04d}"),
			is_charity_organization=charity,
			has_public_fundraising_qualification=fundraising,
			is_public_welfare_charity=charity,
			legal_representative=person_name(ctx.rng),
			registration_date="2019-06-01",
			party_organization="Independent",
			party_member_count=5,
			service_areas=[{"service_area": "Elderly Support"}, {"service_area": "Poverty Relief"}],
		)
		ctx.organizations.setdefault("", []).append(org_name)


def load_organizations(ctx: DemoContext, index: int, community: str, community_type: str) -> None:
	short = community.removesuffix("社区")
	count = 12 if community_type == "Urban" else 6
	count = count + (1 if index % 2 == 0 else -1)  # some above, some below target
	for seq, (kind, areas) in enumerate(COMMUNITY_ORG_KINDS[:count], start=1):
		name = f"{short}社区{kind}"
		registered = seq <= 2
		ensure(
			"Social Organization",
			name,
			organization_name=name,
			organization_type="Community Social Organization",
			registration_status="Registered" if registered else "Filed",
			uscc=compose_uscc("52" if seq == 1 else "51", REGION, f"MJP{index + 1}{seq:04d}")
			if registered
			else None,
			community=community,
			is_public_welfare_charity=1 if kind in ("互助帮困协会", "志愿服务队") else 0,
			legal_representative=person_name(ctx.rng),
			registration_date=f"202{seq % 3}-0{1 + seq % 9}-15",
			party_organization="Joint" if seq % 3 == 0 else "None",
			party_member_count=seq % 3,
			service_areas=[{"service_area": area} for area in areas],
		)
		ctx.organizations.setdefault(community, []).append(name)


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
			qualification_level="Social Worker"
			if qualified and seq % 2
			else "Assistant Social Worker"
			if qualified
			else "None",
			certificate_number=f"ZS{2019 + seq % 4}{index}{seq:03d}" if qualified else None,
			certificate_date=f"{2019 + seq % 4}-12-20" if qualified else None,
			allowance_paid=1 if qualified else 0,
			mobile=f"1360{index}{seq:06d}",
		)


def load_volunteers(ctx: DemoContext, index: int, community: str) -> None:
	_type, population, share, _facilities = COMMUNITIES[community]
	target = round(population * 0.22)
	count = ctx.scaled(round(target * share))
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
