/** RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled, CRLF between rows. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula; a quote mark defuses it.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Hands the CSV to the browser as a file download. */
export function downloadCsv(csv: string, filename: string): void {
  downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), filename);
}

/** Hands any file to the browser as a download. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  // The download has started once click() returns; the object URL is no longer needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
