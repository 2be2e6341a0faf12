import { useEffect, useMemo } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../gql';

const UnreadCountQuery = graphql(`
  query UnreadCount {
    myNotifications(first: 1, unreadOnly: true) {
      unreadCount
    }
  }
`);

const NotificationAddedSubscription = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
      title
      createdAt
    }
  }
`);

/** The unread count, kept live by `notificationAdded` (each new notification re-reads the count from the API). */
export function NotificationBell() {
  const intl = useIntl();
  const context = useMemo(() => ({ additionalTypenames: ['Notification'] }), []);
  const [{ data }, refetch] = useQuery({ query: UnreadCountQuery, context });
  const [live] = useSubscription({ query: NotificationAddedSubscription });
  const lastId = live.data?.notificationAdded.id;
  useEffect(() => {
    if (lastId) refetch({ requestPolicy: 'network-only' });
  }, [lastId, refetch]);
  const count = data?.myNotifications.unreadCount ?? 0;
  return (
    <Link to="/notifications" className="bell" aria-label={intl.formatMessage({ id: 'notifications.bell' }, { count })}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {count > 0 && (
        <span className="bell-count" data-testid="unread-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
