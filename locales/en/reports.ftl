## Figures and reports: /counts, /stats, /export

cmd-counts = Headcounts for the indicators: /counts key number
cmd-stats = Indicators and a chart
cmd-export = Export to Excel (XLSX)

## Indicators (definitions from the seed roadmaps)

kpi-mentees_10_19 = Share of learners aged 10–19 who are mentees
kpi-mentees_10_19-def = Children and young people aged 10–19 who joined the programme as mentees (consents in place), divided by all learners aged 10–19 of the organisation. Age on 1 January of the academic year.
kpi-mentees_10_19-short = Mentees aged 10–19
kpi-mentors_15_19 = Share of learners aged 15–19 who are mentors
kpi-mentors_15_19-def = Children and young people aged 15–19 who joined the programme as mentors, divided by all learners aged 15–19 of the organisation.
kpi-mentors_15_19-short = Mentors aged 15–19
kpi-teachers = Share of teachers (young specialists included) who are mentees
kpi-teachers-def = Teachers, young specialists included, who joined the programme as mentees, divided by all teachers of the organisation.
kpi-teachers-short = Teachers as mentees
kpi-pupils_involved = Share of learners involved in mentorship
kpi-pupils_involved-def = Learners (pupils and students) in any role, mentor or mentee, each counted once, divided by all learners of the organisation.
kpi-pupils_involved-short = Learners involved
kpi-sat_mentees = Mentees' satisfaction
kpi-sat_mentees-def = Mentees' survey responses in the period whose overall score is at least the threshold (7 of 10), among all responses with an overall score.
kpi-sat_mentees-short = Mentees' satisfaction
kpi-sat_mentors = Mentors' satisfaction
kpi-sat_mentors-def = Mentors' survey responses in the period whose overall score is at least the threshold (7 of 10), among all responses with an overall score.
kpi-sat_mentors-short = Mentors' satisfaction
kpi-response_mentees = Survey response rate (mentees)
kpi-response_mentees-def = Mentees who answered, divided by the mentees the period's surveys asked.
kpi-response_mentees-short = Mentees who answered
kpi-response_mentors = Survey response rate (mentors)
kpi-response_mentors-def = Mentors who answered, divided by the mentors the period's surveys asked.
kpi-response_mentors-short = Mentors who answered
kpi-consents = Consents collected
kpi-consents-def = Mentor and mentee participations with every required consent (their own or a parent's), divided by all participations.
kpi-consents-short = Consents
kpi-plans = Individual plans implemented
kpi-plans-def = Goals done in the individual plans, divided by all plan goals of the pairs that worked in the period.
kpi-plans-short = Individual plans
kpi-meetings_per_pair = Meetings per pair
kpi-meetings_per_pair-def = Meetings held in the period, divided by the pairs that worked in the period.
kpi-meetings_per_pair-short = Meetings per pair
kpi-pairs_no_meetings = Pairs without meetings
kpi-pairs_no_meetings-def = Pairs that worked in the period without a single meeting held in it.
kpi-pairs_no_meetings-short = Pairs without meetings

## /stats

stats-usage = Like this: /stats [academic year] [form], e.g. /stats 2026/27 or /stats 2026/27-1 pp. Half-years: -1 is September–December, -2 January–June. Forms: pp, tt, sp, ep, es, ss. The same for /export.
stats-heading = <b>📊 { $scope }</b>
    { $period } · { $form }
stats-heading-plain = { $scope } · { $period } · { $form }
stats-heading-municipality = <b>📊 { $name }: { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}</b>
    { $period } · { $form }
stats-heading-municipality-plain = { $name } ({ $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}) · { $period } · { $form }
stats-all-forms = all forms of mentorship
period-year = academic year { $year }
period-half-1 = { $year }, September–December
period-half-2 = { $year }, January–June
stats-value-percent = { NUMBER($value, maximumFractionDigits: 1) } %
stats-value-ratio = { NUMBER($value, maximumFractionDigits: 1) }
stats-value-count = { $value }
stats-target-at_least = target at least { $value }
stats-target-at_most = target at most { $value }
stats-no-target = no target
stats-of = , { $numerator } of { $denominator }
stats-line = { $mark } { $title }: <b>{ $value }</b> ({ $target }{ $detail })
stats-line-missing = ❔ { $title }: cannot be computed — the headcount <code>{ $code }</code> is not entered
stats-line-no-data = ▫️ { $title }: no data yet
stats-missing = To compute the shares, enter the headcounts: { $keys }. How — /counts
stats-per-organisation = <b>By organisation</b>
stats-organisation-line = • { $name }: { $met } of { $total ->
    [one] { $total } target
   *[other] { $total } targets
} met
stats-organisation-missing = { "   " }↳ headcounts not entered: { $keys }
stats-threshold = Satisfied means an overall score of at least { $threshold } out of 10. Period and form: /stats 2026/27-1 pp
stats-chart-caption = Coverage against targets, satisfaction by survey, meetings by month.

chart-coverage = Coverage and targets, %
chart-target = target
chart-satisfaction = Satisfaction by survey, %
chart-sat-mentee = mentees
chart-sat-mentor = mentors
chart-meetings = Meetings held per month
chart-no-data = no surveys in the period
chart-no-meetings = no data: no meetings held in the period
chart-value = value
chart-no-denominator = no denominator: enter the headcount with /counts
chart-nothing-to-count = { $indicator ->
    [plans] no data: no plan goals yet
    [consents] no data: no participants yet
   *[other] no data
}

## /export

export-preparing = Preparing the workbook… In a large organisation this may take up to a minute.
export-caption-personal = This export holds participants' personal data: keep it as a personal-data document and do not forward it.
export-caption-counts = Summary of the municipality's organisations: counts only, no personal data.

## /counts

counts-title = <b>Headcounts for the indicators: { $organisation }, academic year { $year }</b>
counts-line = • <code>{ $code }</code> — { $label }: <b>{ $value }</b>
counts-line-missing = • <code>{ $code }</code> — { $label }: ❔ not entered
counts-key-pupils = all learners of the organisation
counts-key-pupils_10_19 = learners aged 10–19
counts-key-pupils_15_19 = learners aged 15–19
counts-key-teachers = teachers, young specialists included
counts-targets = Targets for this year:
counts-target-line = • <code>{ $code }</code> — { $title }: { $value } %
counts-missing = Missing: { $keys }. The shares cannot be computed without them.
counts-complete = Everything is entered ✅
counts-usage = Enter or correct: <code>/counts pupils_10_19 420</code>. Another year: <code>/counts 2025/26 pupils 500</code>. A target for the year: <code>/counts target sat_mentees 85</code>. Remove: <code>/counts pupils -</code>. Headcounts for the statistical form are due by 30 December.
counts-saved = Saved ✅
counts-which-organisation = You curate several organisations. Say which one, e.g. <code>/counts { $ids } pupils 420</code>.
counts-unknown-key = There is no such headcount. You can enter: { $known }.
counts-unknown-target = Targets can be set for: { $known }.
counts-bad-number = A whole number from 0 to { $max } is needed, e.g. 420.
counts-bad-target = A target is a whole number of percent from 0 to 100, e.g. 85.

## Workbook

xl-sheet-participants = Participants
xl-sheet-pairs = Pairs
xl-sheet-meetings = Meetings
xl-sheet-feedback = Feedback
xl-sheet-surveys = Surveys
xl-sheet-consents = Consents
xl-sheet-plans = Plans
xl-sheet-kpi = KPI
xl-total = Total
xl-yes = yes
xl-no = no
xl-erased = (data erased)
xl-met-yes = met
xl-met-no = not met
xl-kpi-number = No.
xl-kpi-name = Indicator
xl-kpi-definition = How it is computed
xl-kpi-target = Target
xl-kpi-value = Value
xl-kpi-numerator = Numerator
xl-kpi-denominator = Denominator
xl-kpi-met = Met
xl-kpi-no-denominator = no headcount
xl-col-person-id = Participant no.
xl-col-name = Full name
xl-col-birth-date = Date of birth
xl-col-category = Category
xl-col-group = Class / group
xl-col-role = Role
xl-col-form = Form of mentorship
xl-col-participation = Consents
xl-col-registered = Registered
xl-col-pair = Pair no.
xl-col-mentor = Mentor
xl-col-mentees = Mentees
xl-col-status = Status
xl-col-decided = Curator's decision
xl-col-activated = Started
xl-col-ended = Ended
xl-col-order = Order no.
xl-col-meetings-held = Meetings held
xl-col-meeting = Meeting no.
xl-col-kind = Kind of meeting
xl-col-starts = Date and time
xl-col-minutes = Minutes
xl-col-online = Online
xl-col-logged = Logged afterwards
xl-col-person = Participant
xl-col-took-place = Took place
xl-col-usefulness = Usefulness (1–10)
xl-col-comment = Comment
xl-col-done = What was done
xl-col-next-step = Next step
xl-col-campaign = Survey no.
xl-col-opened = Survey opened
xl-col-question = Question
xl-col-answer = Answer
xl-col-answered = Answered at
xl-col-consent = Consent
xl-col-given-by = Given by
xl-col-version = Text version
xl-col-withdrawn = Withdrawn
xl-col-goal = Goal
xl-col-due = Due
xl-col-updated = Updated
xl-col-organisation = Organisation
xl-col-mentors = Mentors
xl-col-feedback-count = Feedback forms
xl-col-rated-count = With a rating
xl-col-usefulness-avg = Average usefulness
xl-col-campaigns = Surveys
xl-col-invited = Invited
xl-col-answered-count = Answered
xl-col-satisfied = Satisfied (score ≥ 7)
xl-col-goals = Plan goals
xl-participation-pending = waiting for their own consent
xl-participation-guardian = waiting for a parent's consent
xl-participation-active = consents in place
xl-participation-declined = declined or withdrawn
xl-meeting-kind-intro = introductory meeting
xl-meeting-kind-trial = trial meeting
xl-meeting-kind-planning = planning meeting
xl-meeting-kind-work = working meeting
xl-meeting-kind-final = final meeting
xl-meeting-kind-group = group meeting
xl-meeting-status-held = held
xl-meeting-status-missed = missed
xl-meeting-status-cancelled = cancelled
xl-meeting-status-planned = planned
xl-took-yes = yes
xl-took-no = no
xl-took-moved = moved
xl-consent-pd = personal-data processing
xl-consent-agreement = participation agreement
xl-consent-contacts = contact shown to the partner
xl-given-self = the participant
xl-given-guardian = a parent (legal guardian)
xl-consent-status-granted = granted
xl-consent-status-declined = declined
xl-consent-status-withdrawn = withdrawn
xl-goal-not_started = not started
xl-goal-in_progress = in progress
xl-goal-done = done
