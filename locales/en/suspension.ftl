## Withdrawing a required consent: a pair suspended, resumed, ended on erasure

pair-status-suspended = suspended
meeting-pair-suspended = Pair no. { NUMBER($id, useGrouping: 0) } is suspended for now: until it resumes, meetings cannot be planned, moved or answered. I will write when the pair works again.
pause-mentee-mark = { $name } (paused)
pause-card-note = Suspended since { $date }: a required consent was withdrawn. Meetings, reminders and surveys of the pair are stopped. The pair resumes by itself when the consent is given again; to end it — /endpair { NUMBER($id, useGrouping: 0) } reason.
pause-card-note-group = { $count ->
    [one] { $count } mentee paused (consent withdrawn): the group works without them.
   *[other] { $count } mentees paused (consent withdrawn): the group works without them.
}

pause-told-partner = ⏸ Mentorship pair no. { NUMBER($id, useGrouping: 0) } is paused: your partner cannot take part in the programme for now. Meetings, reminders and surveys of the pair will not come for now, and no new meeting can be planned. I will write when the pair works again.
pause-told-partner-guardian = ⏸ Mentorship pair no. { NUMBER($id, useGrouping: 0) }, which your child ({ $child }) is in, is paused: the partner cannot take part in the programme for now. I will write when the pair works again.
pause-told-curator = ⏸ Pair no. { NUMBER($id, useGrouping: 0) } ({ $mentor } — { $mentees }) is suspended: a required consent was withdrawn. Its meetings, reminders and surveys are stopped; the partner was told, without the reason. The pair resumes by itself when the consent is given again; to end it — /endpair { NUMBER($id, useGrouping: 0) } reason.
resume-told-partner = ▶️ Mentorship pair no. { NUMBER($id, useGrouping: 0) } works again. Planned meetings stand, and reminders will come as usual.
resume-told-partner-guardian = ▶️ Mentorship pair no. { NUMBER($id, useGrouping: 0) }, which your child ({ $child }) is in, works again.
resume-told-curator = ▶️ Pair no. { NUMBER($id, useGrouping: 0) } ({ $mentor } — { $mentees }) works again: the consent was given again.
pause-told-group-mentor = ⏸ One of the mentees of group no. { NUMBER($id, useGrouping: 0) } cannot take part in the programme for now. The group goes on: meetings, reminders and surveys go to the others.
resume-told-group-mentor = ▶️ A paused mentee is back in group no. { NUMBER($id, useGrouping: 0) }: invitations to new meetings reach them again.
pause-told-group-curator = ⏸ In group no. { NUMBER($id, useGrouping: 0) } ({ $mentor } — { $mentees }) the participation of mentee { $name } is paused: a required consent was withdrawn. The group goes on without them.
resume-told-group-curator = ▶️ In group no. { NUMBER($id, useGrouping: 0) } ({ $mentor } — { $mentees }) mentee { $name } takes part again: the consent was given again.

erase-told-partner = Mentorship pair no. { NUMBER($id, useGrouping: 0) } has ended: your partner no longer takes part in the programme. { $curator_tg ->
    [none] If you have questions, ask the programme's curator.
   *[other] If you have questions, write to the curator, <a href="tg://user?id={ $curator_tg }">{ $curator }</a>.
}
erase-told-partner-guardian = Mentorship pair no. { NUMBER($id, useGrouping: 0) }, which your child ({ $child }) was in, has ended: the partner no longer takes part in the programme.
erase-told-group-mentor = One of the mentees of group no. { NUMBER($id, useGrouping: 0) } no longer takes part in the programme. The group goes on with the others.
erase-told-curator = Pair no. { NUMBER($id, useGrouping: 0) } has ended: one of its members erased their data. The mentee (if still in the programme) is matched again.
erase-told-curator-group = A mentee left group no. { NUMBER($id, useGrouping: 0) }: their data was erased. The group goes on with the others.

withdraw-told-guardian-by-child = Programme “{ $organisation }”: your child ({ $child }) withdrew { $kind ->
    [pd] consent to the processing of personal data
    [agreement] the participation agreement
   *[other] consent to show contacts to the partner
}. { $stopped ->
    [yes] Your child's participation is paused until the consent is given again; we tell nobody the reason.
   *[no] The pair partner will no longer see your child's contacts; nothing else changes.
}
withdraw-told-guardian-by-guardian = Programme “{ $organisation }”: the other parent withdrew { $kind ->
    [pd] consent to the processing of personal data
    [agreement] the participation agreement
   *[other] consent to show contacts to the partner
} for your child ({ $child }). { $stopped ->
    [yes] Your child's participation is paused.
   *[no] The pair partner will no longer see your child's contacts.
}
withdraw-told-child = Programme “{ $organisation }”: your parent withdrew { $kind ->
    [pd] consent to the processing of personal data
    [agreement] the participation agreement
   *[other] consent to show your contacts to the partner
}. { $stopped ->
    [yes] Your participation is paused for now. If your parent changes their mind, write to me and I will give you a new link for them.
   *[no] Your pair partner will no longer see your contacts; nothing else changes.
}

participants-stop-short = { $kind ->
    [pd] data consent
   *[other] agreement
} { $decision ->
    [withdrawn] withdrawn
   *[other] not given
}{ $by ->
    [guardian] {" "}(parent)
   *[other] {""}
}
participants-stop = { $kind ->
    [pd] consent to the processing of personal data
   *[other] participation agreement
} { $decision ->
    [withdrawn] withdrawn
   *[other] not given
} { $by ->
    [guardian] by a parent
   *[other] by the participant
}
participants-erased = { $erased ->
    [one] { $erased } more participant erased their data: not listed, but counted in the figures.
   *[other] { $erased } more participants erased their data: not listed, but counted in the figures.
}
