"""No filter or handler of the bot runs in a worker thread. aiogram hands every plain (non-async) callable — a magic
filter like `F.chat.type == "private"` included — to `asyncio.to_thread`, so one such filter on a router costs a
thread hop on every update that reaches it (bot/filters.py). Walks the dispatcher the app really builds: routers'
own filters, their handlers and handlers' filters, and the filters of every dialog window's inputs."""

from __future__ import annotations

from collections.abc import Iterator

from aiogram import Dispatcher, F, Router
from aiogram.dispatcher.event.handler import CallableObject, FilterObject
from aiogram.filters import Command
from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import CombinedInput

from bot.filters import A_COMMAND, A_DOCUMENT, COMMAND_OR_DOCUMENT, PRIVATE, InDialogOf, Magic
from bot.states import Questionnaire, Registration
from tests.harness import Harness


def _routers(router: Router) -> Iterator[Router]:
    yield router
    for child in router.sub_routers:
        yield from _routers(child)


def _window_inputs(dialog: Dialog) -> Iterator[tuple[str, CallableObject]]:
    for state, window in dialog.windows.items():
        inputs = window.on_message.inputs if isinstance(window.on_message, CombinedInput) else [window.on_message]
        for widget in inputs:
            found = list(getattr(widget, "filters", None) or [])
            if getattr(widget, "filter", None) is not None:
                found.append(widget.filter)
            for one in found:
                yield f"{state.state} input {type(widget).__name__}", one


#: aiogram-dialog's own handler of background updates (`BgManager`, which the bot never uses) is filtered by the
#: `State("*")` object itself, a plain callable; no update of a person reaches it.
BACKGROUND_UPDATES = "aiogd_update"


def in_a_thread(dispatcher: Dispatcher) -> list[str]:
    """Every callable the dispatcher would hand to a worker thread, by where it is."""
    found: list[tuple[str, CallableObject]] = []
    for router in _routers(dispatcher):
        for name, observer in router.observers.items():
            if name == BACKGROUND_UPDATES:
                continue
            # The router's own filters (`router.message.filter(...)`) live on the observer's root handler.
            found += [(f"{router.name}.{name} filter", f) for f in observer._handler.filters or ()]
            for handler in observer.handlers:
                found.append((f"{router.name}.{name} handler {handler.callback!r}", handler))
                found += [(f"{router.name}.{name} filter of {handler.callback!r}", f) for f in handler.filters or ()]
        if isinstance(router, Dialog):
            found += list(_window_inputs(router))
    return [f"{where}: {one.callback!r}" for where, one in found if not one.awaitable]


def test_nothing_the_bot_registers_runs_in_a_thread(harness: Harness) -> None:
    dispatcher = harness.app.dispatcher
    assert len(list(_routers(dispatcher))) > 20  # the walk reached the routers and the dialogs
    assert in_a_thread(dispatcher) == []


def test_the_walk_sees_a_plain_magic_filter() -> None:
    dispatcher, router = Dispatcher(), Router(name="probe")
    router.message.filter(F.chat.type == "private")
    router.message.register(lambda message: None, F.text)
    dispatcher.include_router(router)
    assert len(in_a_thread(dispatcher)) == 3  # the router's filter, the sync handler and its filter


async def test_magic_resolves_in_the_loop() -> None:
    class Chat:
        type = "private"

    class Event:
        chat = Chat()
        document = None

    assert FilterObject(PRIVATE).awaitable
    assert await FilterObject(PRIVATE).call(Event()) is True
    assert not await FilterObject(Magic(F.document)).call(Event())


async def test_a_router_of_dialogs_lets_in_only_its_own_dialogs_updates() -> None:
    class Open:
        def __init__(self, state) -> None:
            self.state = state

    only = InDialogOf([Registration])
    assert await only(object(), aiogd_context=Open(Registration.name))
    assert not await only(object(), aiogd_context=Open(Questionnaire.number))
    assert not await only(object(), aiogd_context=None)  # no dialog open


def test_a_router_of_commands_has_nothing_but_commands_behind_its_check(harness: Harness) -> None:
    """A router whose messages pass `A_COMMAND` first would never see any other message: each of its message
    handlers must be a command."""
    behind = {}
    for router in _routers(harness.app.dispatcher):
        observer = router.observers["message"]
        if any(f.callback is A_COMMAND for f in observer._handler.filters or ()):
            behind[router.name] = [h.callback.__name__ for h in observer.handlers
                                   if not any(isinstance(f.callback, Command) for f in h.filters or ())]
    assert len(behind) >= 10, behind  # the command routers do check first
    assert behind == {name: [] for name in behind}


def test_the_routers_of_commands_take_no_message_but_commands_and_files(harness: Harness) -> None:
    """Behind `COMMAND_OR_DOCUMENT` (bot/app.py, `commands`) a typed answer never reaches a router: each message
    handler there must be a command, whether its router checks for one first or the handler does, or a file."""
    groups = [router for router in _routers(harness.app.dispatcher)
              if any(f.callback is COMMAND_OR_DOCUMENT for f in router.message._handler.filters or ())]
    assert [group.name for group in groups] == ["commands"]
    inside = list(_routers(groups[0]))[1:]
    assert len(inside) >= 14, [router.name for router in inside]  # start, … , shortcuts
    others = []
    for router in inside:
        observer = router.message
        if any(f.callback is A_COMMAND for f in observer._handler.filters or ()):
            continue  # the test above: nothing but commands behind it
        others += [f"{router.name}: {h.callback.__name__}" for h in observer.handlers
                   if not any(isinstance(f.callback, Command) or f.callback is A_DOCUMENT for f in h.filters or ())]
    assert others == []


async def test_the_check_of_the_commands_router_lets_in_commands_and_files_only() -> None:
    class Message:
        def __init__(self, text=None, caption=None, document=None) -> None:
            self.text, self.caption, self.document = text, caption, document

    assert await COMMAND_OR_DOCUMENT(Message("/menu"))
    assert await COMMAND_OR_DOCUMENT(Message(caption="/help"))
    assert await COMMAND_OR_DOCUMENT(Message(document=object()))  # a questionnaire file, with no caption
    assert not await COMMAND_OR_DOCUMENT(Message("12"))
    assert not await COMMAND_OR_DOCUMENT(Message())


async def test_the_command_check_reads_the_text_or_the_caption_as_a_command_does() -> None:
    class Message:
        def __init__(self, text=None, caption=None) -> None:
            self.text, self.caption = text, caption

    assert await A_COMMAND(Message("/start abc"))
    assert await A_COMMAND(Message(caption="/help"))
    assert not await A_COMMAND(Message("12"))
    assert not await A_COMMAND(Message(""))
    assert not await A_COMMAND(Message())
