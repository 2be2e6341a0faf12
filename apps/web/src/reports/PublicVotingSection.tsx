import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert, QueryError } from '../common/ui';
import { ApiForm, DateTimeField, formText, fromLocalInput, Saved, toLocalInput } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { PeoplesChoiceList, PublicVotingStatusText } from '../voting/voting';

// The vote's window and, once closed, its outcome: what the query and both mutations read back.
graphql(`
  fragment OrganizerVotingFields on Challenge {
    id
    publicVoting {
      opensAt
      closesAt
      status
    }
    peoplesChoice(first: 10) {
      rank
      votes
      idea {
        id
        title
      }
    }
  }
`);

const OrganizerVotingQuery = graphql(`
  query OrganizerVoting($id: ID!) {
    challenge(id: $id) {
      ...OrganizerVotingFields
    }
  }
`);

const OpenPublicVotingMutation = graphql(`
  mutation OpenPublicVoting($input: OpenPublicVotingInput!) {
    openPublicVoting(input: $input) {
      ...OrganizerVotingFields
    }
  }
`);

const ClosePublicVotingMutation = graphql(`
  mutation ClosePublicVoting($id: ID!) {
    closePublicVoting(challengeId: $id) {
      ...OrganizerVotingFields
    }
  }
`);

const FIELDS = ['opensAt', 'closesAt'] as const;

/** The people's-choice vote as its organizers run it: open or move it (after results), close it now, see its outcome. */
export function PublicVotingSection({ challengeId }: { challengeId: string }) {
  const intl = useIntl();
  const [{ data, error }] = useQuery({ query: OrganizerVotingQuery, variables: { id: challengeId } });
  const [opened, open] = useMutation(OpenPublicVotingMutation);
  const [closed, close] = useMutation(ClosePublicVotingMutation);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, opened.error);
  const voting = data?.challenge?.publicVoting;
  const errors = formErrors(opened.error, intl, { fields: FIELDS, scope: 'voting' });
  const editable = !voting || voting.status !== 'CLOSED';
  return (
    <section aria-labelledby="public-voting">
      <h2 id="public-voting">
        <FormattedMessage id="reports.voting" />
      </h2>
      {error && <QueryError error={error} />}
      {data && <p data-testid="voting-status">{voting ? <PublicVotingStatusText voting={voting} /> : <FormattedMessage id="reports.voting.none" />}</p>}
      {data && editable && (
        <ApiForm
          ref={formRef}
          error={opened.error}
          className="form"
          validationErrors={errors.fields}
          onSubmit={(event) => {
            event.preventDefault();
            const form = event.currentTarget;
            setSaved(false);
            const opensAt = voting?.status === 'OPEN' ? undefined : fromLocalInput(formText(form, 'opensAt'));
            void open({ input: { challengeId, opensAt, closesAt: fromLocalInput(formText(form, 'closesAt')) ?? '' } }).then((result) => setSaved(!!result.data));
          }}
        >
          <p className="muted">
            <FormattedMessage id="reports.voting.help" />
          </p>
          <FormAlert messages={errors.form} />
          <DateTimeField
            name="opensAt"
            label={intl.formatMessage({ id: 'reports.voting.opensAt' })}
            description={intl.formatMessage({ id: voting?.status === 'OPEN' ? 'reports.voting.opensAtFixed' : 'reports.voting.opensAtHelp' })}
            defaultValue={toLocalInput(voting?.opensAt)}
            isDisabled={voting?.status === 'OPEN'}
          />
          <DateTimeField name="closesAt" label={intl.formatMessage({ id: 'reports.voting.closesAt' })} defaultValue={toLocalInput(voting?.closesAt)} isRequired />
          <Button type="submit" className="button" isDisabled={opened.fetching}>
            <FormattedMessage id={voting ? 'reports.voting.move' : 'reports.voting.open'} />
          </Button>
          <Saved show={saved && !opened.fetching} id="reports.voting.saved" />
        </ApiForm>
      )}
      {voting?.status === 'OPEN' && (
        <>
          <FormAlert messages={formErrors(closed.error, intl).form} />
          <p className="actions">
            <Button className="button button-secondary" isDisabled={closed.fetching} onPress={() => void close({ id: challengeId })}>
              <FormattedMessage id="reports.voting.closeNow" />
            </Button>
          </p>
        </>
      )}
      {voting?.status === 'CLOSED' && data?.challenge && (
        <>
          <p className="muted">
            <FormattedMessage id="reports.voting.closedOn" values={{ date: <FormattedDate value={voting.closesAt} dateStyle="medium" timeStyle="short" /> }} />
          </p>
          <PeoplesChoiceList entries={data.challenge.peoplesChoice} />
        </>
      )}
    </section>
  );
}
