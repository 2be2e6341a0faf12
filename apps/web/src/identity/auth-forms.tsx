import type { FormEvent, ReactNode } from 'react';
import { Button, Form } from 'react-aria-components';
import { FormattedMessage } from 'react-intl';
import { useNavigate, useSearchParams } from 'react-router';
import type { MessageId } from '../i18n/IntlRoot';
import { FormAlert } from '../common/ui';
import type { FormErrors } from '../common/api-errors';
import { startSession, type AuthResult } from './session';

/** Form values by input name (react-aria's inputs carry `name`). */
export const formValues = (event: FormEvent<HTMLFormElement>): Record<string, string> =>
  Object.fromEntries([...new FormData(event.currentTarget).entries()].map(([key, value]) => [key, typeof value === 'string' ? value : value.name]));

/** Where to go after signing in: the `next` page the visitor came from, only if it is one of ours. */
export function useAfterSignIn(): (result: AuthResult) => void {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  return (result) => {
    startSession(result);
    void navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };
}

export function AuthForm({
  title,
  submit,
  errors,
  busy,
  onSubmit,
  children,
  footer,
}: {
  title: MessageId;
  submit: MessageId;
  errors: FormErrors;
  busy: boolean;
  onSubmit: (values: Record<string, string>) => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <section className="narrow">
      <h1>
        <FormattedMessage id={title} />
      </h1>
      <Form
        className="form"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(formValues(event));
        }}
      >
        <FormAlert messages={errors.form} />
        {children}
        <Button type="submit" className="button" isDisabled={busy}>
          <FormattedMessage id={submit} />
        </Button>
      </Form>
      {footer}
    </section>
  );
}
