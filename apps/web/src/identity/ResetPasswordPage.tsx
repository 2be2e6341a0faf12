import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert, TextInput, usePageTitle } from '../common/ui';
import { ApiForm, formText } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { endSession, getSession } from './session';

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`);

/** The page of the link in the reset email (/reset-password?token=): a new password, and every session ends. */
export default function ResetPasswordPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'reset.title' }));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, reset] = useMutation(ResetPasswordMutation);
  // A new object at each refused repetition, so the form shows it again (and drops it once the field is edited).
  const [mismatch, setMismatch] = useState<object | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const shownError = mismatch ?? state.error;
  useFocusFirstInvalid(formRef, shownError);
  const errors = formErrors(mismatch ? undefined : state.error, intl, { fields: ['newPassword'] });
  // The link's token is no field of the form: an invalid or spent link is told above it, with the way to a new one.
  const linkInvalid = !token || (!mismatch && !!state.error?.graphQLErrors.some((error) => error.extensions.field === 'token'));
  if (linkInvalid) errors.form = errors.form.filter((message) => message !== intl.formatMessage({ id: 'error.BAD_USER_INPUT' }));
  if (mismatch) errors.fields.repeatPassword = intl.formatMessage({ id: 'reset.mismatch' });
  if (state.data?.resetPassword) {
    return (
      <section className="narrow">
        <h1>
          <FormattedMessage id="reset.title" />
        </h1>
        <p role="status" className="success">
          <FormattedMessage id="reset.done" />
        </p>
        <p>
          <Link to="/sign-in">
            <FormattedMessage id="account.toSignIn" />
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>
        <FormattedMessage id="reset.title" />
      </h1>
      <ApiForm
        error={shownError}
        ref={formRef}
        className="form"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          const newPassword = formText(event.currentTarget, 'newPassword');
          if (newPassword !== formText(event.currentTarget, 'repeatPassword')) {
            setMismatch({});
            return;
          }
          setMismatch(null);
          void reset({ input: { token, newPassword } }).then((result) => {
            // Every session of the account ended at the API: this tab's too.
            if (result.data?.resetPassword && getSession().status === 'signedIn') void endSession();
          });
        }}
      >
        {linkInvalid && (
          <p className="alert" role="alert">
            <FormattedMessage id="account.error.link" />
          </p>
        )}
        <FormAlert messages={errors.form} />
        <TextInput name="newPassword" type="password" label="field.newPassword" autoComplete="new-password" isRequired />
        <TextInput name="repeatPassword" type="password" label="reset.repeat" autoComplete="new-password" isRequired />
        <Button type="submit" className="button" isDisabled={state.fetching}>
          <FormattedMessage id="reset.submit" />
        </Button>
      </ApiForm>
      {linkInvalid && (
        <p>
          <Link to="/forgot-password">
            <FormattedMessage id="reset.newLink" />
          </Link>
        </p>
      )}
    </section>
  );
}
