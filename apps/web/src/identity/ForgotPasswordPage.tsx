import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { TextInput, usePageTitle } from '../common/ui';
import { AuthForm } from './auth-forms';

const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/** Asks for a reset link; the answer is the same whether or not the address has an account (no enumeration). */
export default function ForgotPasswordPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'forgot.title' }));
  const [state, request] = useMutation(RequestPasswordResetMutation);
  const errors = formErrors(state.error, intl, { fields: ['email'] });
  if (state.data?.requestPasswordReset) {
    return (
      <section className="narrow">
        <h1>
          <FormattedMessage id="forgot.title" />
        </h1>
        <p role="status" className="success">
          <FormattedMessage id="forgot.sent" />
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
      title="forgot.title"
      submit="forgot.submit"
      errors={errors}
      busy={state.fetching}
      onSubmit={(values) => void request({ email: values.email ?? '' })}
      footer={
        <p className="muted">
          <FormattedMessage id="forgot.students" values={{ link: (text) => <Link to="/sign-in/code">{text}</Link> }} />
        </p>
      }
    >
      <p className="muted">
        <FormattedMessage id="forgot.lead" />
      </p>
      <TextInput name="email" type="email" label="field.email" autoComplete="email" isRequired />
    </AuthForm>
  );
}
