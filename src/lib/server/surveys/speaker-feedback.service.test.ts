import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, newSpeaker, registrationInput } from '../../../../tests/factories/registrations.ts';
import { openSurveyInput } from '../../../../tests/factories/surveys.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { hashInviteToken } from '../programme/speaker.service.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { NotFoundError } from '../validation.ts';
import { getSpeakerFeedback } from './speaker-feedback.service.ts';
import { submitSurveyResponse } from './survey-response.service.ts';
import { saveSurvey } from './survey.service.ts';

describe.each(DIALECTS)('speakers’ feedback on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterAll(() => t.close());

	it('test_speaker_sees_own_sessions_once_closed_and_allowed', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const mine = await newSession(t.db, ev.id, { title: 'Atelier de Léa' });
		const other = await newSession(t.db, ev.id, {
			title: 'Atelier de Marc',
			startsAt: '2027-06-10T10:00:00.000Z',
			endsAt: '2027-06-10T11:00:00.000Z'
		});
		const speakerId = await newSpeaker(t.db, ev.id, mine, 'Léa Martin');
		const token = 'speaker-token-0123456789abcdef';
		await t.db
			.updateTable('speaker')
			.set({ invite_token_hash: hashInviteToken(token) })
			.where('id', '=', speakerId)
			.execute();
		const survey = await saveSurvey(ctx, owner, ev.slug, openSurveyInput({ speakersSee: true }));
		const during = new Date('2027-06-15T10:00:00Z');
		const person = await registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [mine, other] }));
		await submitSurveyResponse(
			ctx,
			person.manageToken!,
			ev.slug,
			{
				answers: { [survey.questions[0].id]: 4 },
				sessions: { [mine]: { rating: 5, comment: 'Clair et concret' }, [other]: { rating: 2 } }
			},
			during
		);
		expect(await getSpeakerFeedback(ctx, token, during)).toBeNull();
		const after = new Date('2027-07-13T10:00:00Z');
		expect(await getSpeakerFeedback(ctx, token, after)).toEqual({
			sessions: [{ id: mine, title: 'Atelier de Léa', count: 1, average: 5, comments: ['Clair et concret'] }]
		});
		await saveSurvey(ctx, owner, ev.slug, { ...openSurveyInput({ speakersSee: false }), questions: survey.questions });
		expect(await getSpeakerFeedback(ctx, token, after)).toBeNull();
		await expect(getSpeakerFeedback(ctx, 'unknown-token-0123456789abcdef', after)).rejects.toBeInstanceOf(NotFoundError);
	});
});
