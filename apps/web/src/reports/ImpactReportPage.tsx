import { useRef } from 'react';
import { Button } from 'react-aria-components';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import '../reports/reports.css';
import type { ImpactReportQuery as ImpactReportData } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { DataTable, type Column } from '../common/DataTable';
import { FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { ApiForm, formText } from '../organizer/fields';
import { ORGANIZING_KINDS } from '../organizer/OrganizerNav';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import type { MessageId } from '../i18n/IntlRoot';
import { useExportDownload } from './export-download';
import '../organizer/organizer.css';

const ImpactOrganizationsQuery = graphql(`
  query ImpactOrganizations {
    myOrganizations {
      id
      name
      kind
    }
  }
`);

graphql(`
  fragment ImpactFiguresFields on ImpactFigures {
    editions
    schools
    classes
    students
    teachers
    teams
    ideasSubmitted
    reviews
    awards
    adoptionsProposed
    adoptionsAccepted
    daysToFirstAdoption
    medianDaysToAdoption
    miniCompaniesFounded
    miniCompaniesLaunched
    milestonesApprovedOnTime
    milestonesApprovedLate
    ideasByTheme {
      theme
      count
    }
  }
`);

const ImpactReportQuery = graphql(`
  query ImpactReport($organizerId: ID!, $from: DateTime!, $to: DateTime!) {
    impactReport(organizerId: $organizerId, from: $from, to: $to) {
      from
      to
      csvPath
      editions {
        id
        title
      }
      overall {
        ...ImpactFiguresFields
      }
      byDistrict {
        district
        figures {
          ...ImpactFiguresFields
        }
      }
      bySchool {
        school {
          id
          name
        }
        figures {
          ...ImpactFiguresFields
        }
      }
    }
  }
`);

type Report = ImpactReportData['impactReport'];
type Figures = Report['overall'];

/** The figures of the overall list, in the order a promoter reads them. */
const FIGURES: { key: Exclude<keyof Figures, 'ideasByTheme' | '__typename'>; label: MessageId; days?: boolean }[] = [
  { key: 'editions', label: 'impact.editions' },
  { key: 'schools', label: 'impact.schools' },
  { key: 'classes', label: 'impact.classes' },
  { key: 'students', label: 'impact.students' },
  { key: 'teachers', label: 'impact.teachers' },
  { key: 'teams', label: 'impact.teams' },
  { key: 'ideasSubmitted', label: 'impact.ideasSubmitted' },
  { key: 'reviews', label: 'impact.reviews' },
  { key: 'awards', label: 'impact.awards' },
  { key: 'adoptionsProposed', label: 'impact.adoptionsProposed' },
  { key: 'adoptionsAccepted', label: 'impact.adoptionsAccepted' },
  { key: 'daysToFirstAdoption', label: 'impact.daysToFirstAdoption', days: true },
  { key: 'medianDaysToAdoption', label: 'impact.medianDaysToAdoption', days: true },
  { key: 'miniCompaniesFounded', label: 'impact.miniCompaniesFounded' },
  { key: 'miniCompaniesLaunched', label: 'impact.miniCompaniesLaunched' },
  { key: 'milestonesApprovedOnTime', label: 'impact.milestonesOnTime' },
  { key: 'milestonesApprovedLate', label: 'impact.milestonesLate' },
];

const Days = ({ value }: { value: number | null | undefined }) =>
  value === null || value === undefined ? '–' : <FormattedMessage id="impact.days" values={{ days: value, shown: <FormattedNumber value={value} maximumFractionDigits={1} /> }} />;

/** The columns of the district and school tables: the figures a comparison needs. */
function figureColumns<Row extends { figures: Figures }>(bySchool = false): Column<Row>[] {
  return [
    ...(bySchool ? [] : [{ header: 'impact.schools', numeric: true, cell: (row: Row) => row.figures.schools } satisfies Column<Row>]),
    { header: 'impact.classes', numeric: true, cell: (row) => row.figures.classes },
    { header: 'impact.students', numeric: true, cell: (row) => row.figures.students },
    { header: 'impact.teams', numeric: true, cell: (row) => row.figures.teams },
    { header: 'impact.ideasSubmitted', numeric: true, cell: (row) => row.figures.ideasSubmitted },
    { header: 'impact.awards', numeric: true, cell: (row) => row.figures.awards },
    { header: 'impact.adoptionsAccepted', numeric: true, cell: (row) => row.figures.adoptionsAccepted },
    { header: 'impact.miniCompaniesFounded', numeric: true, cell: (row) => row.figures.miniCompaniesFounded },
  ];
}

/** `yyyy-mm-dd` of a local date. */
const dateInput = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
/** The instant a `yyyy-mm-dd` day starts, in the browser's time zone (undefined when empty or invalid). */
const dayStart = (value: string): string | undefined => {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00`) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

function DateField({ name, label, defaultValue, error }: { name: string; label: MessageId; defaultValue: string; error?: string }) {
  const id = `impact-${name}`;
  return (
    <div className="field field-date">
      <label htmlFor={id}>
        <FormattedMessage id={label} />
      </label>
      <input id={id} name={name} type="date" defaultValue={defaultValue} required aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function Report({ report }: { report: Report }) {
  const intl = useIntl();
  const [state, download] = useExportDownload();
  const separator = intl.locale === 'it' ? 'semicolon' : 'comma';
  return (
    <>
      <section aria-labelledby="impact-overall">
        <div className="section-head">
          <h2 id="impact-overall">
            <FormattedMessage id="impact.overall" />
          </h2>
          <Button className="button button-secondary" isDisabled={state.fetching} onPress={() => void download(`${report.csvPath}&separator=${separator}`)}>
            <FormattedMessage id="impact.csv" />
          </Button>
        </div>
        <FormAlert messages={formErrors(state.error, intl).form} />
        <p className="muted">
          <FormattedMessage
            id="impact.period"
            values={{
              from: <FormattedDate value={report.from} dateStyle="long" />,
              to: <FormattedDate value={new Date(Date.parse(report.to) - 1)} dateStyle="long" />,
              editions: report.editions.length,
            }}
          />
        </p>
        {report.editions.length > 0 && (
          <ul className="plain">
            {report.editions.map((edition) => (
              <li key={edition.id}>
                <Link to={`/organizer/challenges/${edition.id}`}>{edition.title}</Link>
              </li>
            ))}
          </ul>
        )}
        <dl className="figures" data-testid="impact-overall">
          {FIGURES.map((figure) => (
            <div key={figure.key}>
              <dt>
                <FormattedMessage id={figure.label} />
              </dt>
              <dd>{figure.days ? <Days value={report.overall[figure.key]} /> : report.overall[figure.key]}</dd>
            </div>
          ))}
        </dl>
        {report.overall.ideasByTheme.length > 0 && (
          <>
            <h3>
              <FormattedMessage id="impact.byTheme" />
            </h3>
            <ul className="plain">
              {report.overall.ideasByTheme.map((row) => (
                <li key={row.theme}>
                  <FormattedMessage id="impact.themeCount" values={{ theme: row.theme, count: row.count }} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="impact-districts">
        <h2 id="impact-districts">
          <FormattedMessage id="impact.byDistrict" />
        </h2>
        <DataTable
          label="impact.byDistrict"
          caption
          testId="impact-districts"
          rows={report.byDistrict}
          rowKey={(row) => row.district ?? ''}
          columns={[
            { header: 'impact.district', rowHeader: true, cell: (row) => row.district ?? intl.formatMessage({ id: 'impact.noDistrict' }) },
            ...figureColumns<Report['byDistrict'][number]>(),
          ]}
        />
      </section>
      <section aria-labelledby="impact-schools">
        <h2 id="impact-schools">
          <FormattedMessage id="impact.bySchool" />
        </h2>
        <DataTable
          label="impact.bySchool"
          caption
          testId="impact-schools"
          rows={report.bySchool}
          rowKey={(row) => row.school.id}
          columns={[{ header: 'impact.school', rowHeader: true, cell: (row) => row.school.name }, ...figureColumns<Report['bySchool'][number]>(true)]}
        />
      </section>
    </>
  );
}

/** A promoter's impact report: the editions whose submissions open in a period, in counts, overall, by district, by school. */
export default function ImpactReportPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'impact.title' }));
  // The period shown is kept in the address (?from=yyyy-mm-dd&to=yyyy-mm-dd), so a report can be bookmarked, shared or reloaded.
  const [params, setParams] = useSearchParams();
  const year = new Date().getFullYear();
  const shownFrom = params.get('from');
  const shownTo = params.get('to');
  const period = shownFrom !== null && shownTo !== null ? { from: dayStart(shownFrom) ?? '', to: dayStart(shownTo) ?? '' } : null;
  const [organizations] = useQuery({ query: ImpactOrganizationsQuery });
  const organizing = (organizations.data?.myOrganizations ?? []).filter((organization) => ORGANIZING_KINDS.includes(organization.kind));
  const organizer = organizing.find((organization) => organization.id === params.get('organization')) ?? organizing[0];
  const [{ data, fetching, error }] = useQuery({
    query: ImpactReportQuery,
    variables: { organizerId: organizer?.id ?? '', from: period?.from ?? '', to: period?.to ?? '' },
    pause: !organizer || !period,
  });
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, error);
  const errors = formErrors(error, intl, { fields: ['from', 'to'], scope: 'impact' });
  if (organizations.fetching && !organizations.data) return <Loading />;
  if (organizations.error) return <QueryError error={organizations.error} />;
  if (!organizer) return <NotFound />;
  return (
    <article className="admin">
      <p className="meta">
        <Link to="/organizer">
          <FormattedMessage id="organizer.title" />
        </Link>{' '}
        · {organizer.name}
      </p>
      <h1>
        <FormattedMessage id="impact.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="impact.lead" />
      </p>
      <ApiForm
        key={`${shownFrom}/${shownTo}`}
        ref={formRef}
        error={error}
        className="form inline-form"
        aria-label={intl.formatMessage({ id: 'impact.choosePeriod' })}
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          setParams((current) => {
            const next = new URLSearchParams(current);
            next.set('from', formText(form, 'from'));
            next.set('to', formText(form, 'to'));
            return next;
          });
        }}
      >
        <DateField name="from" label="impact.from" defaultValue={shownFrom ?? dateInput(new Date(year, 0, 1))} error={errors.fields.from} />
        <DateField name="to" label="impact.to" defaultValue={shownTo ?? dateInput(new Date(year + 1, 0, 1))} error={errors.fields.to} />
        <Button type="submit" className="button" isDisabled={fetching}>
          <FormattedMessage id="impact.show" />
        </Button>
      </ApiForm>
      <p className="muted">
        <FormattedMessage id="impact.toHelp" />
      </p>
      <FormAlert messages={errors.form} />
      {fetching && !data && <Loading />}
      {data && period && <Report report={data.impactReport} />}
    </article>
  );
}
