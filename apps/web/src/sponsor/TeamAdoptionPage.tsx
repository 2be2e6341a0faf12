import { useState } from 'react';
import { Button, Label, TextArea, TextField } from 'react-aria-components';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { TeamAdoptionQuery as TeamAdoptionData } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { useSession } from '../identity/session';
import { AdoptionStatusBadge, TutorList } from './labels';
import '../organizer/organizer.css';

const TeamAdoptionQuery = graphql(`
  query TeamAdoption($id: ID!) {
    myOrganizations {
      id
    }
    team(id: $id) {
      id
      name
      className
      challenge {
        id
        title
        format
        organizer {
          id
        }
      }
      school {
        id
        name
      }
      members {
        role
        user {
          id
        }
      }
      tutors {
        id
        displayName
        erased
        nameHidden
      }
      miniCompany {
        id
      }
      idea {
        id
        title
        status
        adoptedBy {
          id
          name
        }
        adoption {
          id
          status
          message
          commitment
          decidedAt
          company {
            id
            name
          }
          tutors {
            id
            displayName
            erased
            nameHidden
          }
        }
        adoptionProposals {
          id
          status
          message
          commitment
          createdAt
          decidedAt
          decisionNote
          company {
            id
            name
            website
          }
        }
      }
    }
  }
`);

const AcceptAdoptionMutation = graphql(`
  mutation AcceptAdoption($input: DecideAdoptionInput!) {
    acceptAdoption(input: $input) {
      id
      status
      decidedAt
      decisionNote
    }
  }
`);

const DeclineAdoptionMutation = graphql(`
  mutation DeclineAdoption($input: DecideAdoptionInput!) {
    declineAdoption(input: $input) {
      id
      status
      decidedAt
      decisionNote
    }
  }
`);

type Proposal = NonNullable<NonNullable<TeamAdoptionData['team']>['idea']>['adoptionProposals'][number];

function ProposalCard({ proposal, canDecide }: { proposal: Proposal; canDecide: boolean }) {
  const intl = useIntl();
  const [note, setNote] = useState('');
  const [accepted, accept] = useMutation(AcceptAdoptionMutation);
  const [declined, decline] = useMutation(DeclineAdoptionMutation);
  const errors = formErrors(accepted.error ?? declined.error, intl, {
    fields: ['note'],
    scope: 'adoption',
    messageOfCode: { CONFLICT: 'team.adoption.conflict', FAILED_PRECONDITION: 'team.adoption.notOpen' },
  });
  const busy = accepted.fetching || declined.fetching;
  const input = { adoptionId: proposal.id, note: note.trim() || undefined };
  return (
    <li className="card adoption" aria-labelledby={`proposal-${proposal.id}`}>
      <p className="meta">
        <AdoptionStatusBadge status={proposal.status} /> <FormattedDate value={proposal.createdAt} dateStyle="medium" />
      </p>
      <h3 id={`proposal-${proposal.id}`}>{proposal.company.name}</h3>
      {proposal.company.website && (
        <p>
          <a href={proposal.company.website} rel="noopener noreferrer" target="_blank">
            {proposal.company.website}
          </a>
        </p>
      )}
      <p className="prose">{proposal.message}</p>
      {proposal.commitment && (
        <p>
          <strong>
            <FormattedMessage id="sponsor.commitment" />
          </strong>{' '}
          {proposal.commitment}
        </p>
      )}
      {proposal.decisionNote && <p className="muted">“{proposal.decisionNote}”</p>}
      {canDecide && proposal.status === 'PROPOSED' && (
        <div className="decision" role="group" aria-labelledby={`proposal-${proposal.id}`}>
          <FormAlert messages={[...errors.form, ...Object.values(errors.fields)]} />
          <TextField className="field" value={note} onChange={setNote}>
            <Label>
              <FormattedMessage id="team.adoption.note" />
            </Label>
            <TextArea rows={2} />
          </TextField>
          <div className="actions">
            <Button className="button" isDisabled={busy} onPress={() => void accept({ input })}>
              <FormattedMessage id="team.adoption.accept" values={{ company: proposal.company.name }} />
            </Button>
            <Button className="button button-secondary" isDisabled={busy} onPress={() => void decline({ input })}>
              <FormattedMessage id="team.adoption.decline" values={{ company: proposal.company.name }} />
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}

/**
 * A team's adoption: the companies' proposals (presa in carico), decided by the coach (or the captain of an open
 * hackathon team) or an organizer; once one is accepted, the adopting company and its tutors.
 */
export default function TeamAdoptionPage() {
  const intl = useIntl();
  const { id = '' } = useParams();
  const { user } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: TeamAdoptionQuery, variables: { id } });
  const team = data?.team;
  usePageTitle(team ? intl.formatMessage({ id: 'team.adoption.pageTitle' }, { team: team.name }) : undefined);
  if (fetching && !data) return <Loading />;
  if (error && !team) return <QueryError error={error} />;
  if (!team || !data) return <NotFound />;
  const role = team.members.find((member) => member.user.id === user?.id)?.role;
  const organizes = data.myOrganizations.some((organization) => organization.id === team.challenge.organizer.id);
  const canDecide = role === 'COACH' || (role === 'CAPTAIN' && team.challenge.format === 'OPEN_HACKATHON') || organizes;
  const idea = team.idea;
  const adoption = idea?.adoption;
  const proposals = idea?.adoptionProposals ?? [];
  return (
    <section>
      <p className="meta">
        {team.challenge.title}
        {team.school && ` · ${team.school.name}`}
      </p>
      <h1>
        <FormattedMessage id="team.adoption.title" values={{ team: team.name }} />
      </h1>
      <p className="actions">
        {team.miniCompany && (
          <Link className="button button-secondary" to={`/teams/${team.id}/mini-company`}>
            <FormattedMessage id="sponsor.miniCompany" />
          </Link>
        )}
        {!team.miniCompany && idea?.status === 'SUBMITTED' && (role === 'COACH' || role === 'CAPTAIN') && (
          <Link className="button button-secondary" to={`/teams/${team.id}/mini-company`}>
            <FormattedMessage id="minicompany.found" />
          </Link>
        )}
      </p>
      {!idea && (
        <p>
          <FormattedMessage id="team.adoption.noIdea" />
        </p>
      )}
      {idea && (
        <p>
          <FormattedMessage id="team.adoption.idea" values={{ title: <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> }} />
        </p>
      )}
      {adoption && (
        <section aria-labelledby="adopted" className="card adopted">
          <h2 id="adopted">
            <FormattedMessage id="team.adoption.adoptedBy" values={{ company: adoption.company.name }} />
          </h2>
          {adoption.decidedAt && (
            <p className="muted">
              <FormattedMessage id="team.adoption.acceptedOn" values={{ date: <FormattedDate value={adoption.decidedAt} dateStyle="long" /> }} />
            </p>
          )}
          {adoption.commitment && (
            <p>
              <strong>
                <FormattedMessage id="sponsor.commitment" />
              </strong>{' '}
              {adoption.commitment}
            </p>
          )}
          <h3>
            <FormattedMessage id="sponsor.tutors" />
          </h3>
          <TutorList tutors={adoption.tutors} empty="team.adoption.noTutors" />
        </section>
      )}
      {idea && !adoption && idea.adoptedBy && (
        <p>
          <FormattedMessage id="idea.adoptedBy" values={{ company: idea.adoptedBy.name }} />
        </p>
      )}
      {idea && (
        <section aria-labelledby="proposals">
          <h2 id="proposals">
            <FormattedMessage id="team.adoption.proposals" />
          </h2>
          {proposals.length === 0 ? (
            <p className="muted">
              <FormattedMessage id={canDecide ? 'team.adoption.noProposals' : 'team.adoption.proposalsHidden'} />
            </p>
          ) : (
            <ul className="cards">
              {proposals.map((proposal) => (
                <ProposalCard key={proposal.id} proposal={proposal} canDecide={canDecide} />
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}
