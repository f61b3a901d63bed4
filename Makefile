# SPDX-License-Identifier: GPL-2.0-or-later
SHELL := /bin/bash
VENV := .venv
APP_VENV := .venv-app
PY := $(VENV)/bin/python
GPKG := resources/toksun_plan.gpkg
PLAN_SOURCES := $(wildcard resources/plan/*) $(wildcard resources/styles/*.qml) resources/build_plan.py \
	$(wildcard field_kit/*.py) $(wildcard field_kit/plan/*.py) $(wildcard field_kit/sync/*.py)
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup system demo test lint data bench package translations clean

## setup: Debian's QGIS packages and the virtual environment, where missing
setup: $(VENV)/.installed

system:
	@bash .ci/install-system

$(VENV)/.installed: pyproject.toml .ci/install-system
	bash .ci/install-system
	[ -x $(PY) ] || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

## data: build the plan GeoPackage from the plan's transcribed tables
data: $(GPKG)

$(GPKG): $(PLAN_SOURCES) | $(VENV)/.installed
	$(PY) resources/build_plan.py $@

## demo: set up, build the plan and show what it holds (summary and out/plan.png)
demo: data
	$(PY) -m qgis_plugin.demo $(GPKG) --out out/plan.png

## test: set up and run every test (exit code 5, "no tests", counts as failure); the field
## app's tests run a second time with PyPI's PyQt5 and no QGIS, as on a technician's laptop
test: data lint $(APP_VENV)/.installed
	$(PY) -m pytest -ra
	$(APP_VENV)/bin/python -m pytest -ra -p no:cacheprovider tests/app

$(APP_VENV)/.installed: pyproject.toml
	rm -rf $(APP_VENV)
	/usr/bin/python3 -m venv $(APP_VENV)
	$(APP_VENV)/bin/pip install -q --disable-pip-version-check -e '.[app]' pytest pytest-qt \
		hypothesis
	touch $@

## package: the QGIS plugin zip in dist/ (Plugins → Install from ZIP)
package: data
	$(PY) resources/package_plugin.py dist

## translations: refresh the Chinese translation source from the plugin's strings
translations:
	pylupdate5 -noobsolete $$(find qgis_plugin -name '*.py' | sort) -ts resources/i18n/toksun_zh_CN.ts

## lint: ruff over the tree; mypy over the library and the plugin; the library valid on
## Python 3.9 (QGIS 3.22 on Windows)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check field_kit qgis_plugin tests resources
	$(VENV)/bin/mypy field_kit qgis_plugin
	$(VENV)/bin/vermin -q -t=3.9- --no-tips --violations --exclude int.is_integer \
		$$(ls -d field_kit/*/ field_kit/*.py | grep -v '^field_kit/app/')

## bench: speed and memory figures (beside pygeodiff, installed here for them)
bench: data
	$(PY) -m pip install -q --disable-pip-version-check -e '.[bench]'
	$(PY) -m tests.bench_plugin
	$(PY) -m tests.bench_app
	$(PY) -m tests.bench_sync
	$(PY) -m tests.bench_postgis

clean:
	rm -rf $(GPKG) out dist build .pytest_cache $(APP_VENV)
