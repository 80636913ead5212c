# The two commands of the README, and a few helpers.
.PHONY: run test venv lint format services-up services-down stack stack-down stack-status clean

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

# The production topology as plain processes: nginx, gunicorn, workers, beat, PostgreSQL, Redis,
# Elasticsearch (scripts/stack.sh; STACK_PORT, default 8080).
stack: venv
	bash scripts/stack.sh start

stack-down:
	bash scripts/stack.sh stop

stack-status:
	bash scripts/stack.sh status

clean:
	rm -rf .venv .cache data
