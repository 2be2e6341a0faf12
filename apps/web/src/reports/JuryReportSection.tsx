import { FormattedMessage, FormattedNumber } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { DataTable } from '../common/DataTable';
import { QueryError } from '../common/ui';
import type { MessageId } from '../i18n/IntlRoot';
import { Score } from '../judging/RankingTable';
import { PersonName } from '../organizer/people';
import './reports.css';

const JuryReportQuery = graphql(`
  query JuryReport($id: ID!) {
    challenge(id: $id) {
      id
      juryReport {
        reviewCount
        ideaCount
        agreement {
          alpha
          pairableIdeas
          pairableReviews
        }
        criteria {
          criterion {
            id
            name
            maxScore
          }
          mean
          agreement {
            alpha
            pairableIdeas
            pairableReviews
          }
        }
        jurors {
          pseudonym
          reviewCount
          comparedReviews
          meanTotal
          leniency
          meanDeviation
          juror {
            id
            user {
              id
              displayName
              erased
              nameHidden
            }
          }
        }
        disputedIdeas(first: 5) {
          spread
          standardDeviation
          minTotal
          maxTotal
          meanTotal
          reviewCount
          idea {
            id
            title
          }
        }
      }
    }
  }
`);

/**
 * What an alpha means, in the bands of Krippendorff's own guidance: from 0.8 the jury's scores can be relied on, from
 * 0.667 only tentatively, above 0 the agreement is weak, at 0 or below no better than chance.
 */
export function alphaReading(alpha: number | null | undefined): MessageId {
  if (alpha === null || alpha === undefined) return 'reports.alpha.undefined';
  if (alpha >= 0.8) return 'reports.alpha.strong';
  if (alpha >= 0.667) return 'reports.alpha.fair';
  if (alpha > 0) return 'reports.alpha.weak';
  return 'reports.alpha.none';
}

/** Half a standard deviation from the peers is where a juror's scores start to stand out. */
function leniencyReading(leniency: number | null | undefined): MessageId {
  if (leniency === null || leniency === undefined) return 'reports.leniency.none';
  if (leniency > 0.5) return 'reports.leniency.lenient';
  if (leniency < -0.5) return 'reports.leniency.strict';
  return 'reports.leniency.inLine';
}

const Alpha = ({ value }: { value: number | null | undefined }) =>
  value === null || value === undefined ? '–' : <FormattedNumber value={value} maximumFractionDigits={2} minimumFractionDigits={2} />;

/** The jury-agreement report: how far the jurors agree overall and per criterion, who scores high or low, where they disagree. */
export function JuryReportSection({ challengeId }: { challengeId: string }) {
  const [{ data, error }] = useQuery({ query: JuryReportQuery, variables: { id: challengeId }, requestPolicy: 'cache-and-network' });
  const report = data?.challenge?.juryReport;
  return (
    <section aria-labelledby="jury-report">
      <h2 id="jury-report">
        <FormattedMessage id="reports.jury" />
      </h2>
      {error && <QueryError error={error} />}
      {report && (
        <>
          <p className="muted">
            <FormattedMessage id="reports.jury.counts" values={{ reviews: report.reviewCount, ideas: report.ideaCount }} />
          </p>
          <div className="figure-card" data-testid="jury-alpha">
            <p className="figure">
              <FormattedMessage id="reports.jury.alpha" values={{ alpha: <Alpha value={report.agreement.alpha} /> }} />
            </p>
            <p>
              <FormattedMessage id={alphaReading(report.agreement.alpha)} />
            </p>
            <p className="muted">
              <FormattedMessage id="reports.jury.pairable" values={{ ideas: report.agreement.pairableIdeas, reviews: report.agreement.pairableReviews }} />
            </p>
          </div>
          <h3>
            <FormattedMessage id="reports.jury.byCriterion" />
          </h3>
          <DataTable
            label="reports.jury.byCriterion"
            caption
            testId="jury-criteria"
            rows={report.criteria}
            rowKey={(row) => row.criterion.id}
            columns={[
              { header: 'reports.jury.criterion', rowHeader: true, cell: (row) => row.criterion.name },
              { header: 'reports.jury.alphaColumn', numeric: true, cell: (row) => <Alpha value={row.agreement.alpha} /> },
              {
                header: 'reports.jury.reading',
                cell: (row) => (
                  <span className="reading">
                    <FormattedMessage id={alphaReading(row.agreement.alpha)} />
                  </span>
                ),
              },
              {
                header: 'reports.jury.mean',
                numeric: true,
                cell: (row) =>
                  row.mean === null || row.mean === undefined ? (
                    '–'
                  ) : (
                    <FormattedMessage id="reports.jury.meanOf" values={{ mean: <Score value={row.mean} />, max: row.criterion.maxScore }} />
                  ),
              },
            ]}
          />
          <h3>
            <FormattedMessage id="reports.jury.jurors" />
          </h3>
          <p className="muted">
            <FormattedMessage id="reports.jury.leniencyHelp" />
          </p>
          <DataTable
            label="reports.jury.jurors"
            caption
            testId="jury-jurors"
            rows={report.jurors}
            rowKey={(row) => row.juror.id}
            columns={[
              {
                header: 'reports.jury.juror',
                rowHeader: true,
                cell: (row) => (
                  <>
                    {row.pseudonym} · <PersonName user={row.juror.user} erasedLabel="person.erasedJuror" />
                  </>
                ),
              },
              { header: 'reports.jury.reviews', numeric: true, cell: (row) => row.reviewCount },
              { header: 'reports.jury.meanTotal', numeric: true, cell: (row) => <Score value={row.meanTotal} /> },
              { header: 'reports.jury.leniency', numeric: true, cell: (row) => <Score value={row.leniency} /> },
              {
                header: 'reports.jury.reading',
                cell: (row) => (
                  <span className="reading">
                    <FormattedMessage
                      id={leniencyReading(row.leniency)}
                      values={{ points: <Score value={row.meanDeviation === null || row.meanDeviation === undefined ? null : Math.abs(row.meanDeviation)} /> }}
                    />
                  </span>
                ),
              },
            ]}
          />
          <h3>
            <FormattedMessage id="reports.jury.disputed" />
          </h3>
          {report.disputedIdeas.length === 0 ? (
            <p className="muted">
              <FormattedMessage id="reports.jury.disputed.none" />
            </p>
          ) : (
            <DataTable
              label="reports.jury.disputed"
              caption
              testId="jury-disputed"
              rows={report.disputedIdeas}
              rowKey={(row) => row.idea.id}
              columns={[
                { header: 'results.idea', rowHeader: true, cell: (row) => <Link to={`/ideas/${row.idea.id}`}>{row.idea.title}</Link> },
                {
                  header: 'reports.jury.range',
                  numeric: true,
                  cell: (row) => <FormattedMessage id="reports.jury.rangeOf" values={{ min: <Score value={row.minTotal} />, max: <Score value={row.maxTotal} /> }} />,
                },
                { header: 'reports.jury.spread', numeric: true, cell: (row) => <Score value={row.spread} /> },
                { header: 'reports.jury.reviews', numeric: true, cell: (row) => row.reviewCount },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
