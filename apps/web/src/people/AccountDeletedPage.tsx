import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../common/ui';
import { endSession, getSession } from '../identity/session';

/** Where a person lands once their account is erased; the session of the erased account ends here. */
export default function AccountDeletedPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'erase.doneTitle' }));
  const erased = (useLocation().state as { erased?: boolean } | null)?.erased === true;
  useEffect(() => {
    if (erased && getSession().status === 'signedIn') void endSession();
  }, [erased]);
  return (
    <section className="narrow">
      <h1>
        <FormattedMessage id="erase.doneTitle" />
      </h1>
      <p>
        <FormattedMessage id="erase.doneText" />
      </p>
      <p>
        <Link to="/">
          <FormattedMessage id="erase.home" />
        </Link>
      </p>
    </section>
  );
}
