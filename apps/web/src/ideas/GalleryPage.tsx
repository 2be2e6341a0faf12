import { useMemo } from 'react';
import { Button, Checkbox, Input, Label, SearchField } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { IdeaFilter } from '../gql/graphql';
import { FilterSelect } from '../common/FilterSelect';
import { Loading, QueryError, usePageTitle } from '../common/ui';
import { LazyVoteButton } from '../voting/lazy';
import { IdeaCard } from './IdeaCard';

const PAGE = 24;

const GalleryOptionsQuery = graphql(`
  query GalleryOptions {
    challenges(first: 100) {
      edges {
        node {
          id
          title
          themes {
            id
            name
          }
          publicVoting {
            status
          }
        }
      }
    }
    organizations(kind: SCHOOL, first: 100) {
      edges {
        node {
          id
          name
          district
        }
      }
    }
  }
`);

const GalleryQuery = graphql(`
  query Gallery($filter: IdeaFilter, $first: Int!) {
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
          tags
          theme {
            id
            name
          }
          challenge {
            id
            title
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
          adoption {
            id
            company {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/** The public gallery: filters live in the URL, so a filtered gallery can be shared and the back button works. */
export default function GalleryPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'gallery.title' }));
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const challengeId = params.get('challenge');
  const themeId = params.get('theme');
  const schoolId = params.get('school');
  const district = params.get('district');
  const adopted = params.get('adopted') === '1';
  const shown = Math.max(PAGE, Number(params.get('n')) || PAGE);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('n' in changes)) next.delete('n');
    setParams(next, { replace: true });
  };

  const [{ data: options }] = useQuery({ query: GalleryOptionsQuery });
  const challenges = options?.challenges.edges.map((edge) => edge.node) ?? [];
  const schools = options?.organizations.edges.map((edge) => edge.node) ?? [];
  // Vote buttons (and their chunk) only for cards of challenges whose people's-choice vote is open.
  const votingOpen = new Set(challenges.filter((challenge) => challenge.publicVoting?.status === 'OPEN').map((challenge) => challenge.id));
  const themes = challenges.find((challenge) => challenge.id === challengeId)?.themes ?? [];
  const districts = [...new Set(schools.map((school) => school.district).filter((value): value is string => !!value))].sort((a, b) => a.localeCompare(b));

  const filter = useMemo<IdeaFilter>(
    () => ({
      search: search.trim() || undefined,
      challengeId: challengeId ?? undefined,
      themeId: themeId ?? undefined,
      schoolId: schoolId ?? undefined,
      district: district ?? undefined,
      adopted: adopted || undefined,
    }),
    [search, challengeId, themeId, schoolId, district, adopted],
  );
  const [{ data, fetching, error }] = useQuery({ query: GalleryQuery, variables: { filter, first: Math.min(shown, 100) } });
  const ideas = data?.ideas.edges.map((edge) => edge.node) ?? [];

  return (
    <section>
      <h1>
        <FormattedMessage id="gallery.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="gallery.lead" />
      </p>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <SearchField className="field search" defaultValue={search} onSubmit={(value) => update({ q: value })} onClear={() => update({ q: null })}>
          <Label>
            <FormattedMessage id="gallery.search" />
          </Label>
          <Input placeholder={intl.formatMessage({ id: 'gallery.searchPlaceholder' })} />
        </SearchField>
        <FilterSelect
          label="gallery.challenge"
          options={challenges.map((challenge) => ({ id: challenge.id, label: challenge.title }))}
          value={challengeId}
          onChange={(value) => update({ challenge: value, theme: null })}
        />
        <FilterSelect
          label="gallery.theme"
          options={themes.map((theme) => ({ id: theme.id, label: theme.name }))}
          value={themeId}
          onChange={(value) => update({ theme: value })}
          isDisabled={!challengeId}
        />
        <FilterSelect
          label="gallery.school"
          options={schools.map((school) => ({ id: school.id, label: school.name }))}
          value={schoolId}
          onChange={(value) => update({ school: value })}
        />
        <FilterSelect label="gallery.district" options={districts.map((name) => ({ id: name, label: name }))} value={district} onChange={(value) => update({ district: value })} />
        <Checkbox className="checkbox" isSelected={adopted} onChange={(selected) => update({ adopted: selected ? '1' : null })}>
          <span className="checkbox-box" aria-hidden="true" />
          <FormattedMessage id="gallery.adopted" />
        </Checkbox>
      </form>

      {error && <QueryError error={error} />}
      {data && (
        <p className="muted" role="status">
          <FormattedMessage id="gallery.count" values={{ count: data.ideas.totalCount }} />
        </p>
      )}
      {fetching && !data && <Loading />}
      <ul className="cards">
        {ideas.map((idea) => (
          <IdeaCard key={idea.id} idea={idea} vote={votingOpen.has(idea.challenge.id) && <LazyVoteButton challengeId={idea.challenge.id} idea={idea} compact />} />
        ))}
      </ul>
      {data?.ideas.pageInfo.hasNextPage && shown < 100 && (
        <p className="actions">
          <Button className="button button-secondary" onPress={() => update({ n: String(shown + PAGE) })}>
            <FormattedMessage id="gallery.more" />
          </Button>
        </p>
      )}
    </section>
  );
}
