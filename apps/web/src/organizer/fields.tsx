// Form controls of the organizer and sponsor screens: each labelled, each with its error (from the API, through
// `<Form validationErrors>`) right under it and tied to it by aria-describedby (react-aria's FieldError).
import { useId, useState, type ReactNode } from 'react';
import { Checkbox, FieldError, Form, Input, Label, Radio, RadioGroup, Text, TextArea, TextField, type FormProps, type TextFieldProps } from 'react-aria-components';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from '../i18n/IntlRoot';

/**
 * react-aria's Form whose API errors (`validationErrors`, by field name) leave a field as soon as the user edits it:
 * the field's message goes, and so does the native custom validity that would otherwise block the next submit until
 * the field's `change` event (on blur) happens to commit it.
 */
export function ApiForm({ validationErrors, error, ...props }: FormProps & { error: unknown; ref?: React.Ref<HTMLFormElement> }) {
  const [edited, setEdited] = useState<{ error: unknown; names: ReadonlySet<string> }>({ error, names: new Set() });
  const names = edited.error === error ? edited.names : new Set<string>();
  const shown = Object.fromEntries(Object.entries(validationErrors ?? {}).filter(([name]) => !names.has(name)));
  return (
    // `input` events bubble from every field of the form (react-aria's Form takes no onInput).
    <div
      className="contents"
      onInput={(event) => {
        const name = (event.target as Partial<HTMLInputElement>).name;
        if (name && Object.hasOwn(shown, name)) setEdited({ error, names: new Set([...names, name]) });
      }}
    >
      <Form {...props} validationErrors={shown} />
    </div>
  );
}

type FieldProps = Omit<TextFieldProps, 'children'> & { label: ReactNode; description?: ReactNode };

/** The field's help, tied to its input by aria-describedby (with the error, when there is one). */
function Description({ children }: { children?: ReactNode }) {
  return children ? (
    <Text slot="description" className="muted field-help">
      {children}
    </Text>
  ) : null;
}

export function LineField({ label, description, autoComplete, ...props }: FieldProps & { autoComplete?: string }) {
  return (
    <TextField className="field" {...props}>
      <Label>{label}</Label>
      <Input autoComplete={autoComplete} />
      <Description>{description}</Description>
      <FieldError className="field-error" />
    </TextField>
  );
}

export function TextAreaField({ label, description, rows = 4, ...props }: FieldProps & { rows?: number }) {
  return (
    <TextField className="field" {...props}>
      <Label>{label}</Label>
      <TextArea rows={rows} />
      <Description>{description}</Description>
      <FieldError className="field-error" />
    </TextField>
  );
}

/**
 * A number typed as text the browser checks only for being a number (`step="any"`, no bounds): the limits are the
 * API's, answered next to the field in the user's language.
 */
export function NumberField({ label, description, ...props }: FieldProps) {
  return (
    <TextField className="field field-number" type="number" {...props}>
      <Label>{label}</Label>
      <Input step="any" inputMode="decimal" />
      <Description>{description}</Description>
      <FieldError className="field-error" />
    </TextField>
  );
}

/** A date and time in the browser's time zone (`datetime-local`), sent to the API as an ISO instant. */
export function DateTimeField({ label, description, ...props }: FieldProps) {
  return (
    <TextField className="field field-date" type="datetime-local" {...props}>
      <Label>{label}</Label>
      <Input />
      <Description>{description}</Description>
      <FieldError className="field-error" />
    </TextField>
  );
}

export function CheckboxField({ name, label, defaultSelected, onChange }: { name: string; label: ReactNode; defaultSelected?: boolean; onChange?: (selected: boolean) => void }) {
  return (
    <Checkbox className="checkbox" name={name} value="on" defaultSelected={defaultSelected} onChange={onChange}>
      <span className="checkbox-box" aria-hidden="true" />
      {label}
    </Checkbox>
  );
}

export function RadioField<T extends string>({
  name,
  label,
  options,
  defaultValue,
  isRequired,
  onChange,
}: {
  name: string;
  label: ReactNode;
  options: { value: T; label: ReactNode }[];
  defaultValue?: T;
  isRequired?: boolean;
  onChange?: (value: T) => void;
}) {
  return (
    <RadioGroup className="field radios" name={name} defaultValue={defaultValue} isRequired={isRequired} onChange={onChange && ((value) => onChange(value as T))}>
      <Label>{label}</Label>
      {options.map((option) => (
        <Radio key={option.value} value={option.value} className="radio">
          {option.label}
        </Radio>
      ))}
      <FieldError className="field-error" />
    </RadioGroup>
  );
}

/** A native select (accessible as is, the system picker on phones); its API error is shown under it. */
export function SelectField({
  name,
  label,
  options,
  defaultValue,
  error,
  isRequired,
  placeholder,
}: {
  name: string;
  label: ReactNode;
  options: { value: string; label: string }[];
  defaultValue?: string;
  error?: string;
  isRequired?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        className="select-button"
        defaultValue={defaultValue}
        required={isRequired}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** "Saved." and the like, announced politely. */
export function Saved({ show, id }: { show: boolean; id: MessageId }) {
  if (!show) return null;
  return (
    <p role="status" className="success">
      <FormattedMessage id={id} />
    </p>
  );
}

/** The `datetime-local` value of an instant, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO instant of a `datetime-local` value (an empty or invalid one gives undefined). */
export function fromLocalInput(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A number input's value: undefined when empty (the API's default applies), NaN passes through for the API to refuse. */
export function numberValue(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return Number(value);
}

/** A text input's value in a submitted form ('' when absent). */
export function formText(form: HTMLFormElement | FormData, name: string): string {
  const value = (form instanceof FormData ? form : new FormData(form)).get(name);
  return typeof value === 'string' ? value : '';
}
