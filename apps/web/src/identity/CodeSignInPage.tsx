import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { TextInput, usePageTitle } from '../common/ui';
import { AuthForm, useAfterSignIn } from './auth-forms';

const SignInWithCodeMutation = graphql(`
  mutation SignInWithCode($username: String!, $code: String!) {
    signInWithCode(username: $username, code: $code) {
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

/** A roster student signs in with the username and code printed on the teacher's sheet; nothing else is asked. */
export default function CodeSignInPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'codeSignIn.title' }));
  const [state, signIn] = useMutation(SignInWithCodeMutation);
  const afterSignIn = useAfterSignIn();
  const errors = formErrors(state.error, intl, { fields: ['username', 'code'], messageOfCode: { UNAUTHENTICATED: 'error.UNAUTHENTICATED.code' } });
  return (
    <AuthForm
      title="codeSignIn.title"
      submit="signIn.submit"
      errors={errors}
      busy={state.fetching}
      onSubmit={(values) => void signIn({ username: values.username ?? '', code: values.code ?? '' }).then((result) => result.data && afterSignIn(result.data.signInWithCode))}
    >
      <p className="muted">
        <FormattedMessage id="codeSignIn.help" />
      </p>
      <TextInput name="username" label="field.username" autoComplete="username" autoCapitalize="none" isRequired />
      <TextInput name="code" label="field.code" autoComplete="one-time-code" autoCapitalize="characters" isRequired />
    </AuthForm>
  );
}
