# The README's two commands: `make demo` and `make test`. Both install what is missing first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install system-deps test lint demo i18n bench clean

install: $(STAMP)

system-deps:
	@scripts/install-system-deps.sh

$(STAMP): pyproject.toml scripts/install-system-deps.sh
	@$(MAKE) --no-print-directory system-deps
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[kiosk,server,dev]'
	@touch $(STAMP)

lint: install
	$(BIN)/ruff check .

test: install lint
	@scripts/ensure-postgres.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider

demo: install
	@scripts/demo.sh

# Re-extract and compile the message catalogues (Spanish msgids, English catalogue).
i18n: install
	$(BIN)/pybabel extract -F babel.cfg -k N_ -o kiosk/i18n/kiosk.pot --no-location --sort-output --omit-header kiosk screens
	$(BIN)/pybabel update -i kiosk/i18n/kiosk.pot -d kiosk/i18n -D kiosk -l en --no-fuzzy-matching
	$(BIN)/pybabel compile -d kiosk/i18n -D kiosk

bench: install
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.card_login
	$(BIN)/python -m bench.statement
	$(BIN)/python -m bench.payments
	$(BIN)/python -m bench.elections
	$(BIN)/python -m bench.procedures

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache *.egg-info
