import { useMemo } from 'react';
import { Button } from 'react-aria-components';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading, QueryError, usePageTitle } from '../common/ui';

const NotificationsQuery = graphql(`
  query Notifications {
    myNotifications(first: 50) {
      totalCount
      unreadCount
      edges {
        node {
          id
          kind
          title
          body
          path
          createdAt
          readAt
        }
      }
    }
  }
`);

const MarkReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

export default function NotificationsPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'notifications.title' }));
  // Marking returns a count, not notifications: tell urql's cache which queries it makes stale.
  const context = useMemo(() => ({ additionalTypenames: ['Notification', 'NotificationConnection'] }), []);
  const [{ data, fetching, error }] = useQuery({ query: NotificationsQuery, context });
  const [marking, markRead] = useMutation(MarkReadMutation);
  const notifications = data?.myNotifications.edges.map((edge) => edge.node) ?? [];
  const unread = notifications.filter((notification) => !notification.readAt).map((notification) => notification.id);
  const mark = (ids: string[]) => void markRead({ ids }, context);
  return (
    <section className="narrow">
      <h1>
        <FormattedMessage id="notifications.title" />
      </h1>
      {fetching && !data && <Loading />}
      {error && <QueryError error={error} />}
      {data && notifications.length === 0 && (
        <p>
          <FormattedMessage id="notifications.empty" />
        </p>
      )}
      {unread.length > 0 && (
        <p className="actions">
          <Button className="button button-secondary" onPress={() => mark(unread)} isDisabled={marking.fetching}>
            <FormattedMessage id="notifications.markAllRead" />
          </Button>
        </p>
      )}
      <ul className="notifications">
        {notifications.map((notification) => (
          <li key={notification.id} className={notification.readAt ? 'notification' : 'notification unread'}>
            <h2>
              <Link to={notification.path}>{notification.title}</Link>
            </h2>
            <p>{notification.body}</p>
            <p className="meta">
              <FormattedDate value={notification.createdAt} dateStyle="medium" timeStyle="short" />
              {!notification.readAt && (
                <>
                  {' · '}
                  <Button className="link-button" onPress={() => mark([notification.id])}>
                    <FormattedMessage id="notifications.markRead" />
                  </Button>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
