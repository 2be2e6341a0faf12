import { useEffect, type ReactNode } from 'react';
import { FieldError, Input, Label, TextField, type TextFieldProps } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CombinedError } from 'urql';
import type { MessageId } from '../i18n/IntlRoot';
import { queryErrorMessage } from './api-errors';

/** A labelled text input whose error (from the API, through `<Form validationErrors>`) is shown right under it. */
export function TextInput({ label, type, autoComplete, autoCapitalize, ...props }: TextFieldProps & { label: MessageId; autoComplete?: string; autoCapitalize?: string }) {
  return (
    <TextField className="field" {...props} type={type}>
      <Label>
        <FormattedMessage id={label} />
      </Label>
      <Input autoComplete={autoComplete} autoCapitalize={autoCapitalize} />
      <FieldError className="field-error" />
    </TextField>
  );
}

export function FormAlert({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div className="alert" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

export function Loading() {
  return (
    <p className="muted" role="status">
      <FormattedMessage id="common.loading" />
    </p>
  );
}

export function QueryError({ error }: { error: CombinedError }) {
  const intl = useIntl();
  return (
    <p className="alert" role="alert">
      {queryErrorMessage(error, intl)}
    </p>
  );
}

export function NotFound() {
  return (
    <section>
      <h1>
        <FormattedMessage id="notFound.title" />
      </h1>
      <p>
        <FormattedMessage id="notFound.body" />
      </p>
    </section>
  );
}

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'good' | 'accent' }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** Sets the document title (the screen reader's page announcement) to the page's own title. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · Climathon`;
  }, [title]);
}
