import { useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { formErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';
import { CheckboxField, RadioField } from '../organizer/fields';
import { useExportDownload } from './export-download';

type Separator = 'comma' | 'semicolon';

/** The organizers' downloads of results (CSV, JSON) and reviews (CSV), once judging has started. */
export function ExportsSection({ challengeId }: { challengeId: string }) {
  const intl = useIntl();
  const [separator, setSeparator] = useState<Separator>(intl.locale === 'it' ? 'semicolon' : 'comma');
  const [jurorNames, setJurorNames] = useState(false);
  const [state, download] = useExportDownload();
  const base = `/exports/challenges/${encodeURIComponent(challengeId)}`;
  return (
    <section aria-labelledby="exports">
      <h2 id="exports">
        <FormattedMessage id="reports.exports" />
      </h2>
      <p className="muted">
        <FormattedMessage id="reports.exports.help" />
      </p>
      <div className="form">
        <RadioField<Separator>
          name="separator"
          label={<FormattedMessage id="reports.exports.separator" />}
          defaultValue={separator}
          options={[
            { value: 'semicolon', label: <FormattedMessage id="reports.exports.semicolon" /> },
            { value: 'comma', label: <FormattedMessage id="reports.exports.comma" /> },
          ]}
          onChange={(value) => setSeparator(value)}
        />
        <CheckboxField name="jurorNames" label={<FormattedMessage id="reports.exports.jurorNames" />} onChange={setJurorNames} />
        <FormAlert messages={formErrors(state.error, intl).form} />
        <p className="actions">
          <Button className="button" isDisabled={state.fetching} onPress={() => void download(`${base}/results.csv?separator=${separator}`)}>
            <FormattedMessage id="reports.exports.resultsCsv" />
          </Button>
          <Button className="button button-secondary" isDisabled={state.fetching} onPress={() => void download(`${base}/results.json`)}>
            <FormattedMessage id="reports.exports.resultsJson" />
          </Button>
          <Button
            className="button button-secondary"
            isDisabled={state.fetching}
            onPress={() => void download(`${base}/reviews.csv?separator=${separator}${jurorNames ? '&jurors=names' : ''}`)}
          >
            <FormattedMessage id="reports.exports.reviewsCsv" />
          </Button>
        </p>
      </div>
    </section>
  );
}
