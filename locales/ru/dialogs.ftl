# Answers the dialogs give to presses and messages they cannot use.
error-stale-button-in-dialog = Эта кнопка больше не работает. Продолжайте с последнего сообщения или отправьте /cancel, чтобы прервать.
