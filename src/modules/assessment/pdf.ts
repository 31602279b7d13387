import { onFirstUse } from '../../kernel/lazy.js';
import { formatDate, formatNumber } from '../../kernel/i18n/index.js';
import { t } from './i18n/fr.js';
import type { Report } from './service/reports.js';

const loadPdfKit = onFirstUse(async () => (await import('pdfkit')).default);

const num = (n: number | null) => (n === null ? '—' : formatNumber(n, 2));
const level = (l: number | null) => (l ? t(`assessment.level.${l as 1 | 2 | 3 | 4}`) : t('assessment.level.none'));

/** The period report as an A4 PDF, with the standard fonts (Latin-1 covers French). */
export async function reportPdf(report: Report): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: t('assessment.report.title', report.pupil.name, report.period.name) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc
      .font('Helvetica-Bold')
      .fontSize(16)
      .text(t('assessment.report.title', report.pupil.name, report.period.name));
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
    doc.text(t('assessment.report.school', report.school, report.schoolYear));
    if (report.className) doc.text(t('assessment.report.class', report.className));
    doc.text(`${formatDate(report.period.startsOn)} – ${formatDate(report.period.endsOn)}`);
    doc.moveDown();
    if (report.lines.length === 0) doc.text(t('assessment.report.none'));
    for (const l of report.lines) {
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(l.label, { continued: l.average !== null });
      if (l.average !== null)
        doc
          .font('Helvetica')
          .text(`   ${t('assessment.report.pupilAverage')} : ${num(l.average)} — ${t('assessment.report.classAverage')} : ${num(l.classAverage)}`);
      doc.font('Helvetica').fontSize(10);
      for (const s of l.skills) doc.text(`• ${s.label} : ${level(s.level)}`, { indent: 12 });
      if (l.comment) doc.font('Helvetica-Oblique').text(l.comment, { indent: 12 });
      doc.moveDown(0.6);
    }
    if (report.average !== null)
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(`${t('assessment.pupil.overall')} : ${num(report.average)}`);
    if (report.socle.length > 0) {
      doc.moveDown();
      doc.font('Helvetica-Bold').fontSize(11).text(t('assessment.report.socle'));
      for (const d of report.socle) {
        doc.font('Helvetica-Bold').fontSize(10).text(d.label, { indent: 6 });
        doc.font('Helvetica');
        for (const c of d.components)
          doc.text(`• ${c.label === d.label ? '' : `${c.label} : `}${level(c.level)} (${t('assessment.report.socleCount', c.count)})`, { indent: 12 });
      }
    }
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(11).text(t('assessment.report.overall'));
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(report.overall || '—');
    doc.end();
  });
}
