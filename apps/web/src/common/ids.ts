/** The shape of the API's ids: anything else is not a page (NotFound without asking the API). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A challenge is addressed by its slug (links in the client) or its id (links in notifications and emails). */
export const challengeKey = (slugOrId: string): { id: string | null; slug: string | null } => (UUID.test(slugOrId) ? { id: slugOrId, slug: null } : { id: null, slug: slugOrId });
