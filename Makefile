# The two commands of the README, and a few helpers.
.PHONY: run test venv lint format services-up services-down clean

PORT ?= 8000

venv: .venv/.installed

.venv/.installed: pyproject.toml uv.lock scripts/bootstrap.sh
	bash scripts/bootstrap.sh --all-groups
	touch $@

run: venv
	PORT=$(PORT) bash scripts/run.sh

test: venv
	bash scripts/test.sh

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports --no-cache --no-logo

format: venv
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

services-up:
	bash scripts/postgres.sh start
	bash scripts/redis.sh start
	bash scripts/elasticsearch.sh start

services-down:
	-bash scripts/elasticsearch.sh stop
	-bash scripts/redis.sh stop
	-bash scripts/postgres.sh stop

clean:
	rm -rf .venv .cache data
