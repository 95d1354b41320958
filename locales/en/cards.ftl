## The curator's cards: /pairs, /pending, /match, /requests, and "propose a mentor" in /participants

curation-ask-organisation = Which organisation?
pair-number = #{ NUMBER($id, useGrouping: 0) }
pair-list-hint = Tap a pair to open its card with its actions.
pair-btn-end = ⏹ End early
pair-btn-complete = 🎓 Programme finished

decision-ask-order = Approving pair #{ NUMBER($id, useGrouping: 0) }. Write the order's number and date, for example: 45-o from 01.09.2026 (the number up to { $order_limit } characters). If there is no order, tap "Approve without an order".
decision-btn-no-order = Approve without an order
decision-ask-reject = Rejecting pair #{ NUMBER($id, useGrouping: 0) }: matching will not suggest these two together again. Write a reason (up to { $limit } characters) — only you will see it — or tap "Reject without a reason".
decision-btn-no-reason = Reject without a reason
decision-ask-end = Ending pair #{ NUMBER($id, useGrouping: 0) } early. Write the reason (up to { $limit } characters): the pair's members and the parents of minors will see it.
decision-ask-complete = Mark pair #{ NUMBER($id, useGrouping: 0) } as having finished the programme? Its members will be told and the pair will stop running.
decision-btn-complete = Yes, programme finished
decision-typed-empty = Please write it in words, or use the buttons below.

match-position = Proposal { $number } of { $total }:
match-proposal-gone = Proposal #{ NUMBER($id, useGrouping: 0) } is gone: a newer matching run replaced it. Run /match again.
match-btn-skip = ⏭ Skip
match-btn-unmatched = Who is left without a mentor
match-btn-proposals = ← Back to the proposals
match-nothing-else = No other proposal is waiting for a decision.
match-unmatched-count = { $unmatched ->
    [one] { $unmatched } mentee is left without a mentor — the button below shows why.
   *[other] { $unmatched } mentees are left without a mentor — the button below shows why.
}
match-unmatched-title = { $count ->
    [0] Every mentee got a proposal or already has a pair.
    [one] { $count } mentee is left without a mentor:
   *[other] { $count } mentees are left without a mentor:
}
match-unmatched-line = • { $name } — { $reasons }
match-unmatched-no_mentors = the organisation has no mentors with consents yet
match-unmatched-mentors_taken = { $mentors ->
    [one] { $mentors } mentor fits, but their place went to another mentee
   *[other] { $mentors } mentors fit, but their places went to other mentees
}
match-excluded-same_person = { $mentors ->
    [one] { $mentors } mentor is the mentee themselves
   *[other] { $mentors } mentors are the mentee themselves
}
match-excluded-wrong_role = { $mentors ->
    [one] { $mentors } mentor is not in the right role
   *[other] { $mentors } mentors are not in the right role
}
match-excluded-no_form = { $mentors ->
    [one] no form of mentoring fits the categories with { $mentors } mentor
   *[other] no form of mentoring fits the categories with { $mentors } mentors
}
match-excluded-form_disabled = { $mentors ->
    [one] { $mentors } mentor would make a form the organisation has not enabled
   *[other] { $mentors } mentors would make a form the organisation has not enabled
}
match-excluded-invitation_form = { $mentors ->
    [one] { $mentors } mentor (or the mentee) was invited for another form
   *[other] { $mentors } mentors (or the mentee) were invited for another form
}
match-excluded-mentor_age = { $mentors ->
    [one] { $mentors } pupil mentor is not 15 to 19
   *[other] { $mentors } pupil mentors are not 15 to 19
}
match-excluded-age_unknown = { $mentors ->
    [one] with { $mentors } pupil mentor someone's age is unknown
   *[other] with { $mentors } pupil mentors someone's age is unknown
}
match-excluded-age_gap = { $mentors ->
    [one] { $mentors } pupil mentor is not old enough compared with the mentee
   *[other] { $mentors } pupil mentors are not old enough compared with the mentee
}
match-excluded-no_capacity = { $mentors ->
    [one] { $mentors } mentor has no free places
   *[other] { $mentors } mentors have no free places
}
match-excluded-other_organisation = { $mentors ->
    [one] { $mentors } mentor is from another organisation
   *[other] { $mentors } mentors are from another organisation
}
match-excluded-already_paired = { $mentors ->
    [one] already paired in the form { $mentors } mentor would give
   *[other] already paired in the form { $mentors } mentors would give
}
match-excluded-turned_down = { $mentors ->
    [one] { $mentors } mentor you already rejected for them (or whose pair with them ended)
   *[other] { $mentors } mentors you already rejected for them (or whose pairs with them ended)
}

pair-change-item-pair = pair #{ NUMBER($pair, useGrouping: 0) }
pair-change-btn-end-reason = End the pair with your own reason

participants-propose-mentor = 🤝 Propose a mentor
participants-mentors-title = Mentee: { $name }.
    { $count ->
        [0] No mentor fits now: they have no places, the form or the age does not fit, or questionnaires are unfinished.
       *[other] Mentors who fit, best first. Tap a mentor to propose the pair (you approve it next).
    }
participants-mentor-line = { $number }. { $name } — fit { $score } of 100, free places: { $free }
