"""What the decision windows show: which pair, and the limits of what may be typed."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from mentorship.services.pairs import ORDER_NUMBER_LIMIT, REASON_LIMIT


async def about(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"id": int(dialog_manager.start_data["pair_id"]), "limit": REASON_LIMIT, "order_limit": ORDER_NUMBER_LIMIT}
