## Pairs: matching, the curator's decisions

cmd-match = Suggest pairs
cmd-pending = Proposed pairs
cmd-approve = Approve a pair: /approve number
cmd-reject = Reject a pair: /reject number [reason]
cmd-pairs = All pairs and their status
cmd-propose = Make a pair by hand: /propose mentor mentee
cmd-endpair = End a pair early: /endpair number reason
cmd-completepair = A pair finished the programme: /completepair number
cmd-requests = Requests for another mentor
cmd-changementor = Ask for another mentor

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
pair-list = { $count ->
    [0] No pairs yet. To suggest some: /match
    [one] { $count } pair, { $live } active:
   *[other] { $count } pairs, { $live } active:
}
pair-card = #{ NUMBER($id, useGrouping: 0) } · { $mentor } — { $mentees }
    { $group ->
        [1] Form
       *[other] Group of { $group } mentees, form
    } { $form }, fit { $score } of 100 · { $status }
pair-group-member = { $name }:
pair-suggested-groups = { $count ->
    [one] { $count } of them is a group: one mentor with several mentees.
   *[other] { $count } of them are groups: one mentor with several mentees.
}
pair-ended-because = Ended because: { $reason }
pair-order-dated = Order no. { $number } of { $date }
pair-approved-waiting = Pair #{ NUMBER($id, useGrouping: 0) } approved and waiting for consents: it starts once every participant (or their parent) has consented. They will be told then, and so will you.
pair-approved-waiting-short = Pair #{ NUMBER($id, useGrouping: 0) } approved; waiting for consents.
pair-proposed = Pair #{ NUMBER($id, useGrouping: 0) } proposed. Approve it with the button or with /approve { NUMBER($id, useGrouping: 0) }.
pair-propose-usage = Give the mentor's number and the mentee's number: /propose 12 34. Participant numbers are in /participants.
pair-person-not-found = Participant #{ NUMBER($id, useGrouping: 0) } is not a mentor or mentee of your organisation. Numbers are in /participants.
pair-order-date-invalid = I cannot read the order date "{ $text }". Write it like 01.09.2026 (for example /approve 12 45-o from 01.09.2026). The pair was not approved.
pair-order-date-missing = "from" needs the order's date after it: /approve 12 45-o from 01.09.2026. The pair was not approved.
# The words that may stand before an order's date, comma-separated; every language's are accepted.
pair-order-date-words = from, of, dated
pair-order-date-without-number = An order date without a number: /approve 12 45-o from 01.09.2026. The pair was not approved.
pair-not-live = Pair #{ NUMBER($id, useGrouping: 0) } is not running: only an approved or active pair can be ended.
pair-end-usage = Give the pair's number and a reason: /endpair 12 the mentor moved away. Numbers are in /pairs.
pair-end-reason-needed = Write the reason after the pair's number: /endpair 12 the mentor moved away. The pair will see it.
pair-complete-usage = Give the pair's number: /completepair 12. Numbers are in /pairs.
pair-ended = Pair #{ NUMBER($id, useGrouping: 0) } ended early. Its members will be told; { $mentees ->
    [one] the mentee can be matched again.
   *[other] the mentees can be matched again.
}
pair-completed = Pair #{ NUMBER($id, useGrouping: 0) } marked as having finished the programme. Its members will be told.
pair-activated-curator = Pair #{ NUMBER($id, useGrouping: 0) } ({ $mentor } — { $mentees }) has started: every consent is in, and they have been told.
pair-why = Why they fit: { $reasons }
pair-concerns = Mind: { $reasons }
pair-rejected-because = Rejected because: { $reason }
pair-order = Order no. { $number }
pair-erased-person = (data erased)
pair-btn-approve = ✅ Approve
pair-btn-reject = ✖️ Reject
pair-approved = Pair #{ NUMBER($id, useGrouping: 0) } approved.
pair-rejected = Pair #{ NUMBER($id, useGrouping: 0) } rejected.
pair-approve-usage = Give the pair's number: /approve 12 (an order number and date may follow: /approve 12 45-o from 01.09.2026). Numbers are in /pending.
pair-reject-usage = Give the pair's number: /reject 12, optionally with a reason: /reject 12 timetables do not fit. Numbers are in /pending.

pair-status-proposed = proposed
pair-status-approved = approved, waiting for consents
pair-status-active = active
pair-status-completed = completed
pair-status-ended = ended
pair-status-rejected = rejected

pair-reason-shared_requests = the requests match the mentor's skills — { $items }
pair-reason-shared_subjects = subjects in common — { $items }
pair-reason-shared_interests = interests in common — { $items }
pair-reason-same_format = the same meeting format — { $format }
pair-reason-common_slots = free time in common — { $slots }
pair-reason-uncovered_requests = the mentor did not offer — { $items }
pair-reason-format_mismatch = meeting formats differ ({ $mentor } / { $mentee })
pair-reason-no_common_slots = no free time in common

pair-not-found = There is no pair #{ NUMBER($id, useGrouping: 0) }. Pair numbers are in /pending and /pairs.
pair-not-proposed = Pair #{ NUMBER($id, useGrouping: 0) } has already been decided.
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

## Told when a pair becomes active. Where a partner's contact is not shown, the curator is named, with a link to
## write to them (`curator-who`, shared by these texts and /mypair).
curator-who = { $curator_tg ->
    [none] the curator
   *[other] the curator, <a href="tg://user?id={ $curator_tg }">{ $curator }</a> (tap the name)
}
pair-told-mentor-contact = The curator approved your mentorship pair: your mentee is { $partner }. Write to them: <a href="tg://user?id={ $partner_tg }">{ $partner }</a>.
pair-told-mentor-curator = The curator approved your mentorship pair: your mentee is { $partner }. Their contact is not shared — to arrange the first meeting, write to { curator-who }.
pair-told-mentee-contact = The curator approved your mentorship pair: your mentor is { $partner }. Write to your mentor: <a href="tg://user?id={ $partner_tg }">{ $partner }</a>.
pair-told-mentee-curator = The curator approved your mentorship pair: your mentor is { $partner }. Their contact is not shared — to get in touch, write to { curator-who }.
pair-told-guardian-mentee-contact = { $child } now has a mentor: { $partner } (<a href="tg://user?id={ $partner_tg }">write</a>).
pair-told-guardian-mentee-curator = { $child } now has a mentor: { $partner }. To reach the mentor, write to { curator-who }.
pair-told-guardian-mentor-contact = { $child } is now a mentor for { $partner } (<a href="tg://user?id={ $partner_tg }">write</a>).
pair-told-guardian-mentor-curator = { $child } is now a mentor for { $partner }. To reach them, write to { curator-who }.

## Ending a pair: what each side is told
## Who ended the pair, with a link to write to them (`curator_tg` is "none" when no curator can be named).
pair-over-by-curator = { $curator_tg ->
    [none] the programme's curator
   *[other] the curator, <a href="tg://user?id={ $curator_tg }">{ $curator }</a>
}
pair-over-ask-curator = { $curator_tg ->
    [none] If you have questions, ask the programme's curator.
   *[other] If you have questions, tap the curator's name to write to them.
}
pair-over-completed = Mentorship pair #{ NUMBER($id, useGrouping: 0) } ({ $partner }) has finished: the programme is complete. Thank you for your work!
pair-over-ended = Mentorship pair #{ NUMBER($id, useGrouping: 0) } ({ $partner }) was ended by { pair-over-by-curator }. { pair-over-ask-curator }
pair-over-ended-reason = Mentorship pair #{ NUMBER($id, useGrouping: 0) } ({ $partner }) was ended by { pair-over-by-curator }. Reason: { $reason }
    { pair-over-ask-curator }
pair-over-request-granted = The curator did as you asked: pair #{ NUMBER($id, useGrouping: 0) } with your mentor { $partner } has ended. We will find you a new mentor.
pair-over-request-granted-waiting = The curator did as you asked: pair #{ NUMBER($id, useGrouping: 0) } is cancelled. We will find you a new mentor.
pair-over-guardian-child = { $child }'s mentorship pair ({ $partner })
pair-over-guardian-completed = { pair-over-guardian-child } has finished: the programme is complete.
pair-over-guardian-ended = { pair-over-guardian-child } was ended by { pair-over-by-curator }. { pair-over-ask-curator }
pair-over-guardian-ended-reason = { pair-over-guardian-child } was ended by { pair-over-by-curator }. Reason: { $reason }
    { pair-over-ask-curator }
pair-over-guardian-request-granted = At { $child }'s request the curator ended the pair with mentor { $partner }; a new mentor will be found.

## Asking for another mentor
pair-change-only-mentee = Only the mentee can ask for another mentor.
pair-change-no-pair = You have no approved pair with a mentor, so there is nobody to change yet.
pair-change-choose = Which pair is it about?
pair-change-choice = #{ NUMBER($id, useGrouping: 0) } · mentor { $mentor }
pair-change-choice-waiting = #{ NUMBER($id, useGrouping: 0) } · not started yet
pair-change-ask = Write briefly why you would like another mentor (up to { $limit } characters). Only the curator reads this — your mentor will not see your words.
pair-change-reason-empty = Please write the reason in words — a sentence is enough.
pair-change-reason-too-long = That is { $length } characters, and the limit is { $limit }. Please shorten it.
pair-change-already-open = You have already asked for another mentor in this pair, and the curator has not answered yet. You will be told when they decide.
pair-change-sent = Thank you, the curator has your request. You will get a message when they decide.
pair-change-curator = { $mentee } asks for another mentor (pair #{ NUMBER($pair, useGrouping: 0) }, request #{ NUMBER($id, useGrouping: 0) }). To see it and decide: "Change requests".
pair-change-kept = The curator has considered your request for another mentor and decided to keep pair #{ NUMBER($id, useGrouping: 0) } for now. They will get in touch to talk it over.
pair-change-list = { $count ->
    [0] No requests for another mentor.
    [one] { $count } request for another mentor:
   *[other] { $count } requests for another mentor:
}
pair-change-card = Request #{ NUMBER($id, useGrouping: 0) } of { $date }: { $mentee } asks for another mentor (pair #{ NUMBER($pair, useGrouping: 0) }).
pair-change-card-reason = Reason (only you see it): { $reason }
pair-change-btn-end = End the pair, match again
pair-change-btn-keep = Keep the pair
pair-change-ended = Request #{ NUMBER($id, useGrouping: 0) }: pair #{ NUMBER($pair, useGrouping: 0) } ended; the mentee can be matched again.
pair-change-kept-curator = Request #{ NUMBER($id, useGrouping: 0) }: pair #{ NUMBER($pair, useGrouping: 0) } stays. The mentee has been told.
pair-change-not-found = There is no request #{ NUMBER($id, useGrouping: 0) }.
pair-change-decided = Request #{ NUMBER($id, useGrouping: 0) } has already been decided.
