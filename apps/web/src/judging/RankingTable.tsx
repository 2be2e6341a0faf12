import { FormattedNumber } from 'react-intl';
import { Link } from 'react-router';
import { DataTable } from '../common/DataTable';
import type { MessageId } from '../i18n/IntlRoot';

export interface RankedEntry {
  rank?: number | null;
  rawScore?: number | null;
  normalizedScore?: number | null;
  reviewCount: number;
  idea: { id: string; title: string; team?: { name: string; school?: { name: string } | null } | null };
}

/** A score with two decimals, as the API rounds it; a dash before any review. */
export const Score = ({ value }: { value: number | null | undefined }) =>
  value === null || value === undefined ? '–' : <FormattedNumber value={value} maximumFractionDigits={2} minimumFractionDigits={2} />;

/**
 * A ranking of ideas: the public results (raw scores) and the organizers' leaderboard (raw and normalised). Under
 * blind judging the API leaves `team` out for jurors, and the team cell is simply empty.
 */
export function RankingTable({ label, entries, normalized = false, testId }: { label: MessageId; entries: readonly RankedEntry[]; normalized?: boolean; testId?: string }) {
  return (
    <DataTable
      label={label}
      testId={testId}
      rows={entries}
      rowKey={(entry) => entry.idea.id}
      columns={[
        { header: 'results.rank', numeric: true, cell: (entry) => entry.rank ?? '–' },
        { header: 'results.idea', rowHeader: true, cell: (entry) => <Link to={`/ideas/${entry.idea.id}`}>{entry.idea.title}</Link> },
        {
          header: 'results.team',
          cell: (entry) => (
            <>
              {entry.idea.team?.name}
              {entry.idea.team?.school && <span className="muted block">{entry.idea.team.school.name}</span>}
            </>
          ),
        },
        { header: normalized ? 'organizer.leaderboard.raw' : 'results.score', numeric: true, cell: (entry) => <Score value={entry.rawScore} /> },
        normalized && { header: 'organizer.leaderboard.normalized', numeric: true, cell: (entry) => <Score value={entry.normalizedScore} /> },
        { header: 'results.reviews', numeric: true, cell: (entry) => entry.reviewCount },
      ]}
    />
  );
}
