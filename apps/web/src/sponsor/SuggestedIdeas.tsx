import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import '../reports/reports.css';
import type { SuggestionReasonKind } from '../gql/graphql';
import { Loading, QueryError } from '../common/ui';
import type { MessageId } from '../i18n/IntlRoot';

const SuggestedIdeasQuery = graphql(`
  query SuggestedIdeas($companyId: ID!) {
    organization(id: $companyId) {
      id
      suggestedIdeas(first: 20) {
        score
        reasons {
          kind
          interest
          matched
        }
        idea {
          id
          title
          summary
          challenge {
            id
            title
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

const REASON: Record<SuggestionReasonKind, MessageId> = {
  THEME: 'suggestions.reason.THEME',
  DISTRICT: 'suggestions.reason.DISTRICT',
  SECTOR: 'suggestions.reason.SECTOR',
};

/** The company's candidates among published, not yet adopted ideas, each with why it is suggested. */
export function SuggestedIdeas({ companyId, openIdeaIds }: { companyId: string; openIdeaIds: Set<string> }) {
  const intl = useIntl();
  const [{ data, fetching, error }] = useQuery({ query: SuggestedIdeasQuery, variables: { companyId }, requestPolicy: 'cache-and-network' });
  const suggestions = data?.organization?.suggestedIdeas ?? [];
  return (
    <section aria-labelledby="suggested">
      <div className="section-head">
        <h2 id="suggested">
          <FormattedMessage id="suggestions.title" />
        </h2>
        <Link className="button button-secondary" to={`/sponsor/settings?company=${companyId}`}>
          <FormattedMessage id="suggestions.settings" />
        </Link>
      </div>
      {fetching && !data && <Loading />}
      {error && <QueryError error={error} />}
      {data && suggestions.length === 0 && (
        <p className="muted">
          <FormattedMessage id="suggestions.none" />
        </p>
      )}
      <ul className="cards">
        {suggestions.map(({ idea, reasons }) => (
          <li key={idea.id} className="card" aria-labelledby={`suggested-${idea.id}`}>
            <p className="meta">
              {idea.challenge.title} · {idea.theme.name}
            </p>
            <h3 id={`suggested-${idea.id}`}>
              <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
            </h3>
            {idea.team && (
              <p className="muted">
                {idea.team.name}
                {idea.team.school && ` · ${idea.team.school.name}${idea.team.school.district ? `, ${idea.team.school.district}` : ''}`}
              </p>
            )}
            <p className="clamp">{idea.summary}</p>
            <p className="why-title">
              <FormattedMessage id="suggestions.why" />
            </p>
            <ul className="reasons">
              {reasons.map((reason) => (
                <li key={`${reason.kind}:${reason.interest}`}>
                  <FormattedMessage
                    id={reason.kind === 'THEME' && reason.matched?.toLowerCase() === reason.interest.toLowerCase() ? 'suggestions.reason.THEME.same' : REASON[reason.kind]}
                    values={{ interest: reason.interest, matched: reason.matched ?? reason.interest }}
                  />
                </li>
              ))}
            </ul>
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
    </section>
  );
}
