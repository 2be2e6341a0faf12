import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { Badge } from '../common/ui';

export interface IdeaCardData {
  id: string;
  title: string;
  summary: string;
  tags: string[];
  theme: { name: string };
  challenge: { id?: string; title: string };
  team?: { name: string; school?: { name: string; district?: string | null } | null } | null;
  adoption?: { company: { name: string } } | null;
}

/** `vote`: the card's people's-choice button, given only while its challenge's vote is open. */
export function IdeaCard({ idea, vote }: { idea: IdeaCardData; vote?: ReactNode }) {
  return (
    <li className="card">
      <h2>
        <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
      </h2>
      <p className="meta">
        <Badge>{idea.theme.name}</Badge> {idea.challenge.title}
      </p>
      <p className="clamp">{idea.summary}</p>
      {idea.team && (
        <p className="meta">
          {idea.team.name}
          {idea.team.school && ` · ${idea.team.school.name}`}
          {idea.team.school?.district && ` (${idea.team.school.district})`}
        </p>
      )}
      {vote}
      {idea.adoption && (
        <p>
          <Badge tone="good">
            <FormattedMessage id="idea.adoptedBy" values={{ company: idea.adoption.company.name }} />
          </Badge>
        </p>
      )}
    </li>
  );
}
