import { Fragment } from 'react';
import { FormattedDate, FormattedMessage } from 'react-intl';

const DATES = ['submissionOpensAt', 'submissionClosesAt', 'judgingClosesAt'] as const;

/** The three dates of an edition as rows of a `dl` (the caller's, which may list more). */
export function ChallengeDateRows({ challenge }: { challenge: Record<(typeof DATES)[number], string> }) {
  return (
    <>
      {DATES.map((date) => (
        <Fragment key={date}>
          <dt>
            <FormattedMessage id={`challenge.${date}`} />
          </dt>
          <dd>
            <FormattedDate value={challenge[date]} dateStyle="long" timeStyle="short" />
          </dd>
        </Fragment>
      ))}
    </>
  );
}
