/**
 * The preparation's fixed vocabulary (phases, kinds and statuses of tasks, committee roles,
 * logistics categories), pure and client-safe: the server's rules and schemas validate with it
 * and the forms, some of which run in the browser, list it.
 */

/** The life of a local NEC, in order (see FIELD-NOTES: framing, mobilisation, engagement…). */
export const PHASES = ['framing', 'mobilisation', 'engagement', 'production', 'day', 'follow-up'] as const;
export type Phase = (typeof PHASES)[number];

export const TASK_KINDS = ['task', 'milestone'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['todo', 'in-progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The skills the field notes name (programming, communication, stage management) and coordination. */
export const COMMITTEE_ROLES = ['coordination', 'programming', 'communication', 'stage'] as const;

/** What the logistics checklist is about, in the order its page shows it. */
export const LOGISTICS_CATEGORIES = [
	'venue',
	'rooms',
	'accessibility',
	'signage',
	'power',
	'network',
	'video',
	'microphones',
	'catering',
	'reception',
	'other'
] as const;
