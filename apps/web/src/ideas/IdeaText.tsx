import { FormattedMessage } from 'react-intl';
import { Badge } from '../common/ui';

interface IdeaTextFields {
  problem: string;
  solution: string;
  impact?: string | null;
  tags: readonly string[];
}

/** An idea's problem, solution, impact and tags: the public idea page (headings h2) and the juror's form (h3). */
export function IdeaText({ idea, headingLevel }: { idea: IdeaTextFields; headingLevel: 'h2' | 'h3' }) {
  const Heading = headingLevel;
  const section = (title: 'idea.problem' | 'idea.solution' | 'idea.impact', text: string) => (
    <>
      <Heading>
        <FormattedMessage id={title} />
      </Heading>
      <p className="prose">{text}</p>
    </>
  );
  return (
    <>
      {section('idea.problem', idea.problem)}
      {section('idea.solution', idea.solution)}
      {idea.impact && section('idea.impact', idea.impact)}
      {idea.tags.length > 0 && (
        <p className="tags">
          <span className="visually-hidden">
            <FormattedMessage id="idea.tags" />
          </span>
          {idea.tags.map((tag) => (
            <Badge key={tag}>#{tag}</Badge>
          ))}
        </p>
      )}
    </>
  );
}
