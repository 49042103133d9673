// A tiny, dependency-free PDF 1.4 writer: US Letter pages of Helvetica text lines. Enough for the
// simulator's invoice PDFs to open in any viewer and to be checked byte for byte in tests; no
// node:* imports, since the simulator also runs inside a browser page.

export interface PdfText {
  readonly text: string;
  /** Points from the left edge. */
  readonly x: number;
  /** Points from the top edge (PDF counts from the bottom; the writer flips it). */
  readonly y: number;
  readonly size?: number;
  readonly bold?: boolean;
}

export type PdfPage = ReadonlyArray<PdfText>;

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;

/**
 * Text as a PDF literal string. The standard fonts use WinAnsi, so anything outside printable
 * ASCII becomes "?" rather than risking mojibake; this also keeps one character = one byte, which
 * the xref offsets rely on.
 */
function literal(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function contentStream(page: PdfPage): string {
  return page
    .map((t) => `BT /${t.bold ? 'F2' : 'F1'} ${t.size ?? 10} Tf ${t.x.toFixed(2)} ${(PAGE_HEIGHT - t.y).toFixed(2)} Td ${literal(t.text)} Tj ET`)
    .join('\n');
}

/** The whole file, every byte ASCII. Object numbers: 1 catalog, 2 pages, 3–4 fonts, then page/content pairs. */
export function pdfDocument(pages: ReadonlyArray<PdfPage>, title = 'Invoice'): Uint8Array {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 6 + 2 * i);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Title ${literal(title)} /Producer (Metronome simulator) >>`;
  pages.forEach((page, i) => {
    const content = contentStream(page);
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });

  // The binary-marker comment tells transfer tools the file is binary; its bytes are >127, so it is
  // written separately and counted as 6 bytes.
  let out = '%PDF-1.4\n';
  const marker = '%\u00e2\u00e3\u00cf\u00d3\n';
  let offset = out.length + marker.length;
  let body = '';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = offset;
    const chunk = `${id} 0 obj\n${objects[id]}\nendobj\n`;
    body += chunk;
    offset += chunk.length;
  }
  const xref =
    `xref\n0 ${objects.length}\n0000000000 65535 f \n` +
    offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  out += marker + body + xref;
  // Latin-1 bytes: every character is < 256 by construction.
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}
