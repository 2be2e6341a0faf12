import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import '../reports/reports.css';
import { formErrors } from '../common/api-errors';
import { FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { ApiForm, formText, LineField, Saved, TextAreaField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import '../organizer/organizer.css';

const CompanyProfileQuery = graphql(`
  query CompanyProfile {
    me {
      id
    }
    myOrganizations(kind: COMPANY) {
      id
      name
      district
      sectorsOfInterest
      themesOfInterest
      followedThemes
      members {
        role
        user {
          id
        }
      }
    }
  }
`);

const SetInterestsMutation = graphql(`
  mutation SetOrganizationInterests($input: OrganizationInterestsInput!) {
    setOrganizationInterests(input: $input) {
      id
      district
      sectorsOfInterest
      themesOfInterest
    }
  }
`);

const FollowThemeMutation = graphql(`
  mutation FollowTheme($organizationId: ID!, $theme: String!) {
    followTheme(organizationId: $organizationId, theme: $theme) {
      id
      followedThemes
    }
  }
`);

const UnfollowThemeMutation = graphql(`
  mutation UnfollowTheme($organizationId: ID!, $theme: String!) {
    unfollowTheme(organizationId: $organizationId, theme: $theme) {
      id
      followedThemes
    }
  }
`);

/** One entry a line (commas too), blanks dropped. */
const lines = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);

type Company = { id: string; name: string; district?: string | null; sectorsOfInterest: string[]; themesOfInterest: string[]; followedThemes: string[] };

function InterestsForm({ company, owner }: { company: Company; owner: boolean }) {
  const intl = useIntl();
  const [state, save] = useMutation(SetInterestsMutation);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state.error);
  const errors = formErrors(state.error, intl, { fields: ['district', 'sectors', 'themes'], scope: 'interests' });
  return (
    <section aria-labelledby="interests">
      <h2 id="interests">
        <FormattedMessage id="interests.title" />
      </h2>
      <p className="muted">
        <FormattedMessage id="interests.help" />
      </p>
      {!owner && (
        <p className="muted">
          <FormattedMessage id="interests.ownersOnly" />
        </p>
      )}
      <ApiForm
        ref={formRef}
        error={state.error}
        className="form"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          setSaved(false);
          void save({
            input: { organizationId: company.id, district: formText(form, 'district').trim(), sectors: lines(formText(form, 'sectors')), themes: lines(formText(form, 'themes')) },
          }).then((result) => setSaved(!!result.data));
        }}
      >
        <FormAlert messages={errors.form} />
        <LineField
          name="district"
          label={intl.formatMessage({ id: 'interests.district' })}
          description={intl.formatMessage({ id: 'interests.districtHelp' })}
          defaultValue={company.district ?? ''}
          isDisabled={!owner}
        />
        <TextAreaField
          name="sectors"
          rows={3}
          label={intl.formatMessage({ id: 'interests.sectors' })}
          description={intl.formatMessage({ id: 'interests.listHelp' })}
          defaultValue={company.sectorsOfInterest.join('\n')}
          isDisabled={!owner}
        />
        <TextAreaField
          name="themes"
          rows={3}
          label={intl.formatMessage({ id: 'interests.themes' })}
          description={intl.formatMessage({ id: 'interests.listHelp' })}
          defaultValue={company.themesOfInterest.join('\n')}
          isDisabled={!owner}
        />
        {owner && (
          <Button type="submit" className="button" isDisabled={state.fetching}>
            <FormattedMessage id="interests.save" />
          </Button>
        )}
        <Saved show={saved && !state.fetching} id="interests.saved" />
      </ApiForm>
    </section>
  );
}

function FollowedThemes({ company }: { company: Company }) {
  const intl = useIntl();
  const [followed, follow] = useMutation(FollowThemeMutation);
  const [unfollowed, unfollow] = useMutation(UnfollowThemeMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, followed.error);
  const errors = formErrors(followed.error, intl, { fields: ['theme'], scope: 'follow' });
  return (
    <section aria-labelledby="followed">
      <h2 id="followed">
        <FormattedMessage id="follow.title" />
      </h2>
      <p className="muted">
        <FormattedMessage id="follow.help" />
      </p>
      {company.followedThemes.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="follow.none" />
        </p>
      ) : (
        <ul className="plain followed-themes" aria-label={intl.formatMessage({ id: 'follow.list' })}>
          {company.followedThemes.map((theme) => (
            <li key={theme}>
              <span>{theme}</span>{' '}
              <Button
                className="link-button"
                isDisabled={unfollowed.fetching}
                aria-label={intl.formatMessage({ id: 'follow.unfollowTheme' }, { theme })}
                onPress={() => void unfollow({ organizationId: company.id, theme })}
              >
                <FormattedMessage id="follow.unfollow" />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <FormAlert messages={formErrors(unfollowed.error, intl).form} />
      <ApiForm
        ref={formRef}
        error={followed.error}
        className="form inline-form"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void follow({ organizationId: company.id, theme: formText(form, 'theme').trim() }).then((result) => {
            if (result.data) form.reset();
          });
        }}
      >
        <FormAlert messages={errors.form} />
        <LineField name="theme" label={intl.formatMessage({ id: 'follow.theme' })} isRequired />
        <Button type="submit" className="button button-secondary" isDisabled={followed.fetching}>
          <FormattedMessage id="follow.follow" />
        </Button>
      </ApiForm>
    </section>
  );
}

/** A company's profile for suggestions: its district, the sectors and themes it cares about, and the themes it follows. */
export default function SponsorSettingsPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'interests.pageTitle' }));
  const [params] = useSearchParams();
  const [{ data, fetching, error }] = useQuery({ query: CompanyProfileQuery });
  if (fetching && !data) return <Loading />;
  if (error && !data) return <QueryError error={error} />;
  const companies = data?.myOrganizations ?? [];
  const company = companies.find((c) => c.id === params.get('company')) ?? companies[0];
  if (!company) return <NotFound />;
  const owner = company.members.some((member) => member.user.id === data?.me?.id && member.role === 'OWNER');
  return (
    <section className="form-page">
      <p className="meta">
        <Link to={`/sponsor?company=${company.id}`}>
          <FormattedMessage id="sponsor.title" />
        </Link>{' '}
        · {company.name}
      </p>
      <h1>
        <FormattedMessage id="interests.pageTitle" />
      </h1>
      <InterestsForm key={company.id} company={company} owner={owner} />
      <FollowedThemes company={company} />
    </section>
  );
}
