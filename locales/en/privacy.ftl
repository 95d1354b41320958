## My data: an unfinished registration, erasure and who is told

privacy-unfinished-title = 🔒 Your registration is not finished. So far only what you typed is kept:
privacy-unfinished-registration =
    Name: { $name }
    Date of birth: { $birth_date }
    Who: { $category }
    Class / group: { $group }
privacy-unfinished-guardian = Your name (for the consent for your child): { $name }
privacy-unfinished-hint = Unless you finish registering, it is deleted by itself { $days ->
    [one] { $days } day
   *[other] { $days } days
} after your last answer. To delete it now, press the button below; to go on, just answer the last question.
privacy-discard-button = 🗑 Delete what I typed
privacy-discarded = What you typed has been deleted. To register again, open the invitation link once more.
privacy-discard-registered = You are already registered: erase your data in /privacy.
privacy-told-curator-left = A participant of «{ $organisation }» has erased their data and no longer takes part.
privacy-told-guardian-erased = Your child has erased their data from the mentorship programme «{ $organisation }» and no longer takes part.
privacy-told-guardian-erased-by-other = The other parent has erased your child's data from the mentorship programme «{ $organisation }»; the child no longer takes part.
