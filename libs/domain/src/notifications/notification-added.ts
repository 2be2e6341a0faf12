/**
 * What travels on the `notificationAdded` channel, from the worker (which stores the notification) to the API
 * (which serves the subscription): the stored row's public fields. One type on both sides of the process boundary;
 * dates cross Redis as ISO strings and the PubSub reviver turns them back into Dates.
 */
export interface NotificationAddedPayload {
  id: string;
  kind: string;
  title: string;
  body: string;
  subjectId: string | null;
  path: string;
  createdAt: Date;
  readAt: Date | null;
}

/** A stored notification row, as RETURNING gives it. */
export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  subject_id: string | null;
  path: string;
  created_at: Date;
  read_at: Date | null;
}

/** The payload of a stored notification row. */
export function notificationAddedPayload(row: NotificationRow): NotificationAddedPayload {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    subjectId: row.subject_id,
    path: row.path,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
