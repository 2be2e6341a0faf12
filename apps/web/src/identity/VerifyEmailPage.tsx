import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert, usePageTitle } from '../common/ui';
import { updateSessionUser, useSession } from './session';
import { ResendVerification } from './ResendVerification';

const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      id
      emailVerified
    }
  }
`);

/**
 * The page of the link in the verification email (libs/domain/src/identity/account-emails.ts: /verify-email?token=).
 * The address is confirmed by a press of the button, not on opening: mail scanners that open links spend nothing.
 */
export default function VerifyEmailPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'verify.title' }));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const session = useSession();
  const [state, verify] = useMutation(VerifyEmailMutation);
  const errors = formErrors(state.error, intl, { messageOfCode: { BAD_USER_INPUT: 'account.error.link' } });
  const done = !!state.data?.verifyEmail.emailVerified;
  return (
    <section className="narrow">
      <h1>
        <FormattedMessage id="verify.title" />
      </h1>
      {done ? (
        <>
          <p role="status" className="success">
            <FormattedMessage id="verify.done" />
          </p>
          <p>
            <Link to={session.status === 'signedIn' ? '/profile' : '/sign-in'}>
              <FormattedMessage id={session.status === 'signedIn' ? 'account.toProfile' : 'account.toSignIn'} />
            </Link>
          </p>
        </>
      ) : !token ? (
        <p className="alert" role="alert">
          <FormattedMessage id="account.error.link" />
        </p>
      ) : (
        <div className="form">
          <FormAlert messages={errors.form} />
          {state.error ? (
            session.status === 'signedIn' && session.user?.email && !session.user.emailVerified ? (
              <ResendVerification />
            ) : (
              <p>
                <FormattedMessage id="verify.askAgain" />
              </p>
            )
          ) : (
            <>
              <p>
                <FormattedMessage id="verify.lead" />
              </p>
              <Button
                className="button"
                isDisabled={state.fetching}
                onPress={() =>
                  void verify({ token }).then((result) => {
                    const verified = result.data?.verifyEmail;
                    if (verified && verified.id === session.user?.id) updateSessionUser({ emailVerified: verified.emailVerified });
                  })
                }
              >
                <FormattedMessage id="verify.confirm" />
              </Button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
