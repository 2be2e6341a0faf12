import { useEffect, useMemo } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Provider } from 'urql';
import { createGraphQLConnection } from '../graphql/client';
import { useSession } from '../identity/session';
import { IntlRoot } from '../i18n/IntlRoot';
import { routes } from './routes';

const router = createBrowserRouter(routes);

export function App() {
  const { generation } = useSession();
  // A new client (empty cache, new socket) at each sign-in and sign-out: nothing of one session leaks into the next.
  const connection = useMemo(() => createGraphQLConnection(), [generation]);
  useEffect(() => () => connection.dispose(), [connection]);
  return (
    <IntlRoot>
      <Provider value={connection.client}>
        <RouterProvider router={router} />
      </Provider>
    </IntlRoot>
  );
}
