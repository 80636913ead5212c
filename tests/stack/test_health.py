"""The stack's readiness: every check answers ok once it runs, beat's heartbeat included."""

from .conftest import wait_for


def test_every_readiness_check_is_ok_on_the_running_stack(stack):
    def all_ok():
        body = stack.get("/health/ready/").json()
        bad = {k: v for k, v in body["checks"].items() if v["status"] != "ok"}
        return not bad and body

    # Beat sends the outbox drain each minute: its heartbeat is at most that old.
    body = wait_for(all_ok, 90, "every readiness check ok (beat's heartbeat within a minute)", 2)
    assert body["status"] == "ok"
    assert body["checks"]["beat"]["seconds_since_last_sent"] <= 180
    # nginx answers its own probe without gunicorn.
    assert stack.get("/nginx-health").text == "ok\n"
