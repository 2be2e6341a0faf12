import { useRef, useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ChallengeFormat, ChallengeSettingsQuery as ChallengeSettingsData, ScoreNormalization } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import type { MessageId } from '../i18n/IntlRoot';
import { FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { ApiForm, CheckboxField, DateTimeField, fromLocalInput, LineField, NumberField, numberValue, RadioField, SelectField, TextAreaField, toLocalInput } from './fields';
import { ORGANIZING_KINDS } from './OrganizerNav';
import { useFocusFirstInvalid } from './use-focus-invalid';
import './organizer.css';

const ChallengeSettingsQuery = graphql(`
  query ChallengeSettings($id: ID!) {
    challenge(id: $id) {
      id
      title
      description
      format
      status
      submissionOpensAt
      submissionClosesAt
      judgingClosesAt
      reviewsPerIdea
      maxTeamSize
      blindJudging
      rankingNormalization
      organizer {
        id
        name
      }
      themes {
        id
        name
        description
      }
      criteria {
        id
        name
        description
        weight
        maxScore
      }
    }
  }
`);

const OrganizerChoicesQuery = graphql(`
  query OrganizerChoices {
    myOrganizations {
      id
      name
      kind
    }
  }
`);

const CreateChallengeMutation = graphql(`
  mutation CreateChallenge($input: CreateChallengeInput!) {
    createChallenge(input: $input) {
      id
      slug
      status
    }
  }
`);

const UpdateChallengeMutation = graphql(`
  mutation UpdateChallenge($input: UpdateChallengeInput!) {
    updateChallenge(input: $input) {
      id
      title
      description
      submissionOpensAt
      submissionClosesAt
      judgingClosesAt
      reviewsPerIdea
      maxTeamSize
      blindJudging
      rankingNormalization
      themes {
        id
        name
        description
      }
      criteria {
        id
        name
        description
        weight
        maxScore
      }
    }
  }
`);

const SETTINGS_FIELDS = ['title', 'description', 'submissionOpensAt', 'submissionClosesAt', 'judgingClosesAt', 'reviewsPerIdea', 'maxTeamSize', 'rankingNormalization'] as const;

type Values = Record<string, string>;

const valuesOf = (event: FormEvent<HTMLFormElement>): Values =>
  Object.fromEntries([...new FormData(event.currentTarget).entries()].map(([key, value]) => [key, typeof value === 'string' ? value : value.name]));

function settingsOf(values: Values) {
  return {
    title: values.title ?? '',
    description: values.description ?? '',
    submissionOpensAt: fromLocalInput(values.submissionOpensAt) ?? '',
    submissionClosesAt: fromLocalInput(values.submissionClosesAt) ?? '',
    judgingClosesAt: fromLocalInput(values.judgingClosesAt) ?? '',
    reviewsPerIdea: numberValue(values.reviewsPerIdea),
    maxTeamSize: numberValue(values.maxTeamSize),
    blindJudging: values.blindJudging === 'on',
    rankingNormalization: (values.rankingNormalization || 'ZSCORE') as ScoreNormalization,
  };
}

interface SettingsDefaults {
  title?: string;
  description?: string;
  submissionOpensAt?: string;
  submissionClosesAt?: string;
  judgingClosesAt?: string;
  reviewsPerIdea?: number;
  maxTeamSize?: number;
  blindJudging?: boolean;
  rankingNormalization?: ScoreNormalization;
}

/** Title, description, dates, jury size, team size, blind judging and the ranking's normalisation: shared by create and edit. */
function SettingsFields({ defaults }: { defaults: SettingsDefaults }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
    <>
      <LineField name="title" label={t('organizer.field.title')} defaultValue={defaults.title} isRequired />
      <TextAreaField name="description" label={t('organizer.field.description')} defaultValue={defaults.description} isRequired rows={5} />
      <fieldset className="group">
        <legend>
          <FormattedMessage id="organizer.dates" />
        </legend>
        <p className="muted field-help">
          <FormattedMessage id="organizer.datesHelp" />
        </p>
        <div className="grid-3">
          <DateTimeField name="submissionOpensAt" label={t('challenge.submissionOpensAt')} defaultValue={toLocalInput(defaults.submissionOpensAt)} isRequired />
          <DateTimeField name="submissionClosesAt" label={t('challenge.submissionClosesAt')} defaultValue={toLocalInput(defaults.submissionClosesAt)} isRequired />
          <DateTimeField name="judgingClosesAt" label={t('challenge.judgingClosesAt')} defaultValue={toLocalInput(defaults.judgingClosesAt)} isRequired />
        </div>
      </fieldset>
      <fieldset className="group">
        <legend>
          <FormattedMessage id="organizer.judging" />
        </legend>
        <div className="grid-3">
          <NumberField
            name="reviewsPerIdea"
            label={t('organizer.field.reviewsPerIdea')}
            description={t('organizer.field.reviewsPerIdeaHelp')}
            defaultValue={String(defaults.reviewsPerIdea ?? 3)}
            isRequired
          />
          <NumberField name="maxTeamSize" label={t('organizer.field.maxTeamSize')} defaultValue={String(defaults.maxTeamSize ?? 30)} isRequired />
        </div>
        <CheckboxField name="blindJudging" label={t('organizer.field.blindJudging')} defaultSelected={defaults.blindJudging ?? false} />
        <RadioField<ScoreNormalization>
          name="rankingNormalization"
          label={t('organizer.field.rankingNormalization')}
          defaultValue={defaults.rankingNormalization ?? 'ZSCORE'}
          options={[
            { value: 'ZSCORE', label: t('organizer.normalization.ZSCORE') },
            { value: 'NONE', label: t('organizer.normalization.NONE') },
          ]}
        />
      </fieldset>
    </>
  );
}

/** A theme or criterion row of the form: `id` for one the challenge already has (updateChallenge keeps it), defaults to show. */
interface StructureRow {
  key: number;
  id?: string;
  name?: string;
  description?: string | null;
  weight?: number;
  maxScore?: number;
}

/** A growing and shrinking list of form rows with stable keys, so each row keeps its typed values. */
function useStructureRows(initial: Omit<StructureRow, 'key'>[]): [StructureRow[], () => void, (key: number) => void] {
  const next = useRef(initial.length);
  const [rows, setRows] = useState<StructureRow[]>(() => initial.map((row, key) => ({ ...row, key })));
  return [
    rows,
    () => setRows((current) => [...current, { key: next.current++ }]),
    (key) => setRows((current) => (current.length > 1 ? current.filter((row) => row.key !== key) : current)),
  ];
}

const structureFields = (themes: StructureRow[], criteria: StructureRow[]) => [
  'themes',
  'criteria',
  ...themes.flatMap((_, i) => [`themes.${i}.name`, `themes.${i}.description`, `themes.${i}.id`]),
  ...criteria.flatMap((_, i) => [`criteria.${i}.name`, `criteria.${i}.description`, `criteria.${i}.weight`, `criteria.${i}.maxScore`, `criteria.${i}.id`]),
];

/** The themes and criteria typed in the form, in order, each with the id of the row it keeps. */
function structureOf(values: Values, themes: StructureRow[], criteria: StructureRow[]) {
  return {
    themes: themes.map((row, i) => ({ ...(row.id ? { id: row.id } : {}), name: values[`themes.${i}.name`] ?? '', description: values[`themes.${i}.description`] || undefined })),
    criteria: criteria.map((row, i) => ({
      ...(row.id ? { id: row.id } : {}),
      name: values[`criteria.${i}.name`] ?? '',
      description: values[`criteria.${i}.description`] || undefined,
      weight: numberValue(values[`criteria.${i}.weight`]),
      maxScore: numberValue(values[`criteria.${i}.maxScore`]),
    })),
  };
}

type Rows = [StructureRow[], () => void, (key: number) => void];

/** The themes and the weighted criteria, as rows to add and remove: shared by create and edit. */
function StructureFields({ themes: [themes, addTheme, removeTheme], criteria: [criteria, addCriterion, removeCriterion] }: { themes: Rows; criteria: Rows }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
    <>
      <fieldset className="group">
        <legend>
          <FormattedMessage id="challenge.themes" />
        </legend>
        {themes.map((row, i) => (
          <fieldset key={row.key} className="row-group">
            <legend>
              <FormattedMessage id="organizer.themeN" values={{ n: i + 1 }} />
            </legend>
            <LineField name={`themes.${i}.name`} label={t('organizer.field.name')} defaultValue={row.name} isRequired />
            <LineField name={`themes.${i}.description`} label={t('organizer.field.optionalDescription')} defaultValue={row.description ?? undefined} />
            {themes.length > 1 && (
              <Button className="link-button" onPress={() => removeTheme(row.key)}>
                <FormattedMessage id="organizer.removeTheme" values={{ n: i + 1 }} />
              </Button>
            )}
          </fieldset>
        ))}
        <Button className="button button-secondary" onPress={addTheme}>
          <FormattedMessage id="organizer.addTheme" />
        </Button>
      </fieldset>

      <fieldset className="group">
        <legend>
          <FormattedMessage id="challenge.criteria" />
        </legend>
        <p className="muted field-help">
          <FormattedMessage id="organizer.criteriaHelp" />
        </p>
        {criteria.map((row, i) => (
          <fieldset key={row.key} className="row-group">
            <legend>
              <FormattedMessage id="organizer.criterionN" values={{ n: i + 1 }} />
            </legend>
            <LineField name={`criteria.${i}.name`} label={t('organizer.field.name')} defaultValue={row.name} isRequired />
            <LineField name={`criteria.${i}.description`} label={t('organizer.field.optionalDescription')} defaultValue={row.description ?? undefined} />
            <div className="grid-3">
              <NumberField name={`criteria.${i}.weight`} label={t('challenge.weight')} defaultValue={String(row.weight ?? 1)} isRequired />
              <NumberField name={`criteria.${i}.maxScore`} label={t('challenge.maxScore')} defaultValue={String(row.maxScore ?? 10)} isRequired />
            </div>
            {criteria.length > 1 && (
              <Button className="link-button" onPress={() => removeCriterion(row.key)}>
                <FormattedMessage id="organizer.removeCriterion" values={{ n: i + 1 }} />
              </Button>
            )}
          </fieldset>
        ))}
        <Button className="button button-secondary" onPress={addCriterion}>
          <FormattedMessage id="organizer.addCriterion" />
        </Button>
      </fieldset>
    </>
  );
}

function NewChallenge() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  usePageTitle(t('organizer.newChallenge'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [organizations] = useQuery({ query: OrganizerChoicesQuery });
  const [state, create] = useMutation(CreateChallengeMutation);
  const themeRows = useStructureRows([{}]);
  const criterionRows = useStructureRows([{}, {}]);
  const formRef = useRef<HTMLFormElement>(null);
  const fields = ['organizerId', 'format', ...SETTINGS_FIELDS, ...structureFields(themeRows[0], criterionRows[0])];
  const errors = formErrors(state.error, intl, { fields, scope: 'challenge' });
  useFocusFirstInvalid(formRef, state.error);
  if (organizations.fetching && !organizations.data) return <Loading />;
  if (organizations.error) return <QueryError error={organizations.error} />;
  const choices = (organizations.data?.myOrganizations ?? []).filter((organization) => ORGANIZING_KINDS.includes(organization.kind));
  const wanted = params.get('organizer');
  const defaultOrganizer = choices.some((organization) => organization.id === wanted) ? wanted! : choices[0]?.id;
  return (
    <section className="form-page">
      <p className="meta">
        <Link to="/organizer">
          <FormattedMessage id="organizer.title" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="organizer.newChallenge" />
      </h1>
      {choices.length === 0 ? (
        <p>
          <FormattedMessage id="organizer.noOrganization" />
        </p>
      ) : (
        <ApiForm
          error={state.error}
          ref={formRef}
          className="form"
          validationErrors={errors.fields}
          onSubmit={(event) => {
            event.preventDefault();
            const values = valuesOf(event);
            const input = {
              organizerId: values.organizerId ?? '',
              format: (values.format || 'SCHOOL_CLIMATHON') as ChallengeFormat,
              ...settingsOf(values),
              ...structureOf(values, themeRows[0], criterionRows[0]),
            };
            void create({ input }).then((result) => {
              if (result.data) void navigate(`/organizer/challenges/${result.data.createChallenge.id}`);
            });
          }}
        >
          <FormAlert messages={errors.form} />
          <SelectField
            name="organizerId"
            label={t('organizer.field.organizer')}
            options={choices.map((organization) => ({ value: organization.id, label: organization.name }))}
            defaultValue={defaultOrganizer}
            error={errors.fields.organizerId}
            isRequired
          />
          <RadioField<ChallengeFormat>
            name="format"
            label={t('organizer.field.format')}
            defaultValue="SCHOOL_CLIMATHON"
            isRequired
            options={[
              { value: 'SCHOOL_CLIMATHON', label: t('challenge.format.SCHOOL_CLIMATHON') },
              { value: 'OPEN_HACKATHON', label: t('challenge.format.OPEN_HACKATHON') },
            ]}
          />
          <SettingsFields defaults={{}} />

          <StructureFields themes={themeRows} criteria={criterionRows} />

          <Button type="submit" className="button" isDisabled={state.fetching}>
            <FormattedMessage id="organizer.createDraft" />
          </Button>
        </ApiForm>
      )}
    </section>
  );
}

function EditChallenge({ id }: { id: string }) {
  const intl = useIntl();
  const [{ data, fetching, error }] = useQuery({ query: ChallengeSettingsQuery, variables: { id } });
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  if (!data?.challenge) return <NotFound />;
  return <EditChallengeForm challenge={data.challenge} intl={intl} />;
}

type EditedChallenge = NonNullable<ChallengeSettingsData['challenge']>;

/** The loaded challenge's settings, themes and criteria; rows start from what it has, so each keeps its id. */
function EditChallengeForm({ challenge, intl }: { challenge: EditedChallenge; intl: ReturnType<typeof useIntl> }) {
  const navigate = useNavigate();
  const [state, update] = useMutation(UpdateChallengeMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const themeRows = useStructureRows(challenge.themes);
  const criterionRows = useStructureRows(challenge.criteria);
  usePageTitle(intl.formatMessage({ id: 'organizer.editTitle' }, { challenge: challenge.title }));
  const errors = formErrors(state.error, intl, { fields: [...SETTINGS_FIELDS, ...structureFields(themeRows[0], criterionRows[0])], scope: 'challenge' });
  useFocusFirstInvalid(formRef, state.error);
  const editable = challenge.status === 'DRAFT' || challenge.status === 'PUBLISHED';
  return (
    <section className="form-page">
      <p className="meta">
        <Link to={`/organizer/challenges/${challenge.id}`}>{challenge.title}</Link>
      </p>
      <h1>
        <FormattedMessage id="organizer.edit" />
      </h1>
      {!editable ? (
        <p>
          <FormattedMessage id="organizer.notEditable" />
        </p>
      ) : (
        <ApiForm
          error={state.error}
          ref={formRef}
          className="form"
          validationErrors={errors.fields}
          onSubmit={(event) => {
            event.preventDefault();
            const values = valuesOf(event);
            void update({ input: { id: challenge.id, ...settingsOf(values), ...structureOf(values, themeRows[0], criterionRows[0]) } }).then((result) => {
              if (result.data) void navigate(`/organizer/challenges/${challenge.id}`);
            });
          }}
        >
          <FormAlert messages={errors.form} />
          <SettingsFields defaults={challenge} />
          <p className="muted field-help">
            <FormattedMessage id="organizer.structureEditable" />
          </p>
          <StructureFields themes={themeRows} criteria={criterionRows} />
          <div className="actions">
            <Button type="submit" className="button" isDisabled={state.fetching}>
              <FormattedMessage id="organizer.save" />
            </Button>
            <Link className="button button-secondary" to={`/organizer/challenges/${challenge.id}`}>
              <FormattedMessage id="organizer.cancel" />
            </Link>
          </div>
        </ApiForm>
      )}
    </section>
  );
}

/** `/organizer/challenges/new` creates a draft; `/organizer/challenges/:id/edit` changes its settings (DRAFT or PUBLISHED). */
export default function ChallengeFormPage() {
  const { id } = useParams();
  return id ? <EditChallenge id={id} /> : <NewChallenge />;
}
