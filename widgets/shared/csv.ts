/** One RFC 4180 line, CRLF-terminated: fields with commas, quotes or line breaks are quoted, quotes doubled. */
export const csvLine = (fields: string[]) => fields.map(field).join(',') + '\r\n';

function field(text: string): string {
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula; a quote mark defuses it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
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
