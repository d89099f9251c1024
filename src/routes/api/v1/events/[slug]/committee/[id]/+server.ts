import { versionedItemEndpoints } from '#lib/server/api/api.ts';
import { getCommitteeMember, updateCommitteeMember, removeCommitteeMember } from '#lib/server/planning/committee.service.ts';

export const { GET, PATCH, DELETE } = versionedItemEndpoints({
	get: getCommitteeMember,
	update: updateCommitteeMember,
	remove: removeCommitteeMember
});
