import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert, TextInput, usePageTitle } from '../common/ui';
import { isLocale, setLocale } from '../i18n/locale-store';
import { formValues } from './auth-forms';
import { endEverySession, endSession, updateSessionUser, useSession } from './session';
import { LanguageChoice } from './SignUpPage';
import { DataExportSection } from '../people/DataExportSection';
import { DeleteAccountSection } from '../people/DeleteAccountSection';
import { ResendVerification } from './ResendVerification';

const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      displayName
      locale
    }
  }
`);

const SignOutEverywhereMutation = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`);

/**
 * Ends every session of the account at the API (other browsers' next request is refused, their sockets close), after a
 * confirmation; then this browser forgets its own.
 */
function SignOutEverywhere() {
  const intl = useIntl();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [state, signOutEverywhere] = useMutation(SignOutEverywhereMutation);
  const errors = formErrors(state.error, intl);
  const confirm = () => {
    setConfirming(false);
    void endEverySession(() => signOutEverywhere({}).then((result) => !!result.data?.signOutEverywhere)).then((done) => done && navigate('/'));
  };
  return (
    <>
      <p>
        <FormattedMessage id="signOutEverywhere.lead" />
      </p>
      <FormAlert messages={errors.form} />
      <Button className="button button-secondary" isDisabled={state.fetching} onPress={() => setConfirming(true)}>
        <FormattedMessage id="signOutEverywhere.submit" />
      </Button>
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        onConfirm={confirm}
        danger
        title={<FormattedMessage id="signOutEverywhere.confirmTitle" />}
        confirmLabel={<FormattedMessage id="signOutEverywhere.confirm" />}
        cancelLabel={<FormattedMessage id="signOutEverywhere.cancel" />}
      >
        <p>
          <FormattedMessage id="signOutEverywhere.confirmText" />
        </p>
      </ConfirmDialog>
    </>
  );
}

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

export default function ProfilePage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'profile.title' }));
  const { user } = useSession();
  const navigate = useNavigate();
  const [profile, updateProfile] = useMutation(UpdateProfileMutation);
  const [password, changePassword] = useMutation(ChangePasswordMutation);
  const [saved, setSaved] = useState(false);
  const [passwordSaved, setPasswordSaved] = useState(false);
  if (!user) return null;
  const profileErrors = formErrors(profile.error, intl, { fields: ['displayName', 'locale'] });
  const passwordErrors = formErrors(password.error, intl, { fields: ['currentPassword', 'newPassword'] });
  return (
    <section className="narrow">
      <h1>
        <FormattedMessage id="profile.title" />
      </h1>
      <dl className="dates">
        {user.email && (
          <>
            <dt>
              <FormattedMessage id="field.email" />
            </dt>
            <dd>
              {user.email} <FormattedMessage id={user.emailVerified ? 'profile.verified' : 'profile.notVerified'} />
              {!user.emailVerified && <ResendVerification />}
            </dd>
          </>
        )}
        {user.username && (
          <>
            <dt>
              <FormattedMessage id="field.username" />
            </dt>
            <dd>{user.username}</dd>
          </>
        )}
      </dl>

      <h2>
        <FormattedMessage id="profile.details" />
      </h2>
      <Form
        className="form"
        validationErrors={profileErrors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          const values = formValues(event);
          setSaved(false);
          void updateProfile({ input: { displayName: values.displayName, locale: values.locale } }).then((result) => {
            const updated = result.data?.updateProfile;
            if (!updated) return;
            updateSessionUser({ displayName: updated.displayName, locale: updated.locale });
            if (isLocale(updated.locale)) setLocale(updated.locale);
            setSaved(true);
          });
        }}
      >
        <FormAlert messages={profileErrors.form} />
        <TextInput name="displayName" label="field.displayName" defaultValue={user.displayName} autoComplete="name" isRequired />
        <LanguageChoice defaultValue={user.locale} />
        <Button type="submit" className="button" isDisabled={profile.fetching}>
          <FormattedMessage id="profile.save" />
        </Button>
        {saved && (
          <p role="status" className="success">
            <FormattedMessage id="profile.saved" />
          </p>
        )}
      </Form>

      <h2>
        <FormattedMessage id="profile.password" />
      </h2>
      {user.username && (
        <p className="muted">
          <FormattedMessage id="profile.passwordForStudents" />
        </p>
      )}
      <Form
        className="form"
        validationErrors={passwordErrors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          const values = formValues(event);
          setPasswordSaved(false);
          void changePassword({ input: { currentPassword: values.currentPassword || undefined, newPassword: values.newPassword ?? '' } }).then(
            (result) => result.data && setPasswordSaved(true),
          );
        }}
      >
        <FormAlert messages={passwordErrors.form} />
        <TextInput name="currentPassword" type="password" label="field.currentPassword" autoComplete="current-password" />
        <TextInput name="newPassword" type="password" label="field.newPassword" autoComplete="new-password" isRequired />
        <Button type="submit" className="button" isDisabled={password.fetching}>
          <FormattedMessage id="profile.changePassword" />
        </Button>
        {passwordSaved && (
          <p role="status" className="success">
            <FormattedMessage id="profile.passwordChanged" />
          </p>
        )}
      </Form>

      <h2>
        <FormattedMessage id="profile.session" />
      </h2>
      <p className="actions">
        <Button className="button button-secondary" onPress={() => void endSession().then(() => navigate('/'))}>
          <FormattedMessage id="nav.signOut" />
        </Button>
      </p>
      <SignOutEverywhere />

      <h2>
        <FormattedMessage id="organizations.title" />
      </h2>
      <p>
        <FormattedMessage id="organizations.lead" />{' '}
        <Link to="/organizations">
          <FormattedMessage id="organizations.link" />
        </Link>
      </p>

      <DataExportSection />
      <DeleteAccountSection rosterStudent={!!user.username} />
    </section>
  );
}
