import { useRef, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { OrganizationKind } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { FormAlert, Loading, usePageTitle } from '../common/ui';
import { useSession } from '../identity/session';
import { ApiForm, formText, LineField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { ChoiceField } from '../teams/fields';
import { ReceivedInvitations } from './ReceivedInvitations';
import '../organizer/organizer.css';
import './organizations.css';

const CreateOrganizationMutation = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
      name
      kind
    }
  }
`);

const FindSchoolsQuery = graphql(`
  query FindSchools($search: String!) {
    organizations(kind: SCHOOL, search: $search, first: 20) {
      totalCount
      edges {
        node {
          id
          name
          city
          district
        }
      }
    }
    myOrganizations(kind: SCHOOL) {
      id
    }
  }
`);

const FIELDS = ['name', 'kind', 'city', 'district', 'sector', 'website'] as const;
const KINDS: readonly OrganizationKind[] = ['SCHOOL', 'COMPANY', 'PROMOTER', 'PUBLIC_BODY', 'RESEARCH_LAB', 'OTHER'];

/** Where to go back after success: a path of this site only (never `//host` or an absolute address). */
function safeNext(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : null;
}

/**
 * Asking to join an existing school is asking its owner for an invitation (the API has no join requests): find it,
 * see that it is there, and accept the invitation once it arrives.
 */
function JoinSchool({ next }: { next: string | null }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const { user } = useSession();
  const [search, setSearch] = useState('');
  const [{ data, fetching, error }] = useQuery({ query: FindSchoolsQuery, variables: { search }, pause: !search });
  const errors = formErrors(error, intl, { fields: ['search'] });
  const mine = new Set((data?.myOrganizations ?? []).map((organization) => organization.id));
  const schools = data?.organizations.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="join-title" className="join-school">
      <h2 id="join-title">
        <FormattedMessage id="orgs.join.title" />
      </h2>
      <p>{user?.email ? <FormattedMessage id="orgs.join.lead" values={{ email: user.email }} /> : <FormattedMessage id="orgs.join.leadNoEmail" />}</p>
      <p className="muted">
        <FormattedMessage id="orgs.join.searchHelp" />
      </p>
      <ReceivedInvitations kind="SCHOOL" onAccepted={() => next && void navigate(next)} />
      <Form
        className="org-search"
        role="search"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(formText(event.currentTarget, 'search').trim());
        }}
      >
        <LineField name="search" type="search" label={intl.formatMessage({ id: 'orgs.join.search' })} />
        <Button type="submit" className="button button-secondary">
          <FormattedMessage id="orgs.join.searchSubmit" />
        </Button>
      </Form>
      <FormAlert messages={errors.form} />
      {search && fetching && !data && <Loading />}
      {search && data && (
        <div role="status">
          {schools.length === 0 ? (
            <p>
              <FormattedMessage id="orgs.join.none" values={{ search }} />
            </p>
          ) : (
            <>
              <p className="muted">
                <FormattedMessage id="orgs.join.results" values={{ count: data.organizations.totalCount }} />
              </p>
              <ul className="org-search-results">
                {schools.map((school) => (
                  <li key={school.id}>
                    <Link to={`/organizations/${school.id}`}>{school.name}</Link>
                    {[school.city, school.district].filter(Boolean).length > 0 && <span className="muted"> · {[school.city, school.district].filter(Boolean).join(', ')}</span>}
                    {mine.has(school.id) && (
                      <span className="muted">
                        {' '}
                        (<FormattedMessage id="orgs.join.member" />)
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * Creating an organization (the creator becomes its owner); from the create-team form (`?kind=SCHOOL&next=...`) a
 * teacher registers their school, or learns how to join one that exists, and goes back to the form afterwards.
 */
export default function CreateOrganizationPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const initialKind = KINDS.find((kind) => kind === params.get('kind')) ?? 'SCHOOL';
  const [kind, setKind] = useState<OrganizationKind>(initialKind);
  const school = kind === 'SCHOOL';
  usePageTitle(intl.formatMessage({ id: school ? 'orgs.new.titleSchool' : 'orgs.new.title' }));
  const [state, create] = useMutation(CreateOrganizationMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = formErrors(state.error, intl, { fields: FIELDS, scope: 'organization' });
  useFocusFirstInvalid(formRef, state.error);
  return (
    <section className="form-page">
      <p className="meta">
        {next ? (
          <Link to={next}>
            <FormattedMessage id="orgs.new.backToTeam" />
          </Link>
        ) : (
          <Link to="/organizations">
            <FormattedMessage id="orgs.title" />
          </Link>
        )}
      </p>
      <h1>
        <FormattedMessage id={school ? 'orgs.new.titleSchool' : 'orgs.new.title'} />
      </h1>
      <p>
        <FormattedMessage id="orgs.new.lead" />
      </p>
      {/* aria: a missing name is refused by the API, in the user's language (the browser's own message is in its). */}
      <ApiForm
        error={state.error}
        ref={formRef}
        className="form"
        validationBehavior="aria"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const optional = (name: string) => formText(form, name).trim() || null;
          void create(
            {
              input: {
                kind,
                name: formText(form, 'name'),
                city: optional('city'),
                district: optional('district'),
                sector: school ? null : optional('sector'),
                website: optional('website'),
              },
            },
            { additionalTypenames: ['Organization', 'Membership'] },
          ).then((result) => {
            if (!result.data) return;
            if (next) void navigate(next);
            else void navigate('/organizations', { state: { created: true } });
          });
        }}
      >
        <FormAlert messages={errors.form} />
        {!next && (
          <ChoiceField
            name="kind"
            label={intl.formatMessage({ id: 'orgs.field.kind' })}
            options={KINDS.map((value) => ({ value, label: intl.formatMessage({ id: `organization.kind.${value}` }) }))}
            value={kind}
            onChange={(value) => setKind(value as OrganizationKind)}
            error={errors.fields.kind}
            isRequired
          />
        )}
        <LineField
          name="name"
          label={intl.formatMessage({ id: 'orgs.field.name' })}
          description={intl.formatMessage({ id: 'orgs.field.nameHelp' })}
          autoComplete="organization"
          isRequired
        />
        <LineField name="city" label={intl.formatMessage({ id: 'orgs.field.city' })} autoComplete="address-level2" />
        <LineField name="district" label={intl.formatMessage({ id: 'orgs.field.district' })} description={intl.formatMessage({ id: 'orgs.field.districtHelp' })} />
        {!school && <LineField name="sector" label={intl.formatMessage({ id: 'orgs.field.sector' })} />}
        {/* Plain text, not type="url": the API checks the address and says what is wrong in the user's language. */}
        <LineField name="website" label={intl.formatMessage({ id: 'orgs.field.website' })} description={intl.formatMessage({ id: 'orgs.field.websiteHelp' })} autoComplete="url" />
        <Button type="submit" className="button" isDisabled={state.fetching}>
          <FormattedMessage id={school ? 'orgs.new.submitSchool' : 'orgs.new.submit'} />
        </Button>
      </ApiForm>
      {school && <JoinSchool next={next} />}
    </section>
  );
}
