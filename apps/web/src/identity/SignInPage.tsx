import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { TextInput, usePageTitle } from '../common/ui';
import { AuthForm, useAfterSignIn } from './auth-forms';

const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      accessToken
      refreshToken
      user {
        id
        displayName
        email
        username
        emailVerified
        locale
      }
    }
  }
`);

export default function SignInPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'signIn.title' }));
  const [state, signIn] = useMutation(SignInMutation);
  const afterSignIn = useAfterSignIn();
  const errors = formErrors(state.error, intl, { fields: ['email', 'password'], messageOfCode: { UNAUTHENTICATED: 'error.UNAUTHENTICATED.signIn' } });
  return (
    <AuthForm
      title="signIn.title"
      submit="signIn.submit"
      errors={errors}
      busy={state.fetching}
      onSubmit={(values) => void signIn({ input: { email: values.email ?? '', password: values.password ?? '' } }).then((result) => result.data && afterSignIn(result.data.signIn))}
      footer={
        <ul className="links">
          <li>
            <Link to="/forgot-password">
              <FormattedMessage id="signIn.forgotPassword" />
            </Link>
          </li>
          <li>
            <Link to="/sign-in/code">
              <FormattedMessage id="signIn.withCode" />
            </Link>
          </li>
          <li>
            <Link to="/sign-up">
              <FormattedMessage id="signIn.noAccount" />
            </Link>
          </li>
        </ul>
      }
    >
      <TextInput name="email" label="field.emailOrUsername" autoComplete="username" isRequired />
      <TextInput name="password" type="password" label="field.password" autoComplete="current-password" isRequired />
    </AuthForm>
  );
}
