import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logOptionsFromEnv, redactAddresses } from './logger.ts';

describe('logger', () => {
	it('test_redactAddresses_replaces_every_address_in_an_smtp_reply', () => {
		expect(redactAddresses('550 5.1.1 <zoe.martin@exemple.org>: Recipient address rejected (marc@asso.fr)')).toBe(
			'550 5.1.1 <[adresse]>: Recipient address rejected ([adresse])'
		);
	});

	it('test_createLogger_writes_one_json_line_with_a_level_label', () => {
		let out = '';
		const sink = new Writable({ write: (c, _e, cb) => ((out += c), cb()) });
		createLogger({ LOG_LEVEL: 'info' }, sink).info({ requestId: 'r1', status: 200 }, 'request');
		const line = JSON.parse(out.trim());
		expect(line).toMatchObject({ level: 'info', requestId: 'r1', status: 200, msg: 'request' });
		expect(typeof line.time).toBe('string');
	});

	it('test_unknown_log_level_or_format_is_refused_in_french', () => {
		expect(() => logOptionsFromEnv({ LOG_LEVEL: 'bavard' })).toThrow(/^LOG_LEVEL : niveau inconnu « bavard »/);
		expect(() => logOptionsFromEnv({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT : « xml » inconnu (attendu : json ou pretty)');
		expect(logOptionsFromEnv({ LOG_FORMAT: 'pretty', LOG_LEVEL: 'WARN' })).toEqual({ level: 'warn', pretty: true });
	});
});
