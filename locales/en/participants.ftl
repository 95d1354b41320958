## Participants registry (curator)

cmd-participants = Participants and their status
participants-ask-organisation = Whose registry should I open?
participants-title = { $count ->
    [0] No participants match.
    [one] { $count } participant:
   *[other] { $count } participants:
}
participants-legend = ✅ taking part · ⏳ waiting for own consent · 👪 waiting for a parent · 🚫 stopped
    📝 questionnaire done · ✏️ started · ▫️ not started
participants-filter-role-all = All
participants-filter-role-mentee = Mentees
participants-filter-role-mentor = Mentors
participants-filter-all = Any status
participants-filter-consent = No consent
participants-filter-questionnaire = Questionnaire unfinished
participants-card =
    { $name } · no. { NUMBER($id, useGrouping: 0) }
    Make a pair with "Propose a mentor" on a mentee's card, or with /propose mentor_number mentee_number
    Age: { $age } · { $category } · class / group: { $group }
    Role: { $roles }
    Status: { $status }
    Questionnaire: { $progress }
    
    Consents:
participants-consent-line = • { $kind } ({ $by }): { $state }
participants-consent-missing = not yet
progress-none = not started
progress-started = started, not finished
progress-done = complete
participants-remind = 🔔 Remind
participants-reminded = Reminder sent.
participants-remind-too-soon = This participant was already reminded in the last 24 hours.
participants-nothing-to-remind = There is nothing to remind about.
reminder-consent = 🔔 The curator of "{ $organisation }" reminds you: your consent to take part is still missing. Send me any message and we will continue.
reminder-guardian = 🔔 The curator of "{ $organisation }" reminds you: your parent has not given consent yet. Send me any message and I will give you a new link to forward to them.
reminder-questionnaire = 🔔 The curator of "{ $organisation }" reminds you: please fill in the questionnaire — /questionnaire
participants-questionnaire-title = {""}
    📝 Questionnaire "{ $title }" (version { $version }){ $done ->
        [yes] {""}
       *[no] {" "}— not finished
    }:
