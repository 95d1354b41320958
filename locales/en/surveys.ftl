## Satisfaction surveys (/survey, /campaign) and announcements (/broadcast)

cmd-survey = My surveys
cmd-campaign = Surveys: open one, see responses
cmd-broadcast = Announcement to participants

## Invitations and reminders (sent by the bot)

survey-invitation-calendar = 📋 { $organisation } is running a survey about the mentorship programme. Please answer a few questions by { $deadline } — it takes a couple of minutes.
survey-invitation-pair_end = 📋 Your mentorship pair at { $organisation } has finished. Please tell us how it went: the survey is open until { $deadline }.
survey-invitation-manual = 📋 The curator at { $organisation } asks you to answer a short survey about the mentorship programme by { $deadline }.
survey-reminder = 🔔 A reminder about the { $organisation } survey: it is open until { $deadline }. Your answers help make the programme better.
survey-btn-open = 📝 Take the survey

## A participant

survey-title-mentee = Mentee survey
survey-title-mentor = Mentor survey
survey-not-registered = Surveys are for programme participants. To take part, open the invitation link from your curator.
survey-none = There are no open surveys for you right now. When the curator or the programme calendar opens one, I will send you an invitation.
survey-list-title = { $count ->
    [one] { $count } survey is open for you:
   *[other] { $count } surveys are open for you:
}
survey-list-line = { $answered ->
    [yes] ✅ { $title } · { $organisation } — answered; you can change your answers until { $closes }
   *[no] ▫️ { $title } · { $organisation } — until { $closes }
}
survey-btn-open-named = 📝 { $title }
survey-btn-change = ✏️ { $title }: change answers
survey-not-found = There is no such survey.
survey-not-invited = This survey is not for you: only invited participants can answer it.
survey-closed = This survey has closed — answers are no longer accepted. Thank you!
survey-finished = Thank you! Your answers to “{ $title }” are saved. You can change them until the survey closes — "Survey" in the menu.

## The curator: /campaign

campaign-ask-organisation = Which organisation?
campaign-title = 📋 Satisfaction surveys
campaign-line = No. { $id } · { $role } · { $reason } · until { $closes }: { $answered } of { $invited } answered
campaign-none-open = No surveys are open. The programme calendar opens them itself: two weeks before 20 May and before 20 December, and when a pair ends.
campaign-start-hint = Open a survey now — whom should it ask?
campaign-audience-mentee = Mentees
campaign-audience-mentor = Mentors
campaign-audience-both = Everyone: mentees and mentors
campaign-role-mentee = mentees
campaign-role-mentor = mentors
campaign-reason-calendar = calendar
campaign-reason-pair_end = pair ended
campaign-reason-manual = opened by the curator
campaign-ask-date = Survey for: { $audience }. Until which day should answers be accepted? Type the date as DD.MM.YYYY — the survey closes at 23:59 that day.
campaign-started = The survey is open ({ $roles }) until { $closes }. { $invited ->
    [one] { $invited } participant gets an invitation
   *[other] { $invited } participants get an invitation
}; those who do not answer get at most two reminders (never at night).
campaign-date-format = I could not read the date. Please type it as DD.MM.YYYY, for example 20.12.2026.
campaign-date-impossible = There is no such date. Please check the day and the month.
campaign-date-past = That date has passed. Please give today's date or a later one.
campaign-date-too-far = A survey can stay open for at most { $days } days.
campaign-no-role = Please choose whom to ask.
campaign-nobody = There is nobody to ask yet: surveys go to participants with an active mentorship pair (or a pair that ended in the last six months).
campaign-already-open = This survey with this closing date was already opened today.

## The curator: /broadcast

broadcast-ask-organisation = An announcement for which organisation?
broadcast-ask-audience = Who should get the announcement?
broadcast-audience-mentees = Mentees
broadcast-audience-mentors = Mentors
broadcast-audience-guardians = Parents (legal guardians)
broadcast-audience-everyone = Everyone in the organisation
broadcast-ask-text = Recipients: { $audience }. Type the announcement as one message (up to { $max } characters).
broadcast-preview = Recipients: { $audience } — { $count ->
    [one] { $count } person
   *[other] { $count } people
}. This is what they will see:
broadcast-message = 📣 { $organisation }: { $text }
broadcast-btn-send = 📤 Send
broadcast-btn-edit = ✏️ Change the text
broadcast-sent = The announcement is queued for { $count ->
    [one] { $count } recipient
   *[other] { $count } recipients
}. At night, messages wait for the morning.
broadcast-cancelled = The announcement was cancelled; nothing was sent.
broadcast-text-empty = The announcement is empty. Please type what you want to say.
broadcast-text-too-long = The text is too long: { $length } characters, at most { $max }.
broadcast-text-bad-chars = The text contains invisible control characters. Please remove them and send it again.
