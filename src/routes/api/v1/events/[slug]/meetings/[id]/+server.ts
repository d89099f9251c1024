import { versionedItemEndpoints } from '#lib/server/api/api.ts';
import { getMeeting, updateMeeting, deleteMeeting } from '#lib/server/planning/committee.service.ts';

export const { GET, PATCH, DELETE } = versionedItemEndpoints({ get: getMeeting, update: updateMeeting, remove: deleteMeeting });
