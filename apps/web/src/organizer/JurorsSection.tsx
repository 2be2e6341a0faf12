import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { ChallengeStatus } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';
import { ApiForm, formText, LineField } from './fields';
import { PersonName, personLabel, type PersonLike } from './people';
import { useFocusFirstInvalid } from './use-focus-invalid';
import { DataTable } from '../common/DataTable';

const AddJurorMutation = graphql(`
  mutation AddJuror($input: AddJurorInput!) {
    addJuror(input: $input) {
      id
      assignedCount
      submittedCount
      challenge {
        id
      }
      user {
        id
        displayName
        erased
        nameHidden
      }
    }
  }
`);

const RemoveJurorMutation = graphql(`
  mutation RemoveJuror($id: ID!) {
    removeJuror(jurorId: $id)
  }
`);

const REMOVED = { additionalTypenames: ['Juror'] };

interface JurorRow {
  id: string;
  assignedCount: number;
  submittedCount: number;
  user: PersonLike & { id: string };
  affiliation?: { id: string; name: string } | null;
}

/** Statuses in which the jury may change (docs/rules.md: DRAFT to JUDGING). */
const JURY_OPEN: ChallengeStatus[] = ['DRAFT', 'PUBLISHED', 'JUDGING'];

export function JurorsSection({ challenge }: { challenge: { id: string; status: ChallengeStatus; jurors: readonly JurorRow[] } }) {
  const intl = useIntl();
  const [added, addJuror] = useMutation(AddJurorMutation);
  const [removed, removeJuror] = useMutation(RemoveJurorMutation);
  const [lastAdded, setLastAdded] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const open = JURY_OPEN.includes(challenge.status);
  const errors = formErrors(added.error, intl, {
    fields: ['email'],
    fieldOfCode: { NOT_FOUND: 'email', CONFLICT: 'email' },
    messageOfCode: { NOT_FOUND: 'organizer.jurors.unknownEmail', CONFLICT: 'organizer.jurors.already' },
  });
  useFocusFirstInvalid(formRef, added.error);
  return (
    <section aria-labelledby="jurors">
      <h2 id="jurors">
        <FormattedMessage id="organizer.jurors" />
      </h2>
      {challenge.jurors.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="organizer.jurors.none" />
        </p>
      ) : (
        <DataTable
          label="organizer.jurors.list"
          rows={challenge.jurors}
          rowKey={(juror) => juror.id}
          columns={[
            {
              header: 'organizer.jurors.name',
              rowHeader: true,
              cell: (juror) => (
                <>
                  <PersonName user={juror.user} erasedLabel="person.erasedJuror" />
                  {juror.affiliation && <span className="muted block">{juror.affiliation.name}</span>}
                </>
              ),
            },
            { header: 'organizer.jurors.assigned', numeric: true, cell: (juror) => juror.assignedCount },
            { header: 'organizer.jurors.submitted', numeric: true, cell: (juror) => juror.submittedCount },
            open && {
              header: 'organizer.actions',
              hiddenHeader: true,
              cell: (juror) =>
                juror.assignedCount === 0 && (
                  <Button className="link-button" isDisabled={removed.fetching} onPress={() => void removeJuror({ id: juror.id }, REMOVED)}>
                    <FormattedMessage id="organizer.jurors.remove" values={{ name: personLabel(intl, juror.user, 'person.erasedJuror') }} />
                  </Button>
                ),
            },
          ]}
        />
      )}
      <FormAlert messages={formErrors(removed.error, intl).form} />
      {open && (
        <ApiForm
          error={added.error}
          ref={formRef}
          className="form inline-form"
          validationErrors={errors.fields}
          onSubmit={(event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const email = formText(form, 'email');
            setLastAdded(null);
            void addJuror({ input: { challengeId: challenge.id, email } }).then((result) => {
              if (!result.data) return;
              form.reset();
              setLastAdded(result.data.addJuror.user.displayName);
            });
          }}
        >
          <FormAlert messages={errors.form} />
          <LineField
            name="email"
            type="email"
            label={intl.formatMessage({ id: 'organizer.jurors.email' })}
            description={intl.formatMessage({ id: 'organizer.jurors.emailHelp' })}
            autoComplete="off"
            isRequired
          />
          <Button type="submit" className="button" isDisabled={added.fetching}>
            <FormattedMessage id="organizer.jurors.add" />
          </Button>
          {lastAdded !== null && (
            <p role="status" className="success">
              <FormattedMessage id="organizer.jurors.added" values={{ name: lastAdded }} />
            </p>
          )}
        </ApiForm>
      )}
    </section>
  );
}
