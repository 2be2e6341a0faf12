import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../i18n/IntlRoot';

/** A column: its header (a message, or `hiddenHeader` for an actions column), how a row shows in it, and its kind. */
export interface Column<Row> {
  header: MessageId;
  cell: (row: Row) => ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** The cell that names the row (a `th scope="row"`, read out by screen readers with each cell). */
  rowHeader?: boolean;
  /** The header is read out but not shown (actions). */
  hiddenHeader?: boolean;
}

/**
 * The tables of the client (criteria, rankings, jurors, progress): a labelled, keyboard-scrollable region around one
 * table, so a wide table scrolls on a phone instead of the page, with the same header and cell markup everywhere.
 */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  caption,
  testId,
}: {
  label: MessageId;
  columns: (Column<Row> | false | null | undefined)[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  caption?: boolean;
  testId?: string;
}) {
  const intl = useIntl();
  const shown = columns.filter((column): column is Column<Row> => !!column);
  return (
    <div className="table-scroll" role="region" tabIndex={0} aria-label={intl.formatMessage({ id: label })}>
      <table data-testid={testId}>
        {caption && (
          <caption className="visually-hidden">
            <FormattedMessage id={label} />
          </caption>
        )}
        <thead>
          <tr>
            {shown.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.hiddenHeader ? (
                  <span className="visually-hidden">
                    <FormattedMessage id={column.header} />
                  </span>
                ) : (
                  <FormattedMessage id={column.header} />
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {shown.map((column) =>
                column.rowHeader ? (
                  <th key={column.header} scope="row">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} className={column.numeric ? 'num' : undefined}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
