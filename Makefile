# The README's two commands: `make demo` and `make test`. Both install what is missing first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# pytest-xdist workers (`make test TEST_WORKERS=1` for one process); tests that share a
# machine-wide resource (pcscd's socket) carry one xdist_group and run on one worker.
TEST_WORKERS ?= 2

.PHONY: install system-deps test lint demo i18n bench snapshots clean

install: $(STAMP)

system-deps:
	@scripts/install-system-deps.sh

$(STAMP): pyproject.toml setup.py election_crypto/_ed25519sum.c election_crypto/_ed25519.h scripts/install-system-deps.sh
	@$(MAKE) --no-print-directory system-deps
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[kiosk,server,dev]'
	@touch $(STAMP)

lint: install
	$(BIN)/ruff check .

test: install lint
	@scripts/ensure-postgres.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist loadgroup

demo: install
	@scripts/demo.sh

# Re-extract and compile the message catalogues (Spanish msgids, English catalogue).
i18n: install
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -k N_plural:1,2 -o kiosk/i18n/kiosk.pot --no-location --sort-output --omit-header kiosk screens
	$(BIN)/pybabel update -i kiosk/i18n/kiosk.pot -d kiosk/i18n -D kiosk -l en --no-fuzzy-matching
	$(BIN)/pybabel compile -d kiosk/i18n -D kiosk

# Every benchmark in bench/ (a module whose name does not start with "_"), one after another.
bench: install
	@set -e; for module in bench/[!_]*.py; do \
	  name=$$(basename $$module .py); echo "== bench.$$name"; $(BIN)/python -m bench.$$name; \
	done

# After an intended change of what the screens draw: rewrite the SVG snapshots, then look at them.
snapshots: install
	$(BIN)/python -m pytest -q -p no:cacheprovider --snapshot-update -k snapshot tests

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache *.egg-info
