import { formatDateTime } from '../../../kernel/i18n/index.js';
import { ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { AUDIENCES, type Rule } from '../rules.js';
import type { Audience } from '../tables.js';

export interface HeldView {
  id: string;
  subject: string;
  bodyHtml: string;
  recipientCount: number;
  to: string[];
  sentAt: string;
  sender: string;
}

export interface AdminProps {
  csrf: string;
  structureName: string;
  readOnly: boolean;
  quiet: { quietStart: string; quietEnd: string; quietWeekends: boolean };
  rules: Rule[];
  held: HeldView[];
  errors?: FieldErrors;
}

const audience = (a: Audience) => t(`messaging.audience.${a}`);

export function AdminPage(props: AdminProps) {
  const scopeOf = (from: Audience, to: Audience) => props.rules.find((r) => r.fromAudience === from && r.toAudience === to)?.scope ?? 'none';
  const csrf = <input type="hidden" name="_csrf" value={props.csrf} />;
  return (
    <>
      <h1>{t('messaging.admin')}</h1>
      <p class="muted">{props.structureName}</p>
      <ErrorSummary errors={props.errors} />

      <section class="card" aria-labelledby="read-only-title">
        <h2 id="read-only-title">{t('messaging.settings.readOnly')}</h2>
        <p role="status">
          <strong>{props.readOnly ? t('messaging.settings.readOnly.on') : t('messaging.settings.readOnly.off')}</strong>
        </p>
        <p>{t('messaging.settings.readOnly.hint')}</p>
        <form method="post" action="/messaging/admin/read-only">
          {csrf}
          <input type="hidden" name="readOnly" value={props.readOnly ? 'off' : 'on'} />
          <button type="submit" class={props.readOnly ? 'button button--primary' : 'button button--danger'}>
            {props.readOnly ? t('messaging.settings.readOnly.disable') : t('messaging.settings.readOnly.enable')}
          </button>
        </form>
      </section>

      <section class="card" aria-labelledby="held-title">
        <h2 id="held-title">{t('messaging.held.title')}</h2>
        <p>{t('messaging.held.intro')}</p>
        {props.held.length === 0 ? (
          <p>{t('messaging.held.none')}</p>
        ) : (
          props.held.map((m) => (
            <article class="card">
              <h3>{m.subject || t('messaging.noSubject')}</h3>
              <p class="muted">
                {m.sender} · {formatDateTime(m.sentAt)} · {t('messaging.held.recipients', m.recipientCount)} ({m.to.join(', ')})
              </p>
              <div class="message-body" dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
              <div class="actions">
                <form method="post" action={`/messaging/admin/held/${m.id}/release`}>
                  {csrf}
                  <button type="submit" class="button button--primary">
                    {t('messaging.held.release')}
                  </button>
                </form>
                <form method="post" action={`/messaging/admin/held/${m.id}/reject`}>
                  {csrf}
                  <button type="submit" class="button button--danger">
                    {t('messaging.held.reject')}
                  </button>
                </form>
              </div>
            </article>
          ))
        )}
      </section>

      <section class="card" aria-labelledby="rules-title">
        <h2 id="rules-title">{t('messaging.rules.title')}</h2>
        <p>{t('messaging.rules.intro')}</p>
        <form method="post" action="/messaging/admin/rules">
          {csrf}
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">{t('messaging.rules.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('messaging.rules.from')}</th>
                  {AUDIENCES.map((to) => (
                    <th scope="col">{t('messaging.rules.to', audience(to))}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {AUDIENCES.map((from) => (
                  <tr>
                    <th scope="row">{audience(from)}</th>
                    {AUDIENCES.map((to) => (
                      <td>
                        <select name={`rule.${from}.${to}`} aria-label={`${audience(from)} → ${audience(to)}`}>
                          {(['none', 'linked', 'structure'] as const).map((scope) => (
                            <option value={scope} selected={scopeOf(from, to) === scope}>
                              {t(`messaging.rules.${scope}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" class="button button--primary">
            {t('messaging.rules.save')}
          </button>
        </form>
      </section>

      <section class="card" aria-labelledby="quiet-title">
        <h2 id="quiet-title">{t('messaging.settings.quiet')}</h2>
        <p>{t('messaging.settings.quiet.hint')}</p>
        <form method="post" action="/messaging/admin/quiet">
          {csrf}
          <Field name="quietStart" type="time" label={t('messaging.settings.quietStart')} value={props.quiet.quietStart} error={props.errors?.quietStart} />
          <Field name="quietEnd" type="time" label={t('messaging.settings.quietEnd')} value={props.quiet.quietEnd} error={props.errors?.quietEnd} />
          <div class="field--check">
            <input type="checkbox" id="field-quietWeekends" name="quietWeekends" value="on" checked={props.quiet.quietWeekends} />
            <label for="field-quietWeekends">{t('messaging.settings.quietWeekends')}</label>
          </div>
          <button type="submit" class="button button--primary">
            {t('messaging.settings.save')}
          </button>
        </form>
      </section>
    </>
  );
}
