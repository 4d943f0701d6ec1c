import Papa from 'papaparse';

/** A table to export: its columns in order, and each row as text by column. */
export interface Tabella<C extends string> {
  colonne: readonly C[];
  righe: readonly Record<C, string>[];
}

/** CSV as Italian Excel opens it: semicolons, a BOM so accents survive. */
export function tabellaCsv<C extends string>({ colonne, righe }: Tabella<C>): string {
  // Leading =, +, - or @ would run as formulas in Excel: escapeFormulae neutralises them.
  return `\uFEFF${Papa.unparse({ fields: [...colonne], data: righe.map((r) => colonne.map((c) => r[c])) }, { delimiter: ';', newline: '\r\n', escapeFormulae: true })}`;
}

/**
 * An Excel workbook: one sheet, a frozen bold header with filters, columns as wide as their text
 * (up to 50). Every cell is text, never a formula. `spazioPrima` leaves a blank row before a row
 * (the agenda separates its days so the printout reads like the paper one).
 */
export async function tabellaXlsx<C extends string>(foglio: string, { colonne, righe }: Tabella<C>, spazioPrima?: (i: number) => boolean): Promise<Buffer> {
  // Loaded on first export only: exceljs is large and most sessions never export.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cassetto Desk';
  const sheet = workbook.addWorksheet(foglio, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = colonne.map((key) => ({ header: key, key, width: Math.max(12, key.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: colonne.length } };
  righe.forEach((r, i) => {
    if (i > 0 && spazioPrima?.(i)) sheet.addRow([]);
    sheet.addRow(r);
  });
  for (const column of sheet.columns) {
    let width = column.width ?? 12;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      width = Math.max(width, Math.min(50, String(cell.value ?? '').length + 2));
    });
    column.width = width;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
