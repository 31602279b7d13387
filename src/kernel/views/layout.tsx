import type { ComponentChildren } from 'preact';
import { t } from '../i18n/fr.js';
import { currentLocale, DIRECTION } from '../i18n/locale.js';
import { assetUrl } from '../http/assets.js';
import type { PageLook } from './page-look.js';

/** A service in the navigation; modules register theirs. */
export interface NavItem {
  href: string;
  label: string;
  /** Accent colour key (`home`, `directory`, `homework`…), see public/css. */
  service: string;
  /** Unread items, shown as a badge. */
  count?: number;
}

export interface LayoutUser {
  displayName: string;
  structures: { id: string; name: string }[];
  activeStructureId: string | null;
}

export interface LayoutProps {
  title: string;
  /** Service whose accent colour the page wears. */
  service?: string;
  user?: LayoutUser | null;
  nav?: NavItem[];
  currentPath?: string;
  csrfToken?: string;
  flash?: string | null;
  /** Narrow pages (login, activation) centre a single card. */
  narrow?: boolean;
  /** What modules add to the frame: classes on <html>, scripts, footer links (kernel/views/page-look.ts). */
  look?: PageLook;
  children?: ComponentChildren;
}

export function Layout(props: LayoutProps) {
  const { user, nav = [], currentPath = '' } = props;
  const locale = currentLocale();
  return (
    <html lang={locale} dir={DIRECTION[locale]} class={props.look?.htmlClass.join(' ') || undefined} {...dataAttributes(props.look)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href={assetUrl('css/preau.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        {/* Installable, and readable offline: the services whose pages the worker keeps register it; others stay script-free. */}
        <link rel="manifest" href="/manifest.webmanifest" />
        <meta name="theme-color" content="#0f6b6b" />
        {user && ['home', 'homework', 'timetable', 'messaging', 'notifications'].includes(props.service ?? 'home') && (
          <script src={assetUrl('js/offline.js')} defer></script>
        )}
      </head>
      <body class={`service-${props.service ?? 'home'}`}>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href="/">
              <span class="brand__mark" aria-hidden="true">
                ◠
              </span>
              <span class="brand__name">{t('app.name')}</span>
            </a>
            {user && (
              <div class="account">
                {user.structures.length > 1 ? (
                  <form method="post" action="/account/structure" class="switcher">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <label for="structure-switch">{t('layout.structure')}</label>
                    <select id="structure-switch" name="structureId">
                      {user.structures.map((s) => (
                        <option value={s.id} selected={s.id === user.activeStructureId}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="button button--small">
                      {t('layout.switch')}
                    </button>
                  </form>
                ) : (
                  user.structures[0] && <span class="account__structure">{user.structures[0].name}</span>
                )}
                <span class="account__name">{user.displayName}</span>
                <form method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={props.csrfToken} />
                  <button type="submit" class="button button--small button--quiet">
                    {t('layout.logout')}
                  </button>
                </form>
              </div>
            )}
          </div>
          {user && nav.length > 0 && (
            <nav aria-label={t('layout.nav')} class="services">
              <ul>
                {nav.map((item) => {
                  const current = item.href === '/' ? currentPath === '/' : currentPath.startsWith(item.href);
                  return (
                    <li>
                      <a href={item.href} class={`services__link service-${item.service}`} aria-current={current ? 'page' : undefined}>
                        {item.label}
                        {item.count ? (
                          <span class="nav-count" data-count-for={item.service}>
                            {' '}
                            {item.count > 99 ? '99+' : item.count}
                            <span class="visually-hidden">{` ${item.count === 1 ? t('layout.unreadOne') : t('layout.unread')}`}</span>
                          </span>
                        ) : null}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class={props.narrow ? 'main main--narrow' : 'main'} tabIndex={-1}>
          {props.flash && (
            <p class="flash" role="status">
              {props.flash}
            </p>
          )}
          {props.children}
        </main>
        <footer class="site-footer">
          {t('layout.footer')}
          {props.look?.footerLinks.map((l) => (
            <>
              {' · '}
              <a href={l.href}>{l.label}</a>
            </>
          ))}
        </footer>
        {props.look?.scripts.map((src) => (
          <script src={src} defer></script>
        ))}
      </body>
    </html>
  );
}

/** `{ font: 'x' }` → `{ 'data-font': 'x' }`. */
function dataAttributes(look: PageLook | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(look?.htmlData ?? {}).map(([k, v]) => [`data-${k}`, v]));
}
