import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { Badge } from '../common/ui';
import { VoteButton } from '../voting/voting';

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

export function IdeaCard({ idea }: { idea: IdeaCardData }) {
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
      {idea.challenge.id && <VoteButton challengeId={idea.challenge.id} idea={idea} compact />}
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
