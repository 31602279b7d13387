/** A notice the blog sends (a post published, waiting for validation, hidden from families); delivered once per `source`. */
export interface BlogNotice {
  recipients: string[];
  source: string;
  title: string;
  body: string | null;
  link: string;
  /** E-mail it too, after the quiet hours of this school (a post published for families). */
  emailFor?: string;
}

declare module '../../kernel/events/index.js' {
  interface EventMap {
    'blog.notice': BlogNotice;
  }
}
