import { useRef } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { ApiForm, formText, SelectField, TextAreaField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import '../organizer/organizer.css';

const AdoptionIdeaQuery = graphql(`
  query AdoptionIdea($id: ID!) {
    myOrganizations(kind: COMPANY) {
      id
      name
    }
    idea(id: $id) {
      id
      title
      summary
      problem
      solution
      impact
      status
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
      adoptedBy {
        id
        name
      }
    }
  }
`);

const ProposeAdoptionMutation = graphql(`
  mutation ProposeAdoption($input: ProposeAdoptionInput!) {
    proposeAdoption(input: $input) {
      id
      status
      message
      commitment
      createdAt
      idea {
        id
      }
      company {
        id
      }
    }
  }
`);

/** A company proposes to take charge of an idea's team (presa in carico): a message and what it commits to. */
export default function ProposeAdoptionPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [{ data, fetching, error }] = useQuery({ query: AdoptionIdeaQuery, variables: { id } });
  const [state, propose] = useMutation(ProposeAdoptionMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const idea = data?.idea;
  usePageTitle(idea ? intl.formatMessage({ id: 'sponsor.proposeTitle' }, { title: idea.title }) : undefined);
  const errors = formErrors(state.error, intl, {
    fields: ['companyId', 'message', 'commitment'],
    scope: 'adoption',
    messageOfCode: { CONFLICT: 'sponsor.propose.conflict', FAILED_PRECONDITION: 'sponsor.propose.notYet' },
  });
  useFocusFirstInvalid(formRef, state.error);
  if (fetching && !data) return <Loading />;
  if (error && !idea) return <QueryError error={error} />;
  if (!idea || !data) return <NotFound />;
  const companies = data.myOrganizations;
  const wanted = params.get('company');
  const company = companies.find((c) => c.id === wanted) ?? companies[0];
  return (
    <section className="form-page">
      <p className="meta">
        <Link to={`/sponsor${company ? `?company=${company.id}` : ''}`}>
          <FormattedMessage id="sponsor.title" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="sponsor.proposeTitle" values={{ title: idea.title }} />
      </h1>
      <p className="meta">
        {idea.challenge.title} · {idea.theme.name}
        {idea.team && ` · ${idea.team.name}`}
        {idea.team?.school && ` (${idea.team.school.name})`}
      </p>
      <p className="lead">{idea.summary}</p>
      <p>
        <Link to={`/ideas/${idea.id}`}>
          <FormattedMessage id="sponsor.readIdea" />
        </Link>
      </p>
      {idea.adoptedBy ? (
        <p>
          <FormattedMessage id="idea.adoptedBy" values={{ company: idea.adoptedBy.name }} />
        </p>
      ) : companies.length === 0 ? (
        <p>
          <FormattedMessage id="sponsor.noCompany" />
        </p>
      ) : (
        <ApiForm
          error={state.error}
          ref={formRef}
          className="form"
          validationErrors={errors.fields}
          onSubmit={(event) => {
            event.preventDefault();
            const values = new FormData(event.currentTarget);
            const companyId = formText(values, 'companyId');
            const input = { ideaId: idea.id, companyId, message: formText(values, 'message'), commitment: formText(values, 'commitment') || undefined };
            void propose({ input }).then((result) => {
              if (result.data) void navigate(`/sponsor?company=${companyId}`, { state: { proposed: idea.title } });
            });
          }}
        >
          <FormAlert messages={errors.form} />
          <SelectField
            name="companyId"
            label={intl.formatMessage({ id: 'sponsor.company' })}
            options={companies.map((c) => ({ value: c.id, label: c.name }))}
            defaultValue={company?.id}
            error={errors.fields.companyId}
            isRequired
          />
          <TextAreaField
            name="message"
            label={intl.formatMessage({ id: 'sponsor.field.message' })}
            description={intl.formatMessage({ id: 'sponsor.field.messageHelp' })}
            isRequired
            rows={6}
          />
          <TextAreaField
            name="commitment"
            label={intl.formatMessage({ id: 'sponsor.field.commitment' })}
            description={intl.formatMessage({ id: 'sponsor.field.commitmentHelp' })}
            rows={3}
          />
          <Button type="submit" className="button" isDisabled={state.fetching}>
            <FormattedMessage id="sponsor.propose.submit" />
          </Button>
        </ApiForm>
      )}
    </section>
  );
}
