import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../i18n/IntlRoot';

export interface Option {
  id: string;
  label: string;
}

const ANY = '__any__';

/** A single-choice filter with an "any" entry; `value` null means no filter. */
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
  const items = [{ id: ANY, label: intl.formatMessage({ id: 'filter.any' }) }, ...options];
  return (
    <Select className="field select" selectedKey={value ?? ANY} onSelectionChange={(key) => onChange(key === ANY || key === null ? null : String(key))} isDisabled={isDisabled}>
      <Label>
        <FormattedMessage id={label} />
      </Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover">
        <ListBox className="listbox" items={items}>
          {(item) => (
            <ListBoxItem className="listbox-item" id={item.id} textValue={item.label}>
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
