import { Label, Radio, RadioGroup } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { TextInput, usePageTitle } from '../common/ui';
import { LOCALES, useLocale } from '../i18n/locale-store';
import { AuthForm, useAfterSignIn } from './auth-forms';

const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
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

export function LanguageChoice({ defaultValue, name = 'locale' }: { defaultValue: string; name?: string }) {
  return (
    <RadioGroup className="field radios" name={name} defaultValue={defaultValue} orientation="horizontal">
      <Label>
        <FormattedMessage id="field.locale" />
      </Label>
      {LOCALES.map((locale) => (
        <Radio key={locale} value={locale} className="radio">
          <FormattedMessage id={`language.${locale}`} />
        </Radio>
      ))}
    </RadioGroup>
  );
}

export default function SignUpPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'signUp.title' }));
  const locale = useLocale();
  const [state, signUp] = useMutation(SignUpMutation);
  const afterSignIn = useAfterSignIn();
  // No checks here beyond "required": the API's rules (password length, email format) answer in the user's language.
  const errors = formErrors(state.error, intl, { fields: ['displayName', 'email', 'password', 'locale'], fieldOfCode: { CONFLICT: 'email' } });
  return (
    <AuthForm
      title="signUp.title"
      submit="signUp.submit"
      errors={errors}
      busy={state.fetching}
      onSubmit={(values) =>
        void signUp({ input: { displayName: values.displayName ?? '', email: values.email ?? '', password: values.password ?? '', locale: values.locale || locale } }).then(
          (result) => result.data && afterSignIn(result.data.signUp),
        )
      }
      footer={
        <p>
          <Link to="/sign-in">
            <FormattedMessage id="signUp.haveAccount" />
          </Link>
        </p>
      }
    >
      <TextInput name="displayName" label="field.displayName" autoComplete="name" isRequired />
      <TextInput name="email" type="email" label="field.email" autoComplete="email" isRequired />
      <TextInput name="password" type="password" label="field.password" autoComplete="new-password" isRequired />
      <LanguageChoice defaultValue={locale} />
    </AuthForm>
  );
}
