"""The send budget's priorities, on its in-process arithmetic (the Redis script is the same steps): what each class
waits for when the others have booked all they may. The token's clock is a fake, so the waits are exact."""

from __future__ import annotations

import asyncio
import math
import uuid
from collections.abc import AsyncIterator, Callable

import pytest

from bot.send_budget import SendBudget, SendLimits
from mentorship.outbox import Priority
from tests.services import REDIS_URL


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def budget(clock: Clock) -> SendBudget:
    return SendBudget(SendLimits(token_rate=28, proactive_rate=25), monotonic=clock)


async def book_all(budget: SendBudget, priority: Priority, first_chat: int) -> int:
    """Book proactive messages to new chats until the budget refuses one; how many it granted."""
    granted = 0
    while (await budget.book(priority, first_chat + granted, message=True)).granted:
        granted += 1
    return granted


@pytest.mark.parametrize("priority", [Priority.TIMELY, Priority.BULK])
async def test_a_reply_waits_at_most_one_slot_behind_proactive_bookings(budget: SendBudget, priority) -> None:
    assert await book_all(budget, priority, 1) >= 1
    reply = await budget.book(Priority.REPLY, 99, message=True)
    assert reply.granted
    assert reply.wait <= 1 / 25, f"a reply waits {reply.wait:.3f} s behind {priority.name} bookings"


async def test_a_time_critical_message_takes_the_next_slot_before_bulk(budget: SendBudget, clock: Clock) -> None:
    assert (await budget.book(Priority.BULK, 1, message=True)).granted  # the slot that was free
    bulk = await budget.book(Priority.BULK, 2, message=True)
    timely = await budget.book(Priority.TIMELY, 3, message=True)
    assert not bulk.granted  # bulk takes only a slot that is free now
    assert timely.granted and 0 < timely.wait <= 1 / 25  # the reminder has the next one
    clock.now += bulk.wait
    assert not (await budget.book(Priority.BULK, 2, message=True)).granted  # that slot is the reminder's
    clock.now += timely.wait + 1 / 25
    assert (await budget.book(Priority.BULK, 2, message=True)).granted


async def test_proactive_messages_keep_to_send_rate(budget: SendBudget, clock: Clock) -> None:
    sent = 0
    for step in range(1000):  # ten seconds in steps of 10 ms, every class asking all the time
        for priority in (Priority.TIMELY, Priority.BULK):
            booking = await budget.book(priority, 10_000 + step * 2 + int(priority), message=True)
            sent += booking.granted
        clock.now += 0.01
    assert 25 * 10 <= sent <= 25 * 10 + 2


async def _send_like_the_outbox(budget: SendBudget, chats: list[int], in_flight: int = 4) -> list[int]:
    """The outbox sender's pattern: a batch started at once, a few calls in flight; the chats in the order they went."""
    gate = asyncio.Semaphore(in_flight)
    went: list[int] = []

    async def send(chat: int) -> None:
        async with gate:
            await budget.acquire(Priority.BULK, chat, message=True)
            went.append(chat)

    await asyncio.gather(*(send(chat) for chat in chats))
    return went


@pytest.fixture(params=["memory", "redis"])
async def real_budget(request, redis_available) -> AsyncIterator[Callable[[SendLimits], SendBudget]]:
    """Budgets on the real clock: this process's arithmetic, or the Redis script (keys of this test alone)."""
    made: list[SendBudget] = []

    def make(limits: SendLimits) -> SendBudget:
        if request.param == "memory":
            return SendBudget(limits)
        from redis.asyncio import Redis

        budget = SendBudget(limits, redis=Redis.from_url(REDIS_URL), prefix=f"test-budget:{uuid.uuid4().hex}")
        made.append(budget)
        return budget

    if request.param == "redis" and not redis_available:
        pytest.skip("Redis is not reachable")
    yield make
    for budget in made:
        await budget.aclose()


async def test_proactive_calls_of_a_class_go_in_the_order_they_asked(real_budget) -> None:
    # Real time: a slot every 5 ms. A call that has just come in (another has finished) must not take the slot one
    # waiting longer was about to get.
    budget = real_budget(SendLimits(token_rate=math.inf, proactive_rate=200))
    chats = list(range(1, 81))
    went = await _send_like_the_outbox(budget, chats)
    assert sorted(went) == chats
    # Each call books its turn in order; it then takes the token's slot when its turn comes, a second round trip to
    # Redis. Two turns 5 ms apart that a busy event loop wakes in the same pass can finish that step in either order,
    # so a neighbour may be passed; a newcomer taking an earlier turn put calls dozens of places off (up to 69).
    assert max(abs(went.index(chat) - place) for place, chat in enumerate(chats)) <= 2, went


async def test_a_call_held_back_by_its_own_chat_does_not_hold_up_the_others(real_budget) -> None:
    budget = real_budget(SendLimits(token_rate=math.inf, proactive_rate=200, chat_interval=0.5))
    assert (await budget.book(Priority.BULK, 1, message=True)).granted  # chat 1 had a message just now
    went = await _send_like_the_outbox(budget, [1, *range(2, 30)], in_flight=2)
    assert went == [*range(2, 30), 1], went


async def test_a_reply_never_waits_for_proactive_slots_booked_ahead(real_budget) -> None:
    # Time-critical messages book their SEND_RATE slots ahead (one every 40 ms); none of them holds a token slot in
    # the future, so a reply made meanwhile goes at once (it used to wait behind the one booked ahead: ~27 ms here).
    budget = real_budget(SendLimits(token_rate=28, proactive_rate=25))
    waiting = [asyncio.create_task(budget.acquire(Priority.TIMELY, 100 + n, message=True)) for n in range(4)]
    await asyncio.sleep(0.013)  # the first has gone, the second has its slot booked for 40 ms
    reply = await budget.book(Priority.REPLY, 900, message=True)
    await asyncio.gather(*waiting)
    assert reply.granted and reply.wait <= 0.002, reply
