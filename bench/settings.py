"""The portal's own settings, read from the environment as always, served with bench/urls.py
(the project's URLs and /health/). Nothing else differs from what a deployment runs."""

from fedportal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
