/**
 * What the event's team sees of its network: settings and counts. Counts only for what passes
 * between participants (contact requests, meetings): never who asked whom, nor what was said.
 */
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { countEventProfiles } from './network.queries.ts';
import { countEventPostsAndContacts } from './post.queries.ts';
import { countEventMeetings } from './meeting.queries.ts';
import { getNetworkSettings, resolveEventViewer } from './network-viewer.ts';
import { themeChoices } from './profile.service.ts';

/** The team's overview of the event's network (permission `view`). */
export async function getNetworkOverview(ctx: ServiceContext, actor: Actor, slug: string) {
	const viewer = await resolveEventViewer(ctx.db, { actor }, slug);
	if (viewer.kind !== 'organiser') throw new Error('unreachable');
	const settings = await getNetworkSettings(ctx.db, viewer.event.id);
	return {
		canEdit: viewer.canEdit,
		settings,
		themeChoices: themeChoices(viewer.event),
		counts: {
			people: await countEventProfiles(ctx.db, viewer.event.id),
			...(await countEventPostsAndContacts(ctx.db, viewer.event.id)),
			meetings: await countEventMeetings(ctx.db, viewer.event.id)
		}
	};
}
