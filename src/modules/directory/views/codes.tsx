import { t } from '../i18n/fr.js';
import { profileLabel } from './labels.js';

export interface Sheet {
  personId: string;
  displayName: string;
  profile: string;
  login: string;
  activationCode: string | null;
  activated: boolean;
  forStudent: string | null;
}

export function CodesPage({ className, structureName, sheets, publicUrl }: { className: string; structureName: string; sheets: Sheet[]; publicUrl: string }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('directory.codes.title', className)}</h1>
      </div>
      <p class="muted">{t('directory.codes.intro')}</p>
      {sheets.length === 0 && <p>{t('directory.codes.none')}</p>}
      <div class="sheets">
        {sheets.map((s) => (
          <article class="sheet">
            <h2>{`${s.displayName} — ${t('directory.codes.sheetTitle')}`}</h2>
            <p>
              {profileLabel(s.profile)}
              {s.forStudent && <> · {t('directory.codes.forStudent', s.forStudent)}</>}
            </p>
            <p>{`${structureName} · ${className}`}</p>
            <dl>
              <dt>{t('directory.codes.address')}</dt>
              <dd>{`${publicUrl}/activate`}</dd>
              <dt>{t('directory.people.login')}</dt>
              <dd>
                <code>{s.login}</code>
              </dd>
              <dt>{t('directory.people.code')}</dt>
              <dd>{s.activationCode ? <code class="code-large">{s.activationCode}</code> : t('directory.codes.alreadyActivated')}</dd>
            </dl>
            {s.activationCode && <p>{t('directory.codes.steps')}</p>}
          </article>
        ))}
      </div>
    </>
  );
}

const csvCell = (v: string) => (/[";\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** CSV for a spreadsheet or a mail merge: `;`-separated, with a BOM so that spreadsheet tools read UTF-8. */
export function codesCsv(sheets: Sheet[], className: string): string {
  const rows = [['Nom', 'Profil', 'Classe', 'Responsable de', 'Identifiant', 'Code d’activation', 'Activé']];
  for (const s of sheets)
    rows.push([s.displayName, profileLabel(s.profile), className, s.forStudent ?? '', s.login, s.activationCode ?? '', s.activated ? 'oui' : 'non']);
  // A leading = + - @ would be read as a formula by spreadsheet tools.
  const safe = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);
  return '\uFEFF' + rows.map((r) => r.map((v) => csvCell(safe(v))).join(';')).join('\r\n') + '\r\n';
}
