"""Read typed values from the environment, the only place production differs from the default."""

import os


def env_str(name: str, default: str = "") -> str:
    # Set-but-empty counts as unset, as for the other readers: `DATABASE_URL=` in an env file
    # must mean the default, not an unparseable empty URL.
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]
