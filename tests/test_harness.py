"""The harness fails a test for what went wrong anywhere in it — an update that failed inside the bot while a
fixture set the scene, or in the test's own body — and passes a test where nothing did. Each case runs as a test
file of its own in a pytest session inside this one (pytester), on the backend of this test."""

from __future__ import annotations

import pytest

INNER = '''
import pytest

from tests.conftest import ADMIN_ID


def break_the_bot(harness):
    async def boom(message):
        raise RuntimeError("boom")

    harness.app.dispatcher.message.register(boom)


@pytest.fixture
async def broken_scene(harness):
    break_the_bot(harness)
    await harness.user(ADMIN_ID).send("hello")


async def test_fails_in_the_body(harness):
    break_the_bot(harness)
    await harness.user(ADMIN_ID).send("hello")


async def test_fails_in_a_fixture(harness, broken_scene):
    pass


async def test_expected_failure(harness):
    harness.expect_failures = True
    break_the_bot(harness)
    await harness.user(ADMIN_ID).send("hello")


async def test_nothing_wrong(harness):
    await harness.user(ADMIN_ID).send("/help")
    assert harness.telegram.last(ADMIN_ID).shown
'''


def test_an_update_that_fails_inside_the_bot_fails_the_test(pytester: pytest.Pytester, backend: str,
                                                            migrated_template: str) -> None:
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_inprocess("-p", "tests.conftest", "--backend", backend, "-o", "asyncio_mode=auto",
                                          "-o", "asyncio_default_fixture_loop_scope=function",
                                          "-p", "no:cacheprovider", "-p", "no:xdist")
    reports = result.reprec.getreports("pytest_runtest_logreport")

    def names(chosen) -> set[str]:
        return {r.nodeid.split("::")[-1].split("[")[0] for r in chosen}

    # Each test's body passes; the harness's check fails at teardown, which pytest reports as an error.
    assert names(r for r in reports if r.when == "call" and r.passed) == {
        "test_fails_in_the_body", "test_fails_in_a_fixture", "test_expected_failure", "test_nothing_wrong"}
    failed = [r for r in reports if r.failed]
    assert names(failed) == {"test_fails_in_the_body", "test_fails_in_a_fixture"}
    assert all(r.when == "teardown" and "an update failed inside the bot" in r.longreprtext for r in failed)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
