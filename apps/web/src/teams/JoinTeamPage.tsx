import { useRef } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert, usePageTitle } from '../common/ui';
import { ApiForm, formText, LineField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import '../organizer/organizer.css';

const JoinTeamMutation = graphql(`
  mutation JoinTeam($joinCode: String!) {
    joinTeam(joinCode: $joinCode) {
      id
      name
      memberCount
    }
  }
`);

/** A student joins a team with the code (or the link) their coach or captain shared. */
export default function JoinTeamPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'teams.join.title' }));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [state, join] = useMutation(JoinTeamMutation);
  const formRef = useRef<HTMLFormElement>(null);
  // An unknown code is NOT_FOUND: it belongs to the code field.
  const errors = formErrors(state.error, intl, {
    fields: ['joinCode'],
    fieldOfCode: { NOT_FOUND: 'joinCode', CONFLICT: 'joinCode', FAILED_PRECONDITION: 'joinCode' },
    messageOfCode: { NOT_FOUND: 'teams.error.unknownCode', CONFLICT: 'teams.error.alreadyInTeam', FAILED_PRECONDITION: 'teams.error.cannotJoin' },
  });
  useFocusFirstInvalid(formRef, state.error);
  return (
    <section className="narrow">
      <p className="meta">
        <Link to="/teams">
          <FormattedMessage id="teams.title" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="teams.join.title" />
      </h1>
      <ApiForm
        error={state.error}
        ref={formRef}
        className="form"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          void join({ joinCode: formText(event.currentTarget, 'joinCode').trim() }).then((result) => result.data && navigate(`/teams/${result.data.joinTeam.id}`));
        }}
      >
        <FormAlert messages={errors.form} />
        <LineField
          name="joinCode"
          label={intl.formatMessage({ id: 'teams.field.joinCode' })}
          description={intl.formatMessage({ id: 'teams.field.joinCodeHelp' })}
          defaultValue={params.get('code') ?? ''}
          autoComplete="off"
          isRequired
        />
        <Button type="submit" className="button" isDisabled={state.fetching}>
          <FormattedMessage id="teams.join.submit" />
        </Button>
      </ApiForm>
    </section>
  );
}
