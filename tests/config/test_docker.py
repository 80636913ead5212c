"""The production deployment files in docker/ agree with the code and with each other.

Nothing is built or run. The compose file is loaded as `docker compose config` loads it, by
compose-go, the library behind that command (scripts/compose-config: schema validation, the
--env-file, interpolation, normalisation), since the machines that run the tests have no compose
plugin; the program is built by `make test` (scripts/compose-config.sh) and the two tests that use
it skip only where it cannot be built (no Go). The rest is parsed with PyYAML (a dependency of
drf-spectacular): queues, environment, images, volumes, health checks.
"""

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from config.celery import declared_routes

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
COMPOSE = DOCKER / "compose.yaml"
ENV_EXAMPLE = DOCKER / "env.example"
NGINX_CONF = DOCKER / "nginx.conf"
DOCKERFILE = DOCKER / "Dockerfile"

# The Python services: one image, one environment file.
APP_SERVICES = {"migrate", "web", "worker-interactive", "worker-bulk", "beat"}
# Read by settings only in the test suite.
TEST_ONLY_VARIABLES = {"TEST_DATABASE_NAME"}
# Set by the caller of compose, not in the file: which environment file to use.
COMPOSE_ONLY_VARIABLES = {"ARCHIVE_ENV_FILE"}

ASSIGNMENT = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def env_example() -> tuple[dict[str, str], set[str]]:
    """(active assignments, every name mentioned as NAME= whether active or commented out)."""
    active, listed = {}, set()
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = ASSIGNMENT.match(line.strip())
        if match:
            commented, name, value = match.groups()
            listed.add(name)
            if not commented:
                active[name] = value
    return active, listed


def command_words(service: dict) -> list[str]:
    command = service.get("command", [])
    return shlex.split(command) if isinstance(command, str) else list(command)


def worker_queues(service: dict) -> list[str] | None:
    """The -Q/--queues list of a `celery worker` command, or None for other services."""
    words = command_words(service)
    if "celery" not in words or "worker" not in words:
        return None
    for i, word in enumerate(words):
        if word in ("-Q", "--queues"):
            return words[i + 1].split(",")
        if word.startswith("--queues="):
            return word.split("=", 1)[1].split(",")
    return []  # a worker without -Q consumes only the default queue: not allowed here


def mounts(service: dict) -> dict[str, str]:
    """target path -> "source[:ro]" of a service's short-syntax volumes."""
    result = {}
    for volume in service.get("volumes", []):
        source, target, *mode = volume.split(":")
        result[target] = source + (":" + mode[0] if mode else "")
    return result


def readme_variables() -> set[str]:
    names = set()
    for line in (ROOT / "README.md").read_text().splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


# --- the compose loader -----------------------------------------------------------------------

COMPOSE_CONFIG = ROOT / "scripts" / "compose-config.sh"
NO_GO = 3  # scripts/compose-config.sh build: no Go toolchain here


@pytest.fixture(scope="module")
def compose_config() -> str:
    """The compose-config binary, built unless it is newer than its sources (a no-op in make test)."""
    build = subprocess.run(
        ["bash", str(COMPOSE_CONFIG), "build"], capture_output=True, text=True, timeout=600
    )
    if build.returncode == NO_GO:
        pytest.skip(f"scripts/compose-config cannot be built: {build.stderr.strip()}")
    assert build.returncode == 0, build.stderr
    path = subprocess.run(
        ["bash", str(COMPOSE_CONFIG), "path"], capture_output=True, text=True, check=True
    )
    return path.stdout.strip()


def run_compose(binary: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """`docker compose config ...` on a throwaway copy of env.example, isolated from this shell."""
    env_file = tmp_path / "env"
    shutil.copyfile(ENV_EXAMPLE, env_file)
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME")}
    env["ARCHIVE_ENV_FILE"] = str(env_file)
    return subprocess.run(
        [binary, "-f", str(COMPOSE), "--env-file", str(env_file), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )


def test_compose_file_passes_the_compose_loader(compose_config, tmp_path):
    result = run_compose(compose_config, tmp_path, "--quiet")
    assert result.returncode == 0, result.stderr


def test_resolved_compose_model(compose_config, tmp_path):
    result = run_compose(compose_config, tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    resolved = json.loads(result.stdout)["services"]
    # The same image for every Python service, after interpolation.
    assert len({resolved[name]["image"] for name in APP_SERVICES}) == 1
    # Every ${...} was resolved, including those inside the environment file.
    for name in APP_SERVICES:
        environment = resolved[name]["environment"]
        unresolved = {k: v for k, v in environment.items() if v and "${" in v}
        assert not unresolved, f"{name}: {unresolved}"
        assert environment["DATABASE_URL"].startswith("postgres://archive:")
    password = resolved["postgres"]["environment"]["POSTGRES_PASSWORD"]
    assert password in resolved["web"]["environment"]["DATABASE_URL"]


# --- Celery -----------------------------------------------------------------------------------


def test_every_declared_queue_is_consumed_by_exactly_one_worker_service(services):
    queues, routes = declared_routes()
    consumers: dict[str, list[str]] = {}
    for name, service in services.items():
        for queue in worker_queues(service) or []:
            consumers.setdefault(queue, []).append(name)
    assert set(consumers) == set(queues), "consumed queues differ from config.celery's"
    assert set(routes.values()) <= set(consumers)
    shared = {queue: names for queue, names in consumers.items() if len(names) != 1}
    assert not shared, f"scale a worker service instead of listing a queue twice: {shared}"


def test_bulk_work_has_its_own_worker(services):
    assert set(worker_queues(services["worker-interactive"])) == {"default", "archive", "search"}
    assert set(worker_queues(services["worker-bulk"])) == {
        "archive_bulk",
        "search_bulk",
        "collection_bulk",
    }


def test_exactly_one_beat(services):
    beats = [name for name, s in services.items() if "beat" in command_words(s)[:4]]
    assert beats == ["beat"]
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1
    for service in services.values():
        assert not {"-B", "--beat"} & set(command_words(service)), "beat inside a worker"


# --- environment ------------------------------------------------------------------------------


def test_env_example_lists_every_readme_variable(env_example):
    _, listed = env_example
    missing = readme_variables() - listed
    assert not missing, f"README variables missing from docker/env.example: {sorted(missing)}"


def test_env_example_lists_every_variable_settings_read(env_example):
    _, listed = env_example
    source = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z][A-Z0-9_]*)\"", source))
    assert read, "no env_* calls found in config/settings.py"
    missing = read - TEST_ONLY_VARIABLES - listed
    assert not missing, f"settings read variables not in docker/env.example: {sorted(missing)}"


def test_env_example_sets_the_production_values(env_example, services):
    active, _ = env_example
    assert active["DJANGO_DEBUG"] == "0"
    assert active["DJANGO_HTTPS"] == "1"
    assert active["SITE_URL"].startswith("https://")
    assert active["DJANGO_SECRET_KEY"] and active["DJANGO_ALLOWED_HOSTS"]
    # The URLs name the services of compose.yaml.
    for variable, scheme, service in [
        ("DATABASE_URL", "postgres", "postgres"),
        ("CELERY_BROKER_URL", "redis", "redis"),
        ("ELASTICSEARCH_URL", "http", "elasticsearch"),
    ]:
        url = urlparse(active[variable])
        assert (url.scheme, url.hostname) == (scheme, service), variable


def test_env_example_sets_nothing_to_empty(env_example):
    # Defaults are shown as commented-out lines, so an active line always sets a real value.
    active, _ = env_example
    empty = sorted(name for name, value in active.items() if not value.strip())
    assert not empty, f"comment these out instead of leaving them empty: {empty}"


def test_compose_variables_are_in_env_example(env_example):
    active, _ = env_example
    text = COMPOSE.read_text().replace("$$", "")  # $$ is a literal dollar
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", text)) - COMPOSE_ONLY_VARIABLES
    missing = used - set(active)
    assert not missing, f"compose.yaml uses variables env.example does not set: {sorted(missing)}"


# --- images -----------------------------------------------------------------------------------


def test_python_services_share_one_build(services):
    app = {name: services[name] for name in APP_SERVICES}
    images = {s["image"] for s in app.values()}
    assert len(images) == 1, images
    (image,) = images
    builders = [name for name, s in services.items() if s.get("image") == image and "build" in s]
    assert builders == ["web"], "the app image must be built once, by web"
    build = services["web"]["build"]
    assert (build["context"], build["dockerfile"], build["target"]) == (
        "..",
        "docker/Dockerfile",
        "app",
    )
    # Nothing else pretends to be that image; nginx is another target of the same Dockerfile.
    others = {name for name, s in services.items() if s.get("image") == image}
    assert others == APP_SERVICES
    assert services["nginx"]["build"]["dockerfile"] == "docker/Dockerfile"
    assert services["nginx"]["build"]["target"] == "nginx"


def test_dockerfile(services):
    text = DOCKERFILE.read_text()
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", text, flags=re.MULTILINE | re.I)
    assert stages[-1][1] == "app", "the app must be the last (default) stage"
    assert {"deps", "static", "nginx", "app"} <= {alias for _, alias in stages}
    assert "ARG PYTHON_IMAGE=python:3.11-slim-bookworm" in text
    bootstrap = (ROOT / "scripts" / "bootstrap.sh").read_text()
    uv_version = re.search(r"^UV_VERSION=(\S+)", bootstrap, flags=re.MULTILINE).group(1)
    assert f"ARG UV_VERSION={uv_version}" in text
    assert "uv sync --frozen --no-dev" in text
    assert "collectstatic" in text
    assert re.search(r"^USER 10001", text, flags=re.MULTILINE)
    assert re.search(r"^EXPOSE 8000", text, flags=re.MULTILINE)
    assert re.search(r'^CMD \["gunicorn".*"config\.wsgi"\]', text, flags=re.MULTILINE)
    # Every path the Dockerfile copies from the context is let through by its dockerignore.
    ignore = (DOCKER / "Dockerfile.dockerignore").read_text().splitlines()
    allowed = {line[1:] for line in ignore if line.startswith("!")}
    copied = set()
    for line in re.findall(r"^COPY (?!--from)(.+)$", text, flags=re.MULTILINE):
        copied |= set(line.split()[:-1])
    assert copied <= allowed, copied - allowed


def test_elasticsearch_version_matches_the_test_node(services):
    script = (ROOT / "scripts" / "elasticsearch.sh").read_text()
    version = re.search(r'ES_VERSION="\$\{ELASTICSEARCH_VERSION:-([0-9.]+)\}"', script).group(1)
    service = services["elasticsearch"]
    assert service["build"]["args"]["ELASTICSEARCH_VERSION"] == version
    assert service["image"].endswith(":" + version)
    dockerfile = (DOCKER / "elasticsearch" / "Dockerfile").read_text()
    assert f"ARG ELASTICSEARCH_VERSION={version}" in dockerfile
    assert "docker.elastic.co/elasticsearch/elasticsearch:${ELASTICSEARCH_VERSION}" in dockerfile
    environment = service["environment"]
    assert environment["discovery.type"] == "single-node"
    assert "-Xmx" in environment["ES_JAVA_OPTS"], "the heap must be bounded"


# --- volumes, networks, health ----------------------------------------------------------------


def test_files_live_on_named_volumes(env_example, services, compose):
    active, _ = env_example
    originals, media = active["ARCHIVE_ORIGINALS_ROOT"], active["MEDIA_ROOT"]
    assert active["DATA_DIR"] == "/data"
    for name in ("web", "worker-interactive", "worker-bulk"):
        volumes = mounts(services[name])
        assert volumes.get(originals) == "originals", name
        assert volumes.get(media) == "media", name
    assert mounts(services["nginx"]).get(media) == "media:ro"
    assert {"originals", "media", "pgdata", "esdata"} <= set(compose["volumes"])
    assert mounts(services["postgres"]).get("/var/lib/postgresql/data") == "pgdata"
    assert mounts(services["elasticsearch"]).get("/usr/share/elasticsearch/data") == "esdata"


def test_x_accel_redirect_reaches_the_derivatives(env_example):
    active, _ = env_example
    conf = NGINX_CONF.read_text()
    block = re.search(r"location /internal-media/ \{(.*?)\}", conf, flags=re.S)
    assert block, "nginx.conf has no /internal-media/ location"
    assert re.search(r"^\s*internal;", block.group(1), flags=re.M)
    alias = re.search(r"alias (\S+);", block.group(1)).group(1)
    assert alias == active["MEDIA_ROOT"].rstrip("/") + "/"
    # archive.serving sends MEDIA_ACCEL_REDIRECT + the file's path below MEDIA_ROOT.
    assert active["MEDIA_ACCEL_REDIRECT"].rstrip("/") == "/internal-media"
    assert "X-Forwarded-Proto" in conf and "client_max_body_size" in conf


def test_dependencies_wait_for_health_and_migrations(services):
    for name, service in services.items():
        for target, spec in service.get("depends_on", {}).items():
            if spec["condition"] == "service_healthy":
                check = services[target].get("healthcheck", {})
                assert check.get("test") and not check.get("disable"), f"{name} -> {target}"
    for name in APP_SERVICES - {"migrate"}:
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
    assert services["migrate"]["command"][-2:] == ["migrate", "--no-input"]
    assert services["migrate"]["restart"] == "no"


def test_only_nginx_is_published(services, compose):
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"nginx"}
    assert compose["networks"]["backend"]["internal"] is True
    for name in ("postgres", "redis", "elasticsearch", "worker-interactive", "worker-bulk", "beat"):
        assert services[name]["networks"] == ["backend"], name


# --- the small helpers baked into the image ---------------------------------------------------


def test_healthcheck_picks_a_host_django_accepts(monkeypatch):
    spec = importlib.util.spec_from_file_location("docker_healthcheck", DOCKER / "healthcheck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for allowed, host in [
        ("archive.example.org,www.example.org", "archive.example.org"),
        (" .example.org", "example.org"),
        ("*", "localhost"),
        ("", "localhost"),
    ]:
        monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", allowed)
        assert module.allowed_host() == host


def test_nginx_accepts_the_config(tmp_path):
    """`nginx -t` on the config, with the container-only paths and names swapped for local ones."""
    nginx = shutil.which("nginx")
    if nginx is None:
        pytest.skip("nginx is not on PATH")
    if not Path("/etc/nginx/mime.types").exists():
        pytest.skip("no /etc/nginx/mime.types")
    temp = [
        f"{kind}_temp_path {tmp_path}/{kind};" for kind in ("proxy", "fastcgi", "uwsgi", "scgi")
    ]
    conf = (
        NGINX_CONF.read_text()
        .replace("user  nginx;", "")
        .replace("/var/run/nginx.pid", str(tmp_path / "nginx.pid"))
        .replace("http {", "http {\n" + f"client_body_temp_path {tmp_path}/body;" + "".join(temp))
    )
    (tmp_path / "nginx.conf").write_text(conf)
    result = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-e", "stderr"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
