import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';

const RequestEmailVerificationMutation = graphql(`
  mutation RequestEmailVerification {
    requestEmailVerification
  }
`);

/** Sends the signed-in person a new verification link (earlier links stop working). */
export function ResendVerification() {
  const intl = useIntl();
  const [state, request] = useMutation(RequestEmailVerificationMutation);
  const errors = formErrors(state.error, intl);
  return (
    <div className="inline-actions">
      <FormAlert messages={errors.form} />
      <Button className="button button-secondary" isDisabled={state.fetching} onPress={() => void request({})}>
        <FormattedMessage id="verify.resend" />
      </Button>
      {state.data?.requestEmailVerification && (
        <p role="status" className="success">
          <FormattedMessage id="verify.resent" />
        </p>
      )}
    </div>
  );
}
