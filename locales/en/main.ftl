## Common errors and answers

error-generic = Something went wrong. Please try again.
error-not-allowed = You are not allowed to do that.
error-not-found = Not found — it may have been removed already.
error-invalid-input = That won't work. Please choose one of the options.
error-stale-dialog = This menu is out of date. Open it again: /menu
error-stale-button = This button no longer works. Open the menu: /menu
error-try-again = We could not save that — a temporary problem on our side. Nothing you entered is lost; please try again in a minute.

input-text-expected = Please type your answer as text.
input-too-long = That message is too long. Please make it shorter.
input-use-buttons = Please choose an option with the buttons under the message.

command-not-allowed = This command is not available to you. See /help for what you can do.
command-unknown = There is no such command. See /help for the list.
fallback-not-understood = I did not understand that. Everything you can do is in the menu (the button below); help: /help.

## Buttons

btn-continue = Continue →
btn-back = ← Back
btn-confirm = ✅ All correct
btn-start-over = ✏️ Start over
btn-cancel = ✖️ Cancel
btn-create = ✅ Create
btn-done = Done
btn-close = Close
btn-create-link = 🔗 Create link
btn-revoke = 🚫 Revoke link

## Roles, categories, forms

role-curator = curator
role-coordinator = coordinator
role-mentor = mentor
role-mentee = mentee
role-guardian = parent (legal guardian)

category-pupil = School pupil
category-student = Student
category-teacher = Teacher
category-young = Young specialist
category-graduate = Graduate
category-employer = Employer's staff
category-parent = Parent
category-staff = Organisation staff

form-pp = "pupil – pupil"
form-tt = "teacher – teacher"
form-sp = "student – pupil"
form-ep = "employer – pupil"
form-es = "employer – student"
form-ss = "student – student"

org-kind-school = School
org-kind-college = College
org-kind-extra = Centre of additional education
org-kind-other = Other organisation

tz-europe-kaliningrad = Kaliningrad
tz-europe-moscow = Moscow
tz-europe-samara = Samara
tz-asia-yekaterinburg = Yekaterinburg
tz-asia-omsk = Omsk
tz-asia-novosibirsk = Novosibirsk
tz-asia-krasnoyarsk = Krasnoyarsk
tz-asia-irkutsk = Irkutsk
tz-asia-yakutsk = Yakutsk
tz-asia-vladivostok = Vladivostok
tz-asia-magadan = Magadan
tz-asia-kamchatka = Kamchatka

## Commands

cmd-start = Start
cmd-menu = Menu
cmd-help = Help
cmd-profile = My data
cmd-language = Language
cmd-cancel = Cancel the current action
cmd-invite = Invite participants
cmd-neworg = New organisation
cmd-orgs = Organisations

## Start

start-anonymous =
    Hello! I am the bot of your school's or college's mentorship programme.
    
    Mentors and mentees fill in questionnaires here, arrange meetings and leave feedback, and the curator sees how the programme is going.
    
    To join, you need an invitation link (or QR code) from the programme's curator in your organisation. Ask your class teacher or the curator for one.
start-registered = Welcome back, { $name }!
start-superadmin =
    Hello! You are an administrator of this bot.
    
    /neworg — create an organisation
    /orgs — list organisations
    /invite — invite a curator or a coordinator

## Invitations

invite-invalid = This invitation link does not work.
invite-unknown = There is no such invitation link. Check that you copied all of it.
invite-revoked = The curator has revoked this invitation link.
invite-expired = This invitation link has expired.
invite-used-up = The maximum number of people have already joined with this link.
invite-used-once = This is a personal single-use link, and it has already been used. Ask whoever sent it to make a new one for you.
invite-how-to-get = Ask the programme's curator for a new link.
invite-not-allowed = You cannot invite into this organisation with that role.
invite-form-not-enabled = This form of mentorship is not enabled in the organisation.
invite-ask-organisation = Which organisation is the invitation for?
invite-no-organisations = There are no organisations you can invite into yet.
invite-ask-role = Whom do you want to invite?
invite-ask-form = Form of mentorship for the link ({ $role }):
invite-form-any = Any form
invite-ask-options = How long should the link work, and how many people may join with it?
invite-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
invite-uses = { $uses ->
    [one] { $uses } person
   *[other] { $uses } people
}
invite-created =
    🔗 Your invitation link is ready:
    { $link }
    
    Forward it or print the QR code. Keep the link: I cannot show it again, only make a new one.
invite-line = { $role } · { $form } · { $organisation }
    Used: { $uses } of { $max_uses } · valid until { $expires }
invite-next = What next?
invite-another = ➕ Another link
invite-list-button = 📋 My active links
invite-list-title = Active invitation links. Tap a link to revoke it.
invite-list-empty = There are no active links.
invite-gone = This link is no longer active.
invite-revoked-ok = Link revoked.

## Registration

reg-welcome = { $role_code ->
    [coordinator] Hello! You are invited to coordinate the mentorship programmes of the municipality "{ $organisation }": you will see the figures of its organisations.
   *[other] Hello! You are invited to the mentorship programme of "{ $organisation }" as a { $role }.
}
reg-welcome-form = Form of mentorship: { $form }.
reg-privacy-short =
    I will ask only what is needed: your name, date of birth and who you are (pupil, student, teacher…). { $role_code ->
        [coordinator] This is only for signing in: the figures you will see hold nobody's names.
        [curator] The programme's administrators and the other curators of your organisation will see this.
       *[other] The programme's curator will see this; your mentor or mentee sees only your name.
    }
    
    Choose your language and press "Continue".
reg-ask-name = What is your name? Please write your first and last name.
reg-ask-birth-date = Your date of birth as DD.MM.YYYY, for example 07.03.2011.
reg-ask-category = Who are you?
reg-ask-group = Which class or group are you in? For example: 7B or IS-21.
reg-summary =
    Please check:
    
    Name: { $full_name }
    Date of birth: { $birth_date }
    Who you are: { $category }
reg-summary-group = Class / group: { $group_name }
reg-summary-question = { $role_code ->
    [coordinator] Municipality: "{ $organisation }", role: { $role }.
   *[other] Organisation: "{ $organisation }", role: { $role }.
}
reg-done = { $role_code ->
    [coordinator] Done, { $name }! You coordinate the mentorship programmes of the municipality "{ $organisation }".
   *[other] Done, { $name }! You are in the programme of "{ $organisation }" as a { $role }.
}
reg-already-registered = You are already registered. Open the menu: /menu
reg-name-empty = The name cannot be empty. Please write your first and last name.
reg-name-too-long = Too long: { $max } characters at most.
reg-name-bad-chars = The text has non-printable characters. Please use ordinary letters.
reg-name-no-letters = A name needs letters. Please write your first and last name.
reg-dob-format = I could not read that date. Please write it as DD.MM.YYYY, for example 07.03.2011.
reg-dob-future = That date has not come yet. Please check the year.
reg-dob-range = Please check the date: a participant must be { $min } to { $max } years old.
reg-category-age = For this role a participant must be { $low } to { $high } years old, and the date of birth gives { $age }. Check the date or choose another option.
reg-group-empty = Please write your class or group.
reg-group-too-long = Too long: { $max } characters at most.

join-done = Done! You are now also a { $role } in "{ $organisation }".
join-already-member = You already have this role in this organisation.
join-category-mismatch = This role is not available for your participant category. Please ask the curator.

next-steps-mentee = Next comes the questionnaire the curator uses to find your pair.
next-steps-mentor = Next comes the mentor questionnaire the curator uses to find your pair.
next-steps-curator = You can now invite mentors and mentees.
next-steps-coordinator = You will see the figures of your municipality's organisations.
next-steps-guardian = All set.

## New organisation

org-ask-name = What is the organisation called? For example: School No. 5.
org-name-empty = Please write the organisation's name.
org-name-too-long = The name is too long: { $max } characters at most.
org-ask-kind = Kind of organisation:
org-ask-municipality = Municipality (town or district)? Please write its name.
org-ask-municipality-pick = Or pick one we already know:
org-municipality-empty = Please write the municipality's name.
org-municipality-too-long = Too long: { $max } characters at most.
org-ask-timezone = The organisation's timezone (used for meeting reminders and quiet hours):
org-timezone-unknown = Unknown timezone.
org-ask-forms = Which forms of mentorship does the organisation run? Tick them and press "Continue".
org-forms-empty = Tick at least one form of mentorship.
org-summary =
    New organisation:
    
    Name: { $name }
    Kind: { $kind }
    Municipality: { $municipality }
    Timezone: { $timezone }
    Forms: { $forms }
org-created = Organisation "{ $name }" created (No. { $id }). Now invite its curator.

orgs-empty = There are no organisations yet. Create the first one: /neworg
orgs-title = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}:
orgs-line = No. { $id } · { $name }
    { $kind }, { $municipality }, { $timezone }
    Curators: { $curators } · mentors: { $mentors } · mentees: { $mentees }

## Help, menu, profile, language

help-title = What I can do:
help-not-registered = To take part, open the invitation link from your curator.
help-footer = If anything is unclear, write to the programme's curator in your organisation.

menu-title = Menu
menu-status = { $status ->
    [held] First the consents: "What's next" shows what is left.
    [no-pair] No pair yet: the curator will match one using the questionnaire and send a message.
   *[not-registered] You are not in the programme yet: you need an invitation link from the curator.
}
menu-neworg = 🏫 New organisation
menu-orgs = 📋 Organisations
menu-invite = 🔗 Invite
menu-invitations = 📎 My links
menu-profile = 👤 My data
menu-language = 🌐 Language
menu-help = ❓ Help

profile-not-registered = You are not registered yet: open the invitation link from your curator.
profile-superadmin-only = You are an administrator of the bot; no personal data is kept about you.
profile-card =
    My data:
    
    Name: { $name }
    Date of birth: { $birth_date }
    Who you are: { $category }
    Class / group: { $group }
    Language: { $language }
    
    Roles:
profile-role-line = • { $role } — { $where }
profile-superadmin = • bot administrator

language-ask = Выберите язык / Choose your language:
language-set = Done, I will speak English now.

cancel-done = Cancelled.
cancel-nothing = There is nothing to cancel.

cmd-privacy = My data and consents
menu-questionnaire = 📝 Questionnaire
menu-participants = 👥 Participants
menu-privacy = 🔒 My data and consents
menu-next-step = ⏭ What's next
menu-mypair = { $child_only ->
    [yes] 🤝 My child's pair
   *[no] 🤝 My pair
}
menu-meetings = 📅 Meetings
menu-newmeeting = ➕ New meeting
menu-feedback = 💬 Meeting feedback ({ $feedback_count })
menu-survey = 🗳 Survey
menu-plan = 🎯 Plan
menu-plans = 🎯 Pairs' plans
menu-changementor = 🔄 Change mentor
menu-match = 🧩 Match pairs
menu-pending = ⏳ Awaiting approval
menu-pairs = 🤝 Pairs
menu-requests = 🔁 Change requests
menu-campaign = 🗳 Surveys
menu-broadcast = 📣 Announcement
menu-counts = 🔢 Head counts
menu-stats = 📊 Figures
menu-export = 📥 Export
menu-home = 🏠 Menu
shortcut-not-allowed = This button is not for your role: nothing was changed.

## Each language named in itself (the same in every locale)
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
