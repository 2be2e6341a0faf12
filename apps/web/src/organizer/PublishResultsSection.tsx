import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { AwardInput } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';
import { ApiForm, formText, LineField, NumberField, numberValue, SelectField } from './fields';
import { useRankedIdeas } from './JudgingSections';
import { useFocusFirstInvalid } from './use-focus-invalid';

const PendingReviewsQuery = graphql(`
  query PendingReviews($id: ID!) {
    challenge(id: $id) {
      id
      judgingProgress {
        pending
      }
    }
  }
`);

const PublishResultsMutation = graphql(`
  mutation PublishResults($input: PublishResultsInput!) {
    publishResults(input: $input) {
      id
      status
      awards {
        id
        title
        place
        idea {
          id
          title
        }
      }
    }
  }
`);

/**
 * Awards (an idea, an optional place, a title) and the publication, which freezes the ranking. Pending reviews do not
 * block it (docs/rules.md), so the organizer is told how many there are and asked to confirm.
 */
export function PublishResultsSection({ challengeId }: { challengeId: string }) {
  const intl = useIntl();
  const ideas = useRankedIdeas(challengeId);
  const [rows, setRows] = useState<number[]>([0]);
  const nextRow = useRef(1);
  const [confirming, setConfirming] = useState<AwardInput[] | null>(null);
  const [pending, refetchPending] = useQuery({ query: PendingReviewsQuery, variables: { id: challengeId }, requestPolicy: 'network-only' });
  const [state, publish] = useMutation(PublishResultsMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const fields = rows.flatMap((_, i) => [`awards.${i}.ideaId`, `awards.${i}.place`, `awards.${i}.title`]);
  const errors = formErrors(state.error, intl, { fields, scope: 'results' });
  useFocusFirstInvalid(formRef, state.error);
  const pendingCount = pending.data?.challenge?.judgingProgress.pending ?? 0;
  const options = ideas.map((idea) => ({
    value: idea.id,
    label: idea.rank ? intl.formatMessage({ id: 'organizer.awards.rankedIdea' }, { rank: idea.rank, title: idea.title }) : idea.title,
  }));
  return (
    <section aria-labelledby="publish-results">
      <h2 id="publish-results">
        <FormattedMessage id="organizer.publishResults" />
      </h2>
      <p>
        <FormattedMessage id="organizer.publishResultsHelp" />
      </p>
      <ApiForm
        error={state.error}
        ref={formRef}
        className="form"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const value = (name: string) => formText(data, name);
          const awards = rows.map((_, i) => ({ ideaId: value(`awards.${i}.ideaId`), place: numberValue(value(`awards.${i}.place`)), title: value(`awards.${i}.title`) }));
          refetchPending({ requestPolicy: 'network-only' });
          setConfirming(awards);
        }}
      >
        <FormAlert messages={errors.form} />
        {rows.map((key, i) => (
          <fieldset key={key} className="row-group">
            <legend>
              <FormattedMessage id="organizer.awards.n" values={{ n: i + 1 }} />
            </legend>
            <SelectField
              name={`awards.${i}.ideaId`}
              label={intl.formatMessage({ id: 'results.idea' })}
              options={options}
              placeholder={intl.formatMessage({ id: 'organizer.awards.chooseIdea' })}
              error={errors.fields[`awards.${i}.ideaId`]}
              isRequired
            />
            <div className="grid-3">
              <NumberField name={`awards.${i}.place`} label={intl.formatMessage({ id: 'organizer.awards.place' })} defaultValue={String(i + 1)} />
            </div>
            <LineField
              name={`awards.${i}.title`}
              label={intl.formatMessage({ id: 'organizer.awards.title' })}
              description={intl.formatMessage({ id: 'organizer.awards.titleHelp' })}
              isRequired
            />
            <Button className="link-button" onPress={() => setRows((current) => current.filter((k) => k !== key))}>
              <FormattedMessage id="organizer.awards.remove" values={{ n: i + 1 }} />
            </Button>
          </fieldset>
        ))}
        <Button className="button button-secondary" onPress={() => setRows((current) => [...current, nextRow.current++])}>
          <FormattedMessage id="organizer.awards.add" />
        </Button>
        <Button type="submit" className="button" isDisabled={state.fetching}>
          <FormattedMessage id="organizer.publishResults" />
        </Button>
      </ApiForm>

      <ConfirmDialog
        isOpen={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        isConfirmDisabled={pending.fetching || state.fetching}
        onConfirm={() => {
          const awards = confirming ?? [];
          setConfirming(null);
          void publish({ input: { challengeId, awards } });
        }}
        title={<FormattedMessage id="organizer.confirmPublish" />}
        confirmLabel={<FormattedMessage id="organizer.confirmPublishYes" />}
        cancelLabel={<FormattedMessage id="organizer.cancel" />}
      >
        <p>
          {pendingCount > 0 ? <FormattedMessage id="organizer.confirmPublishPending" values={{ count: pendingCount }} /> : <FormattedMessage id="organizer.confirmPublishNone" />}
        </p>
        <p>
          <FormattedMessage id="organizer.confirmPublishAwards" values={{ count: confirming?.length ?? 0 }} />
        </p>
      </ConfirmDialog>
    </section>
  );
}
