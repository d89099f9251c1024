/**
 * The network's fixed vocabulary, pure and client-safe. Roles and structure types are those people
 * give when they register (the registrations area's lists, kept equal by a test).
 */
import { AUDIENCE_CATEGORIES } from '../programme/vocabulary.ts';

export const PARTICIPANT_ROLES = AUDIENCE_CATEGORIES;
export const PARTICIPANT_STRUCTURE_TYPES = [
	'collectivite',
	'etat',
	'association',
	'tiers-lieu',
	'entreprise',
	'enseignement',
	'autre'
] as const;

/** Needs and offers: what kind, and what about (the list). */
export const POST_KINDS = ['need', 'offer'] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const POST_CATEGORIES = ['tools', 'training', 'room', 'skills', 'equipment', 'volunteers', 'partnership'] as const;
export type PostCategory = (typeof POST_CATEGORIES)[number];

/** Length of a meeting slot between two participants (minutes). */
export const MEETING_SLOT_MINUTES = 15;

/** Working groups (`groups/`): whether a group still takes members, and a member's part in it. */
export const GROUP_STATUSES = ['active', 'closed'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];
/** A group's status at the next edition ('' in forms: not said yet). */
export const GROUP_NEXT_STATUSES = ['continues', 'completed', 'paused'] as const;
export type GroupNextStatus = (typeof GROUP_NEXT_STATUSES)[number];
export const GROUP_ROLES = ['member', 'coordinator'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
