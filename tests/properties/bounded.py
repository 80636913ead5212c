"""The settings every property test runs under: a fixed number of examples, a fixed seed."""

from hypothesis import HealthCheck, settings

# derandomize: the same examples on every run and machine, so a failure reproduces exactly;
# database=None: nothing written to .hypothesis/ in the checkout.
BOUNDED = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Tests that use a function-scoped fixture (the database, the test client) for every example:
# the examples only read, so sharing the fixture between them is what is wanted.
BOUNDED_DB = settings(
    BOUNDED,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
