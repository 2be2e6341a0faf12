import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { TeamMiniCompanyQuery as TeamMiniCompanyData } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { Badge, FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { useSession } from '../identity/session';
import { ApiForm, DateTimeField, formText, fromLocalInput, LineField, TextAreaField, toLocalInput } from '../organizer/fields';
import { PersonName } from '../organizer/people';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { MilestoneStatusBadge } from './labels';
import '../organizer/organizer.css';

const TeamMiniCompanyQuery = graphql(`
  query TeamMiniCompany($id: ID!) {
    team(id: $id) {
      id
      name
      challenge {
        id
        title
      }
      members {
        role
        user {
          id
        }
      }
      tutors {
        id
      }
      idea {
        id
        title
        status
      }
      miniCompany {
        id
        name
        status
        foundedAt
        progress
        adoption {
          id
          company {
            id
            name
          }
        }
        milestones {
          id
          kind
          title
          dueAt
          status
          evidence
          submittedAt
          feedback
          reviewedAt
          reviewedBy {
            id
            displayName
            erased
            nameHidden
          }
        }
      }
    }
  }
`);

const FoundMiniCompanyMutation = graphql(`
  mutation FoundMiniCompany($input: FoundMiniCompanyInput!) {
    foundMiniCompany(input: $input) {
      id
      name
      team {
        id
      }
    }
  }
`);

graphql(`
  fragment MilestoneFields on Milestone {
    id
    status
    dueAt
    evidence
    submittedAt
    feedback
    reviewedAt
  }
`);

const SubmitMilestoneMutation = graphql(`
  mutation SubmitMilestone($input: SubmitMilestoneInput!) {
    submitMilestone(input: $input) {
      ...MilestoneFields
    }
  }
`);

const ReviewMilestoneMutation = graphql(`
  mutation ReviewMilestone($input: ReviewMilestoneInput!) {
    reviewMilestone(input: $input) {
      ...MilestoneFields
    }
  }
`);

const RescheduleMilestoneMutation = graphql(`
  mutation RescheduleMilestone($input: RescheduleMilestoneInput!) {
    rescheduleMilestone(input: $input) {
      ...MilestoneFields
    }
  }
`);

// Founding adds a MiniCompany to a team whose answer held none; a review changes the company's progress and status.
const CONTEXT = { additionalTypenames: ['MiniCompany', 'Milestone'] };

type Milestone = NonNullable<NonNullable<TeamMiniCompanyData['team']>['miniCompany']>['milestones'][number];

function SubmitEvidence({ milestone }: { milestone: Milestone }) {
  const intl = useIntl();
  const [state, submit] = useMutation(SubmitMilestoneMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = formErrors(state.error, intl, { fields: ['evidence'], scope: 'milestone', messageOfCode: { FAILED_PRECONDITION: 'minicompany.notNow' } });
  useFocusFirstInvalid(formRef, state.error);
  return (
    <ApiForm
      error={state.error}
      ref={formRef}
      className="form"
      validationErrors={errors.fields}
      onSubmit={(event) => {
        event.preventDefault();
        void submit({ input: { milestoneId: milestone.id, evidence: formText(event.currentTarget, 'evidence') } }, CONTEXT);
      }}
    >
      <FormAlert messages={errors.form} />
      <TextAreaField
        name="evidence"
        label={intl.formatMessage({ id: 'minicompany.evidence' })}
        description={intl.formatMessage({ id: 'minicompany.evidenceHelp' })}
        isRequired
        rows={4}
      />
      <Button type="submit" className="button" isDisabled={state.fetching}>
        <FormattedMessage id="minicompany.submit" values={{ title: milestone.title }} />
      </Button>
    </ApiForm>
  );
}

function ReviewEvidence({ milestone }: { milestone: Milestone }) {
  const intl = useIntl();
  const [feedback, setFeedback] = useState('');
  const [state, review] = useMutation(ReviewMilestoneMutation);
  const errors = formErrors(state.error, intl, { fields: ['feedback'], scope: 'milestone', messageOfCode: { FAILED_PRECONDITION: 'minicompany.notNow' } });
  const send = (approve: boolean) => void review({ input: { milestoneId: milestone.id, approve, feedback: feedback.trim() || undefined } }, CONTEXT);
  return (
    <ApiForm error={state.error} className="form" validationErrors={errors.fields} onSubmit={(event) => event.preventDefault()}>
      <FormAlert messages={errors.form} />
      <TextAreaField name="feedback" label={intl.formatMessage({ id: 'minicompany.feedback' })} value={feedback} onChange={setFeedback} rows={3} />
      <div className="actions">
        <Button className="button" isDisabled={state.fetching} onPress={() => send(true)}>
          <FormattedMessage id="minicompany.approve" values={{ title: milestone.title }} />
        </Button>
        <Button className="button button-secondary" isDisabled={state.fetching} onPress={() => send(false)}>
          <FormattedMessage id="minicompany.reject" values={{ title: milestone.title }} />
        </Button>
      </div>
    </ApiForm>
  );
}

function Reschedule({ milestone }: { milestone: Milestone }) {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [state, reschedule] = useMutation(RescheduleMilestoneMutation);
  const errors = formErrors(state.error, intl, { fields: ['dueAt'], scope: 'milestone', messageOfCode: { FAILED_PRECONDITION: 'minicompany.notNow' } });
  if (!open) {
    return (
      <Button className="link-button" onPress={() => setOpen(true)}>
        <FormattedMessage id="minicompany.reschedule" values={{ title: milestone.title }} />
      </Button>
    );
  }
  return (
    <ApiForm
      error={state.error}
      className="form inline-form"
      validationErrors={errors.fields}
      onSubmit={(event) => {
        event.preventDefault();
        const dueAt = fromLocalInput(formText(event.currentTarget, 'dueAt')) ?? '';
        void reschedule({ input: { milestoneId: milestone.id, dueAt } }, CONTEXT).then((result) => result.data && setOpen(false));
      }}
    >
      <FormAlert messages={errors.form} />
      <DateTimeField name="dueAt" label={intl.formatMessage({ id: 'minicompany.newDueAt' })} defaultValue={toLocalInput(milestone.dueAt)} isRequired />
      <div className="actions">
        <Button type="submit" className="button button-secondary" isDisabled={state.fetching}>
          <FormattedMessage id="minicompany.saveDate" />
        </Button>
        <Button className="link-button" onPress={() => setOpen(false)}>
          <FormattedMessage id="organizer.cancel" />
        </Button>
      </div>
    </ApiForm>
  );
}

function FoundForm({ teamId, defaultName }: { teamId: string; defaultName: string }) {
  const intl = useIntl();
  const [state, found] = useMutation(FoundMiniCompanyMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = formErrors(state.error, intl, {
    fields: ['name'],
    scope: 'miniCompany',
    messageOfCode: { FAILED_PRECONDITION: 'minicompany.needsIdea', CONFLICT: 'minicompany.exists' },
  });
  useFocusFirstInvalid(formRef, state.error);
  return (
    <ApiForm
      error={state.error}
      ref={formRef}
      className="form"
      validationErrors={errors.fields}
      onSubmit={(event) => {
        event.preventDefault();
        void found({ input: { teamId, name: formText(event.currentTarget, 'name') } }, CONTEXT);
      }}
    >
      <FormAlert messages={errors.form} />
      <p>
        <FormattedMessage id="minicompany.foundHelp" />
      </p>
      <LineField name="name" label={intl.formatMessage({ id: 'minicompany.name' })} defaultValue={defaultName} isRequired />
      <Button type="submit" className="button" isDisabled={state.fetching}>
        <FormattedMessage id="minicompany.found" />
      </Button>
    </ApiForm>
  );
}

/** A team's mini-company: its milestones, evidence submitted by the team, reviewed by a coach or a tutor. */
export default function MiniCompanyPage() {
  const intl = useIntl();
  const { id = '' } = useParams();
  const { user } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: TeamMiniCompanyQuery, variables: { id }, context: CONTEXT });
  const team = data?.team;
  usePageTitle(team ? intl.formatMessage({ id: 'minicompany.pageTitle' }, { team: team.name }) : undefined);
  if (fetching && !data) return <Loading />;
  if (error && !team) return <QueryError error={error} />;
  if (!team) return <NotFound />;
  const role = team.members.find((member) => member.user.id === user?.id)?.role;
  const isTutor = team.tutors.some((tutor) => tutor.id === user?.id);
  const guides = role === 'COACH' || isTutor;
  const company = team.miniCompany;
  return (
    <section>
      <p className="meta">
        {team.challenge.title} · <Link to={`/teams/${team.id}/adoption`}>{team.name}</Link>
      </p>
      <h1>{company ? company.name : <FormattedMessage id="minicompany.title" />}</h1>
      {!company && (role === 'COACH' || role === 'CAPTAIN') && team.idea?.status === 'SUBMITTED' && <FoundForm teamId={team.id} defaultName={team.idea.title} />}
      {!company && !(role === 'COACH' || role === 'CAPTAIN') && (
        <p>
          <FormattedMessage id="minicompany.none" />
        </p>
      )}
      {!company && (role === 'COACH' || role === 'CAPTAIN') && team.idea?.status !== 'SUBMITTED' && (
        <p>
          <FormattedMessage id="minicompany.needsIdea" />
        </p>
      )}
      {company && (
        <>
          <p className="meta">
            <Badge tone={company.status === 'LAUNCHED' ? 'good' : 'neutral'}>
              <FormattedMessage id={`minicompany.status.${company.status}`} />
            </Badge>{' '}
            <FormattedMessage id="minicompany.foundedOn" values={{ date: <FormattedDate value={company.foundedAt} dateStyle="long" /> }} />
            {company.adoption && (
              <>
                {' · '}
                <FormattedMessage id="idea.adoptedBy" values={{ company: company.adoption.company.name }} />
              </>
            )}
          </p>
          <p>
            <FormattedMessage id="minicompany.progress" values={{ share: <FormattedNumber value={company.progress} style="percent" maximumFractionDigits={0} /> }} />
          </p>
          <progress className="meter" max={1} value={company.progress} aria-label={intl.formatMessage({ id: 'minicompany.progressLabel' })} />
          <h2>
            <FormattedMessage id="minicompany.milestones" />
          </h2>
          <ol className="milestones">
            {company.milestones.map((milestone) => (
              <li key={milestone.id} className="card milestone" aria-labelledby={`milestone-${milestone.id}`}>
                <h3 id={`milestone-${milestone.id}`}>{milestone.title}</h3>
                <p className="meta">
                  <MilestoneStatusBadge status={milestone.status} /> <FormattedMessage id={`milestone.kind.${milestone.kind}`} /> ·{' '}
                  <FormattedMessage id="minicompany.dueAt" values={{ date: <FormattedDate value={milestone.dueAt} dateStyle="long" /> }} />
                </p>
                {milestone.evidence && (
                  <>
                    <h4>
                      <FormattedMessage id="minicompany.evidence" />
                    </h4>
                    <p className="prose">{milestone.evidence}</p>
                  </>
                )}
                {milestone.feedback && (
                  <p>
                    <strong>
                      <FormattedMessage id="minicompany.feedback" />
                    </strong>{' '}
                    {milestone.feedback}
                    {milestone.reviewedBy && (
                      <span className="muted">
                        {' '}
                        (<PersonName user={milestone.reviewedBy} />)
                      </span>
                    )}
                  </p>
                )}
                {role && (milestone.status === 'PLANNED' || milestone.status === 'OVERDUE') && company.status !== 'CLOSED' && <SubmitEvidence milestone={milestone} />}
                {guides && milestone.status === 'SUBMITTED' && company.status !== 'CLOSED' && <ReviewEvidence milestone={milestone} />}
                {guides && milestone.status !== 'APPROVED' && company.status !== 'CLOSED' && <Reschedule milestone={milestone} />}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
