## Meetings, reminders and feedback

cmd-newmeeting = Plan a meeting
cmd-meetings = My meetings
cmd-feedback = Meeting feedback

meeting-kind-intro = introduction
meeting-kind-trial = trial meeting
meeting-kind-planning = planning
meeting-kind-work = working meeting
meeting-kind-final = final meeting
meeting-kind-group = group meeting

meeting-choose-pair = Who is the meeting with?
meeting-choose-kind = What kind of meeting is it?
meeting-choose-day = Choose the date or write it, e.g. 25.12:
meeting-ask-time = What time does it start? Write it in the organisation's time, e.g. 17:30.
meeting-past-offer = That time has passed. Record a meeting that already took place? The participants will get the feedback form at once.
meeting-btn-log-past = ✍️ Record a past meeting
meeting-btn-other-date = 📅 Choose another date
meeting-choose-duration = How long will it last? Choose or write, e.g. "40" or "1.5 h".
## The words people may type after a number of minutes or hours (comma-separated, any case; never shown). Every
## language's words are accepted whatever the person's language.
meeting-duration-minute-words = m, min, mins, minute, minutes
meeting-duration-hour-words = h, hr, hrs, hour, hours
meeting-choose-format = In person or online?
meeting-btn-offline = 🏫 In person
meeting-btn-online = 💻 Online
meeting-ask-place = Where do you meet? Write the place (room, address).
meeting-ask-link = Send the link to the online meeting (starting with https://).
meeting-confirm = { $logged ->
    [yes] Record this past meeting?
   *[no] Plan this meeting?
}
    { $kind }, { $when }, { $minutes } min
    { $online ->
        [yes] Online: { $place }
       *[no] Place: { $place }
    }
meeting-btn-create = ✅ Confirm
meeting-created = Meeting #{ NUMBER($id, useGrouping: 0) } is planned. The mentees get an invitation, and reminders before it.
meeting-logged = Meeting #{ NUMBER($id, useGrouping: 0) } is recorded. The participants get the feedback form.
meeting-moved-done = Meeting #{ NUMBER($id, useGrouping: 0) } is moved to { $when }. Everyone is told.
meeting-cancelled-done = Meeting #{ NUMBER($id, useGrouping: 0) } is cancelled; the participants are told.

meeting-not-mentor = Meetings are planned by the mentor of an active pair.
meeting-mentor-only = Only the pair's mentor can do that.
meeting-mentee-only = Only a mentee invited to this meeting can answer.
meeting-not-found = You have no such meeting. Your meetings: /meetings
meeting-not-upcoming = This meeting has already taken place or was cancelled.
meeting-was-cancelled = The meeting at { $when } was cancelled; this button no longer works. Your meetings: /meetings
meeting-was-moved = The meeting was moved to { $when }; this button no longer works. Answer or change it in /meetings
meeting-time-invalid = I don't understand the time. Write hours and minutes, e.g. 17:30 (hours 0–23, minutes 00–59).
meeting-date-invalid = There is no such date. Write e.g. 25.12 or 25.12.2026.
meeting-moment-invalid = Write the date and time separated by a space, e.g.: 26.12 18:00
meeting-duration-invalid = The duration is from { $low } minutes to { $high } hours, e.g. 45 or 1.5 h.
meeting-place-invalid = Write the place of the meeting, at most { $limit } characters.
meeting-link-invalid = That does not look like a link. Send the whole address, e.g. https://meet.example.org/abc
meeting-in-past = That time has passed.
meeting-log-future = Only a meeting that has already taken place can be recorded.
meeting-too-far = A meeting can be planned at most a year ahead.
meeting-overlap = ⚠️ There { $count ->
        [one] is already a meeting
       *[other] are already meetings
    } at that time:
    { $meetings }
    Keep it anyway or choose another time?
meeting-overlap-line = #{ NUMBER($id, useGrouping: 0) } · { $when } ({ $minutes } min) · { $kind } · { $with }
meeting-btn-overlap-keep = ✅ Keep it
meeting-btn-overlap-change = 🕒 Choose another time
meeting-overlap-now = Meanwhile meeting #{ NUMBER($id, useGrouping: 0) } ({ $when }) was planned at that time.

meeting-invited = 📅 Your mentor { $mentor } invites you to a meeting: { $kind }, { $when } ({ $minutes } min). { $online ->
        [yes] Online: { $place }
       *[no] Place: { $place }
    }
    Will you come?
meeting-btn-confirm = ✅ I'll come
meeting-btn-decline = ✖️ I can't
meeting-reminder = ⏰ Reminder: { $kind } at { $when }. { $online ->
        [yes] Link: { $place }
       *[no] Place: { $place }
    }
meeting-moved = 📅 The meeting has moved: it was { $old }, now { $when } ({ $kind }, { $minutes } min). { $online ->
        [yes] Online: { $place }
       *[no] Place: { $place }
    }
    Can you make it?
meeting-cancelled = The mentor cancelled the meeting at { $when }.
meeting-cancelled-pair-over = The meeting at { $when } is cancelled: the pair has ended.
# What an invitation (a move's notice, a feedback form) sent earlier says once its meeting is cancelled or moved:
# the message is edited and its buttons go.
meeting-message-cancelled = ❌ This meeting is cancelled: { $kind }, { $when }.
meeting-message-moved = ↪️ This meeting has moved: { $kind }, it was { $old }, now { $when }. Please answer in the new message below.
meeting-confirmed-mentor = ✅ { $name } will come to the meeting at { $when }.
meeting-declined-mentor = ✖️ { $name } can't come to the meeting at { $when }.
meeting-proposed-mentor = { $name } suggests moving the meeting at { $when } to { $proposed }. You can move or cancel it in "My meetings".
meeting-answer-confirmed = Great, see you there! I'll remind you before the meeting.
meeting-answer-declined = Understood. If another time suits you, write it — e.g. 26.12 18:00 — and I'll pass it to your mentor. Or press "No suggestion".
meeting-btn-no-proposal = No suggestion
meeting-proposal-sent = Passed to your mentor: { $when }.

meetings-none = No meetings yet. { $mentor ->
        [yes] Plan one: /newmeeting
       *[no] Your mentor will send an invitation.
    }
meetings-upcoming = Upcoming meetings:
meetings-past = Past meetings:
meetings-line = #{ NUMBER($id, useGrouping: 0) } · { $when } · { $kind } · { $with } · { $status }
meetings-line-mentor = #{ NUMBER($id, useGrouping: 0) } · { $when } · { $kind } · { $answers }
meetings-answer = { $name } — { $response ->
    [confirmed] coming
    [declined] not coming
   *[pending] no answer yet
}
meetings-answer-proposed = { $name } — not coming, suggests { $proposed }
meeting-status-planned = { $response ->
    [confirmed] confirmed
    [declined] you declined
   *[pending] awaiting an answer
}
meeting-status-held = took place
meeting-status-missed = did not take place
meeting-status-cancelled = cancelled
meeting-btn-move = Move #{ NUMBER($id, useGrouping: 0) }
meeting-btn-cancel = Cancel #{ NUMBER($id, useGrouping: 0) }
meeting-btn-yes = I'll come to #{ NUMBER($id, useGrouping: 0) }
meeting-btn-no = Can't come to #{ NUMBER($id, useGrouping: 0) }
meeting-move-day = Moving meeting #{ NUMBER($id, useGrouping: 0) }. Choose the new date or write it, e.g. 25.12:

feedback-ask = 📝 How was the meeting at { $when } ({ $kind })? Did it take place?
feedback-remind = 📝 A reminder about your feedback on the meeting at { $when } ({ $kind }). It takes a minute. Did it take place?
feedback-btn-yes = Yes
feedback-btn-no = No
feedback-btn-moved = It was moved
feedback-usefulness = How useful was the meeting, from 1 to 10?
feedback-comment = Anything to add? Write a comment or press "Skip".
feedback-done = What did you do at the meeting? Briefly, for the plan and the curator.
feedback-next-step = What is the next step?
feedback-btn-skip = Skip
feedback-thanks = Thank you! Your feedback is saved.
feedback-already = You have already answered this form — thank you!
feedback-not-yours = This form is not for you.
feedback-too-early = The meeting has not started yet — feedback can be left after it.
feedback-incomplete = First say whether the meeting took place.
feedback-too-long = Too long: at most { $limit } characters.
feedback-pending = { $count ->
    [0] All feedback is in — thank you!
    [one] { $count } meeting awaits your feedback:
   *[other] { $count } meetings await your feedback:
}

alert-low-rating = ⚠️ Low rating for a meeting of pair #{ NUMBER($pair, useGrouping: 0) } ({ $when }): { $name } gave { $rating } out of 10. Worth talking to the pair.
alert-missed-twice = ⚠️ Pair #{ NUMBER($pair, useGrouping: 0) } has had a second meeting in a row not take place ({ $when }). Worth finding out what is in the way.
