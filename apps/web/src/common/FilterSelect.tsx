import { useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../i18n/IntlRoot';

export interface Option {
  id: string;
  label: string;
}

/**
 * A single-choice filter with an "all" entry; `value` null means no filter. A native <select>: accessible as is, best on
 * phones (the system picker), and it keeps react-aria's overlay machinery out of the gallery's first load.
 */
export function FilterSelect({
  label,
  options,
  value,
  onChange,
  isDisabled,
}: {
  label: MessageId;
  options: Option[];
  value: string | null;
  onChange: (value: string | null) => void;
  isDisabled?: boolean;
}) {
  const intl = useIntl();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        <FormattedMessage id={label} />
      </label>
      <select id={id} className="select-button" value={value ?? ''} disabled={isDisabled} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">{intl.formatMessage({ id: 'filter.any' })}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
