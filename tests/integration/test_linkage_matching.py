"""Resources (资源清单) and matching (精准对接): registry feeding, ranked suggestions with reasons, capacity,
community scope of suggestions, and the need moving on to Matched."""

from __future__ import annotations

import frappe
import pytest
from factories import assign, make_community, make_organization, make_user, make_volunteer
from frappe.utils import add_days, today
from linkage_support import CATEGORY, make_need, make_resource

from wuse_app.domain import linkage as rules
from wuse_app.linkage import api
from wuse_app.setup import roles as R


def test_volunteer_skills_and_organisation_service_areas_feed_the_resource():
	community = make_community()
	volunteer = make_volunteer(community, skills=[{"skill": "Driving"}])
	offer = make_resource(
		None, categories=(), provider_type="Volunteer", volunteer=volunteer.name, provider_name=None
	)
	assert offer.provider_name == volunteer.full_name and offer.community == community
	assert {"Safe Mobility", "Supplies Delivery"} <= {row.category for row in offer.categories}
	assert [row.community for row in offer.communities] == [community]
	organization = make_organization(community=community, service_areas=[{"service_area": "Elderly Support"}])
	offer = make_resource(
		None,
		categories=(),
		provider_type="Social Organization",
		organization=organization,
		provider_name=None,
	)
	assert CATEGORY in {row.category for row in offer.categories}


def test_capacity_cannot_be_lowered_below_what_is_committed():
	community = make_community()
	offer = make_resource(community, capacity=5)
	need = make_need(community)
	api.accept_resource(need.name, offer.name, 4)
	offer.reload()
	assert (offer.committed, offer.remaining_capacity) == (4, 1)
	offer.capacity = 3
	with pytest.raises(frappe.ValidationError, match="already committed"):
		offer.save()
	offer.reload()
	offer.committed = 0  # a client cannot reset what is committed
	offer.save()
	assert offer.reload().committed == 4


def test_suggestions_are_ranked_with_reasons_and_skip_what_cannot_serve():
	here, there = make_community(), make_community()
	need = make_need(here, people_affected=3)
	own = make_resource(here, capacity=10)
	wide = make_resource(there, capacity=10, covers_whole_subdistrict=1)
	make_resource(there, capacity=10)  # another community only
	make_resource(here, capacity=10, categories=("Child Safety",))  # another category
	make_resource(here, capacity=10, status="Paused")
	make_resource(
		here, capacity=10, available_from=add_days(today(), -10), available_to=add_days(today(), -1)
	)
	suggestions = api.suggest_resources(need.name)
	assert [s["resource"] for s in suggestions] == [own.name, wide.name]
	assert f"Serves {here}" in suggestions[0]["reasons"]
	assert "Serves the whole sub-district" in suggestions[1]["reasons"]
	assert "10 left" in suggestions[0]["reasons"]


def test_accepting_commits_capacity_and_moves_the_need_to_matched():
	community = make_community()
	need = make_need(community)
	offer = make_resource(community, capacity=3)
	match = frappe.get_doc("Need Match", api.accept_resource(need.name, offer.name, 2))
	assert (match.community, match.category, match.status) == (community, CATEGORY, "Committed")
	assert "Offers" in match.reasons
	need.reload()
	assert need.status == rules.MATCHED
	other = make_need(community)
	with pytest.raises(frappe.ValidationError, match="Only 1 is left"):
		api.accept_resource(other.name, offer.name, 2)
	match.status = "Cancelled"
	match.save()
	assert offer.reload().remaining_capacity == 3
	api.accept_resource(other.name, offer.name, 3)
	assert offer.reload().remaining_capacity == 0
	assert api.suggest_resources(make_need(community).name) == []


def test_a_resource_cannot_serve_another_category_or_community():
	here, there = make_community(), make_community()
	offer = make_resource(there)
	with pytest.raises(frappe.ValidationError, match="does not serve"):
		api.accept_resource(make_need(here).name, offer.name, 1)


def test_suggestions_respect_community_scope():
	here, there = make_community(), make_community()
	theirs = make_need(there)
	make_resource(there)
	staff = make_user()
	assign(staff, here, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	with pytest.raises(frappe.PermissionError):
		api.suggest_resources(theirs.name)
	with pytest.raises(frappe.PermissionError):
		api.accept_resource(theirs.name, "RO-whatever", 1)
	frappe.set_user(make_user(R.COMMUNITY_STAFF))  # a role without a community
	with pytest.raises(frappe.PermissionError):
		api.suggest_resources(theirs.name)
	assert frappe.get_list("Resource Offer") == [] and frappe.get_list("Need Match") == []


def test_leadership_may_read_but_not_match():
	community = make_community()
	need, offer = make_need(community), make_resource(community)
	frappe.set_user(make_user(R.LEADERSHIP_MEMBER))
	assert api.suggest_resources(need.name)[0]["resource"] == offer.name
	with pytest.raises(frappe.PermissionError):
		api.accept_resource(need.name, offer.name, 1)
