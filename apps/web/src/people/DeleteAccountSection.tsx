import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { expectingRevocation } from '../identity/session';
import { FormAlert } from '../common/ui';
import { ApiForm, formText, LineField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import '../organizer/organizer.css';
import './people.css';

const DeleteMyAccountMutation = graphql(`
  mutation DeleteMyAccount($password: String!) {
    deleteMyAccount(password: $password)
  }
`);

/**
 * Erasure (docs/rules.md "Erasure"): the password (a roster student's code) proves it is them, a confirmation asks once
 * more; then name, email, sign-in, notifications and consents are gone and the session ends.
 */
export function DeleteAccountSection({ rosterStudent }: { rosterStudent: boolean }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const [password, setPassword] = useState<string | null>(null);
  const [state, erase] = useMutation(DeleteMyAccountMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = formErrors(state.error, intl, { fields: ['password'], scope: 'erasure' });
  useFocusFirstInvalid(formRef, state.error);
  const confirm = () => {
    const proof = password ?? '';
    setPassword(null);
    // Erasure ends every session of the account; the farewell page forgets this tab's (forgetting it here would first
    // send the profile to the sign-in page, while the farewell page's code loads).
    void expectingRevocation(async () => {
      const result = await erase({ password: proof });
      if (!result.data?.deleteMyAccount) return false;
      void navigate('/account-deleted', { replace: true, state: { erased: true } });
      return true;
    });
  };
  return (
    <section aria-labelledby="erase-title">
      <h2 id="erase-title">
        <FormattedMessage id="erase.title" />
      </h2>
      <p>
        <FormattedMessage id="erase.lead" />
      </p>
      <ApiForm
        error={state.error}
        ref={formRef}
        className="form"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          setPassword(formText(event.currentTarget, 'password'));
        }}
      >
        <FormAlert messages={errors.form} />
        <LineField
          name="password"
          type="password"
          label={intl.formatMessage({ id: rosterStudent ? 'erase.passwordOrCode' : 'field.password' })}
          autoComplete="current-password"
          isRequired
        />
        <Button type="submit" className="button button-danger" isDisabled={state.fetching}>
          <FormattedMessage id="erase.submit" />
        </Button>
      </ApiForm>
      <ConfirmDialog
        isOpen={password !== null}
        onOpenChange={(open) => !open && setPassword(null)}
        onConfirm={confirm}
        danger
        title={<FormattedMessage id="erase.confirmTitle" />}
        confirmLabel={<FormattedMessage id="erase.confirm" />}
        cancelLabel={<FormattedMessage id="erase.cancel" />}
      >
        <p>
          <FormattedMessage id="erase.confirmText" />
        </p>
      </ConfirmDialog>
    </section>
  );
}
