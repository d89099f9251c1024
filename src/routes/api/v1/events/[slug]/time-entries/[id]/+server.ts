import { versionedItemEndpoints } from '#lib/server/api/api.ts';
import { getTimeEntry, updateTimeEntry, deleteTimeEntry } from '#lib/server/planning/committee.service.ts';

export const { GET, PATCH, DELETE } = versionedItemEndpoints({ get: getTimeEntry, update: updateTimeEntry, remove: deleteTimeEntry });
