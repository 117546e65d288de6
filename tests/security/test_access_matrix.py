"""Access, proved exhaustively: every admin URL and every page of the URLconf, as every demo
login and as a visitor, with records inside and outside each scope.

The URLs come from the admin registry and the URLconf, so a new model or page is in the
matrix without anyone adding it; a URL the matrix cannot fill fails with its name. The
expected outcome of each request follows from rules (see `tests/security/matrix.py`):

- a visitor is sent to the sign-in page (the admin's own for admin URLs), and so is a
  login without admin access on admin URLs;
- a role without the model's view permission gets 403;
- a record outside the user's scope is 404 (either refusal when both apply);
- without the permission for the action (add, change, delete, import, export) 403;
- otherwise 200, 302 after a POST that did its work, 405 for GET on a POST-only URL.

Every 200 page is also searched for the records the user may not see, every link and
redirect for the demo's ID and phone numbers, every refusal page for them too.
"""

import logging
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic import RedirectView

from fedportal import indicators
from fedportal.admin import keep_import_errors
from fedportal.models import OrgUnit, User
from fedportal.scoping import covers, is_under, may_view_model, record_unit
from reports.models import Report
from tests.security.conftest import (
    DISTRICT,
    LASHI,
    USERNAMES,
    XIANGDONG,
    YEAR,
    portal_models,
    unit_of,
)
from tests.security.matrix import (
    ADMIN_LOGIN,
    LOGIN,
    Matrix,
    Personal,
    admin_allows,
    everything_written,
    in_scope,
    markers,
    may_see,
)

pytestmark = pytest.mark.django_db

ADMIN_MODELS = portal_models()

# Holes found by the matrix and reported but not fixed yet, as
# (model label, URL kind, method, username): where the fix belongs. A matching request that
# fails makes the test an expected failure; one that passes fails it until the entry goes.
KNOWN_HOLES: dict[tuple[str, str, str, str | None], str] = {}


@dataclass(frozen=True)
class Expect:
    """A set of acceptable status codes and, for a redirect, where it must lead."""

    codes: frozenset
    target: str | None = None

    def __iter__(self):
        return iter((self.codes, self.target))


def ok(*codes):
    return Expect(frozenset(codes))


SIGN_IN = Expect(frozenset({302}), LOGIN)
ADMIN_SIGN_IN = Expect(frozenset({302}), ADMIN_LOGIN)


@pytest.fixture(scope="module")
def sample_markers(security_demo, django_db_blocker):
    """{record: strings that show it} for the sampled records of every scoped model."""
    with django_db_blocker.unblock():
        written = everything_written()
        found = {}
        for model, sample in security_demo.items():
            if unit_of(sample.inside) is None or model in (User, OrgUnit):
                # Reference lists are shared by all. Units and people are checked by status
                # and by the lists: their names and codes appear in help texts and pickers.
                continue
            for obj in (sample.inside, sample.outside):
                found[obj] = markers(obj, written)
        return found


@pytest.fixture(scope="module")
def personal(security_demo, django_db_blocker):
    with django_db_blocker.unblock():
        return Personal.collect()


@pytest.fixture
def matrix(samples, sample_markers, personal, caplog):
    """The matrix's clients and findings, with who may not see which record."""
    caplog.set_level(logging.DEBUG)
    users = {u.username: u for u in User.objects.filter(username__in=USERNAMES[1:])}
    hidden = {None: {}}
    for username, user in users.items():
        hidden[username] = {
            marker: f"{type(obj)._meta.label} #{obj.pk}"
            for obj, found in sample_markers.items()
            if not may_see(user, obj)
            for marker in found
        }
    result = Matrix(users=users, personal=personal, hidden=hidden)
    yield result
    # The lines as a log handler writes them, tracebacks included.
    formatter = logging.Formatter()
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    leaked = personal.found_in(logged)
    assert not leaked, f"personal data in the log: {sorted(leaked)[:5]}"


def finish(matrix, summary):
    print(f"access matrix: {matrix.count} requests ({summary})")
    matrix.assert_clean(summary)
    if matrix.known:
        pytest.xfail(f"{len(matrix.known)} known holes, e.g. {matrix.known[0]}")


def who(matrix, username):
    return matrix.users.get(username)


# --- the admin, model by model ------------------------------------------------------------


def admin_url_kinds(model_admin):
    """(kind, pattern) for every URL a model admin registers; kind is the URL name without
    its app_model prefix, or "redirect" for Django's old change URL."""
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_"
    kinds = []
    for pattern in model_admin.get_urls():
        if pattern.name is None:
            view = getattr(pattern.callback, "view_class", None) or getattr(
                getattr(pattern.callback, "__wrapped__", None), "view_class", None
            )
            kinds.append(("redirect" if view is RedirectView else None, pattern))
        elif pattern.name.endswith("_password_change"):
            # Django's user admin names it auth_user_password_change whatever the model.
            kinds.append(("password_change", pattern))
        else:
            kinds.append((pattern.name.removeprefix(prefix), pattern))
    return kinds


def object_rule(user, obj, model_admin):
    """Refusals of an object page: no view permission 403, outside the scope 404."""
    can_view = may_view_model(user, model_admin.model)
    inside = in_scope(user, obj)
    if not can_view and not inside:
        return ok(403, 404)
    if not can_view:
        return ok(403)
    if not inside:
        return ok(404)
    return None


def admin_expect(matrix, username, model_admin, kind, method, obj=None):
    user = who(matrix, username)
    if user is None or not user.is_staff:
        return ADMIN_SIGN_IN
    problems = matrix.problems
    if kind == "process_import" and method == "get":
        return ok(405)
    if kind == "changelist":
        return ok(200) if may_view_model(user, model_admin.model) else ok(403)
    if kind == "add":
        return ok(200) if admin_allows(model_admin, user, "add", problems=problems) else ok(403)
    if kind in ("import", "import_template", "import_errors", "process_import"):
        return ok(200) if admin_allows(model_admin, user, "import", problems=problems) else ok(403)
    if kind == "export":
        return ok(200) if admin_allows(model_admin, user, "export", problems=problems) else ok(403)
    if kind == "find_by_id_number":
        allowed = model_admin.id_number_fields and may_view_model(user, model_admin.model)
        return ok(200) if allowed else ok(403)
    if kind == "redirect":
        # Django's old change URL only forwards to the new one, which does the checks.
        return Expect(frozenset({302}), reverse(admin_name(model_admin, "change"), args=[obj.pk]))
    refusal = object_rule(user, obj, model_admin)
    if refusal is not None:
        return refusal
    if kind == "simple_history" and method == "post":
        # Reverting to a past version is switched off: it would bypass the change form.
        if settings.SIMPLE_HISTORY_REVERT_DISABLED:
            return ok(403)
        return ok(200) if admin_allows(model_admin, user, "change", obj, problems) else ok(403)
    if kind in ("change", "password_change") and method == "post":
        # An empty form is refused with the page again, or saved where nothing is required.
        allowed = admin_allows(model_admin, user, "change", obj, problems)
        return ok(200, 302) if allowed else ok(403)
    if kind == "password_change":
        return ok(200) if admin_allows(model_admin, user, "change", obj, problems) else ok(403)
    if kind == "delete":
        if not admin_allows(model_admin, user, "delete", obj, problems):
            return ok(403)
        if method == "get":
            return ok(200)
        # What deleting would take with it decides: records the user may not delete
        # refuse it, protected ones leave the page up, otherwise it is done.
        _, _, perms_needed, protected = model_admin.get_deleted_objects([obj], _request(user))
        return ok(403) if perms_needed else ok(200) if protected else ok(302)
    if kind in SECRET_KINDS:
        if settings.OTP_ADMIN_HIDE_SENSITIVE_DATA:
            return ok(403)
        return ok(200)
    return ok(200)  # change (view-only or not), history, a history version


def admin_name(model_admin, kind):
    return f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_{kind}"


# A two-step device's secret key, as settings and as a QR code.
SECRET_KINDS = {"config", "qrcode"}
OBJECT_KINDS = {
    "change",
    "delete",
    "history",
    "simple_history",
    "redirect",
    "password_change",
    *SECRET_KINDS,
}
LIST_KINDS = {
    "changelist",
    "add",
    "import",
    "process_import",
    "export",
    "import_template",
    "import_errors",
    "find_by_id_number",
}


def id_number_of(obj, path):
    value = obj
    for name in path.split("__"):
        value = getattr(value, name, None)
        if value is None:
            return ""
    return value


def admin_requests(model_admin, sample):
    """(kind, method, url, data, obj, sent) for every URL of the model admin."""
    made = []
    for kind, pattern in admin_url_kinds(model_admin):
        if kind in LIST_KINDS:
            url = reverse(admin_name(model_admin, kind))
            if kind == "process_import":
                made += [(kind, "get", url, None, None, ()), (kind, "post", url, {}, None, ())]
            elif kind == "find_by_id_number":
                made.append((kind, "get", url, None, None, ()))
                for obj in filter(None, (sample.inside, sample.outside)):
                    for path in model_admin.id_number_fields:
                        number = id_number_of(obj, path)
                        if number:
                            data = {"id_number": number}
                            made.append((kind, "post", url, data, None, (number,)))
            else:
                made.append((kind, "get", url, None, None, ()))
        elif kind in OBJECT_KINDS:
            if sample.inside is None:
                raise AssertionError(
                    f"cannot fill {pattern.pattern} of {type(model_admin).__name__}: the "
                    "demo has no record of the model; make the fixture create one"
                )
            for obj in filter(None, (sample.inside, sample.outside)):
                if kind == "redirect":
                    url = reverse(admin_name(model_admin, "changelist")) + f"{obj.pk}/"
                    made.append((kind, "get", url, None, obj, ()))
                    continue
                if kind == "simple_history":
                    version = obj.history.order_by("-history_id").first()
                    url = reverse(f"admin:{pattern.name}", args=[obj.pk, version.history_id])
                else:
                    url = reverse(f"admin:{pattern.name}", args=[obj.pk])
                made.append((kind, "get", url, None, obj, ()))
                if kind in ("change", "simple_history", "password_change"):
                    made.append((kind, "post", url, {}, obj, ()))
                elif kind == "delete":
                    made.append((kind, "post", url, {"post": "yes"}, obj, ()))
        else:
            raise AssertionError(
                f"{type(model_admin).__name__} registers the URL {pattern.pattern} "
                f"({pattern.name}) that the access matrix does not know: add its rule"
            )
    return made


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m._meta.label_lower)
def test_admin_urls_of_every_model(matrix, samples, model):
    model_admin = admin.site._registry[model]
    sample = samples[model]
    for kind, method, url, data, obj, sent in admin_requests(model_admin, sample):
        for username in USERNAMES:
            if kind == "import_errors" and username:
                # The error list is downloaded after an import; put one in the session.
                session = matrix.client(username).session
                keep_import_errors(session, model, [["2", "列", "值", "原因"]])
                session.save()
            expect = admin_expect(matrix, username, model_admin, kind, method, obj)
            known = KNOWN_HOLES.get((model._meta.label_lower, kind, method, username))
            response = matrix.request(
                username, method, url, data, expect=expect, what=kind, known=known, omit=sent
            )
            if response is not None and kind == "changelist" and response.status_code == 200:
                check_result_list(matrix, username, url, response)
    finish(matrix, model._meta.label)


def check_result_list(matrix, username, url, response, within=None):
    """Every record on a 200 list page lies in the user's scope (and, for a figure link,
    among the records behind the figure)."""
    user = who(matrix, username)
    changelist = response.context["cl"]
    for obj in changelist.result_list:
        if not may_see(user, obj):
            matrix.problems.append(f"{username} GET {url}: lists {obj!r} outside the scope")
        if within is not None and obj.pk not in within:
            matrix.problems.append(f"{username} GET {url}: lists {obj!r}, not behind the figure")


# --- the admin site's own URLs --------------------------------------------------------------

SITE_KINDS = {
    # Signing in and out are open to everyone by design.
    "login": None,
    "logout": None,
    "index": "staff",
    "password_change": "staff",
    "password_change_done": "staff",
    "jsi18n": "staff",
    "app_list": "app",
    "autocomplete": "autocomplete",
    "view_on_site": "view_on_site",
}


def site_patterns():
    for pattern in admin.site.get_urls():
        if isinstance(pattern, URLResolver):
            continue  # a model admin's include, covered model by model
        yield pattern


def test_admin_site_urls(matrix, samples):
    for pattern in site_patterns():
        name = pattern.name
        if name is None and pattern.callback.__name__ == "catch_all_view":
            continue  # answers any unknown admin path with the sign-in page or a 404
        if name not in SITE_KINDS:
            raise AssertionError(f"admin site URL {pattern.pattern} ({name}) has no rule")
    for username in USERNAMES:
        user = who(matrix, username)
        staff = user is not None and user.is_staff
        for name in ("index", "password_change", "password_change_done", "jsi18n"):
            expect = ok(200) if staff else ADMIN_SIGN_IN
            matrix.request(username, "get", reverse(f"admin:{name}"), expect=expect, what=name)
        for app_label in sorted({m._meta.app_label for m in ADMIN_MODELS}):
            url = reverse("admin:app_list", args=[app_label])
            visible = staff and any(
                admin.site._registry[m].has_module_permission(_request(user))
                and may_view_model(user, m)
                for m in ADMIN_MODELS
                if m._meta.app_label == app_label
            )
            expect = ok(200) if visible else (ok(404) if staff else ADMIN_SIGN_IN)
            matrix.request(username, "get", url, expect=expect, what="app_list")
        for model in ADMIN_MODELS:
            sample = samples[model]
            content_type = ContentType.objects.get_for_model(model)
            for obj in filter(None, (sample.inside, sample.outside)):
                url = reverse("admin:view_on_site", args=[content_type.pk, obj.pk])
                # No model has a page of its own outside the admin, so there is nowhere
                # to send anyone; a model that gains one needs a scope check here.
                assert not hasattr(model, "get_absolute_url"), model
                expect = ok(404) if staff else ADMIN_SIGN_IN
                matrix.request(username, "get", url, expect=expect, what="view_on_site")
    check_autocomplete(matrix)
    finish(matrix, "admin site")


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def check_autocomplete(matrix):
    """The search behind every autocomplete field offers only records in the scope."""
    for model in ADMIN_MODELS:
        model_admin = admin.site._registry[model]
        for field_name in model_admin.get_autocomplete_fields(None):
            remote = model._meta.get_field(field_name).remote_field.model
            query = {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field_name,
                "term": "",
            }
            url = f"{reverse('admin:autocomplete')}?{urlencode(query)}"
            for username in USERNAMES:
                user = who(matrix, username)
                if user is None or not user.is_staff:
                    expect = ADMIN_SIGN_IN
                else:
                    expect = ok(200) if may_view_model(user, remote) else ok(403)
                response = matrix.request(
                    username, "get", url, expect=expect, what=f"autocomplete {field_name}"
                )
                if response is None or response.status_code != 200:
                    continue
                pks = [item["id"] for item in response.json()["results"]]
                for obj in remote._default_manager.filter(pk__in=pks):
                    if not in_scope(user, obj):
                        matrix.problems.append(
                            f"{username} autocomplete {model._meta.label}.{field_name} "
                            f"offers {obj!r} outside the scope"
                        )


# --- figure links: the admin lists behind a report's figures --------------------------------


# The built-in figures are data (seeded by a migration): the keys are read from it, as the
# test database is not there yet while tests are collected. Rates have no records of their own.
BUILTIN_FIGURES = [
    key
    for key, _, _, _, measure, *_ in import_module(
        "fedportal.migrations.0005_builtin_figures"
    ).FIGURES
    if measure != "ratio"
]


@pytest.mark.parametrize("key", BUILTIN_FIGURES)
def test_figure_links(matrix, samples, key):
    indicator = indicators.get(key)
    assert indicator.model in admin.site._registry, key
    model_admin = admin.site._registry[indicator.model]
    base = reverse(admin_name(model_admin, "changelist"))
    for code in (LASHI, XIANGDONG, DISTRICT):
        unit = OrgUnit.objects.get(code=code)
        behind = set(indicator.queryset(YEAR, unit).values_list("pk", flat=True))
        query = urlencode({"figure": key, "figure_year": YEAR, "figure_unit": code})
        url = f"{base}?{query}"
        for username in USERNAMES:
            user = who(matrix, username)
            if user is None or not user.is_staff:
                expect = ADMIN_SIGN_IN
            elif not may_view_model(user, indicator.model):
                expect = ok(403) if covers(user, unit) else ok(403, 404)
            elif not covers(user, unit):
                expect = ok(404)
            else:
                expect = ok(200)
            response = matrix.request(username, "get", url, expect=expect, what="figure link")
            if response is not None and response.status_code == 200:
                check_result_list(matrix, username, url, response, within=behind)
    finish(matrix, key)


# --- every other page of the URLconf --------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """What a page asks of the user besides signing in."""

    permission: str | None
    # The page belongs to a unit (a `code` in its path, or `?unit=`): reading reports is
    # needed, then the unit must lie in the user's scope.
    unit: bool = False
    post_only: bool = False
    # The page changes a report, which must be a draft.
    draft: bool = False
    # The `pk` in its path is a part of the report: "section" or "plan".
    part: str | None = None
    # A step of signing in that exists only while this setting is on (404 otherwise).
    switch: str | None = None
    # What a permitted POST gets: a redirect, or a page of its own (the editor's preview).
    post_status: int = 302


VIEW = "reports.view_report"
CHANGE = "reports.change_report"
TEMPLATE = "reports.change_reporttemplate"
PAGES = {
    "home": Page(None),
    # The second step of signing in (one-time codes), when it is switched on: a signed-in
    # user enters a code or pairs an authenticator (200), or is sent on (302).
    "two-step": Page(None, switch="OTP_REQUIRED"),
    "two-step-setup": Page(None, switch="OTP_REQUIRED"),
    "dashboard": Page(VIEW, unit=True),
    "reports:list": Page(VIEW),
    "reports:detail": Page(VIEW, unit=True),
    "reports:pdf": Page(VIEW, unit=True),
    "reports:docx": Page(VIEW, unit=True),
    "reports:create": Page("reports.add_report", unit=True, post_only=True),
    "reports:edit": Page(CHANGE, unit=True, draft=True),
    # The finalise step is a page listing zero and changed figures; a final report has none.
    "reports:finalise": Page("reports.finalise_report", unit=True, draft=True),
    "reports:reopen": Page("reports.finalise_report", unit=True, post_only=True),
    "reports:section-add": Page(CHANGE, unit=True, draft=True),
    "reports:section-edit": Page(CHANGE, unit=True, draft=True, part="section"),
    "reports:section-delete": Page(CHANGE, unit=True, draft=True, post_only=True, part="section"),
    "reports:plan-add": Page(CHANGE, unit=True, draft=True),
    "reports:plan-edit": Page(CHANGE, unit=True, draft=True, part="plan"),
    "reports:plan-delete": Page(CHANGE, unit=True, draft=True, post_only=True, part="plan"),
    "reports:section-move": Page(CHANGE, unit=True, draft=True, post_only=True, part="section"),
    "reports:plan-move": Page(CHANGE, unit=True, draft=True, post_only=True, part="plan"),
    "reports:figures": Page(CHANGE, unit=True, draft=True),
    "reports:preview": Page(CHANGE, unit=True, draft=True, post_only=True, post_status=200),
    # A unit's standard text, kept by those who write its reports and by district staff.
    "reports:template": Page(TEMPLATE, unit=True),
    "reports:template-create": Page(TEMPLATE, unit=True, post_only=True),
    "reports:template-figures": Page(TEMPLATE, unit=True),
    "reports:template-preview": Page(TEMPLATE, unit=True, post_only=True, post_status=200),
    # Returns: each step redirects back to the page, with the service's refusal as a
    # message when the return's state or the unit's place in the tree does not allow it.
    "returns:board": Page("returns.view_return", unit=True),
    "returns:submit": Page("returns.submit_return", unit=True, post_only=True),
    "returns:explain": Page("returns.submit_return", unit=True, post_only=True),
    "returns:approve": Page("returns.approve_return", unit=True, post_only=True),
    "returns:send-back": Page("returns.approve_return", unit=True, post_only=True),
    "returns:reopen": Page("returns.approve_return", unit=True, post_only=True),
    "returns:approve-children": Page("returns.approve_return", unit=True, post_only=True),
    "returns:exception": Page("returns.add_deadlineexception", unit=True, post_only=True),
}
# Pages open to everyone on purpose: nothing to protect, and checked by their own tests
# (health: the load balancer's liveness check, which answers "ok" and reads nothing).
OPEN_PAGES = {"login", "logout", "health"}


def page_patterns(patterns=None, namespace=""):
    """(name, pattern) of every URL outside the admin, walking includes."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from page_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else str(pattern.pattern), pattern


PAGE_NAMES = sorted(name for name, _ in page_patterns() if name not in OPEN_PAGES)


def page_urls(name, page, pattern):
    """(url, unit) for the page: for each of 腊市镇, 湘东镇 and 湘东区 when it belongs to a
    unit (their 2021 reports: two drafts and the district's final one)."""
    if not page.unit:
        if pattern.pattern.converters:
            raise AssertionError(f"{name}: cannot fill {sorted(pattern.pattern.converters)}")
        return [(reverse(name), None)]
    made = []
    for code in (LASHI, XIANGDONG, DISTRICT):
        unit = OrgUnit.objects.get(code=code)
        converters = set(pattern.pattern.converters)
        if name == "dashboard":
            made.append((f"{reverse(name)}?{urlencode({'unit': code, 'year': YEAR})}", unit))
            continue
        if not converters >= {"code", "year"}:
            raise AssertionError(f"{name}: a unit page without code and year in its path")
        kwargs = {"code": code, "year": YEAR}
        if page.part:
            report = Report.objects.get(org_unit=unit, year=YEAR)
            parts = report.sections if page.part == "section" else report.plan_items
            part = parts.order_by("pk").first()
            if part is None:
                raise AssertionError(f"{name}: the {unit.name} report has no {page.part}")
            kwargs["pk"] = part.pk
        unknown = converters - set(kwargs)
        if unknown:
            raise AssertionError(f"{name}: cannot fill {sorted(unknown)}")
        made.append((reverse(name, kwargs=kwargs), unit))
    return made


def page_expect(user, page, unit, method):
    if user is None:
        return SIGN_IN
    if page.post_only and method == "get":
        return ok(405)
    if page.switch:
        return ok(200, 302) if getattr(settings, page.switch) else ok(404)
    if unit is not None:
        if not user.has_perm(VIEW):
            return ok(403)
        if not covers(user, unit):
            return ok(404)
    if page.permission and not user.has_perm(page.permission):
        return ok(403)
    if page.draft and Report.objects.get(org_unit=unit, year=YEAR).is_final:
        return ok(403)
    return ok(page.post_status) if method == "post" else ok(200)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_pages(matrix, samples, name):
    page = PAGES.get(name)
    if page is None:
        raise AssertionError(
            f"the page {name} is not in the access matrix: add it to PAGES with the "
            "permission it needs"
        )
    pattern = dict(page_patterns())[name]
    for url, unit in page_urls(name, page, pattern):
        methods = ("get", "post") if page.post_only else ("get",)
        for method in methods:
            for username in USERNAMES:
                user = who(matrix, username)
                expect = page_expect(user, page, unit, method)
                matrix.request(username, method, url, expect=expect, what=name)
    if name == "dashboard":
        # Without a unit the dashboard opens on the user's own.
        for username in USERNAMES:
            user = who(matrix, username)
            expect = SIGN_IN if user is None else page_expect(user, page, None, "get")
            matrix.request(username, "get", reverse(name), expect=expect, what=name)
    finish(matrix, name)


def test_every_record_model_is_scoped_by_its_unit(samples):
    """The samples really lie where the matrix assumes: inside 腊市镇 and outside it."""
    lashi = OrgUnit.objects.get(code=LASHI)
    for model, sample in samples.items():
        unit = unit_of(sample.inside)
        if unit is None or model is User:
            continue
        assert is_under(unit, lashi), model
        outside = record_unit(sample.outside) if model is not OrgUnit else sample.outside
        assert not is_under(outside, lashi), model
