import { can, type Actor } from '../../../kernel/authz/index.js';
import { compareFrench, isolate } from '../../../kernel/i18n/index.js';
import { compareClasses, groupsOf, schoolYearOf } from '../../directory/index.js';
import { keyOf, type AudienceTarget } from '../audience.js';
import { t } from '../i18n/fr.js';
import type { TargetFacts } from '../policy.js';
import * as repo from '../repository.js';
import type { Db } from '../../../kernel/db/index.js';

export interface LabelledTarget extends AudienceTarget {
  key: string;
  label: string;
  facts: TargetFacts;
}

/** Facts and labels of these targets (unknown ones are left out), read in a few queries. */
export async function describeTargets(db: Db, actor: Actor, targets: AudienceTarget[], now: Date): Promise<LabelledTarget[]> {
  const groupIds = targets.filter((x) => x.kind === 'class' || x.kind === 'parents').map((x) => x.targetId);
  const structureIds = targets.filter((x) => x.kind !== 'class' && x.kind !== 'parents').map((x) => x.targetId);
  const year = schoolYearOf(now);
  const [groups, structures, taught] = await Promise.all([
    repo.findGroups(db, [...new Set(groupIds)]),
    repo.findStructures(db, [...new Set(structureIds)]),
    groupsOf(db, actor.personId, year, { as: 'teacher' }).execute(),
  ]);
  const teaches = new Set(taught.map((g) => g.groupId));
  const out: LabelledTarget[] = [];
  for (const target of targets) {
    if (target.kind === 'class' || target.kind === 'parents') {
      const g = groups.find((x) => x.id === target.targetId);
      if (!g) continue;
      out.push({
        ...target,
        key: keyOf(target),
        label: target.kind === 'class' ? t('news.audience.class', isolate(g.name)) : t('news.audience.parents', isolate(g.name)),
        facts: {
          kind: target.kind,
          structureId: g.structureId,
          structureKind: g.structureKind,
          current: g.schoolYear === year,
          relations: teaches.has(g.id) ? ['teacher'] : [],
        },
      });
    } else {
      const s = structures.find((x) => x.id === target.targetId);
      if (!s) continue;
      const label =
        target.kind === 'school'
          ? t('news.audience.school', isolate(s.name))
          : target.kind === 'staff'
            ? t('news.audience.staff', isolate(s.name))
            : t('news.audience.municipality', isolate(s.name));
      out.push({ ...target, key: keyOf(target), label, facts: { kind: target.kind, structureId: s.id, structureKind: s.kind, current: true, relations: [] } });
    }
  }
  return out;
}

/** Every target the actor may address now, in display order: each school's whole, its staff, then its classes in school order. */
export async function reachableTargets(db: Db, actor: Actor, now: Date): Promise<LabelledTarget[]> {
  const year = schoolYearOf(now);
  const structures = await repo.findStructures(
    db,
    actor.structures.map((s) => s.id),
  );
  const schools = structures.filter((s) => s.kind !== 'municipality');
  const classes = await repo.classesOf(
    db,
    schools.map((s) => s.id),
    year,
  );
  const candidates: AudienceTarget[] = [
    ...structures.filter((s) => s.kind === 'municipality').map((s) => ({ kind: 'municipality' as const, targetId: s.id })),
    ...schools.flatMap((s) => [
      { kind: 'school' as const, targetId: s.id },
      { kind: 'staff' as const, targetId: s.id },
    ]),
    ...classes.flatMap((g) => [
      { kind: 'class' as const, targetId: g.id },
      { kind: 'parents' as const, targetId: g.id },
    ]),
  ];
  const described = (await describeTargets(db, actor, candidates, now)).filter((x) => can(actor, 'news.audience.reach', x.facts));
  const groupsById = new Map(
    (await repo.findGroups(db, [...new Set(described.filter((x) => x.kind === 'class' || x.kind === 'parents').map((x) => x.targetId))])).map((g) => [g.id, g]),
  );
  const rank = { municipality: 0, school: 1, staff: 2, class: 3, parents: 4 };
  return described.sort((a, b) => {
    const ga = groupsById.get(a.targetId);
    const gb = groupsById.get(b.targetId);
    if (ga && gb && ga.id !== gb.id) return compareClasses(ga, gb);
    if (!!ga !== !!gb) return ga ? 1 : -1;
    return rank[a.kind] - rank[b.kind] || compareFrench(a.label, b.label);
  });
}
