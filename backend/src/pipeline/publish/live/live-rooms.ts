/** Room names of the `/live` namespace; only the server puts sockets into rooms. */
export const ALL_ROOM = 'all';
export const REGION_ROOM_PREFIX = 'region:';
export const ENTERPRISE_ROOM_PREFIX = 'enterprise:';

export const regionRoom = (regionCode: string): string => `${REGION_ROOM_PREFIX}${regionCode}`;
export const enterpriseRoom = (uscc: string): string => `${ENTERPRISE_ROOM_PREFIX}${uscc}`;
/** A scoped inspector's jurisdiction: changes of every enterprise whose region code starts with the prefix. */
export const WITHIN_ROOM_PREFIX = 'within:';
export const withinRoom = (regionPrefix: string): string => `${WITHIN_ROOM_PREFIX}${regionPrefix}`;
