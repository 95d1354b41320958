"""All dialog state groups in one place (the set is fixed; questionnaires are data, not states)."""

from aiogram.fsm.state import State, StatesGroup


class Registration(StatesGroup):
    welcome = State()
    name = State()
    birth_date = State()
    category = State()
    group = State()
    confirm = State()


class NewOrganisation(StatesGroup):
    name = State()
    kind = State()
    municipality = State()
    timezone = State()
    forms = State()
    confirm = State()


class OrgPicker(StatesGroup):
    """Which organisation: the subdialog every dialog that works in one of the person's organisations opens when
    there is more than one to choose from (bot/dialogs/org_picker)."""

    choose = State()


class Invite(StatesGroup):
    role = State()
    form = State()
    options = State()
    created = State()
    active = State()
    detail = State()


class MainMenu(StatesGroup):
    main = State()


class Consent(StatesGroup):
    ask = State()
    full = State()
    decline = State()


class Guardian(StatesGroup):
    intro = State()
    name = State()
    relation = State()
    child = State()
    ask = State()
    full = State()


class Privacy(StatesGroup):
    main = State()
    withdraw = State()
    erase = State()


class Participants(StatesGroup):
    listing = State()
    card = State()
    mentors = State()  # "propose a mentor": the mentors matching ranks for this mentee


class PairCards(StatesGroup):
    """/pairs and /pending: a list of pairs, then one pair's card with its actions."""

    listing = State()
    card = State()


class PairDecision(StatesGroup):
    """One decision on one pair, started from a card: each state asks what that decision needs."""

    approve = State()  # the order's number and date, or none
    reject = State()  # a reason, or none
    end = State()  # the reason the pair is told
    complete = State()  # a confirmation


class MatchResults(StatesGroup):
    """/match: the proposals of one matching run, one card a page, and the mentees left without a mentor."""

    proposals = State()
    unmatched = State()


class ChangeRequests(StatesGroup):
    """/requests: mentees' requests for another mentor, a list, then one request's card."""

    listing = State()
    card = State()


class ChangeMentor(StatesGroup):
    choose = State()
    reason = State()


class Questionnaire(StatesGroup):
    """One state per question kind: the questions themselves are data (questionnaires/), never states."""

    choose = State()
    single = State()
    multi = State()
    text = State()
    number = State()
    date = State()
    scale = State()
    yesno = State()
    summary = State()


class NewMeeting(StatesGroup):
    """/newmeeting, logging a past meeting, and moving one (which starts at `day` with `move` in the start data)."""

    pair = State()
    kind = State()
    day = State()
    time = State()
    past_offer = State()
    duration = State()
    format = State()
    place = State()
    confirm = State()
    overlap = State()  # the time chosen overlaps another planned meeting: keep it or choose another


class MeetingFeedback(StatesGroup):
    usefulness = State()
    comment = State()
    done = State()
    next_step = State()


class MeetingDecline(StatesGroup):
    propose = State()


class Campaign(StatesGroup):
    main = State()
    date = State()


class Broadcast(StatesGroup):
    audience = State()
    text = State()
    preview = State()


class Plan(StatesGroup):
    pairs = State()
    goals = State()
    goal = State()
    add_title = State()
    add_due = State()
    edit_title = State()
    edit_due = State()
    delete = State()
