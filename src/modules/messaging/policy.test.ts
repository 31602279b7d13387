import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { SCHOOL_A, SCHOOL_B, policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { MessageFacts, SendFacts } from './policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const exercised = new Set<string>();

/** Checks one action with one set of facts against every actor: exactly `allowed` may. */
function check<K extends ActionName>(action: K, facts: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[], label = '') {
  exercised.add(action);
  for (const name of names) {
    assert.equal(can(actors[name], action, facts(name)), allowed.includes(name), `${action} ${label} for ${name}`);
  }
}

const teacher = actors.teacher.personId;
const everyone = names;
const schoolA = names.filter((n) => n !== 'municipal' && n !== 'instanceAdmin' && n !== 'otherSchoolTeacher');
const sent = (over: Partial<MessageFacts> = {}): MessageFacts => ({ senderId: teacher, senderFolder: 'sent', state: 'sent', copyFolder: null, ...over });

test('a mailbox for members of a structure', () => {
  check(
    'messaging.mailbox.open',
    () => ({}),
    everyone.filter((n) => n !== 'instanceAdmin'),
  );
});

test('writing happens from one’s active school', () => {
  check('messaging.message.compose', () => ({ structureId: SCHOOL_A }), schoolA);
  check('messaging.message.compose', () => ({ structureId: SCHOOL_B }), ['otherSchoolTeacher'], 'school B');
  check('messaging.message.compose', () => ({ structureId: null }), [], 'no active school');
});

test('sending: from one’s school, not read-only, every recipient reachable, no closed-year group', () => {
  const ok: SendFacts = { structureId: SCHOOL_A, readOnly: false, unreachable: [], closedYear: [] };
  check('messaging.message.send', () => ok, schoolA);
  check('messaging.message.send', () => ({ ...ok, readOnly: true }), [], 'read-only school');
  check('messaging.message.send', () => ({ ...ok, unreachable: ['person:x'] }), [], 'a recipient the rules refuse');
  check('messaging.message.send', () => ({ ...ok, closedYear: ['group:x:relative'] }), [], 'a class of a closed year');
  check('messaging.message.send', () => ({ ...ok, structureId: SCHOOL_B }), ['otherSchoolTeacher'], 'from school B');
});

test('messages are personal: the sender and those who hold a delivered copy, in any school year', () => {
  for (const action of ['messaging.message.read', 'messaging.message.organize', 'messaging.attachment.download'] as const) {
    check(action, () => sent(), ['teacher'], 'the sender');
    check(action, () => sent({ senderFolder: 'purged' }), [], 'purged by its sender');
    check(action, (n) => sent({ copyFolder: n === 'relative' ? 'inbox' : null }), ['teacher', 'relative'], 'a parent’s inbox copy');
    check(action, (n) => sent({ senderFolder: 'purged', copyFolder: n === 'relative' ? 'trash' : null }), ['relative'], 'a copy in the trash');
    check(action, (n) => sent({ senderFolder: 'purged', copyFolder: n === 'relative' ? 'held' : null }), [], 'a held copy');
    check(action, (n) => sent({ senderFolder: 'purged', copyFolder: n === 'student' ? 'purged' : null }), [], 'a purged copy');
  }
});

test('replying and forwarding: a sent message one may read; not a draft', () => {
  for (const action of ['messaging.message.reply', 'messaging.message.forward'] as const) {
    check(action, (n) => sent({ copyFolder: n === 'relative' ? 'inbox' : null }), ['teacher', 'relative']);
    check(action, () => sent({ state: 'draft', senderFolder: 'drafts' }), [], 'a draft');
    check(action, (n) => sent({ copyFolder: n === 'director' ? 'held' : null }), ['teacher'], 'a thread one is not in');
  }
});

test('a draft is its writer’s alone', () => {
  for (const action of ['messaging.draft.edit', 'messaging.attachment.upload'] as const) {
    check(action, () => sent({ state: 'draft', senderFolder: 'drafts' }), ['teacher']);
    check(action, () => sent(), [], 'once sent');
  }
});

test('a school’s messaging settings: its director, its local administrator, the instance administrator', () => {
  for (const action of ['messaging.rules.manage', 'messaging.quietHours.manage', 'messaging.readOnly.switch', 'messaging.held.review'] as const) {
    check(action, () => ({ structureId: SCHOOL_A }), ['director', 'localAdmin', 'instanceAdmin']);
    check(action, () => ({ structureId: SCHOOL_B }), ['instanceAdmin'], 'school B');
  }
});

test('every declared messaging action is exercised', () => {
  assert.deepEqual([...exercised].sort(), declaredActions('messaging').sort());
});
