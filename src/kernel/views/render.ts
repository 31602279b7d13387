import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function renderDocument(vnode: VNode<any>): string {
  return `<!doctype html>${renderToString(vnode)}`;
}
