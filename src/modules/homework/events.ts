/** Published once, with the lesson, when a lesson carrying work is first published; delivered at its publication time. */
export interface HomeworkPublished {
  lessonId: string;
  structureId: string;
  groupId: string;
  /** Pupils and parents who may read it under the school's settings. */
  recipients: string[];
  title: string;
  body: string;
  link: string;
  /** Publication planned for later: the notification waits until then. */
  visibleAt: string;
}

declare module '../../kernel/events/index.js' {
  interface EventMap {
    'homework.published': HomeworkPublished;
  }
}
