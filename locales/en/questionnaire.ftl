## Intake questionnaires

cmd-questionnaire = Questionnaire

questionnaire-needs-consent = You can fill in the questionnaire once all consents are in place. What is missing: /privacy
questionnaire-not-registered = The questionnaire is for programme participants. To join, you need an invitation link from the curator.
questionnaire-not-participant = Questionnaires are for mentors and mentees, and your role in the programme is a different one.
questionnaire-none = There is no questionnaire for your form of mentorship yet. Please let the curator know.

qn-choose = You have several roles in the programme. Which questionnaire would you like to fill in?

qn-intro-title = 📝 <b>{ $title }</b>
qn-intro = { $intro }
qn-progress = Question { $current } of { $total }
qn-question = <b>{ $question }</b>
qn-hint = <i>{ $hint }</i>
qn-optional = (you may skip this one)
qn-hint-text = Write your answer in one message — at most { $max } { $max ->
    [one] character
   *[other] characters
}.
qn-hint-number = Write a number from { $min } to { $max }.
qn-hint-date = Write the date as DD.MM.YYYY, for example 01.09.2024.
qn-hint-multi = Tick the options that fit and press “Done”.
qn-hint-multi-max = You can choose up to { $max } { $max ->
    [one] option
   *[other] options
}.
qn-hint-scale = Choose a number from 1 to 10.
qn-current = Your answer now: { $answer }
qn-yes = Yes
qn-no = No
qn-skip = Skip →
qn-done = Done ✓
qn-skipped = skipped
qn-scale-value = { $value } of 10

qn-summary-title = 📋 <b>{ $title }</b>
qn-summary-count = { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}{ $skipped ->
    [0] {""}
   *[other] , { $skipped } skipped
}. Please check them.
qn-summary-line = { $number }. { $question }
    → { $answer }
qn-summary-edit = To change an answer, press the question's number.
qn-summary-incomplete = Some questions are still unanswered — press “Continue”.
qn-continue = Continue →
qn-finish = ✅ All correct, send
qn-finished = Thank you! The questionnaire “{ $title }” is saved. The curator will see your answers and find you a pair. You can change your answers at any time — "Questionnaire" in the menu.

qn-question-gone = This question is no longer asked — here is the current one.
qn-not-complete = Please answer all the required questions first.
qn-too-many-picked = You can tick at most { $max }. Untick another option first.

qn-answer-empty = The answer is empty. Please write at least a few words.
qn-answer-too-long = Too long: at most { $max } { $max ->
    [one] character
   *[other] characters
}, and the answer has { $length }. Please shorten it.
qn-answer-bad-chars = The text contains control characters. Please write your answer as plain text.
qn-answer-number-format = Please write a whole number in digits, for example 3.
qn-answer-number-range = Please write a number from { $min } to { $max }.
qn-answer-date-format = I could not read the date. Please write it as DD.MM.YYYY, for example 01.09.2024.
qn-answer-date-impossible = There is no such date in the calendar. Please check the day, month and year.
qn-answer-date-future = This date has not come yet. Please give a date in the past.
qn-answer-scale = Please choose a number from { $min } to { $max } with the buttons.
qn-answer-unknown-option = There is no such option. Please choose one with the buttons under the question.
qn-answer-choice-count = Please tick from { $min } to { $max }.
qn-answer-use-buttons = Please answer with the buttons under the question.
qn-answer-type-it = Please write your answer in a message.
qn-answer-required = This question is required — it cannot be skipped.

## A curator uploads a questionnaire

qn-upload-not-curator = I only accept files from curators — for uploading an organisation's questionnaire. If you meant to tell us something, please write to your curator.
qn-upload-wrong-type = Please send the questionnaire as a .yaml or .yml file. Its format is described in README.md next to the bot's questionnaires.
qn-upload-too-large = The file is too large: at most { $max_kb } KB.
qn-upload-download-failed = I could not download the file. Please send it again.
qn-upload-choose-org = Which organisation is the questionnaire “{ $title }” for?
qn-upload-expired = This file is no longer available — please send it again.
qn-upload-error-at = ⚠️ The questionnaire was not loaded: error on line { $line }.
qn-upload-error-file = ⚠️ The questionnaire was not loaded: error in the file.
qn-upload-done = ✅ The questionnaire “{ $title }” (version { $version }) is loaded for “{ $organisation }”. New participants will fill it in; those who have started keep their version.
qn-upload-same = This questionnaire (version { $version }) is already loaded — nothing changed.
qn-upload-version-taken = Version { $version } of the questionnaire “{ $name }” is already loaded with different questions. Please raise the version number in the file.
qn-upload-version-too-low = The version must be greater than { $newest } — the latest version of “{ $name }” — and the file says { $version }.
qn-upload-role-changed = The questionnaire “{ $name }” already exists for another role. Please give the new one a different key.

## Why a questionnaire file was refused (the line is given separately)

qv-yaml-syntax = The file is not valid YAML: { $problem }. Check the indentation and quotes: inside curly braces, put text with a colon or a question mark in quotes.
qv-yaml-alias = YAML anchors and aliases (&anchor, *alias) are not supported — write the values out in full.
qv-too-large = The file is larger than { $max_kb } KB.
qv-not-utf8 = The file must be in UTF-8.
qv-not-mapping = The file must start with the fields key, version, role, forms, title and questions.
qv-bad-field-name = The field name “{ $field }” must be a word.
qv-duplicate-field = The field “{ $field }” appears twice.
qv-unknown-field = Unknown field “{ $field }”. Allowed: { $allowed }.
qv-missing-field = The field “{ $field }” is missing.
qv-bad-key = The key “{ $value }” does not fit: lowercase Latin letters, digits and hyphens, 2 to 40 characters, starting with a letter.
qv-bad-number = The field “{ $field }” must be a whole number from { $low } to { $high }.
qv-bad-boolean = The field “{ $field }” must be true or false.
qv-bad-role = The role “{ $value }” does not fit: use mentee or mentor.
qv-bad-purpose = The purpose “{ $value }” does not fit: use { $allowed }.
qv-survey-tag = A survey (purpose: survey) has no tags: matching never reads surveys.
qv-bad-forms = forms is a list of forms of mentorship: { $allowed }.
qv-unknown-form = Unknown form “{ $value }”. Allowed: { $allowed }.
qv-duplicate-form = The form “{ $value }” appears twice.
qv-bad-text = The field “{ $field }” must hold texts in two languages: ru and en.
qv-unknown-locale = The field “{ $field }” has an unknown language “{ $locale }”: ru and en are supported.
qv-missing-translation = The field “{ $field }” has no text in “{ $locale }”.
qv-text-too-long = The text in the field “{ $field }” is too long: at most { $max } characters.
qv-no-questions = A list of questions with at least one question is needed.
qv-too-many-questions = Too many questions: at most { $max }.
qv-question-not-mapping = Each question is a set of fields (id, kind, text…).
qv-bad-question-id = The question id “{ $value }” does not fit: lowercase Latin letters, digits and _, up to { $max } characters, starting with a letter.
qv-duplicate-question = A question with the id “{ $id }” already exists (line { $first }).
qv-unknown-kind = Unknown question kind “{ $kind }”. Allowed: { $allowed }.
qv-options-needed = The choice question “{ $id }” needs at least two options.
qv-options-not-allowed = A question of kind { $kind } has no options.
qv-too-many-options = Too many options: at most { $max }.
qv-option-not-mapping = Each option is an id and a text.
qv-bad-option-id = The option id “{ $value }” does not fit: lowercase Latin letters, digits and _ only.
qv-option-id-too-long = The option id “{ $value }” is too long for a Telegram button: at most { $max } characters.
qv-duplicate-option = An option with the id “{ $id }” already exists (line { $first }).
qv-limit-not-allowed = The field “{ $field }” does not apply to a question of kind { $kind }.
qv-text-limit-cap = For a text answer, max cannot exceed { $max } characters.
qv-min-above-max = min ({ $min }) is greater than max ({ $max }).
qv-bad-condition = show_if is written as question plus either in (a list of options) or equals (true/false).
qv-condition-self = A question cannot depend on itself.
qv-condition-unknown-question = show_if names the question “{ $question }”, which is not in the questionnaire.
qv-condition-later-question = show_if names the question “{ $question }”, which comes later: a condition can only depend on questions above it.
qv-condition-needs-yesno = equals works only with a yesno question, and “{ $question }” is { $kind }.
qv-condition-needs-choice = in works only with a choice question (single or multi), and “{ $question }” is { $kind }.
qv-condition-unknown-option = The question “{ $question }” has no option “{ $option }”.
qv-unknown-tag = Unknown tag “{ $tag }”. Allowed: { $allowed }.
qv-tag-kind = The tag { $tag } fits only questions of kind: { $kinds }.
qv-tag-role = The tag { $tag } belongs only in a { $role } questionnaire.
qv-tag-vocabulary = The option “{ $option }” is not in the shared vocabulary of the tag { $tag } (the bot matches mentors and mentees by it). Allowed ids: { $allowed }.
qv-missing-tag = A { $role } questionnaire needs a question with the tag { $tag } — without it the bot cannot find a pair.
qv-past-only-not-date = past_only applies only to a date question, and this one is { $kind }.
qv-duplicate-key = The key “{ $name }” is already used by the file { $other }.
qv-form-not-covered = No questionnaire covers the role { $role } and the form { $form }.
qn-upload-purpose-changed = “{ $name }” was uploaded before with another purpose. Give the new questionnaire another key.
