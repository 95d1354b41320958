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
    # A failure at the harness's check is an error at teardown: the test "passed" its body, then errored.
    result.assert_outcomes(passed=4, errors=2)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_fails_in_the_body*",
                                 "*an update failed inside the bot*",
                                 "*ERROR at teardown of test_fails_in_a_fixture*",
                                 "*an update failed inside the bot*"])
    result.stdout.no_fnmatch_line("*ERROR at teardown of test_nothing_wrong*")
    result.stdout.no_fnmatch_line("*ERROR at teardown of test_expected_failure*")
