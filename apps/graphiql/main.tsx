// The development-only GraphQL explorer, bundled from npm (no CDN) so it works offline.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';

const origin = window.location.origin;
const fetcher = createGraphiQLFetcher({
  url: `${origin}/graphql`,
  subscriptionUrl: `${origin.replace(/^http/, 'ws')}/graphql`,
});

const container = document.getElementById('graphiql');
if (container) createRoot(container).render(<GraphiQL fetcher={fetcher} />);
