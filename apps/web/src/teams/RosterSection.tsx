import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedDate, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { useMutation, type CombinedError } from 'urql';
import { graphql } from '../gql';
import { formErrors, type FormErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';
import { ApiForm, TextAreaField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { CheckField } from './fields';
import type { Credential } from './RosterSheet';

/**
 * The version of the data-processing agreement this client presents to a school's owner. The API stores whichever
 * version is accepted (docs/rules.md "Class rosters"); a new text of the agreement comes with a new version here.
 */
export const DATA_PROCESSING_AGREEMENT_VERSION = '2026-01';

const AcceptAgreementMutation = graphql(`
  mutation AcceptDataProcessingAgreement($organizationId: ID!, $version: String!) {
    acceptDataProcessingAgreement(organizationId: $organizationId, version: $version) {
      version
      acceptedAt
    }
  }
`);

graphql(`
  fragment RosterCredentialFields on RosterStudentCredential {
    username
    code
    displayName
    schoolName
    teamName
    className
    challengeTitle
    user {
      id
      displayName
    }
  }
`);

const AddStudentsMutation = graphql(`
  mutation AddStudents($teamId: ID!, $students: [RosterStudentInput!]!, $guardianConsentConfirmed: Boolean!) {
    addStudents(teamId: $teamId, students: $students, guardianConsentConfirmed: $guardianConsentConfirmed) {
      team {
        id
        memberCount
      }
      students {
        ...RosterCredentialFields
      }
    }
  }
`);

export const ResetStudentCodeMutation = graphql(`
  mutation ResetStudentCode($userId: ID!) {
    resetStudentCode(userId: $userId) {
      ...RosterCredentialFields
    }
  }
`);

interface School {
  id: string;
  name: string;
  dataProcessingAgreement?: { version: string; acceptedAt: string } | null;
}

function AgreementForm({ school, onAccepted }: { school: School; onAccepted: () => void }) {
  const intl = useIntl();
  const [accepted, setAccepted] = useState(false);
  const [state, accept] = useMutation(AcceptAgreementMutation);
  const errors = formErrors(state.error, intl, { messageOfCode: { FORBIDDEN: 'roster.agreement.ownersOnly' } });
  return (
    <ApiForm
      error={state.error}
      className="form group"
      validationErrors={{}}
      onSubmit={(event) => {
        event.preventDefault();
        void accept({ organizationId: school.id, version: DATA_PROCESSING_AGREEMENT_VERSION }).then((result) => result.data && onAccepted());
      }}
    >
      <FormAlert messages={errors.form} />
      <p>
        <FormattedMessage id="roster.agreement.text" values={{ school: school.name, version: DATA_PROCESSING_AGREEMENT_VERSION }} />
      </p>
      <CheckField name="agreement" label={intl.formatMessage({ id: 'roster.agreement.check' }, { school: school.name })} isSelected={accepted} onChange={setAccepted} />
      <Button type="submit" className="button" isDisabled={!accepted || state.fetching}>
        <FormattedMessage id="roster.agreement.accept" />
      </Button>
    </ApiForm>
  );
}

const STUDENT_FIELD = /^students\[(\d+)\]\.displayName$/;

/** The API names an invalid name as `students[i].displayName`: told here as the lines of the text area that hold it. */
function rosterErrors(error: CombinedError | undefined, intl: IntlShape, lineOf: readonly number[]): FormErrors {
  const errors = formErrors(error, intl, {
    fields: ['students', 'guardianConsentConfirmed'],
    scope: 'roster',
    messageOfCode: { FORBIDDEN: 'roster.error.coachesOnly', FAILED_PRECONDITION: 'roster.error.precondition' },
  });
  const lines = new Set<number>();
  let sizeError: string | undefined;
  for (const graphQLError of error?.graphQLErrors ?? []) {
    const extensions = graphQLError.extensions as { code?: unknown; field?: unknown; fields?: unknown; maxTeamSize?: unknown; members?: unknown };
    const named = Array.isArray(extensions.fields) ? (extensions.fields as unknown[]) : [extensions.field];
    for (const entry of named) {
      const field = typeof entry === 'string' ? entry : (entry as { field?: unknown } | null)?.field;
      const match = typeof field === 'string' ? STUDENT_FIELD.exec(field) : null;
      if (match) lines.add(lineOf[Number(match[1])] ?? Number(match[1]) + 1);
    }
    if (extensions.code === 'FAILED_PRECONDITION' && typeof extensions.maxTeamSize === 'number') {
      sizeError = intl.formatMessage({ id: 'roster.error.teamSize' }, { max: extensions.maxTeamSize, members: Number(extensions.members ?? 0) });
    }
  }
  if (lines.size > 0) {
    const sorted = [...lines].sort((a, b) => a - b);
    errors.fields.students = intl.formatMessage({ id: 'roster.error.lines' }, { count: sorted.length, lines: sorted.join(', ') });
    const generic = intl.formatMessage({ id: 'error.BAD_USER_INPUT' });
    errors.form = errors.form.filter((message) => message !== generic);
  }
  if (sizeError) {
    errors.fields.students = sizeError;
    const precondition = intl.formatMessage({ id: 'roster.error.precondition' });
    errors.form = errors.form.filter((message) => message !== precondition);
  }
  return errors;
}

function AddStudentsForm({ teamId, onCreated }: { teamId: string; onCreated: (credentials: Credential[]) => void }) {
  const intl = useIntl();
  const [names, setNames] = useState('');
  const [attested, setAttested] = useState(false);
  const [lineOf, setLineOf] = useState<number[]>([]);
  const [state, add] = useMutation(AddStudentsMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = rosterErrors(state.error, intl, lineOf);
  useFocusFirstInvalid(formRef, state.error);
  return (
    <ApiForm
      error={state.error}
      ref={formRef}
      className="form"
      validationErrors={errors.fields}
      onSubmit={(event) => {
        event.preventDefault();
        // One student per non-empty line; the line numbers are kept to name the lines the API refuses.
        const rows = names.split('\n').map((line, index) => ({ name: line.trim(), line: index + 1 }));
        const kept = rows.filter((row) => row.name !== '');
        setLineOf(kept.map((row) => row.line));
        void add({ teamId, students: kept.map((row) => ({ displayName: row.name })), guardianConsentConfirmed: attested }).then((result) => {
          if (!result.data) return;
          onCreated(result.data.addStudents.students);
          setNames('');
          setAttested(false);
        });
      }}
    >
      <FormAlert messages={errors.form} />
      <TextAreaField
        name="students"
        label={intl.formatMessage({ id: 'roster.field.students' })}
        description={intl.formatMessage({ id: 'roster.field.studentsHelp' })}
        value={names}
        onChange={setNames}
        rows={6}
        isRequired
      />
      <CheckField
        name="guardianConsentConfirmed"
        label={intl.formatMessage({ id: 'roster.field.attestation' })}
        isSelected={attested}
        onChange={setAttested}
        error={errors.fields.guardianConsentConfirmed}
      />
      <Button type="submit" className="button" isDisabled={state.fetching}>
        <FormattedMessage id="roster.add" />
      </Button>
    </ApiForm>
  );
}

/**
 * The coach's class roster of a school-climathon team: the school's data-processing agreement first (accepted by an
 * owner of the school), then students without email, each with a username and a one-time code for the sheet.
 */
export function RosterSection({
  teamId,
  school,
  isSchoolOwner,
  onCreated,
  onAgreementAccepted,
}: {
  teamId: string;
  school: School;
  isSchoolOwner: boolean;
  onCreated: (credentials: Credential[]) => void;
  onAgreementAccepted: () => void;
}) {
  const agreement = school.dataProcessingAgreement;
  return (
    <section aria-labelledby="roster-title">
      <h2 id="roster-title">
        <FormattedMessage id="roster.title" />
      </h2>
      <p className="muted">
        <FormattedMessage id="roster.lead" />
      </p>
      {agreement ? (
        <>
          <p className="meta agreement-line">
            <FormattedMessage
              id="roster.agreement.inForce"
              values={{ version: agreement.version, date: <FormattedDate value={agreement.acceptedAt} dateStyle="long" />, school: school.name }}
            />
          </p>
          <AddStudentsForm teamId={teamId} onCreated={onCreated} />
        </>
      ) : isSchoolOwner ? (
        <AgreementForm school={school} onAccepted={onAgreementAccepted} />
      ) : (
        <p className="warning">
          <FormattedMessage id="roster.agreement.missing" values={{ school: school.name }} />
        </p>
      )}
    </section>
  );
}
