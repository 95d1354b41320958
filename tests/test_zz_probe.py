from tests.conftest import ADMIN_ID
from tests.flows import organisation_with_curator, last_token
from tests.test_button_journey import CURATOR


async def test_probe(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(CURATOR)
    await organisation_with_curator(harness, admin, curator)
    print("LAST", repr(curator.last), curator.buttons())
    await curator.click("В меню")
    print("MENU", repr(curator.last), curator.buttons())
    await curator.click("Пригласить")
    print("INV", repr(curator.last), curator.buttons())
    await curator.click("наставник$|^наставник")
    print("ROLE", repr(curator.last), curator.buttons())
    await curator.click("Любая форма")
    print("FORM", repr(curator.last), curator.buttons())
    await curator.click("Создать ссылку")
    print("MADE", repr(curator.last), curator.buttons(), last_token(curator))
    await curator.click("Ещё одна ссылка")
    print("AGAIN", repr(curator.last), curator.buttons())
    assert 0
