# Evidence KB: `make demo` grades the sample articles and serves the site; `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: demo test typecheck serve migrate clean claim-reader

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

# A local .env for the demo: DEBUG on and a freshly generated secret key; never overwritten.
.env:
	@printf 'DEBUG=1\nSECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "Wrote .env (DEBUG=1, generated SECRET_KEY)."

migrate: $(STAMP) .env
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_vocabulary
	$(BIN)/python manage.py grade_article fixtures/articles/*.txt
	$(BIN)/python manage.py setup_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

serve: migrate
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/python -m pytest

# Retrain the second claim reader on the labelled articles (fixtures/claim-reader.json; docs/extraction.md).
claim-reader: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py train_claim_reader

typecheck: $(STAMP)
	SECRET_KEY=typecheck-only $(BIN)/mypy kb claims evidence

clean:
	rm -rf $(VENV) var
