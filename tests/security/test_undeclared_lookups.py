"""Admin lists and exports filter by what their admin declares and nothing else: its list
filters, its date hierarchy and the parameters it reads itself (a report's figure link).
Any other GET lookup (`?id_number=…`, `?id_number__startswith=…`, `?notes__regex=…`) is
refused with 400, on every admin of the registry, for the superuser as for anyone: as an
oracle it would recover a number digit by digit, and it puts what was looked for into URLs
and server logs. The ID-number search is the logged POST form.

The lookups are generated from the registry, as the access matrix is: each model's own
fields, its personal fields first, and one across a relation.
"""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import NoReverseMatch, reverse

from fedportal.admin import DeclaredFiltersOnlyMixin
from fedportal.personal_data import personal_fields
from tests.security.conftest import portal_models

pytestmark = pytest.mark.django_db

MODELS = portal_models()


def url(model, kind):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{kind}")
    except NoReverseMatch:
        return None


def undeclared_lookups(model):
    """GET lookups a probe would try on `model`'s list: on its personal fields (exact,
    prefix, regular expression, contains), its primary key, a text field and a relation."""
    fields = [f for f in model._meta.concrete_fields]
    names = list(personal_fields(model))
    text = next((f.name for f in fields if isinstance(f, models.CharField)), None)
    relation = next((f for f in fields if f.is_relation), None)
    lookups = []
    for name in names:
        lookups += [name, f"{name}__startswith", f"{name}__regex", f"{name}__contains"]
    lookups.append(model._meta.pk.name)
    if text:
        lookups += [f"{text}__startswith", f"{text}__regex"]
    if relation is not None:
        target = relation.related_model._meta.pk.name
        lookups.append(f"{relation.name}__{target}__gte")
    lookups.append("no_such_field")
    return lookups


def test_every_admin_filters_by_declared_filters_only():
    undeclared = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if not isinstance(model_admin, DeclaredFiltersOnlyMixin)
    ]
    assert undeclared == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label_lower)
def test_an_undeclared_lookup_is_refused_on_the_list_and_the_export(admin_client, model):
    pages = [url(model, "changelist"), url(model, "export")]
    for lookup in undeclared_lookups(model):
        for page in filter(None, pages):
            response = admin_client.get(page, {lookup: "3603"})
            assert response.status_code == 400, (page, lookup, response.status_code)
            text = response.content.decode()
            assert "不接受" in text, (page, lookup)
            # The value looked for is never echoed back.
            assert "3603" not in text.replace("360300", ""), (page, lookup)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label_lower)
def test_declared_filters_and_the_standard_parameters_still_work(admin_client, model):
    """Every choice a list's own filters offer, its date hierarchy, and the admin's usual
    parameters (search, order, page, popup) are answered, never refused."""
    changelist = url(model, "changelist")
    response = admin_client.get(changelist, {"q": "刘", "o": "1", "p": "1", "_popup": "1"})
    assert response.status_code == 200
    response = admin_client.get(changelist)
    assert response.status_code == 200
    cl = response.context["cl"]
    for spec in cl.filter_specs:
        for choice in spec.choices(cl):
            query = choice["query_string"]
            assert admin_client.get(changelist + query).status_code == 200, query
            export = url(model, "export")
            if export:
                assert admin_client.get(export + query).status_code == 200, query
    if cl.date_hierarchy:
        query = {f"{cl.date_hierarchy}__year": "2021", f"{cl.date_hierarchy}__month": "3"}
        assert admin_client.get(changelist, query).status_code == 200
