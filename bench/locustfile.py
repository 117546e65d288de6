"""Locust users for bench/load.py (run by locust in bench/.venv, not by Django).

- PortalUser: signs in through the real login form (its CSRF token and cookie), then cycles
  through the dashboard, an admin list and the report page with no pause. Accounts come
  from BENCH_ACCOUNTS: "username|dashboard|admin list|report;…", taken in turn.
- HealthUser: /health/, which answers without the database, under the same concurrency.

The measured window starts when every user has signed in (statistics are reset then, so
the 50 sign-ins, each a deliberately slow password hash, are not part of it) and lasts
BENCH_SECONDS; then locust stops and writes its --csv files.

The portal's cookies are `Secure` (DEBUG=0); browsers send such cookies to a loopback
address over plain http, and so does this client (`LOOPBACK_POLICY`).
"""

import os
import re
from http.cookiejar import DefaultCookiePolicy

import gevent
from locust import FastHttpUser, constant, task
from locust.exception import StopUser

PASSWORD = os.environ.get("BENCH_PASSWORD", "fedportal-demo")
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
ACCOUNTS = [entry.split("|") for entry in os.environ.get("BENCH_ACCOUNTS", "").split(";") if entry]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

LOOPBACK_POLICY = DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))

started = {"users": 0, "measuring": False}


def user_ready(environment):
    """Count a user in; the last one starts the measured window."""
    started["users"] += 1
    if started["users"] == environment.parsed_options.num_users and not started["measuring"]:
        started["measuring"] = True
        environment.runner.stats.reset_all()
        gevent.spawn_later(SECONDS, environment.runner.quit)


class HealthUser(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        user_ready(self.environment)

    @task
    def health(self):
        self.client.get("/health/", name="health")


class PortalUser(FastHttpUser):
    wait_time = constant(0)
    count = 0

    def on_start(self):
        PortalUser.count += 1
        self.username, *self.pages = ACCOUNTS[PortalUser.count % len(ACCOUNTS)]
        self.client.cookiejar.set_policy(LOOPBACK_POLICY)
        form = self.client.get("/accounts/login/", name="login form")
        token = CSRF_FIELD.search(form.text or "")
        if token is None:
            raise StopUser()
        with self.client.post(
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": self.username,
                "password": PASSWORD,
            },
            name="login",
            catch_response=True,
        ) as response:
            if "sessionid" not in {cookie.name for cookie in self.client.cookiejar}:
                response.failure(f"{self.username} was not signed in ({response.status_code})")
                raise StopUser()
        user_ready(self.environment)

    def page(self, url, name):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "/accounts/login/" in (response.url or ""):
                response.failure("signed out")

    @task
    def cycle(self):
        dashboard, admin_list, report = self.pages
        self.page(dashboard, "dashboard")
        self.page(admin_list, "admin list")
        self.page(report, "report page")
