import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { usePageTitle } from '../common/ui';

/** Where a person lands once their account is erased. */
export default function AccountDeletedPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'erase.doneTitle' }));
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
