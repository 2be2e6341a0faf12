import { useState } from 'react';
import { Button } from 'react-aria-components';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { resultsArePublic } from '../challenges/labels';
import { formErrors } from '../common/api-errors';
import { UUID } from '../common/ids';
import { FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { useSession } from '../identity/session';
import { IdeaStatusBadge, isLead, MemberName, RoleBadge, submissionWindow, teamsOpen } from './labels';
import { ResetStudentCodeMutation, RosterSection } from './RosterSection';
import { RosterSheet, type Credential } from './RosterSheet';
import { TeamReviews } from './TeamReviews';
import '../organizer/organizer.css';
import './teams.css';

const TeamQuery = graphql(`
  query Team($id: ID!) {
    team(id: $id) {
      id
      name
      className
      memberCount
      joinCode
      challenge {
        id
        slug
        title
        status
        format
        maxTeamSize
        submissionOpensAt
        submissionClosesAt
      }
      school {
        id
        name
        dataProcessingAgreement {
          version
          acceptedAt
        }
        members {
          role
          user {
            id
          }
        }
      }
      members {
        role
        user {
          id
          displayName
          nameHidden
          erased
        }
      }
      tutors {
        id
        displayName
        nameHidden
        erased
      }
      idea {
        id
        title
        status
        version
        submittedAt
        updatedAt
      }
      miniCompany {
        id
        name
      }
    }
  }
`);

// The first idea, a roster or an accepted agreement add objects the cached answer held none of.
const CONTEXT = { additionalTypenames: ['Idea', 'TeamMember', 'DataProcessingAgreement'] };

interface Person {
  id: string;
  displayName: string;
  nameHidden: boolean;
  erased: boolean;
}

/** A coach issues a new code to a roster student (after a confirmation: the old code stops working at once). */
function ResetCode({ student, onIssued }: { student: Person; onIssued: (credential: Credential) => void }) {
  const intl = useIntl();
  const [confirming, setConfirming] = useState(false);
  const [state, reset] = useMutation(ResetStudentCodeMutation);
  const errors = formErrors(state.error, intl, { messageOfCode: { NOT_FOUND: 'roster.reset.notRoster', FORBIDDEN: 'roster.error.coachesOnly' } });
  return (
    <>
      <Button className="link-button" onPress={() => setConfirming(true)}>
        <FormattedMessage id="roster.reset" values={{ name: student.displayName }} />
      </Button>
      {errors.form.length > 0 && <FormAlert messages={errors.form} />}
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        isConfirmDisabled={state.fetching}
        onConfirm={() => {
          setConfirming(false);
          void reset({ userId: student.id }).then((result) => result.data && onIssued(result.data.resetStudentCode));
        }}
        title={<FormattedMessage id="roster.reset.confirmTitle" values={{ name: student.displayName }} />}
        confirmLabel={<FormattedMessage id="roster.reset.confirm" />}
        cancelLabel={<FormattedMessage id="teams.cancel" />}
      >
        <p>
          <FormattedMessage id="roster.reset.confirmText" />
        </p>
      </ConfirmDialog>
    </>
  );
}

/** A team as its members, coaches, tutors and organizers see it: who is in it, its roster, its idea and its results. */
export default function TeamPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const valid = UUID.test(id);
  const [{ data, fetching, error }, refetch] = useQuery({ query: TeamQuery, variables: { id }, pause: !valid, context: CONTEXT });
  // Codes are answered once: kept here (never stored) until the coach closes the sheet or leaves the page.
  const [sheet, setSheet] = useState<Credential[]>([]);
  const team = data?.team;
  usePageTitle(team?.name);
  if (!valid) return <NotFound />;
  if (fetching && !data) return <Loading />;
  if (error && !team) return <QueryError error={error} />;
  if (!team) return <NotFound />;
  const role = team.members.find((member) => member.user.id === user?.id)?.role;
  const lead = isLead(role);
  const coachesRoster = role === 'COACH' && team.challenge.format === 'SCHOOL_CLIMATHON' && !!team.school;
  // Joining and new roster students end with the submissions; new codes for existing students never do.
  const open = teamsOpen(team.challenge);
  const isSchoolOwner = !!team.school?.members.some((member) => member.user.id === user?.id && member.role === 'OWNER');
  const phase = submissionWindow(team.challenge);
  const addToSheet = (credentials: Credential[]) =>
    setSheet((current) => [...current.filter((entry) => !credentials.some((credential) => credential.user.id === entry.user.id)), ...credentials]);
  const joinLink = team.joinCode ? `${location.origin}/teams/join?code=${encodeURIComponent(team.joinCode)}` : null;
  return (
    <article className="team-page">
      <p className="meta">
        <Link to={`/challenges/${team.challenge.slug}`}>{team.challenge.title}</Link>
        {team.school && ` · ${team.school.name}`}
        {team.className && ` · ${team.className}`}
      </p>
      <h1>{team.name}</h1>
      {role && (
        <p className="meta">
          <FormattedMessage id="teams.yourRole" values={{ role: <RoleBadge role={role} /> }} />
        </p>
      )}

      <section aria-labelledby="team-idea">
        <h2 id="team-idea">
          <FormattedMessage id="team.idea" />
        </h2>
        {team.idea ? (
          <div className="card">
            <h3>
              <Link to={`/teams/${team.id}/idea`}>{team.idea.title}</Link>
            </h3>
            <p className="meta">
              <IdeaStatusBadge status={team.idea.status} /> <FormattedMessage id="teams.idea.version" values={{ version: team.idea.version }} />
              {' · '}
              <FormattedMessage id="teams.idea.updatedAt" values={{ date: <FormattedDate value={team.idea.updatedAt} dateStyle="medium" timeStyle="short" /> }} />
            </p>
            <p className="actions">
              {role && phase === 'open' ? (
                <Link className="button" to={`/teams/${team.id}/idea`}>
                  <FormattedMessage id="teams.editIdea" />
                </Link>
              ) : (
                <Link className="button button-secondary" to={`/teams/${team.id}/idea`}>
                  <FormattedMessage id="teams.openIdea" />
                </Link>
              )}
            </p>
          </div>
        ) : (
          <>
            <p>
              <FormattedMessage id="team.noIdea" />
            </p>
            {role && phase === 'open' && (
              <p className="actions">
                <Link className="button" to={`/teams/${team.id}/idea`}>
                  <FormattedMessage id="teams.writeIdea" />
                </Link>
              </p>
            )}
          </>
        )}
        {team.idea && team.idea.status === 'SUBMITTED' && resultsArePublic(team.challenge.status) && <TeamReviews ideaId={team.idea.id} />}
      </section>

      {lead && open && team.joinCode && joinLink && (
        <section aria-labelledby="team-join">
          <h2 id="team-join">
            <FormattedMessage id="teams.joinCode.title" />
          </h2>
          <p>
            <FormattedMessage id="teams.joinCode.text" values={{ code: <strong className="mono">{team.joinCode}</strong> }} />
          </p>
          <p className="muted">
            <FormattedMessage id="teams.joinCode.link" values={{ link: <span className="mono break">{joinLink}</span> }} />
          </p>
        </section>
      )}

      <section aria-labelledby="team-members">
        <h2 id="team-members">
          <FormattedMessage id="team.members" values={{ count: team.memberCount }} />
        </h2>
        <p className="muted">
          <FormattedMessage id="teams.maxSize" values={{ max: team.challenge.maxTeamSize }} />
        </p>
        <ul className="member-list">
          {team.members.map((member) => (
            <li key={member.user.id}>
              <span>
                <MemberName user={member.user} /> <RoleBadge role={member.role} />
              </span>
              {coachesRoster && member.role === 'STUDENT' && !member.user.erased && <ResetCode student={member.user} onIssued={(credential) => addToSheet([credential])} />}
            </li>
          ))}
        </ul>
      </section>

      {coachesRoster && open && team.school && (
        <RosterSection
          teamId={team.id}
          school={team.school}
          isSchoolOwner={isSchoolOwner}
          onCreated={addToSheet}
          onAgreementAccepted={() => refetch({ requestPolicy: 'network-only' })}
        />
      )}
      {sheet.length > 0 && <RosterSheet credentials={sheet} onClose={() => setSheet([])} />}

      {team.tutors.length > 0 && (
        <section aria-labelledby="team-tutors">
          <h2 id="team-tutors">
            <FormattedMessage id="team.tutors" />
          </h2>
          <ul className="links">
            {team.tutors.map((tutor) => (
              <li key={tutor.id}>
                <MemberName user={tutor} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {team.miniCompany && (
        <p>
          <FormattedMessage id="team.miniCompany" values={{ company: <Link to={`/mini-companies/${team.miniCompany.id}`}>{team.miniCompany.name}</Link> }} />
        </p>
      )}
    </article>
  );
}
