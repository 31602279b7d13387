/**
 * What modules add to every page's frame without the layout knowing them: classes and data
 * attributes on <html> (a person's reading settings, applied by the server so nothing flashes and
 * no script is needed), small scripts at the end of the body, and links in the footer.
 */
import type { Actor } from '../authz/index.js';

export interface FooterLink {
  href: string;
  label: string;
}

export interface PageLook {
  /** Classes on <html>. */
  htmlClass: string[];
  /** `data-*` attributes on <html>, without the `data-` prefix. */
  htmlData: Record<string, string>;
  /** Same-origin script addresses, loaded `defer` at the end of the body. */
  scripts: string[];
  footerLinks: FooterLink[];
}

/** One module's part: what this person's pages wear (null: a visitor). */
export type PageLookSource = (actor: Actor | null) => Promise<Partial<PageLook>> | Partial<PageLook>;

export const emptyLook = (): PageLook => ({ htmlClass: [], htmlData: {}, scripts: [], footerLinks: [] });

export class PageLooks {
  private readonly sources: PageLookSource[] = [];

  add(source: PageLookSource): void {
    this.sources.push(source);
  }

  /** Every module's part, merged in registration order. */
  async collect(actor: Actor | null): Promise<PageLook> {
    const parts = await Promise.all(this.sources.map(async (s) => s(actor)));
    const look = emptyLook();
    for (const p of parts) {
      look.htmlClass.push(...(p.htmlClass ?? []));
      Object.assign(look.htmlData, p.htmlData ?? {});
      look.scripts.push(...(p.scripts ?? []));
      look.footerLinks.push(...(p.footerLinks ?? []));
    }
    return look;
  }
}
