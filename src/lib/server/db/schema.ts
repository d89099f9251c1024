import type { Generated } from 'kysely';
import type { ProgrammeTables } from './tables/programme.ts';
import type { PreparationTables } from './tables/preparation.ts';
import type { RegistrationTables } from './tables/registrations.ts';
import type { WebhookTables } from './tables/webhooks.ts';
import type { ReportTables } from './tables/reports.ts';
import type { CampaignTables } from './tables/campaigns.ts';
import type { SurveyTables } from './tables/surveys.ts';
import type { DirectoryTables } from './tables/directory.ts';
import type { NationalTables } from './tables/national.ts';
import type { MailTables } from './tables/mail.ts';
import type { NetworkTables } from './tables/network.ts';

/**
 * Row types of every table, as Kysely sees them. Timestamps are written as ISO strings and read
 * back as `Date` (PostgreSQL) or `string` (SQLite): read them through `toIso` from `./time.ts`.
 */
type Timestamp = string | Date;

export interface UserTable {
	id: string;
	name: string;
	email: string;
	email_verified: number | boolean;
	image: string | null;
	is_admin: number;
	locale: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface AuthSessionTable {
	id: string;
	expires_at: Timestamp;
	token: string;
	created_at: Timestamp;
	updated_at: Timestamp;
	ip_address: string | null;
	user_agent: string | null;
	user_id: string;
}

export interface AccountTable {
	id: string;
	account_id: string;
	provider_id: string;
	user_id: string;
	access_token: string | null;
	refresh_token: string | null;
	id_token: string | null;
	access_token_expires_at: Timestamp | null;
	refresh_token_expires_at: Timestamp | null;
	scope: string | null;
	password: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface VerificationTable {
	id: string;
	identifier: string;
	value: string;
	expires_at: Timestamp;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface ApiTokenTable {
	id: string;
	user_id: string;
	name: string;
	token_hash: string;
	token_prefix: string;
	created_at: Timestamp;
	last_used_at: Timestamp | null;
	revoked_at: Timestamp | null;
}

export interface SettingTable {
	key: string;
	value: string;
}

export interface EventTable {
	id: string;
	slug: string;
	title: string;
	edition: number | null;
	description: string;
	themes: string; // JSON array of strings
	starts_at: Timestamp;
	ends_at: Timestamp;
	format: string;
	venue_name: string | null;
	venue_address: string | null;
	venue_insee_code: string | null;
	venue_commune: string | null;
	venue_departement: string | null;
	online_url: string | null;
	label_status: string;
	label_requested_on: string | null;
	status: string;
	created_by: string;
	created_at: Timestamp;
	updated_at: Timestamp;
	published_at: Timestamp | null;
	/** Shortest pause wanted between two sessions a participant may chain (`no-breathing-time`). */
	min_break_minutes: Generated<number>;
	/** Raised by one at each change: the version an edit was loaded from (migration 210). */
	version: Generated<number>;
}

export interface EventOrganiserTable {
	id: string;
	event_id: string;
	position: number;
	name: string;
	type: string;
	siret: string | null;
	rna: string | null;
	role: string;
}

export interface EventMemberTable {
	event_id: string;
	user_id: string;
	role: string;
	created_at: Timestamp;
	/** Raised by one at each change of the role: the version a change was loaded from (migration 2026-12-06-093). */
	version: Generated<number>;
}

export interface MailMessageTable {
	id: string;
	kind: string;
	event_id: string | null;
	to_address: string;
	subject: string;
	text_body: string;
	html_body: string;
	attachments: string | null; // JSON [{filename, contentType, contentBase64}]
	status: string; // preparing | pending | sending | sent | failed
	attempts: number;
	next_attempt_at: Timestamp;
	locked_until: Timestamp | null;
	locked_by: string | null;
	last_error: string | null;
	sent_at: Timestamp | null;
	created_at: Timestamp;
	/** While `preparing`: what its renderer needs (JSON `{ template, … }`); null once rendered. */
	render_from: string | null;
	/** Extra headers (JSON object), e.g. List-Unsubscribe; null without any. */
	headers: string | null;
	/** 0 for a message someone waits for, 1 for a campaign's: claimed after every 0 that is due. */
	priority: Generated<number>;
}

/**
 * Every table. Each area's tables are declared in `tables/<area>.ts` and joined here, so that
 * areas can grow their schema without editing one shared interface.
 */
export interface Database
	extends
		ProgrammeTables,
		PreparationTables,
		RegistrationTables,
		WebhookTables,
		SurveyTables,
		ReportTables,
		DirectoryTables,
		NationalTables,
		CampaignTables,
		MailTables,
		NetworkTables {
	user: UserTable;
	auth_session: AuthSessionTable;
	account: AccountTable;
	verification: VerificationTable;
	api_token: ApiTokenTable;
	setting: SettingTable;
	event: EventTable;
	event_organiser: EventOrganiserTable;
	event_member: EventMemberTable;
	mail_message: MailMessageTable;
}
