import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';
import { getAccessToken, refreshSession } from '../identity/session';
import './people.css';

const ExportMyDataQuery = graphql(`
  query ExportMyData {
    exportMyData
  }
`);

graphql(`
  fragment DataExportFields on DataExport {
    id
    status
    requestedAt
    readyAt
    expiresAt
    sizeBytes
    downloadPath
  }
`);

const RequestDataExportMutation = graphql(`
  mutation RequestDataExport {
    requestDataExport {
      ...DataExportFields
    }
  }
`);

const DataExportQuery = graphql(`
  query DataExport($id: ID!) {
    dataExport(id: $id) {
      ...DataExportFields
    }
  }
`);

/** How often a pending export is asked after (the worker produces it within seconds to minutes). */
const POLL_MS = 3000;

/** Hands a document to the browser as a download. */
function saveFile(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const fileName = () => `climathon-${new Date().toISOString().slice(0, 10)}.json`;

const tooLarge = (error: CombinedError | undefined): boolean =>
  !!error?.graphQLErrors.some((e) => e.extensions.code === 'FAILED_PRECONDITION' && e.extensions.reason === 'EXPORT_TOO_LARGE');

/** GET /exports/data/:id with the bearer token (never in the URL), refreshing it once if it expired. */
async function download(path: string): Promise<'done' | 'gone' | 'failed'> {
  const get = () => fetch(path, { headers: { authorization: `Bearer ${getAccessToken() ?? ''}` }, cache: 'no-store' });
  let response = await get();
  if (response.status === 401 && (await refreshSession())) response = await get();
  if (response.status === 410 || response.status === 404) return 'gone';
  if (!response.ok) return 'failed';
  saveFile(await response.text(), fileName());
  return 'done';
}

/** A larger export, produced by the worker: followed until it is ready, then downloaded once. */
function PreparedExport({ id }: { id: string }) {
  const intl = useIntl();
  const [{ data, error }, refetch] = useQuery({ query: DataExportQuery, variables: { id }, requestPolicy: 'network-only' });
  const [outcome, setOutcome] = useState<'idle' | 'busy' | 'done' | 'gone' | 'failed'>('idle');
  const current = data?.dataExport;
  const pending = current?.status === 'PENDING';
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [pending, refetch]);
  if (error) return <FormAlert messages={formErrors(error, intl).form} />;
  if (!current) return null;
  if (outcome === 'done' || current.status === 'FETCHED') {
    return (
      <p role="status" className="success">
        <FormattedMessage id="export.fetched" />
      </p>
    );
  }
  if (outcome === 'gone' || current.status === 'EXPIRED') {
    return (
      <p className="alert" role="alert">
        <FormattedMessage id="export.gone" />
      </p>
    );
  }
  if (pending) {
    return (
      <p role="status">
        <FormattedMessage id="export.pending" />
      </p>
    );
  }
  return (
    <div className="inline-actions">
      <p role="status">
        <FormattedMessage
          id="export.ready"
          values={{
            size: (
              <FormattedNumber
                value={Math.max(0.1, (current.sizeBytes ?? 0) / 1024)}
                style="unit"
                unit="kilobyte"
                maximumFractionDigits={(current.sizeBytes ?? 0) < 10_240 ? 1 : 0}
              />
            ),
            expires: current.expiresAt ? <FormattedDate value={current.expiresAt} dateStyle="long" timeStyle="short" /> : '',
          }}
        />
      </p>
      {outcome === 'failed' && (
        <p className="alert" role="alert">
          <FormattedMessage id="error.generic" />
        </p>
      )}
      <Button
        className="button"
        isDisabled={outcome === 'busy' || !current.downloadPath}
        onPress={() => {
          setOutcome('busy');
          void download(current.downloadPath ?? '').then((result) => {
            setOutcome(result);
            refetch({ requestPolicy: 'network-only' });
          });
        }}
      >
        <FormattedMessage id="export.downloadFile" />
      </Button>
    </div>
  );
}

/** "Export my data": everything stored about the person as one JSON file, at once or, when large, through the worker. */
export function DataExportSection() {
  const intl = useIntl();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const [downloaded, setDownloaded] = useState(false);
  const [requested, request] = useMutation(RequestDataExportMutation);
  const prepared = requested.data?.requestDataExport;
  const errors = formErrors(error ?? requested.error, intl);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    setDownloaded(false);
    const result = await client.query(ExportMyDataQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) {
      saveFile(result.data.exportMyData, fileName());
      setDownloaded(true);
    } else if (tooLarge(result.error)) {
      await request({});
    } else {
      setError(result.error);
    }
    setBusy(false);
  };
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">
        <FormattedMessage id="export.title" />
      </h2>
      <p>
        <FormattedMessage id="export.lead" />
      </p>
      <FormAlert messages={errors.form} />
      {prepared ? (
        <PreparedExport id={prepared.id} />
      ) : (
        <div className="inline-actions">
          <Button className="button button-secondary" isDisabled={busy || requested.fetching} onPress={() => void start()}>
            <FormattedMessage id="export.download" />
          </Button>
          {downloaded && (
            <p role="status" className="success">
              <FormattedMessage id="export.downloaded" />
            </p>
          )}
        </div>
      )}
    </section>
  );
}
