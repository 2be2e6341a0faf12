// Controls of the teams screens that organizer/fields.tsx has no variant of: a controlled select and a checkbox,
// each with its API error under it, tied by aria-describedby.
import { useId, useState, type ReactNode } from 'react';
import { Checkbox } from 'react-aria-components';

export function ChoiceField({
  name,
  label,
  options,
  value,
  onChange,
  error,
  isRequired,
  isDisabled,
  placeholder,
  description,
}: {
  name: string;
  label: ReactNode;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  placeholder?: string;
  description?: ReactNode;
}) {
  const id = useId();
  const described = [description ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        className="select-button"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={isRequired}
        disabled={isDisabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {description && (
        <span id={`${id}-help`} className="muted field-help">
          {description}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * A checkbox whose API error (e.g. an attestation that must be given) is shown under it until the box is changed; the
 * error is told to assistive technology only (no native validity that would block the next submit).
 */
export function CheckField({
  name,
  label,
  isSelected,
  onChange,
  error,
}: {
  name: string;
  label: ReactNode;
  isSelected: boolean;
  onChange: (selected: boolean) => void;
  error?: string;
}) {
  const id = useId();
  const [changedAfter, setChangedAfter] = useState<string | undefined>();
  const shown = error !== changedAfter ? error : undefined;
  return (
    <div className="field">
      <Checkbox
        className="checkbox"
        name={name}
        value="on"
        isSelected={isSelected}
        onChange={(selected) => {
          setChangedAfter(error);
          onChange(selected);
        }}
        isInvalid={!!shown}
        validationBehavior="aria"
        aria-describedby={shown ? `${id}-error` : undefined}
      >
        <span className="checkbox-box" aria-hidden="true" />
        <span>{label}</span>
      </Checkbox>
      {shown && (
        <span id={`${id}-error`} className="field-error">
          {shown}
        </span>
      )}
    </div>
  );
}
