## Consent texts. Any edit changes a text's version, and every participant confirms consent again.

consent-pd-title = Consent to the processing of personal data
consent-pd-summary-self =
    To take part in the mentorship programme of "{ $organisation }", we need your consent to the processing of your personal data.
    
    In short: the organisation keeps your name, date of birth, class or group and your questionnaire answers; the programme's curator sees them, and your mentor or mentee sees only what working together needs. Nothing is passed to outsiders. You can withdraw consent at any time with /privacy, and your data will be erased.
consent-pd-full-self =
    Consent to the processing of personal data (Federal Law 152-FZ "On personal data")
    
    I consent to "{ $organisation }" (the operator) processing my personal data: last and first name, date of birth, participant category (pupil, student, teacher, etc.), class or group, Telegram identifier, answers to questionnaires and surveys, records of meetings and feedback.
    
    Purpose: taking part in the mentorship programme under the target model of mentorship (order No. R-145 of the Ministry of Education of Russia, 25.12.2019): matching with a mentor or mentee, organising meetings, monitoring and evaluating the programme, including in anonymised form for reporting.
    
    Operations: collection, recording, organisation, storage, correction, use, anonymisation, erasure. The data are kept while I take part and erased when the programme ends or when I ask.
    
    I know I can withdraw this consent at any time with /privacy or by a written request to the organisation; processing then stops.
consent-pd-summary-guardian =
    Your child { $child } would like to take part in the mentorship programme of "{ $organisation }". As they are under { $age_limit }, a parent (legal guardian) gives the consent to processing their personal data.
    
    In short: the organisation keeps the child's name, date of birth, class and questionnaire answers; the programme's curator sees them, and the mentor sees only what working together needs. Your name as the parent is kept too. You can withdraw consent at any time with /privacy.
consent-pd-full-guardian =
    Consent of a parent (legal guardian) to the processing of a minor's personal data (152-FZ)
    
    I, the parent (legal guardian) of { $child }, consent to "{ $organisation }" (the operator) processing the child's personal data: last and first name, date of birth, participant category, class, Telegram identifier, answers to questionnaires and surveys, records of meetings and feedback — and my own last and first name and Telegram identifier.
    
    Purpose: the child's participation in the mentorship programme under the target model of mentorship (order No. R-145 of the Ministry of Education of Russia, 25.12.2019): matching with a mentor, organising meetings, monitoring and evaluating the programme, including in anonymised form for reporting.
    
    Operations: collection, recording, organisation, storage, correction, use, anonymisation, erasure. The data are kept while the child takes part and erased when the programme ends or when I ask.
    
    I know I can withdraw this consent at any time with /privacy or by a written request to the organisation; processing then stops.

consent-agreement-title = Agreement to take part in the mentorship programme
consent-agreement-summary-self =
    Agreement to take part in the mentorship programme of "{ $organisation }".
    
    In short: taking part is voluntary; you meet your mentor or mentee according to an agreed plan, treat each other with care, and leave short feedback after meetings. You may ask the curator for a different mentor or leave the programme.
consent-agreement-full-self =
    Agreement to take part in the mentorship programme
    
    1. I take part voluntarily in the mentorship programme of "{ $organisation }" as a mentor or a mentee.
    2. I follow the organisation's regulation on mentorship, treat other participants with respect, and keep private what I learn about my partner.
    3. Together with my partner we make an individual plan (3 months to 1 year), meet according to it and note the results; after meetings we leave feedback.
    4. A mentee may ask the curator for a different mentor if working together does not go well.
    5. I take part in satisfaction surveys of the programme (twice a year and at its end).
    6. I may leave the programme at any time by telling the curator or with /privacy.
consent-agreement-summary-guardian =
    Agreement for your child { $child } to take part in the mentorship programme of "{ $organisation }". As the child is under { $age_limit }, a parent (legal guardian) concludes the agreement.
    
    In short: taking part is voluntary; the child meets the mentor according to an agreed plan and leaves short feedback after meetings. You may ask the curator for a different mentor or end the child's participation.
consent-agreement-full-guardian =
    Agreement for a minor to take part in the mentorship programme
    
    1. I, the parent (legal guardian) of { $child }, agree to the child taking part voluntarily in the mentorship programme of "{ $organisation }".
    2. Participants follow the organisation's regulation on mentorship, treat each other with respect and keep their partner's private information private.
    3. The mentor and the mentee make an individual plan (3 months to 1 year), meet according to it and note the results; after meetings they leave feedback.
    4. I may ask the curator for a different mentor if working together does not go well.
    5. The child takes part in satisfaction surveys of the programme (twice a year and at its end).
    6. I may end the child's participation at any time by telling the curator or with /privacy.

consent-contacts-title = Show contacts to the partner in the pair
consent-contacts-summary-self =
    May we show your Telegram to your mentor or mentee once the curator forms a pair? This is optional: without it you will keep in touch through the curator.
consent-contacts-full-self =
    I allow "{ $organisation }" to share my Telegram contact with my partner in the mentorship pair or group — only while the pair works. I can take this back with /privacy.
consent-contacts-summary-guardian =
    May we show the Telegram of your child ({ $child }) to their mentor once the curator forms a pair? This is optional: without it they will keep in touch through the curator.
consent-contacts-full-guardian =
    I allow "{ $organisation }" to share the Telegram contact of { $child } with their mentor — only while the pair works. I can take this back with /privacy.

## Consent dialog

consent-step = Document { $current } of { $total }
consent-read-full = 📄 Read the full text
consent-agree = ✅ I agree
consent-decline = ❌ I do not agree
consent-allow = ✅ Yes, that's fine
consent-disallow = 🚫 No, through the curator
consent-decline-confirm = Without this consent you cannot take part in the programme, and your data will be erased. Are you sure?
consent-decline-back = ← Back to the text
consent-all-done = All consents are in place.
consent-active = Thank you! All set: you are in the programme of "{ $organisation }". Now the questionnaire the curator uses to find your pair. You can come back to it any time — "Questionnaire" in the menu.
consent-declined-erased = Understood. Without consent you cannot take part, so your data has been erased. If you change your mind, ask the curator for a new invitation link.
consent-declined-kept-other-roles = Understood: your participation in "{ $organisation }" has stopped. Your other roles remain.
consent-not-yours = This consent is not needed from you right now.
consent-nothing-to-withdraw = Nothing to withdraw: this consent is no longer in force.

## Parent

guardian-forward =
    Hello! { $child } would like to take part in the mentorship programme of "{ $organisation }". Your consent as a parent (legal guardian) is needed.
    
    Open the link — the bot explains everything, it takes a couple of minutes:
    { $link }
    
    The link works for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } and only once.
guardian-forward-hint = ☝️ Forward the message above to your mum, dad or other legal guardian. I will write to you when they answer. Until then the questionnaire is closed.
guardian-link-unknown = There is no such parent link. Ask your child to forward it again.
guardian-link-used = This link has already been used. If needed, ask your child to send a new one.
guardian-link-expired = This link has expired. Ask your child to send a new one: they have a "New link for a parent" button in the bot.
guardian-link-is-yours = This link is for your parent. Forward it to your mum, dad or other legal guardian.
guardian-link-not-needed = A parent's consent is no longer needed — there is nothing to do.
guardian-decide-all = Please answer each document.
guardian-intro =
    Hello! Your child { $child } would like to take part in the mentorship programme of "{ $organisation }".
    
    A parent's (legal guardian's) consent is needed: { $count ->
        [one] { $count } document
       *[other] { $count } documents
    }. You can read each one in full. It takes a couple of minutes.
guardian-ask-name = What is your name? Please write your full name.
guardian-ask-relation = What is your relation to the child?
relation-mother = Mother
relation-father = Father
relation-guardian = Guardian / custodian
relation-other = Other legal representative
guardian-confirm-child = The consent is for this child: { $child }. Is this your child?
guardian-yes-my-child = Yes, this is my child
guardian-no-not-my-child = No
guardian-not-my-child = Then this link is not for you. Nothing has been saved. If the link reached you by mistake, simply do not use it.
guardian-thanks-active = Thank you! Consent is recorded: { $child } can take part in the programme. To view or withdraw consent — "My data and consents".
guardian-thanks-declined = Thank you, your answer is recorded: { $child } will not take part in the programme. The child's data will be erased. If you change your mind, your child can send a new link.
guardian-told-child-active = 🎉 Your parent gave consent! Now the questionnaire: the curator of "{ $organisation }" uses it to find your pair. Tap "Fill in the questionnaire".
guardian-told-child-declined = Your parent did not give consent, so you cannot take part in "{ $organisation }" for now. If this is a mistake, talk to your parent — you can send a new link.
guardian-told-curator-active = A parent gave consent for participant { $child } ("{ $organisation }").
guardian-told-curator-declined = A parent refused consent for participant { $child } ("{ $organisation }").

## Waiting for consent

gate-finish-consent = Let's finish the consents first — without them I cannot work with your data.
gate-waiting-guardian = Waiting for your parent's consent. As soon as they answer, I will tell you. If the link got lost or expired, get a new one with the button below.
gate-new-guardian-link = 🔗 New link for a parent
gate-waiting-short = Waiting for consent — this is not available yet.
gate-stopped = Your participation has stopped: consent was not given or was withdrawn. Details: /privacy.

## My data and consents

privacy-nothing-stored = Nothing is stored about you.
privacy-title-self = 🔒 What is stored about you
privacy-title-child = 🔒 What is stored about your child: { $name }
privacy-stored =
    Name: { $name }
    Date of birth: { $birth_date }
    Who: { $category }
    Class / group: { $group }
    
    Roles:
privacy-role-line = • { $role } — { $where } ({ $status })
status-pending = waiting for consent
status-guardian = waiting for a parent's consent
status-active = taking part
status-declined = participation stopped
privacy-consents-title = {""}
    Consents:
privacy-consent-line = • { $kind }: { $status } ({ $by }, { $date })
decision-granted = given
decision-declined = refused
decision-withdrawn = withdrawn
given-by-self = by the participant
given-by-guardian = by a parent
privacy-withdraw-item = Withdraw: { $kind }
privacy-back-to-me = ← Back to my data
privacy-erase-button = 🗑 Erase all data
privacy-withdraw-confirm = Withdraw this consent? If it is required, participation in the programme stops, and the curator will be told.
privacy-withdraw-yes = Yes, withdraw
privacy-withdrawn = Consent withdrawn.
privacy-told-curator-withdrawn = Participant { $name } withdrew { $kind ->
    [pd] consent to the processing of personal data
    [agreement] the participation agreement
   *[other] consent to show contacts to the partner
}. { $kind ->
    [contacts] Their pair partner will no longer see their contacts.
   *[other] Processing of their data in the programme has stopped.
}
privacy-erase-confirm-self = Erase all your data: name, date of birth, questionnaire answers? Your participation will end. This cannot be undone.
privacy-erase-confirm-child = Erase all of your child's data ({ $name })? The child's participation will end. This cannot be undone.
privacy-erase-yes = Yes, erase for good
privacy-erased = Your data has been erased. Thank you for being with us.
privacy-child-erased = The child's data has been erased.
