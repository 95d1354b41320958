## Pairs: matching, the curator's decisions

cmd-match = Suggest pairs
cmd-pending = Proposed pairs
cmd-approve = Approve a pair: /approve number
cmd-reject = Reject a pair: /reject number [reason]
cmd-pairs = All pairs and their status

pair-suggested = { $count ->
    [0] No suitable pairs: check that mentors and mentees have filled in their questionnaires and given consent.
    [one] I suggest { $count } pair. Approve or reject it:
   *[other] I suggest { $count } pairs. Approve or reject each:
}
pair-pending = { $count ->
    [0] No proposed pairs. To suggest some: /match
    [one] { $count } pair is waiting for your decision:
   *[other] { $count } pairs are waiting for your decision:
}
pair-more = { $count ->
    [one] …and { $count } more pair: approve it with /approve number.
   *[other] …and { $count } more pairs: approve them with /approve number.
}
pair-list = { $count ->
    [0] No pairs yet. To suggest some: /match
    [one] { $count } pair, { $live } active:
   *[other] { $count } pairs, { $live } active:
}
pair-card = #{ $id } · { $mentor } — { $mentees }
    Form { $form }, fit { $score } of 100 · { $status }
pair-why = Why: { $reasons }
pair-concerns = Mind: { $reasons }
pair-rejected-because = Rejected because: { $reason }
pair-order = Order no. { $number }
pair-erased-person = (data erased)
pair-btn-approve = ✅ Approve
pair-btn-reject = ✖️ Reject
pair-approved = Pair #{ $id } approved.
pair-rejected = Pair #{ $id } rejected.
pair-approve-usage = Give the pair's number: /approve 12 (an order number may follow: /approve 12 45-o). Numbers are in /pending.
pair-reject-usage = Give the pair's number: /reject 12, optionally with a reason: /reject 12 timetables do not fit. Numbers are in /pending.

pair-status-proposed = proposed
pair-status-approved = approved, waiting for consents
pair-status-active = active
pair-status-completed = completed
pair-status-ended = ended
pair-status-rejected = rejected

pair-reason-shared_requests = both: { $items }
pair-reason-shared_subjects = subjects: { $items }
pair-reason-shared_interests = shared interests: { $items }
pair-reason-same_format = format: { $format }
pair-reason-common_slots = both free: { $slots }
pair-reason-uncovered_requests = the mentor did not offer: { $items }
pair-reason-format_mismatch = meeting formats differ ({ $mentor } / { $mentee })
pair-reason-no_common_slots = no free time in common

pair-not-found = There is no pair #{ $id }. Pair numbers are in /pending and /pairs.
pair-not-proposed = Pair #{ $id } has already been decided.
pair-not-candidate = The { $side ->
    [mentor] mentor
   *[mentee] mentee
} cannot be matched now: no active participation with consents.
pair-mentee-taken = This mentee already has an approved pair in this form: it was approved just now.
pair-reason-too-long = The reason is too long: at most { $limit } characters.
pair-order-too-long = The order number is too long: at most { $limit } characters.

pair-violation-same_person = A person cannot be their own mentor.
pair-violation-wrong_role = { $side ->
    [mentor] This participant is not a mentor.
   *[mentee] This participant is not a mentee.
}
pair-violation-no_form = No form of mentorship fits these categories of mentor and mentee.
pair-violation-form_disabled = This form of mentorship is not enabled in the organisation.
pair-violation-invitation_form = The { $side ->
    [mentor] mentor
   *[mentee] mentee
} was invited for another form of mentorship.
pair-violation-mentor_age = A pupil mentor must be { $low } to { $high } years old, and this one is { $age }.
pair-violation-age_unknown = The { $side ->
    [mentor] mentor's
   *[mentee] mentee's
} age is unknown, and a pupil mentor needs it.
pair-violation-age_gap = A pupil mentor must be at least { $min_gap } year(s) older than the mentee ({ $mentor_age } and { $mentee_age } now).
pair-violation-no_capacity = The mentor has no free places: { $load } of { $capacity }.
pair-violation-other_organisation = The mentor is from another organisation.
pair-violation-already_paired = The mentee already has a pair in this form of mentorship.

## Told when a pair becomes active
pair-told-mentor-contact = The curator approved your mentorship pair: your mentee is { $partner }. Write to them: <a href="tg://user?id={ $partner_tg }">{ $partner }</a>.
pair-told-mentor-curator = The curator approved your mentorship pair: your mentee is { $partner }. Their contact is not shared — the curator will help you arrange the first meeting.
pair-told-mentee-contact = The curator approved your mentorship pair: your mentor is { $partner }. Write to your mentor: <a href="tg://user?id={ $partner_tg }">{ $partner }</a>.
pair-told-mentee-curator = The curator approved your mentorship pair: your mentor is { $partner }. Their contact is not shared — the curator will help you get in touch.
pair-told-guardian-mentee-contact = { $child } now has a mentor: { $partner } (<a href="tg://user?id={ $partner_tg }">write</a>).
pair-told-guardian-mentee-curator = { $child } now has a mentor: { $partner }. You can reach the mentor through the curator.
pair-told-guardian-mentor-contact = { $child } is now a mentor for { $partner } (<a href="tg://user?id={ $partner_tg }">write</a>).
pair-told-guardian-mentor-curator = { $child } is now a mentor for { $partner }. You can reach them through the curator.
