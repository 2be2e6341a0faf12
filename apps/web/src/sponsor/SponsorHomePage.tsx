import { useRef, useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { CompanyAdoptionsQuery as CompanyAdoptionsData } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { FormAlert, Loading, QueryError, usePageTitle } from '../common/ui';
import { ApiForm, formText, LineField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { AdoptionStatusBadge, TutorList } from './labels';
import { SuggestedIdeas } from './SuggestedIdeas';
import '../organizer/organizer.css';

const SponsorCompaniesQuery = graphql(`
  query SponsorCompanies {
    myOrganizations(kind: COMPANY) {
      id
      name
    }
  }
`);

const CompanyAdoptionsQuery = graphql(`
  query CompanyAdoptions($companyId: ID!) {
    companyAdoptions(companyId: $companyId) {
      id
      status
      message
      commitment
      createdAt
      decidedAt
      decisionNote
      idea {
        id
        title
        team {
          id
          name
          school {
            id
            name
          }
          miniCompany {
            id
          }
        }
      }
      tutors {
        id
        displayName
        erased
        nameHidden
      }
    }
  }
`);

const AdoptableIdeasQuery = graphql(`
  query AdoptableIdeas($filter: IdeaFilter, $first: Int!) {
    ideas(filter: $filter, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          id
          title
          summary
          challenge {
            id
            title
            status
          }
          theme {
            id
            name
          }
          team {
            id
            name
            school {
              id
              name
              district
            }
          }
        }
      }
    }
  }
`);

const WithdrawAdoptionMutation = graphql(`
  mutation WithdrawAdoption($id: ID!) {
    withdrawAdoption(adoptionId: $id) {
      id
      status
    }
  }
`);

const AssignTutorMutation = graphql(`
  mutation AssignTutor($input: AssignTutorInput!) {
    assignTutor(input: $input) {
      id
      tutors {
        id
        displayName
        erased
        nameHidden
      }
    }
  }
`);

const PAGE = 24;
const ADOPTIONS_CONTEXT = { additionalTypenames: ['Adoption'] };

type Adoption = CompanyAdoptionsData['companyAdoptions'][number];

function AssignTutorForm({ adoptionId }: { adoptionId: string }) {
  const intl = useIntl();
  const [state, assign] = useMutation(AssignTutorMutation);
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = formErrors(state.error, intl, {
    fields: ['email'],
    fieldOfCode: { NOT_FOUND: 'email', CONFLICT: 'email' },
    messageOfCode: { BAD_USER_INPUT: 'sponsor.tutor.notMember', NOT_FOUND: 'sponsor.tutor.unknown', CONFLICT: 'sponsor.tutor.already' },
  });
  useFocusFirstInvalid(formRef, state.error);
  return (
    <ApiForm
      error={state.error}
      ref={formRef}
      className="form inline-form"
      validationErrors={errors.fields}
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        setDone(false);
        void assign({ input: { adoptionId, email: formText(form, 'email') } }).then((result) => {
          if (!result.data) return;
          form.reset();
          setDone(true);
        });
      }}
    >
      <FormAlert messages={errors.form} />
      <LineField
        name="email"
        type="email"
        label={intl.formatMessage({ id: 'sponsor.tutor.email' })}
        description={intl.formatMessage({ id: 'sponsor.tutor.emailHelp' })}
        autoComplete="off"
        isRequired
      />
      <Button type="submit" className="button button-secondary" isDisabled={state.fetching}>
        <FormattedMessage id="sponsor.tutor.assign" />
      </Button>
      {done && (
        <p role="status" className="success">
          <FormattedMessage id="sponsor.tutor.assigned" />
        </p>
      )}
    </ApiForm>
  );
}

function AdoptionCard({ adoption }: { adoption: Adoption }) {
  const intl = useIntl();
  const [withdrawn, withdraw] = useMutation(WithdrawAdoptionMutation);
  const team = adoption.idea.team;
  return (
    <li className="card adoption" aria-labelledby={`adoption-${adoption.id}`}>
      <p className="meta">
        <AdoptionStatusBadge status={adoption.status} />{' '}
        <FormattedMessage id="sponsor.proposedOn" values={{ date: <FormattedDate value={adoption.createdAt} dateStyle="medium" /> }} />
      </p>
      <h3 id={`adoption-${adoption.id}`}>
        <Link to={`/ideas/${adoption.idea.id}`}>{adoption.idea.title}</Link>
      </h3>
      {team && (
        <p className="muted">
          {team.name}
          {team.school && ` · ${team.school.name}`}
        </p>
      )}
      <p className="prose">{adoption.message}</p>
      {adoption.commitment && (
        <p>
          <strong>
            <FormattedMessage id="sponsor.commitment" />
          </strong>{' '}
          {adoption.commitment}
        </p>
      )}
      {adoption.decidedAt && adoption.status !== 'PROPOSED' && (
        <p className="muted">
          <FormattedMessage
            id={`sponsor.decided.${adoption.status === 'ACCEPTED' ? 'accepted' : adoption.status === 'WITHDRAWN' ? 'withdrawn' : 'declined'}`}
            values={{ date: <FormattedDate value={adoption.decidedAt} dateStyle="medium" /> }}
          />
          {adoption.decisionNote && <span className="block">“{adoption.decisionNote}”</span>}
        </p>
      )}
      {adoption.status === 'PROPOSED' && (
        <>
          <FormAlert messages={formErrors(withdrawn.error, intl).form} />
          <Button className="link-button" isDisabled={withdrawn.fetching} onPress={() => void withdraw({ id: adoption.id })}>
            <FormattedMessage id="sponsor.withdraw" />
          </Button>
        </>
      )}
      {adoption.status === 'ACCEPTED' && (
        <>
          <h4>
            <FormattedMessage id="sponsor.tutors" />
          </h4>
          <TutorList tutors={adoption.tutors} empty="sponsor.tutors.none" />
          <AssignTutorForm adoptionId={adoption.id} />
          {team && (
            <p className="actions">
              <Link className="button button-secondary" to={`/teams/${team.id}/adoption`}>
                <FormattedMessage id="sponsor.teamPage" />
              </Link>
              {team.miniCompany && (
                <Link className="button button-secondary" to={`/teams/${team.id}/mini-company`}>
                  <FormattedMessage id="sponsor.miniCompany" />
                </Link>
              )}
            </p>
          )}
        </>
      )}
    </li>
  );
}

function AdoptableIdeas({ companyId, openIdeaIds }: { companyId: string; openIdeaIds: Set<string> }) {
  const intl = useIntl();
  const [search, setSearch] = useState('');
  const [first, setFirst] = useState(PAGE);
  const [{ data, fetching, error }] = useQuery({
    query: AdoptableIdeasQuery,
    variables: { filter: { adopted: false, status: 'SUBMITTED', search: search || undefined }, first },
  });
  // Ideas are adoptable once their challenge's results are published (docs/rules.md); a viewer may see others (e.g. as a juror).
  const ideas = (data?.ideas.edges ?? []).map((edge) => edge.node).filter((idea) => idea.challenge.status === 'RESULTS_PUBLISHED' || idea.challenge.status === 'CLOSED');
  return (
    <section aria-labelledby="adoptable">
      <h2 id="adoptable">
        <FormattedMessage id="sponsor.adoptable" />
      </h2>
      <p className="muted">
        <FormattedMessage id="sponsor.adoptableHelp" />
      </p>
      <form
        className="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(formText(event.currentTarget, 'q').trim());
          setFirst(PAGE);
        }}
      >
        <SearchField className="field search" name="q" defaultValue={search} onClear={() => setSearch('')}>
          <Label>
            <FormattedMessage id="gallery.search" />
          </Label>
          <Input placeholder={intl.formatMessage({ id: 'gallery.searchPlaceholder' })} />
        </SearchField>
      </form>
      {error && <QueryError error={error} />}
      {fetching && !data && <Loading />}
      {data && ideas.length === 0 && (
        <p role="status" className="muted">
          <FormattedMessage id="sponsor.adoptable.none" />
        </p>
      )}
      <ul className="cards">
        {ideas.map((idea) => (
          <li key={idea.id} className="card">
            <p className="meta">
              {idea.challenge.title} · {idea.theme.name}
            </p>
            <h3>
              <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
            </h3>
            {idea.team && (
              <p className="muted">
                {idea.team.name}
                {idea.team.school && ` · ${idea.team.school.name}${idea.team.school.district ? `, ${idea.team.school.district}` : ''}`}
              </p>
            )}
            <p className="clamp">{idea.summary}</p>
            {openIdeaIds.has(idea.id) ? (
              <p className="muted">
                <FormattedMessage id="sponsor.alreadyProposed" />
              </p>
            ) : (
              <Link className="button" to={`/sponsor/ideas/${idea.id}?company=${companyId}`} aria-label={intl.formatMessage({ id: 'sponsor.proposeFor' }, { title: idea.title })}>
                <FormattedMessage id="sponsor.propose" />
              </Link>
            )}
          </li>
        ))}
      </ul>
      {data?.ideas.pageInfo.hasNextPage && (
        <Button className="button button-secondary" onPress={() => setFirst((n) => Math.min(n + PAGE, 100))} isDisabled={first >= 100}>
          <FormattedMessage id="gallery.more" />
        </Button>
      )}
    </section>
  );
}

function CompanyArea({ companyId }: { companyId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CompanyAdoptionsQuery, variables: { companyId }, context: ADOPTIONS_CONTEXT });
  const adoptions = data?.companyAdoptions ?? [];
  const open = new Set(adoptions.filter((adoption) => adoption.status === 'PROPOSED' || adoption.status === 'ACCEPTED').map((adoption) => adoption.idea.id));
  return (
    <>
      <section aria-labelledby="proposals">
        <h2 id="proposals">
          <FormattedMessage id="sponsor.proposals" />
        </h2>
        {fetching && !data && <Loading />}
        {error && <QueryError error={error} />}
        {data && adoptions.length === 0 && (
          <p className="muted">
            <FormattedMessage id="sponsor.proposals.none" />
          </p>
        )}
        {adoptions.length > 0 && (
          <ul className="cards">
            {adoptions.map((adoption) => (
              <AdoptionCard key={adoption.id} adoption={adoption} />
            ))}
          </ul>
        )}
      </section>
      <SuggestedIdeas companyId={companyId} openIdeaIds={open} />
      <AdoptableIdeas companyId={companyId} openIdeaIds={open} />
    </>
  );
}

/** A sponsor company's area: its proposals (presa in carico) with their status and tutors, and the ideas it may adopt. */
export default function SponsorHomePage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'sponsor.title' }));
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const proposed = (location.state as { proposed?: string } | null)?.proposed;
  const [{ data, fetching, error }] = useQuery({ query: SponsorCompaniesQuery });
  const companies = data?.myOrganizations ?? [];
  const wanted = params.get('company');
  const company = companies.find((c) => c.id === wanted) ?? companies[0];
  return (
    <section>
      <h1>
        <FormattedMessage id="sponsor.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="sponsor.lead" />
      </p>
      {proposed && (
        <p role="status" className="success">
          <FormattedMessage id="sponsor.proposedNotice" values={{ title: proposed }} />
        </p>
      )}
      {fetching && !data && <Loading />}
      {error && <QueryError error={error} />}
      {data && !company && (
        <p>
          <FormattedMessage id="sponsor.noCompany" />
        </p>
      )}
      {companies.length > 1 && company && (
        <div className="filters">
          <div className="field">
            <label htmlFor="company-choice">
              <FormattedMessage id="sponsor.company" />
            </label>
            <select id="company-choice" className="select-button" value={company.id} onChange={(event) => setParams({ company: event.target.value }, { replace: true })}>
              {companies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {company && (
        <>
          <p className="meta">
            <FormattedMessage id="sponsor.actingFor" values={{ company: company.name }} />
          </p>
          <CompanyArea key={company.id} companyId={company.id} />
        </>
      )}
    </section>
  );
}
