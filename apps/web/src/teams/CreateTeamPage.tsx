import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert, Loading, QueryError, usePageTitle } from '../common/ui';
import { ApiForm, formText, LineField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { ChoiceField } from './fields';
import '../organizer/organizer.css';
import './teams.css';

const OpenChallengesQuery = graphql(`
  query OpenChallenges {
    challenges(status: PUBLISHED, first: 100) {
      edges {
        node {
          id
          title
          format
          submissionClosesAt
        }
      }
    }
    myOrganizations(kind: SCHOOL) {
      id
      name
    }
  }
`);

const CreateTeamMutation = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
    }
  }
`);

const FIELDS = ['challengeId', 'name', 'className', 'schoolId'] as const;

/** A teacher forms a class team for a school climathon (and becomes its coach); anyone forms an open-hackathon team (and captains it). */
export default function CreateTeamPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'teams.create.title' }));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [{ data, fetching, error }] = useQuery({ query: OpenChallengesQuery, requestPolicy: 'cache-and-network' });
  const [state, create] = useMutation(CreateTeamMutation);
  const [challengeId, setChallengeId] = useState(params.get('challenge') ?? '');
  const [schoolId, setSchoolId] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const errors = formErrors(state.error, intl, {
    fields: FIELDS,
    scope: 'team',
    fieldOfCode: { FORBIDDEN: 'schoolId' },
    messageOfCode: { CONFLICT: 'teams.error.alreadyInTeam', FAILED_PRECONDITION: 'teams.error.teamsClosed', FORBIDDEN: 'teams.error.notSchoolMember' },
  });
  useFocusFirstInvalid(formRef, state.error);
  if (fetching && !data) return <Loading />;
  if (error && !data) return <QueryError error={error} />;
  // Teams are formed before submissions close; the API decides, this only leaves out editions already past it.
  const challenges = (data?.challenges.edges ?? []).map((edge) => edge.node).filter((challenge) => new Date(challenge.submissionClosesAt).getTime() > Date.now());
  const schools = data?.myOrganizations ?? [];
  const chosen = challenges.find((challenge) => challenge.id === challengeId);
  const school = chosen?.format === 'SCHOOL_CLIMATHON';
  const effectiveSchool = schoolId || (school && schools.length === 1 ? schools[0].id : '');
  return (
    <section className="form-page">
      <p className="meta">
        <Link to="/teams">
          <FormattedMessage id="teams.title" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="teams.create.title" />
      </h1>
      {challenges.length === 0 ? (
        <p>
          <FormattedMessage id="teams.create.noChallenge" />
        </p>
      ) : (
        <ApiForm
          error={state.error}
          ref={formRef}
          className="form"
          validationErrors={errors.fields}
          onSubmit={(event) => {
            event.preventDefault();
            const className = formText(event.currentTarget, 'className').trim();
            void create({
              input: { challengeId, name: formText(event.currentTarget, 'name'), className: className || null, schoolId: effectiveSchool || null },
            }).then((result) => result.data && navigate(`/teams/${result.data.createTeam.id}`));
          }}
        >
          <FormAlert messages={errors.form} />
          <ChoiceField
            name="challengeId"
            label={intl.formatMessage({ id: 'teams.field.challenge' })}
            options={challenges.map((challenge) => ({ value: challenge.id, label: challenge.title }))}
            value={chosen ? challengeId : ''}
            onChange={setChallengeId}
            placeholder={intl.formatMessage({ id: 'teams.field.challengePlaceholder' })}
            error={errors.fields.challengeId}
            isRequired
            description={
              chosen && (
                <>
                  <FormattedMessage id={`challenge.format.${chosen.format}`} /> ·{' '}
                  <FormattedMessage id="teams.create.closesAt" values={{ date: <FormattedDate value={chosen.submissionClosesAt} dateStyle="long" /> }} />
                </>
              )
            }
          />
          <LineField name="name" label={intl.formatMessage({ id: 'teams.field.name' })} description={intl.formatMessage({ id: 'teams.field.nameHelp' })} isRequired />
          <LineField name="className" label={intl.formatMessage({ id: 'teams.field.className' })} description={intl.formatMessage({ id: 'teams.field.classNameHelp' })} />
          {chosen && (
            <ChoiceField
              name="schoolId"
              label={intl.formatMessage({ id: 'teams.field.school' })}
              options={schools.map((organization) => ({ value: organization.id, label: organization.name }))}
              value={effectiveSchool}
              onChange={setSchoolId}
              placeholder={intl.formatMessage({ id: school ? 'teams.field.schoolPlaceholder' : 'teams.field.noSchool' })}
              error={errors.fields.schoolId}
              isRequired={school}
              description={intl.formatMessage({ id: school ? (schools.length ? 'teams.field.schoolHelp' : 'teams.field.noSchoolMembership') : 'teams.field.schoolOptional' })}
            />
          )}
          {chosen && school && (
            // The create-a-school page comes back here, to this challenge, once the school is created or joined.
            <p>
              <Link to={`/organizations/new?kind=SCHOOL&next=${encodeURIComponent(`/teams/new?challenge=${challengeId}`)}`}>
                <FormattedMessage id={schools.length ? 'teams.create.otherSchool' : 'teams.create.registerSchool'} />
              </Link>
            </p>
          )}
          {chosen && (
            <p className="muted">
              <FormattedMessage id={school ? 'teams.create.asCoach' : 'teams.create.asCaptain'} />
            </p>
          )}
          <Button type="submit" className="button" isDisabled={state.fetching || !chosen}>
            <FormattedMessage id="teams.create.submit" />
          </Button>
        </ApiForm>
      )}
    </section>
  );
}
