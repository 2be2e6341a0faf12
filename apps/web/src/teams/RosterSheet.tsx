import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { Button } from 'react-aria-components';
import { FormattedMessage } from 'react-intl';
import { DataTable } from '../common/DataTable';

export interface Credential {
  username: string;
  code: string;
  displayName: string;
  schoolName: string;
  teamName: string;
  className?: string | null;
  challengeTitle: string;
  user: { id: string };
}

/** Where a roster student types the username and code of the sheet. */
const signInAddress = () => `${location.origin}/sign-in/code`;

/**
 * The sign-in sheet of roster students, shown once (the API returns the codes only in the answer that created them):
 * a table on screen, and for the printer one slip per student to cut out and hand over (the rest of the page is not
 * printed while a sheet is open, see teams.css).
 */
export function RosterSheet({ credentials, onClose }: { credentials: Credential[]; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // New codes appear below the form that asked for them: the focus goes to the sheet, so nobody misses it.
  useEffect(() => heading.current?.focus(), [credentials]);
  return (
    <section className="card roster-sheet" aria-labelledby="roster-sheet-title">
      <div className="section-head">
        <h2 id="roster-sheet-title" ref={heading} tabIndex={-1}>
          <FormattedMessage id="roster.sheet.title" />
        </h2>
        <div className="actions">
          <Button className="button" onPress={() => window.print()}>
            <FormattedMessage id="roster.sheet.print" />
          </Button>
          <Button className="button button-secondary" onPress={onClose}>
            <FormattedMessage id="roster.sheet.close" />
          </Button>
        </div>
      </div>
      <p className="warning">
        <FormattedMessage id="roster.sheet.once" />
      </p>
      <p>
        <FormattedMessage id="roster.sheet.howTo" values={{ address: <strong>{signInAddress()}</strong> }} />
      </p>
      <DataTable
        label="roster.sheet.table"
        rows={credentials}
        rowKey={(credential) => credential.user.id}
        columns={[
          { header: 'roster.sheet.student', rowHeader: true, cell: (credential) => credential.displayName },
          { header: 'field.username', cell: (credential) => <span className="mono">{credential.username}</span> },
          { header: 'field.code', cell: (credential) => <span className="mono nowrap">{credential.code}</span> },
        ]}
      />
      {createPortal(
        <div className="print-sheet" aria-hidden="true">
          <ul className="slips">
            {credentials.map((credential) => (
              <li key={credential.user.id} className="slip">
                <p className="slip-name">{credential.displayName}</p>
                <p className="slip-meta">
                  {[credential.schoolName, credential.teamName, credential.className].filter(Boolean).join(' · ')}
                  <br />
                  {credential.challengeTitle}
                </p>
                <dl className="slip-credentials">
                  <dt>
                    <FormattedMessage id="field.username" />
                  </dt>
                  <dd className="mono">{credential.username}</dd>
                  <dt>
                    <FormattedMessage id="field.code" />
                  </dt>
                  <dd className="mono">{credential.code}</dd>
                </dl>
                <p className="slip-meta">
                  <FormattedMessage id="roster.sheet.slipHowTo" values={{ address: signInAddress() }} />
                </p>
              </li>
            ))}
          </ul>
        </div>,
        document.body,
      )}
    </section>
  );
}
