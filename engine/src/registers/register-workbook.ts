import ExcelJS from 'exceljs';
import { REGISTER_COLUMNS, type RegisterLine } from './register-lines.js';

/** The register as an .xlsx sheet: title, centre and period, then the form's columns. */
export async function registerWorkbook(input: { agencyName: string; period: string; lines: readonly RegisterLine[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Một cửa';
  const sheet = workbook.addWorksheet('Sổ theo dõi hồ sơ');
  sheet.addRow([input.agencyName]).font = { bold: true };
  sheet.addRow(['SỔ THEO DÕI HỒ SƠ']).font = { bold: true, size: 14 };
  sheet.addRow([input.period]);
  sheet.addRow([]);
  sheet.addRow(REGISTER_COLUMNS.map(([label]) => label)).font = { bold: true };
  for (const line of input.lines) sheet.addRow(REGISTER_COLUMNS.map(([, field]) => line[field]));
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 5 : i === 3 ? 10 : 24;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
