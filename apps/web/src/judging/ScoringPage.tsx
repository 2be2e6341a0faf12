import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { AssignmentReviewQuery, ChallengeStatus } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { challengeKey, UUID } from '../common/ids';
import { Badge, FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import type { MessageId } from '../i18n/IntlRoot';
import { ApiForm, NumberField, TextAreaField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { AssignmentStatusBadge, JurorChallengeQuery, REVIEW_CONTEXT, useReviewsOpen } from './assignments';
import { parseScore, reviewTotal, roundScore } from './total';
import '../organizer/organizer.css';
import './judging.css';
import { IdeaText } from '../ideas/IdeaText';

// The idea as its juror reads it: its content and theme; its team only when the API names it (never under blind
// judging, where Idea.team is null for jurors: nothing else here could name the team or its school).
const AssignmentReviewQuery = graphql(`
  query AssignmentReview($challengeId: ID!) {
    myAssignments(challengeId: $challengeId) {
      id
      status
      dueAt
      criteria {
        id
        name
        description
        weight
        maxScore
      }
      idea {
        id
        title
        summary
        problem
        solution
        impact
        tags
        theme {
          id
          name
        }
        team {
          id
          name
        }
      }
      review {
        id
        total
        comment
        submittedAt
        updatedAt
        scores {
          value
          criterion {
            id
          }
        }
      }
    }
  }
`);

const SubmitReviewMutation = graphql(`
  mutation SubmitReview($input: SubmitReviewInput!) {
    submitReview(input: $input) {
      id
      total
      comment
      submittedAt
      updatedAt
      scores {
        value
        criterion {
          id
        }
      }
    }
  }
`);

const RecuseMutation = graphql(`
  mutation RecuseFromReview($assignmentId: ID!, $reason: String!) {
    recuseFromReview(assignmentId: $assignmentId, reason: $reason) {
      id
      status
    }
  }
`);

type Assignment = AssignmentReviewQuery['myAssignments'][number];
type Criterion = Assignment['criteria'][number];
interface Challenge {
  id: string;
  slug: string;
  title: string;
  status: ChallengeStatus;
  blindJudging: boolean;
  judgingClosesAt: string;
}

const scoreField = (i: number) => `scores.${i}.value`;

/** The share of a criterion's weight in the total (what it counts for). */
function Share({ criterion, criteria }: { criterion: Criterion; criteria: readonly Criterion[] }) {
  const sum = criteria.reduce((total, c) => total + c.weight, 0);
  return <FormattedNumber value={sum > 0 ? criterion.weight / sum : 0} style="percent" maximumFractionDigits={0} />;
}

function CriterionHelp({ criterion, criteria }: { criterion: Criterion; criteria: readonly Criterion[] }) {
  return (
    <>
      <FormattedMessage
        id="judging.review.criterionHelp"
        values={{
          weight: <FormattedNumber value={criterion.weight} maximumFractionDigits={2} />,
          share: <Share criterion={criterion} criteria={criteria} />,
          max: criterion.maxScore,
        }}
      />
      {criterion.description && <span className="block">{criterion.description}</span>}
    </>
  );
}

/** The weighted total, announced politely as the scores change; a dash until every criterion has a valid score. */
function LiveTotal({ total, fieldIds }: { total: number | null; fieldIds: string }) {
  return (
    // Only the label and the figure: on phones this bar stays at the bottom of the screen, so it is kept small.
    <div className="total-bar">
      <span id="review-total-label" className="total-label">
        <FormattedMessage id="judging.total" />
      </span>
      <output htmlFor={fieldIds} aria-labelledby="review-total-label" className="total-value">
        {total === null ? (
          <span className="total-pending">
            <FormattedMessage id="judging.totalPending" />
          </span>
        ) : (
          <FormattedMessage id="judging.totalValue" values={{ total: <FormattedNumber value={roundScore(total)} maximumFractionDigits={2} /> }} />
        )}
      </output>
    </div>
  );
}

function ScoringForm({ assignment, nextPending, challenge }: { assignment: Assignment; nextPending: Assignment | undefined; challenge: Challenge }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { criteria, review } = assignment;
  const [values, setValues] = useState<string[]>(() => criteria.map((c) => String(review?.scores.find((s) => s.criterion.id === c.id)?.value ?? '')));
  const [comment, setComment] = useState(review?.comment ?? '');
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const [sent, setSent] = useState<'submitted' | 'updated' | null>(null);
  const [state, submit] = useMutation(SubmitReviewMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const fields = [...criteria.map((_, i) => scoreField(i)), 'comment'];
  const apiErrors = formErrors(state.error, intl, { fields, scope: 'review', messageOfCode: { FAILED_PRECONDITION: 'judging.error.closed' } });
  // A refused score says its own criterion's range.
  criteria.forEach((criterion, i) => {
    if (apiErrors.fields[scoreField(i)]) apiErrors.fields[scoreField(i)] = intl.formatMessage({ id: 'judging.error.scoreRange' }, { max: criterion.maxScore });
  });
  const shownError = clientErrors ?? state.error;
  useFocusFirstInvalid(formRef, shownError);
  const parsed = values.map(parseScore);
  const total = reviewTotal(parsed, criteria);
  const edit = () => setSent(null);
  return (
    <ApiForm
      error={shownError}
      ref={formRef}
      className="form scoring-form"
      validationErrors={clientErrors ?? apiErrors.fields}
      aria-labelledby="review-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        // What the API's Int type cannot carry is said here, next to its field; the ranges are the API's to refuse.
        const refused: Record<string, string> = {};
        parsed.forEach((value, i) => {
          if (value === null) refused[scoreField(i)] = t('judging.error.scoreRequired');
          else if (Number.isNaN(value)) refused[scoreField(i)] = intl.formatMessage({ id: 'judging.error.scoreRange' }, { max: criteria[i].maxScore });
        });
        if (Object.keys(refused).length) {
          setClientErrors(refused);
          return;
        }
        setClientErrors(null);
        const resubmission = !!review;
        void submit(
          { input: { assignmentId: assignment.id, scores: criteria.map((c, i) => ({ criterionId: c.id, value: parsed[i]! })), comment: comment.trim() === '' ? null : comment } },
          REVIEW_CONTEXT,
        ).then((result) => {
          if (result.data) setSent(resubmission ? 'updated' : 'submitted');
        });
      }}
    >
      <h2 id="review-form-heading">
        <FormattedMessage id="judging.review.formHeading" />
      </h2>
      {review && (
        <p className="muted">
          <FormattedMessage
            id="judging.review.previous"
            values={{
              date: <FormattedDate value={review.updatedAt} dateStyle="long" timeStyle="short" />,
              deadline: <FormattedDate value={challenge.judgingClosesAt} dateStyle="long" timeStyle="short" />,
            }}
          />
        </p>
      )}
      <FormAlert messages={clientErrors ? [] : apiErrors.form} />
      <ol className="criteria-scores">
        {criteria.map((criterion, i) => (
          <li key={criterion.id} className="criterion-score">
            <NumberField
              name={scoreField(i)}
              label={criterion.name}
              description={<CriterionHelp criterion={criterion} criteria={criteria} />}
              value={values[i]}
              onChange={(value) => {
                edit();
                setValues((current) => current.map((v, k) => (k === i ? value : v)));
              }}
              id={`score-${criterion.id}`}
            />
          </li>
        ))}
      </ol>
      <TextAreaField
        name="comment"
        label={t('judging.review.comment')}
        description={t('judging.review.commentHelp')}
        value={comment}
        onChange={(value) => {
          edit();
          setComment(value);
        }}
        rows={5}
      />
      <LiveTotal total={total} fieldIds={criteria.map((c) => `score-${c.id}`).join(' ')} />
      <p className="muted total-help">
        <FormattedMessage id="judging.totalHelp" />
      </p>
      <div className="actions">
        <Button type="submit" className="button" isDisabled={state.fetching}>
          <FormattedMessage id={review ? 'judging.review.resubmit' : 'judging.review.submit'} />
        </Button>
      </div>
      {sent && (
        <div role="status" className="success sent">
          <p>
            <FormattedMessage id={sent === 'updated' ? 'judging.review.updated' : 'judging.review.submitted'} />
          </p>
          <p>
            {nextPending ? (
              <Link to={`/challenges/${challenge.slug}/reviews/${nextPending.id}`}>
                <FormattedMessage id="judging.review.next" values={{ idea: nextPending.idea.title }} />
              </Link>
            ) : (
              <Link to={`/challenges/${challenge.slug}/reviews`}>
                <FormattedMessage id="judging.review.back" />
              </Link>
            )}
          </p>
        </div>
      )}
    </ApiForm>
  );
}

/** What the juror sent, once reviews are closed (or nothing, if they sent none). */
function ReviewSummary({ assignment }: { assignment: Assignment }) {
  const { review, criteria } = assignment;
  return (
    <section aria-labelledby="review-form-heading" className="review-summary">
      <h2 id="review-form-heading">
        <FormattedMessage id="judging.review.formHeading" />
      </h2>
      <p>
        <FormattedMessage id="judging.review.readOnly" />
      </p>
      {!review ? (
        <p>
          <FormattedMessage id="judging.review.notSubmitted" />
        </p>
      ) : (
        <>
          <dl className="dates">
            {criteria.map((criterion) => (
              <div key={criterion.id}>
                <dt>{criterion.name}</dt>
                <dd>
                  <FormattedMessage
                    id="judging.review.scoreOf"
                    values={{ value: review.scores.find((s) => s.criterion.id === criterion.id)?.value ?? '–', max: criterion.maxScore }}
                  />
                </dd>
              </div>
            ))}
            <div>
              <dt>
                <FormattedMessage id="judging.total" />
              </dt>
              <dd>
                <FormattedMessage id="judging.totalValue" values={{ total: <FormattedNumber value={roundScore(review.total)} maximumFractionDigits={2} /> }} />
              </dd>
            </div>
          </dl>
          {review.comment && <p className="prose">{review.comment}</p>}
        </>
      )}
    </section>
  );
}

/** Recusal for a conflict of interest: a reason, a confirmation, then the worker gives the idea to another juror. */
function RecusalSection({ assignment, onRecused }: { assignment: Assignment; onRecused: () => void }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState<Record<string, string> | null>(null);
  const [state, recuse] = useMutation(RecuseMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = formErrors(state.error, intl, { fields: ['reason'], scope: 'recusal', messageOfCode: { FAILED_PRECONDITION: 'judging.error.recuseClosed' } });
  const shownError = missing ?? state.error;
  useFocusFirstInvalid(formRef, shownError);
  return (
    <section aria-labelledby="recuse-heading" className="group recusal">
      <h2 id="recuse-heading">
        <FormattedMessage id="judging.recuse.heading" />
      </h2>
      <p>
        <FormattedMessage id="judging.recuse.lead" />
      </p>
      <ApiForm
        error={shownError}
        ref={formRef}
        className="form"
        validationErrors={missing ?? errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim() === '') {
            setMissing({ reason: t('judging.error.reasonRequired') });
            return;
          }
          setMissing(null);
          setConfirming(true);
        }}
      >
        <FormAlert messages={missing ? [] : errors.form} />
        <TextAreaField name="reason" label={t('judging.recuse.reason')} description={t('judging.recuse.reasonHelp')} value={reason} onChange={setReason} rows={3} />
        <Button type="submit" className="button button-secondary" isDisabled={state.fetching}>
          <FormattedMessage id="judging.recuse.submit" />
        </Button>
      </ApiForm>
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        isConfirmDisabled={state.fetching}
        onConfirm={() => {
          setConfirming(false);
          void recuse({ assignmentId: assignment.id, reason }, REVIEW_CONTEXT).then((result) => {
            if (result.data) onRecused();
          });
        }}
        title={<FormattedMessage id="judging.recuse.confirmTitle" />}
        confirmLabel={<FormattedMessage id="judging.recuse.confirmYes" />}
        cancelLabel={<FormattedMessage id="judging.recuse.cancel" />}
      >
        <p>
          <FormattedMessage id="judging.recuse.confirmBody" />
        </p>
      </ConfirmDialog>
    </section>
  );
}

function AssignedIdea({ idea }: { idea: Assignment['idea'] }) {
  return (
    <article className="idea-text" aria-labelledby="idea-heading">
      <h2 id="idea-heading" className="visually-hidden">
        <FormattedMessage id="judging.review.ideaHeading" />
      </h2>
      <p className="lead">{idea.summary}</p>
      <IdeaText idea={idea} headingLevel="h3" />
    </article>
  );
}

function AssignmentView({ challenge, assignment, assignments }: { challenge: Challenge; assignment: Assignment; assignments: readonly Assignment[] }) {
  const intl = useIntl();
  const open = useReviewsOpen(challenge);
  const recusedNote = useRef<HTMLParagraphElement>(null);
  const [recusedNow, setRecusedNow] = useState(false);
  usePageTitle(intl.formatMessage({ id: 'judging.review.pageTitle' }, { idea: assignment.idea.title }));
  useEffect(() => {
    if (recusedNow && assignment.status === 'RECUSED') recusedNote.current?.focus();
  }, [recusedNow, assignment.status]);
  const nextPending = assignments.find((other) => other.id !== assignment.id && other.status === 'PENDING');
  const { idea } = assignment;
  return (
    <section className="juror-page">
      <p className="meta">
        <Link to="/jury">
          <FormattedMessage id="judging.home.title" />
        </Link>{' '}
        · <Link to={`/challenges/${challenge.slug}/reviews`}>{challenge.title}</Link>
      </p>
      <h1>{idea.title}</h1>
      <p className="meta tags">
        <AssignmentStatusBadge status={assignment.status} />
        <Badge>{idea.theme.name}</Badge>
        {challenge.blindJudging && (
          <Badge>
            <FormattedMessage id="judging.blind" />
          </Badge>
        )}
      </p>
      {idea.team && (
        <p className="meta">
          <FormattedMessage id="idea.team" values={{ team: idea.team.name }} />
        </p>
      )}
      <p>
        {open ? (
          <FormattedMessage id="judging.closesAt" values={{ date: <FormattedDate value={challenge.judgingClosesAt} dateStyle="long" timeStyle="short" /> }} />
        ) : (
          <FormattedMessage id="judging.closed" />
        )}
      </p>
      <div className="scoring-layout">
        <AssignedIdea idea={idea} />
        <div className="scoring-side">
          {assignment.status === 'RECUSED' ? (
            <p className="recused-note" ref={recusedNote} tabIndex={-1} role={recusedNow ? 'status' : undefined}>
              <FormattedMessage id="judging.review.recusedNote" />
            </p>
          ) : open ? (
            <ScoringForm assignment={assignment} nextPending={nextPending} challenge={challenge} />
          ) : (
            <ReviewSummary assignment={assignment} />
          )}
          {open && assignment.status === 'PENDING' && <RecusalSection assignment={assignment} onRecused={() => setRecusedNow(true)} />}
        </div>
      </div>
    </section>
  );
}

/** The scoring form of one of the viewer's assignments: `/challenges/:slug/reviews/:assignmentId`. */
export default function ScoringPage() {
  const { slug = '', assignmentId = '' } = useParams();
  const valid = UUID.test(assignmentId);
  const [challengeResult] = useQuery({ query: JurorChallengeQuery, variables: challengeKey(slug), context: REVIEW_CONTEXT, pause: !valid });
  const challenge = challengeResult.data?.challenge;
  const [assignmentsResult] = useQuery({ query: AssignmentReviewQuery, variables: { challengeId: challenge?.id ?? '' }, context: REVIEW_CONTEXT, pause: !challenge });
  if (!valid) return <NotFound />;
  if ((challengeResult.fetching && !challengeResult.data) || (challenge && assignmentsResult.fetching && !assignmentsResult.data)) return <Loading />;
  if (challengeResult.error) return <QueryError error={challengeResult.error} />;
  if (assignmentsResult.error) return <QueryError error={assignmentsResult.error} />;
  const assignments = assignmentsResult.data?.myAssignments ?? [];
  const assignment = assignments.find((candidate) => candidate.id === assignmentId);
  if (!challenge || !assignment) return <NotFound />;
  // Keyed by the assignment: moving to the next idea starts its form afresh.
  return <AssignmentView key={assignment.id} challenge={challenge} assignment={assignment} assignments={assignments} />;
}
