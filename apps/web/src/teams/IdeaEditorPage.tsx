import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { graphql } from '../gql';
import type { IdeaEditorQuery as IdeaEditorData } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { UUID } from '../common/ids';
import { FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { useSession } from '../identity/session';
import type { MessageId } from '../i18n/IntlRoot';
import { ApiForm, LineField, TextAreaField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { ChoiceField } from './fields';
import { IdeaStatusBadge, isLead, submissionWindow } from './labels';
import '../organizer/organizer.css';
import './teams.css';

graphql(`
  fragment IdeaEditorFields on Idea {
    id
    title
    summary
    problem
    solution
    impact
    tags
    status
    version
    submittedAt
    updatedAt
    theme {
      id
    }
  }
`);

const IdeaEditorQuery = graphql(`
  query IdeaEditor($teamId: ID!) {
    team(id: $teamId) {
      id
      name
      challenge {
        id
        slug
        title
        status
        format
        submissionOpensAt
        submissionClosesAt
        themes {
          id
          name
        }
      }
      members {
        role
        user {
          id
        }
      }
      idea {
        ...IdeaEditorFields
      }
    }
  }
`);

const SaveIdeaMutation = graphql(`
  mutation SaveIdea($input: SaveIdeaInput!) {
    saveIdea(input: $input) {
      ...IdeaEditorFields
      team {
        id
      }
    }
  }
`);

const SubmitIdeaMutation = graphql(`
  mutation SubmitIdea($ideaId: ID!) {
    submitIdea(ideaId: $ideaId) {
      id
      status
      submittedAt
      updatedAt
    }
  }
`);

const WithdrawIdeaMutation = graphql(`
  mutation WithdrawIdea($ideaId: ID!) {
    withdrawIdea(ideaId: $ideaId) {
      id
      status
      submittedAt
      updatedAt
    }
  }
`);

// The team's first idea is an object the cached answer held none of.
const CONTEXT = { additionalTypenames: ['Idea'] };

type Team = NonNullable<IdeaEditorData['team']>;
type SavedIdea = NonNullable<Team['idea']>;

/** The editable text of an idea, as typed (tags as one comma-separated line). */
interface Draft {
  title: string;
  summary: string;
  problem: string;
  solution: string;
  impact: string;
  tags: string;
  themeId: string;
}

const TEXT_FIELDS = ['title', 'summary', 'problem', 'solution', 'impact', 'tags'] as const;
const DRAFT_FIELDS = [...TEXT_FIELDS, 'themeId'] as const;
type DraftField = (typeof DRAFT_FIELDS)[number];
const LABEL: Record<DraftField, MessageId> = {
  title: 'ideaEditor.field.title',
  summary: 'ideaEditor.field.summary',
  problem: 'ideaEditor.field.problem',
  solution: 'ideaEditor.field.solution',
  impact: 'ideaEditor.field.impact',
  tags: 'ideaEditor.field.tags',
  themeId: 'ideaEditor.field.theme',
};

const draftOf = (idea: SavedIdea | null | undefined, defaultTheme: string): Draft => ({
  title: idea?.title ?? '',
  summary: idea?.summary ?? '',
  problem: idea?.problem ?? '',
  solution: idea?.solution ?? '',
  impact: idea?.impact ?? '',
  tags: (idea?.tags ?? []).join(', '),
  themeId: idea?.theme.id ?? defaultTheme,
});

const tagsOf = (text: string): string[] =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

const sameField = (field: DraftField, a: Draft, b: Draft): boolean =>
  field === 'tags' ? tagsOf(a.tags).join(',') === tagsOf(b.tags).join(',') : a[field].trim() === b[field].trim();
const differences = (a: Draft, b: Draft): DraftField[] => DRAFT_FIELDS.filter((field) => !sameField(field, a, b));

const isConflict = (error: CombinedError | undefined): boolean => !!error?.graphQLErrors.some((e) => e.extensions.code === 'CONFLICT');

/** The version saved by someone else meanwhile, shown next to the user's own text (which stays in the form). */
interface Conflict {
  version: number;
  draft: Draft;
  updatedAt: string;
}

function ConflictPanel({
  conflict,
  mine,
  themes,
  busy,
  onKeepMine,
  onTakeTheirs,
  onTakeField,
}: {
  conflict: Conflict;
  mine: Draft;
  themes: { id: string; name: string }[];
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onTakeField: (field: DraftField) => void;
}) {
  const intl = useIntl();
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), [conflict.version]);
  const shown = (field: DraftField, draft: Draft) => {
    if (field === 'themeId') return themes.find((theme) => theme.id === draft.themeId)?.name ?? '';
    return draft[field].trim() || intl.formatMessage({ id: 'ideaEditor.conflict.empty' });
  };
  const fields = differences(mine, conflict.draft);
  return (
    <section ref={panel} tabIndex={-1} className="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">
        <FormattedMessage id="ideaEditor.conflict.title" />
      </h2>
      <p>
        <FormattedMessage
          id="ideaEditor.conflict.text"
          values={{ version: conflict.version, date: <FormattedDate value={conflict.updatedAt} dateStyle="medium" timeStyle="short" /> }}
        />
      </p>
      {fields.map((field) => (
        <div key={field} className="conflict-field">
          <h3>
            <FormattedMessage id={LABEL[field]} />
          </h3>
          <div className="conflict-columns">
            <div>
              <p className="conflict-label">
                <FormattedMessage id="ideaEditor.conflict.mine" />
              </p>
              <p className="conflict-text" data-testid={`mine-${field}`}>
                {shown(field, mine)}
              </p>
            </div>
            <div>
              <p className="conflict-label">
                <FormattedMessage id="ideaEditor.conflict.theirs" values={{ version: conflict.version }} />
              </p>
              <p className="conflict-text" data-testid={`theirs-${field}`}>
                {shown(field, conflict.draft)}
              </p>
              <Button className="link-button" onPress={() => onTakeField(field)}>
                <FormattedMessage id="ideaEditor.conflict.takeField" values={{ field: intl.formatMessage({ id: LABEL[field] }) }} />
              </Button>
            </div>
          </div>
        </div>
      ))}
      <div className="actions">
        <Button className="button" isDisabled={busy} onPress={onKeepMine}>
          <FormattedMessage id="ideaEditor.conflict.keepMine" values={{ version: conflict.version }} />
        </Button>
        <Button className="button button-secondary" isDisabled={busy} onPress={onTakeTheirs}>
          <FormattedMessage id="ideaEditor.conflict.takeTheirs" />
        </Button>
      </div>
    </section>
  );
}

/** Submit (the coach, or an open hackathon's captain) and withdraw (coach or captain, before judging starts). */
function SubmitControls({ team, idea, dirty }: { team: Team; idea: SavedIdea; dirty: boolean }) {
  const intl = useIntl();
  const { user } = useSession();
  const [submitted, submit] = useMutation(SubmitIdeaMutation);
  const [withdrawn, withdraw] = useMutation(WithdrawIdeaMutation);
  const role = team.members.find((member) => member.user.id === user?.id)?.role;
  const maySubmit = role === 'COACH' || (role === 'CAPTAIN' && team.challenge.format === 'OPEN_HACKATHON');
  const phase = submissionWindow(team.challenge);
  const errors = formErrors(submitted.error ?? withdrawn.error, intl, {
    messageOfCode: { FAILED_PRECONDITION: 'ideaEditor.error.notNow', FORBIDDEN: 'ideaEditor.error.leadsOnly' },
  });
  if (idea.status === 'SUBMITTED') {
    return (
      <div className="submit-box">
        <p>
          <FormattedMessage
            id="ideaEditor.submitted"
            values={{
              date: <FormattedDate value={idea.submittedAt ?? idea.updatedAt} dateStyle="long" timeStyle="short" />,
              closes: <FormattedDate value={team.challenge.submissionClosesAt} dateStyle="long" timeStyle="short" />,
            }}
          />
        </p>
        <FormAlert messages={errors.form} />
        {isLead(role) && team.challenge.status === 'PUBLISHED' && (
          <Button className="button button-secondary" isDisabled={withdrawn.fetching} onPress={() => void withdraw({ ideaId: idea.id }, CONTEXT)}>
            <FormattedMessage id="ideaEditor.withdraw" />
          </Button>
        )}
      </div>
    );
  }
  if (phase !== 'open') return null;
  return (
    <div className="submit-box">
      <p>
        <FormattedMessage
          id={idea.status === 'WITHDRAWN' ? 'ideaEditor.withdrawnHint' : 'ideaEditor.draftHint'}
          values={{ closes: <FormattedDate value={team.challenge.submissionClosesAt} dateStyle="long" timeStyle="short" /> }}
        />
      </p>
      <FormAlert messages={errors.form} />
      {maySubmit ? (
        <>
          {dirty && (
            <p className="muted">
              <FormattedMessage id="ideaEditor.saveFirst" />
            </p>
          )}
          <Button className="button" isDisabled={dirty || submitted.fetching} onPress={() => void submit({ ideaId: idea.id }, CONTEXT)}>
            <FormattedMessage id="ideaEditor.submit" />
          </Button>
        </>
      ) : (
        <p className="muted">
          <FormattedMessage id={team.challenge.format === 'SCHOOL_CLIMATHON' ? 'ideaEditor.coachSubmits' : 'ideaEditor.captainSubmits'} />
        </p>
      )}
    </div>
  );
}

function Editor({ team }: { team: Team }) {
  const intl = useIntl();
  const client = useClient();
  const { user } = useSession();
  const defaultTheme = team.challenge.themes[0]?.id ?? '';
  const [draft, setDraft] = useState<Draft>(() => draftOf(team.idea, defaultTheme));
  // What the API holds as far as this page knows: the version a save must name, and its text (to tell what changed).
  const [base, setBase] = useState<{ version: number; draft: Draft }>(() => ({ version: team.idea?.version ?? 0, draft: draftOf(team.idea, defaultTheme) }));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [state, save] = useMutation(SaveIdeaMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const isMember = team.members.some((member) => member.user.id === user?.id);
  const phase = submissionWindow(team.challenge);
  const editable = isMember && phase === 'open';
  const dirty = differences(draft, base.draft).length > 0;
  const saveError = isConflict(state.error) ? undefined : state.error;
  const errors = formErrors(saveError, intl, {
    fields: ['title', 'summary', 'problem', 'solution', 'impact', 'tags', 'themeId'],
    scope: 'idea',
    messageOfCode: { FAILED_PRECONDITION: 'ideaEditor.error.closed', FORBIDDEN: 'ideaEditor.error.membersOnly' },
  });
  useFocusFirstInvalid(formRef, saveError);

  const set = (field: DraftField) => (value: string) => {
    setSavedVersion(null);
    setDraft((current) => ({ ...current, [field]: value }));
  };

  const send = async (values: Draft, expectedVersion: number) => {
    setSavedVersion(null);
    const result = await save(
      {
        input: {
          teamId: team.id,
          expectedVersion,
          themeId: values.themeId,
          title: values.title,
          summary: values.summary,
          problem: values.problem,
          solution: values.solution,
          impact: values.impact.trim() ? values.impact : null,
          tags: tagsOf(values.tags),
        },
      },
      CONTEXT,
    );
    const saved = result.data?.saveIdea;
    if (saved) {
      setBase({ version: saved.version, draft: values });
      setConflict(null);
      setSavedVersion(saved.version);
      return;
    }
    if (!isConflict(result.error)) return;
    // Someone saved meanwhile: read their version; the user's text stays where it is, in the form.
    const latest = await client.query(IdeaEditorQuery, { teamId: team.id }, { requestPolicy: 'network-only' }).toPromise();
    const theirs = latest.data?.team?.idea;
    if (!theirs) return;
    const theirDraft = draftOf(theirs, defaultTheme);
    if (differences(values, theirDraft).length === 0) {
      // The same text was saved by both: nothing to choose.
      setBase({ version: theirs.version, draft: theirDraft });
      setConflict(null);
      setSavedVersion(theirs.version);
      return;
    }
    setConflict({ version: theirs.version, draft: theirDraft, updatedAt: theirs.updatedAt });
  };

  const idea = team.idea;
  return (
    <>
      {phase === 'notYet' && (
        <p className="warning">
          <FormattedMessage id="ideaEditor.notYet" values={{ date: <FormattedDate value={team.challenge.submissionOpensAt} dateStyle="long" timeStyle="short" /> }} />
        </p>
      )}
      {phase === 'closed' && (
        <p className="warning">
          <FormattedMessage id="ideaEditor.closed" />
        </p>
      )}
      {!isMember && phase === 'open' && (
        <p className="muted">
          <FormattedMessage id="ideaEditor.readOnly" />
        </p>
      )}
      {idea && (
        <p className="meta">
          <IdeaStatusBadge status={idea.status} /> <FormattedMessage id="teams.idea.version" values={{ version: base.version }} />
          {' · '}
          <Link to={`/ideas/${idea.id}`}>
            <FormattedMessage id="ideaEditor.ideaPage" />
          </Link>
        </p>
      )}
      {conflict && (
        <ConflictPanel
          conflict={conflict}
          mine={draft}
          themes={team.challenge.themes}
          busy={state.fetching}
          onKeepMine={() => void send(draft, conflict.version)}
          onTakeTheirs={() => {
            setDraft(conflict.draft);
            setBase({ version: conflict.version, draft: conflict.draft });
            setConflict(null);
          }}
          onTakeField={(field) => setDraft((current) => ({ ...current, [field]: conflict.draft[field] }))}
        />
      )}
      <ApiForm
        error={saveError}
        ref={formRef}
        className="form idea-form"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          void send(draft, base.version);
        }}
      >
        <FormAlert messages={errors.form} />
        <LineField
          name="title"
          label={intl.formatMessage({ id: 'ideaEditor.field.title' })}
          description={intl.formatMessage({ id: 'ideaEditor.field.titleHelp' })}
          value={draft.title}
          onChange={set('title')}
          isReadOnly={!editable}
          isRequired
        />
        <ChoiceField
          name="themeId"
          label={intl.formatMessage({ id: 'ideaEditor.field.theme' })}
          options={team.challenge.themes.map((theme) => ({ value: theme.id, label: theme.name }))}
          value={draft.themeId}
          onChange={set('themeId')}
          error={errors.fields.themeId}
          isDisabled={!editable}
          isRequired
        />
        <TextAreaField
          name="summary"
          label={intl.formatMessage({ id: 'ideaEditor.field.summary' })}
          description={intl.formatMessage({ id: 'ideaEditor.field.summaryHelp' })}
          value={draft.summary}
          onChange={set('summary')}
          isReadOnly={!editable}
          isRequired
          rows={3}
        />
        <TextAreaField
          name="problem"
          label={intl.formatMessage({ id: 'ideaEditor.field.problem' })}
          description={intl.formatMessage({ id: 'ideaEditor.field.problemHelp' })}
          value={draft.problem}
          onChange={set('problem')}
          isReadOnly={!editable}
          isRequired
          rows={6}
        />
        <TextAreaField
          name="solution"
          label={intl.formatMessage({ id: 'ideaEditor.field.solution' })}
          description={intl.formatMessage({ id: 'ideaEditor.field.solutionHelp' })}
          value={draft.solution}
          onChange={set('solution')}
          isReadOnly={!editable}
          isRequired
          rows={6}
        />
        <TextAreaField
          name="impact"
          label={intl.formatMessage({ id: 'ideaEditor.field.impact' })}
          description={intl.formatMessage({ id: 'ideaEditor.field.impactHelp' })}
          value={draft.impact}
          onChange={set('impact')}
          isReadOnly={!editable}
          rows={4}
        />
        <LineField
          name="tags"
          label={intl.formatMessage({ id: 'ideaEditor.field.tags' })}
          description={intl.formatMessage({ id: 'ideaEditor.field.tagsHelp' })}
          value={draft.tags}
          onChange={set('tags')}
          isReadOnly={!editable}
        />
        {editable && (
          <div className="actions save-bar">
            <Button type="submit" className="button" isDisabled={state.fetching}>
              <FormattedMessage id="ideaEditor.save" />
            </Button>
            <span role="status" className={savedVersion ? 'success' : 'muted'}>
              {savedVersion ? <FormattedMessage id="ideaEditor.saved" values={{ version: savedVersion }} /> : dirty ? <FormattedMessage id="ideaEditor.unsaved" /> : null}
            </span>
          </div>
        )}
      </ApiForm>
      {idea && <SubmitControls team={team} idea={idea} dirty={dirty || !!conflict} />}
    </>
  );
}

/** The team's idea: written together by its members, saved with its version, submitted by the coach (or captain). */
export default function IdeaEditorPage() {
  const intl = useIntl();
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const [{ data, fetching, error }] = useQuery({ query: IdeaEditorQuery, variables: { teamId: id }, pause: !valid, context: CONTEXT });
  const team = data?.team;
  usePageTitle(team ? intl.formatMessage({ id: 'ideaEditor.pageTitle' }, { team: team.name }) : undefined);
  if (!valid) return <NotFound />;
  if (fetching && !data) return <Loading />;
  if (error && !team) return <QueryError error={error} />;
  if (!team) return <NotFound />;
  return (
    <section className="form-page">
      <p className="meta">
        <Link to={`/challenges/${team.challenge.slug}`}>{team.challenge.title}</Link> · <Link to={`/teams/${team.id}`}>{team.name}</Link>
      </p>
      <h1>
        <FormattedMessage id={team.idea ? 'ideaEditor.title' : 'ideaEditor.titleNew'} />
      </h1>
      <Editor team={team} />
    </section>
  );
}
