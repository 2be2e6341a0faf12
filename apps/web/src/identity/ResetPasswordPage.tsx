import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { TextInput, usePageTitle } from '../common/ui';
import { AuthForm } from './auth-forms';
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
  const [mismatch, setMismatch] = useState(false);
  const errors = formErrors(state.error, intl, { fields: ['newPassword'] });
  // The link's token is no field of the form: an invalid or spent link is told above it, with the way to a new one.
  const linkInvalid = !token || !!state.error?.graphQLErrors.some((error) => error.extensions.field === 'token');
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
    <AuthForm
      title="reset.title"
      submit="reset.submit"
      errors={errors}
      busy={state.fetching}
      onSubmit={(values) => {
        const same = values.newPassword === values.repeatPassword;
        setMismatch(!same);
        if (!same) return;
        void reset({ input: { token, newPassword: values.newPassword ?? '' } }).then((result) => {
          // Every session of the account ended at the API: this tab's too.
          if (result.data?.resetPassword && getSession().status === 'signedIn') void endSession();
        });
      }}
      footer={
        linkInvalid && (
          <p>
            <Link to="/forgot-password">
              <FormattedMessage id="reset.newLink" />
            </Link>
          </p>
        )
      }
    >
      {linkInvalid && (
        <p className="alert" role="alert">
          <FormattedMessage id="account.error.link" />
        </p>
      )}
      <TextInput name="newPassword" type="password" label="field.newPassword" autoComplete="new-password" isRequired />
      <TextInput name="repeatPassword" type="password" label="reset.repeat" autoComplete="new-password" isRequired />
    </AuthForm>
  );
}
