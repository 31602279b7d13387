import { formatDate } from '../../kernel/i18n/index.js';
import { onFirstUse } from '../../kernel/lazy.js';
import { tf } from './i18n/fr.js';
import type { InvoiceDetail } from './service/accounts.js';
import { euros, monthName } from './views/format.js';

const loadPdfKit = onFirstUse(async () => (await import('pdfkit')).default);

/** The invoice as an A4 PDF in French (the accounting document; the standard fonts cover Latin-1), one line per billed day. */
export async function invoicePdf(inv: InvoiceDetail): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: tf('billing.invoice.title', inv.number) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    // Intl writes a narrow no-break space before "€", which Helvetica's encoding lacks.
    const money = (cents: number) => euros(cents).replace(/\u202f/g, ' ');
    doc.font('Helvetica-Bold').fontSize(16).text(tf('billing.invoice.title', inv.number));
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
    doc.text(tf('billing.invoice.issuer', inv.municipalityName));
    doc.text(tf('billing.invoice.addressedTo', inv.family));
    doc.text(`${tf('billing.invoice.issuedOn')} ${formatDate(inv.issuedOn)}`);
    doc.text(tf('billing.invoice.of', monthName(inv.month)));
    doc.moveDown();
    let child = '';
    for (const l of inv.lines) {
      if (l.child !== child) {
        child = l.child;
        doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11).text(child);
        doc.font('Helvetica').fontSize(10);
      }
      const extra = l.surchargeCents > 0 ? ` (${tf('billing.invoice.kind.walkIn')} : + ${money(l.surchargeCents)})` : '';
      doc.text(`${formatDate(l.day)} — ${l.service}${extra} : ${money(l.amountCents)}`, { indent: 12 });
    }
    doc.moveDown();
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(`${tf('billing.invoice.totalLine')} : ${money(inv.totalCents)}`);
    if (inv.creditNotes.length > 0) {
      doc.moveDown(0.5).font('Helvetica').fontSize(10);
      for (const c of inv.creditNotes) doc.text(tf('billing.invoice.creditNote', c.number, money(c.amountCents), c.reason));
      doc.font('Helvetica-Bold').text(tf('billing.invoice.left', money(inv.totalCents - inv.creditedCents)));
    }
    doc.end();
  });
}
