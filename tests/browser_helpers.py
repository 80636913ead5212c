"""What the browser tests share: Debian's Chromium under Playwright, axe-core, and their skip rules."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The marks of every browser test module: skipped where Chromium or axe-core is missing, and in
# the PostgreSQL run (the live server reads the test database from another thread: the embedded
# run shares it simply; the PostgreSQL run covers the same views through the test client).
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
    pytest.mark.skipif(
        not AXE.exists(), reason="needs axe-core: run `npm ci` at the repository root"
    ),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="browser tests run in the embedded (SQLite) run",
    ),
]


def launch(playwright):
    """Start headless Chromium with the options that work in a container."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def serious_violations(page) -> list[str]:
    """Run axe-core on the page; return its serious and critical violations, one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check_page(page, name: str, artifacts: Path) -> None:
    """Save a screenshot to `artifacts` and fail on serious or critical accessibility violations."""
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    bad = serious_violations(page)
    assert not bad, f"{name}: " + "; ".join(bad)
