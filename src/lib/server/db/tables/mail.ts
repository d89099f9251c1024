/** Row types of the mail worker's own tables besides the outbox (see migrations/2026-12-05-160-mail-send-slots.ts). */
export interface MailSendSlotTable {
	slot: number;
	/** Milliseconds since the epoch from which the slot may be taken again; bigint (a string from pg). */
	free_at: number | string;
}

export interface MailTables {
	mail_send_slot: MailSendSlotTable;
}
