import { t } from './i18n/fr.js';
import type { Validation } from './service/tickets.js';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The CAS 2.0/3.0 XML answer (`cas:serviceResponse`), as the Apereo specification writes it. */
export function validationXml(result: Validation, withAttributes: boolean): string {
  const lines = ['<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">'];
  if (!result.ok) {
    lines.push(`  <cas:authenticationFailure code="${result.code}">${escapeXml(t(`cas.failure.${result.code}`))}</cas:authenticationFailure>`);
  } else {
    lines.push('  <cas:authenticationSuccess>', `    <cas:user>${escapeXml(result.user)}</cas:user>`);
    const entries = Object.entries(result.attributes);
    if (withAttributes) {
      lines.push('    <cas:attributes>', `      <cas:isFromNewLogin>${result.fresh}</cas:isFromNewLogin>`);
      for (const [name, values] of entries) for (const value of values ?? []) lines.push(`      <cas:${name}>${escapeXml(value)}</cas:${name}>`);
      lines.push('    </cas:attributes>');
    }
    lines.push('  </cas:authenticationSuccess>');
  }
  lines.push('</cas:serviceResponse>');
  return `${lines.join('\n')}\n`;
}

/** The CAS 3.0 JSON answer (`format=JSON`): every attribute as a list of values. */
export function validationJson(result: Validation): unknown {
  if (!result.ok) return { serviceResponse: { authenticationFailure: { code: result.code, description: t(`cas.failure.${result.code}`) } } };
  return {
    serviceResponse: {
      authenticationSuccess: { user: result.user, attributes: { isFromNewLogin: [result.fresh], ...result.attributes } },
    },
  };
}
