"""The portal's own settings, read from the environment as always, served with bench/urls.py
(the project's URLs and /health/), with the benchmarks' app that makes synthetic data
(`manage.py generate_synthetic --settings=bench.settings`). Nothing else differs from what a
deployment runs."""

from fedportal.settings import *  # noqa: F403
from fedportal.settings import INSTALLED_APPS

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench.synthetic"]
