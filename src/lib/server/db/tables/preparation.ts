/**
 * Tables of the preparation: the retro-planning (tasks and milestones), the organising
 * committee, its meetings and time spent, the logistics checklist, the Cerfa budget, and what
 * the weekly task e-mails and the calendar feed need. Money is integer cents; days are integer
 * hundredths of a day; flags are 0/1.
 */
import type { Generated } from 'kysely';

type Timestamp = string | Date;

export interface PlanningTaskTable {
	id: string;
	event_id: string;
	position: number;
	kind: string; // task | milestone
	title: string;
	phase: string; // framing | mobilisation | engagement | production | day | follow-up
	/** Calendar days from the event's first day (Paris time); null when `fixed_date` is set. */
	offset_days: number | null;
	/** `YYYY-MM-DD`; null when the task is dated relative to the event. */
	fixed_date: string | null;
	status: string; // todo | in-progress | done | cancelled
	owner_user_id: string | null;
	owner_committee_id: string | null;
	notes: string;
	/** The template item it was made from, so that applying the template twice adds nothing. */
	template_key: string | null;
	completed_at: Timestamp | null;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 210). */
	version: Generated<number>;
}

export interface CommitteeMemberTable {
	id: string;
	event_id: string;
	position: number;
	kind: string; // structure | person
	name: string;
	/** For a person: the member structure they come from. */
	structure_id: string | null;
	roles: string; // JSON array: coordination | programming | communication | stage
	custom_role: string;
	email: string | null;
	notes: string;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-060). */
	version: Generated<number>;
}

export interface MeetingTable {
	id: string;
	event_id: string;
	held_on: string; // YYYY-MM-DD
	title: string;
	duration_minutes: number | null;
	place: string;
	other_attendees: string;
	notes: string;
	/** One decision per line. */
	decisions: string;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-060). */
	version: Generated<number>;
}

export interface MeetingAttendeeTable {
	meeting_id: string;
	committee_member_id: string;
}

export interface TimeEntryTable {
	id: string;
	event_id: string;
	committee_member_id: string;
	phase: string;
	minutes: number;
	spent_on: string | null; // YYYY-MM-DD
	description: string;
	created_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-060). */
	version: Generated<number>;
}

export interface LogisticsItemTable {
	id: string;
	event_id: string;
	position: number;
	category: string; // venue | rooms | signage | power | network | video | microphones | accessibility | catering | reception | other
	title: string;
	capacity: number | null;
	offset_days: number | null;
	fixed_date: string | null;
	status: string;
	owner_user_id: string | null;
	owner_committee_id: string | null;
	notes: string;
	template_key: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-030). */
	version: Generated<number>;
}

export interface BudgetLineTable {
	id: string;
	event_id: string;
	position: number;
	kind: string; // charge | produit
	/** A Cerfa account ("60", "604", "74", "864"…) or "own-funds". */
	account: string;
	label: string;
	/** For account 74: state | region | departement | epci | commune | eu | other. */
	funder: string | null;
	planned_cents: number;
	actual_cents: number;
	/** Staff lines: the committee member whose days these are, days ×100 and the daily cost. */
	staff_member_id: string | null;
	planned_days_x100: number | null;
	actual_days_x100: number | null;
	daily_cost_cents: number | null;
	/** Where a suggested line came from: programme-travel | time-tracking. */
	source: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 210). */
	version: Generated<number>;
}

/** A team member's private address of the tasks' calendar feed. */
export interface PlanningFeedTable {
	event_id: string;
	user_id: string;
	token: string;
	created_at: Timestamp;
}

/** Someone who receives (or opted out of) the weekly e-mail of an event's tasks. */
export interface PlanningDigestRecipientTable {
	event_id: string;
	address: string;
	/** Lets the recipient opt out from the e-mail's link without an account. */
	token: string;
	opted_out: number; // 0 | 1
	updated_at: Timestamp;
}

/** One weekly e-mail sent: at most one per event, address and ISO week. */
export interface PlanningDigestTable {
	id: string;
	event_id: string;
	address: string;
	iso_week: string; // 2027-W05
	task_count: number;
	mail_id: string | null;
	created_at: Timestamp;
}

export interface PreparationTables {
	planning_task: PlanningTaskTable;
	committee_member: CommitteeMemberTable;
	meeting: MeetingTable;
	meeting_attendee: MeetingAttendeeTable;
	time_entry: TimeEntryTable;
	logistics_item: LogisticsItemTable;
	budget_line: BudgetLineTable;
	planning_feed: PlanningFeedTable;
	planning_digest_recipient: PlanningDigestRecipientTable;
	planning_digest: PlanningDigestTable;
}
