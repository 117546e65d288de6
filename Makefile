# fedportal — set up, run and test the portal. `make demo` and `make test` are all a new
# machine needs; both install what is missing first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Development defaults; production sets DEBUG=0 with its own SECRET_KEY and ALLOWED_HOSTS.
export DEBUG ?= 1

# Debian packages: CJK fonts for the PDF report (Noto for the 小标宋-style title, 宋体 page
# numbers and 黑体, AR PL UKai for 楷体), HarfBuzz subsetting for fast font embedding, Pango for
# WeasyPrint, venv support for Python, and gettext's msgfmt for the portal's admin wording.
# The tests add Chromium (Playwright drives Debian's build rather than downloading its own),
# LibreOffice Writer, which opens the Word report as an office suite would (about 30 MB), and
# LibreOffice Calc, which opens the spreadsheet exports as staff's spreadsheet programs would;
# a server needs none of them.
APT_PACKAGES := fonts-noto-cjk fonts-arphic-ukai libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 python3-venv gettext
TEST_APT_PACKAGES := chromium libreoffice-writer-nogui libreoffice-calc-nogui

# The 仿宋 face of the report's body where the server has no licensed one: FandolFang (GPL
# with the font exception), taken from Debian's texlive-lang-chinese without installing TeX.
# The reports app adds fonts/ to fontconfig's folders (REPORT_FONT_DIRS); a deployment puts
# its licensed faces (仿宋_GB2312, 方正小标宋简体 …) there too.
FANDOL_PACKAGE := texlive-lang-chinese=2022.20230122-1
FANDOL_MEMBER := ./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf
FANDOL_SHA256 := d838ad32ce2244d8144f408c37fe71065aba6fbbc80759a4d2aa2033948d5bc9

.PHONY: setup demo test lint format lock system-packages apt-packages test-system-packages clean backup restore bench bench-smoke

setup: system-packages $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

demo: setup
	@echo "门户已就绪：http://$(HOST):$(PORT)/  （数据管理：http://$(HOST):$(PORT)/admin/）"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite, in two sessions: all but the browser tests spread over the machine's cores
# by pytest-xdist (a test database per worker, a test file at a time so that a module's demo
# is loaded once, files with slow tests handed out first), then the browser tests on their
# own, as Playwright and the live server need. Both run even when the first fails. While
# working, `pytest -m "not slow" tests/<app>` leaves out the tests that take seconds each.
TEST_WORKERS ?= auto

test: system-packages test-system-packages $(VENV)/.installed
	@status=0; \
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --ignore=tests/browser || status=$$?; \
	$(BIN)/pytest tests/browser || status=$$?; \
	exit $$status

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin the dependency trees, with hashes, after changing pyproject.toml: the runtime set
# (requirements.lock, what a server installs) and the development set built on it
# (requirements-dev.lock: the same pins plus the test and lint tools). Pins that still fit
# are kept; `make lock UPGRADE=1` moves everything to the newest versions. pip-tools lives
# in a venv of its own, pinned, so that it never enters either set.
LOCK_VENV := .venv-lock
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" PIP_BUILD_CONSTRAINT=build-constraints.txt \
	$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)

$(LOCK_VENV)/.installed:
	$(PYTHON) -m venv --clear $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet pip==26.3 pip-tools==7.6.2
	@touch $@

lock: $(LOCK_VENV)/.installed
	$(PIP_COMPILE) --output-file=requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra=dev --constraint=requirements.lock --output-file=requirements-dev.lock pyproject.toml

# Back the database up into backups/ (or $(BACKUP_DIR)); restore one with
# `make restore FILE=backups/fedportal-….dump YES=1` — it replaces everything in the database.
backup: $(VENV)/.runtime
	$(BIN)/python manage.py backup

restore: $(VENV)/.runtime
	@test -n "$(FILE)" || { echo "请用 FILE= 指定备份文件，如 make restore FILE=backups/fedportal-20240101-120000.dump YES=1"; exit 1; }
	$(BIN)/python manage.py restore "$(FILE)" $(if $(YES),--yes)

# Benchmarks on PostgreSQL (they create and drop their own databases) write
# docs/BENCHMARKS.md; bench-smoke runs them on small data in CI. The load generator lives
# in a venv of its own so that it never enters the portal's dependencies.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres

bench/.venv/.installed: bench/requirements.txt
	$(PYTHON) -m venv --clear bench/.venv
	bench/.venv/bin/pip install --quiet -r bench/requirements.txt
	@touch $@

bench: system-packages $(VENV)/.installed bench/.venv/.installed
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/run.py

bench-smoke: system-packages $(VENV)/.installed bench/.venv/.installed
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/run.py --smoke

# The portal's own Chinese for the admin (locale/), compiled by gettext's msgfmt.
MESSAGES := locale/zh_Hans/LC_MESSAGES/django.mo

system-packages: apt-packages fonts/fandol/.installed $(MESSAGES)

$(MESSAGES): locale/zh_Hans/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

apt-packages:
	@$(call apt_install,$(APT_PACKAGES))

test-system-packages:
	@$(call apt_install,$(TEST_APT_PACKAGES))

define apt_install
	missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "安装系统软件包：$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "缺少系统软件包：$$missing"; \
	  echo "请以管理员身份运行：sudo apt-get install$$missing"; exit 1; \
	fi
endef

fonts/fandol/.installed:
	@command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { \
	  echo "无法自动安装仿宋字体（需要 apt-get）：请把一种仿宋字体（如 FandolFang-Regular.otf）放进 fonts/"; exit 1; }
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && cd "$$tmp" && \
	{ apt-get download -qq $(FANDOL_PACKAGE) 2>/dev/null || \
	  { apt-get update -qq && apt-get download -qq $(FANDOL_PACKAGE); }; } && \
	dpkg-deb --fsys-tarfile ./*.deb | tar -x $(FANDOL_MEMBER) && \
	echo "$(FANDOL_SHA256)  $(FANDOL_MEMBER)" | sha256sum --check --quiet && \
	mkdir -p $(CURDIR)/fonts/fandol && cp $(FANDOL_MEMBER) $(CURDIR)/fonts/fandol/
	@touch $@

# The runtime set alone (a server), then the development set on top of it (tests, lint).
$(VENV)/.runtime: requirements.lock build-constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet --require-hashes --build-constraint build-constraints.txt -r requirements.lock
	@touch $@

$(VENV)/.installed: $(VENV)/.runtime requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes --build-constraint build-constraints.txt -r requirements-dev.lock
	@touch $@

clean:
	rm -rf $(VENV) $(LOCK_VENV) bench/.venv staticfiles test-artifacts .pytest_cache .ruff_cache fonts/fandol
