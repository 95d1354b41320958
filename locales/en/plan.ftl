## The individual plan (/plan), my pair (/mypair), and the curator's "no meeting" alert

cmd-plan = The pair's individual plan
cmd-mypair = My mentorship pair

plan-usage = Open a plan with /plan or, for a curator, /plan pair_number (for example, /plan 12).
plan-no-pairs = You have no mentorship pair yet, so there is no plan. It will appear here once the curator approves your pair.
plan-no-pairs-curator = Your organisations have no active pairs yet. A particular pair's plan: /plan pair_number.
plan-pair-not-found = There is no pair No. { $id }.
plan-not-yours = This plan is not available to you: the mentor, the mentees, their parents and the curator see it.
plan-read-only = The mentor keeps the plan — you can read it but not change it.
plan-pair-closed = The pair is no longer active, so its plan no longer changes.
plan-goal-not-found = This pair's plan has no such goal — perhaps it was deleted.
plan-too-many-goals = The plan already has { $limit } goals, the maximum. Merge some or delete finished ones.

plan-choose-pair = Choose the pair whose plan to open:
plan-pair-label = No. { $id } · { $mentor } → { $mentees }
plan-title = 📋 <b>Individual plan</b> of pair No. { $id }
plan-empty-editor = No goals yet. Add the first one — for example, what you agreed on at the planning meeting.
plan-empty-viewer = The mentor has not added goals yet.
plan-goal-line = { $number }. { $mark } { $title }
plan-goal-line-due = { $number }. { $mark } { $title } — by { $due }
plan-completion = Done { $done } of { $total } — { $percent } %
plan-read-only-note = <i>The mentor keeps this plan.</i>
plan-add = ➕ Add a goal
plan-other-pair = 👥 Another pair

plan-status-not_started = not started
plan-status-in_progress = in progress
plan-status-done = done
plan-status-set-not_started = The goal is "not started" again.
plan-status-set-in_progress = The goal is in progress.
plan-status-set-done = 🎉 Goal done! The mentees will get a message.
plan-status-unchanged = The goal already has this status.

plan-goal-card = <b>{ $title }</b>
    Status: { $status }
    Due: { $due ->
        [none] no due date
       *[other] { $due }
    }
plan-goal-overdue = ⚠️ The due date has passed and the goal is not done yet.
plan-edit-title = ✏️ Title
plan-edit-due = 📅 Due date
plan-move-up = ⬆️
plan-move-down = ⬇️
plan-delete = 🗑 Delete
plan-delete-confirm = Delete this goal from the plan? This cannot be undone.
plan-delete-yes = 🗑 Yes, delete
plan-goal-deleted = Goal deleted.
plan-goal-added = ✅ Goal added to the plan.

plan-ask-title = Write the goal in one sentence (up to { $limit } characters). For example: "Prepare a project for the school conference".
plan-ask-new-title = Now: "{ $title }". Write the new title (up to { $limit } characters).
plan-ask-due = Goal: "{ $title }". By what date? Write it as 15.12 or 15.12.2026 — or press "No due date".
plan-ask-new-due = Goal: "{ $title }". Write the new due date (15.12 or 15.12.2026) or press "No due date".
plan-no-due = No due date
plan-title-empty = A goal's title cannot be empty.
plan-title-too-long = Too long: { $length } characters, and the limit is { $limit }. Please put it more briefly.
plan-due-invalid = I did not understand the date. Write, for example, 15.12 or 15.12.2026.
plan-due-past = This date has passed. Give today's date or a later one.
plan-due-too-far = Too far ahead: a plan covers at most two years; the latest possible date is { $latest }.

plan-goal-done-mentee = 🎉 Your mentor { $mentor } marked the goal "{ $title }" as done.

mypair-none = You have no active mentorship pair yet. You will get a message when the curator approves one.
mypair-title = 🤝 <b>Pair No. { $id }</b>, form { $form }
mypair-child = Child: { $child }
mypair-partner-contact = { $role ->
    [mentor] Mentor
   *[mentee] Mentee
}: <a href="tg://user?id={ $tg }">{ $name }</a> — you can write directly
mypair-partner-curator = { $role ->
    [mentor] Mentor
   *[mentee] Mentee
}: { $name } — reach them through the curator
mypair-curator = Programme curator: <a href="tg://user?id={ $curator_tg }">{ $curator }</a> — tap the name to write
mypair-status = Status: { $status }
mypair-status-since = Status: { $status } since { $since }
mypair-next-meeting = Next meeting: { $at }{ $kind ->
    [intro] , introductory meeting
    [trial] , trial meeting
    [planning] , planning meeting
    [work] , working meeting
    [final] , final meeting
    [group] , group meeting
   *[other] {""}
}{ $online ->
    [yes] , online
   *[no] {""}
}
mypair-no-meeting = No meetings planned.
mypair-plan = Plan: { $share }
mypair-plan-empty = The plan is empty so far — /plan

pair-no-meeting-curator = ⏰ Pair No. { $pair } ({ $mentor } → { $mentees }) has not met for { $days ->
    [one] { $days } day
   *[other] { $days } days
}: { $met ->
    [yes] the last meeting was on { $last }.
   *[no] no meetings yet; the pair has been active since { $last }.
} Please check that all is well.
