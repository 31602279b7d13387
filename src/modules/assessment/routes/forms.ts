import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { authorize } from '../../../kernel/authz/index.js';
import { AppError, InvalidInput, fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { parseMark } from '../averages.js';
import { isoToParisLocal, parisLocalToIso, todayInParis } from '../dates.js';
import { t } from '../i18n/fr.js';
import { groupById, taughtGroups } from '../repository/people.js';
import * as schema from '../schema.js';
import * as assessments from '../service/assessments.js';
import { commentReport } from '../service/reports.js';
import { assessmentSheet, enterResults, type ResultsInput } from '../service/results.js';
import * as settings from '../service/settings.js';
import { catalogueOf } from '../skills.js';
import { assessableSubjects } from '../subjects.js';
import { schoolYearOf, compareClasses } from '../../directory/index.js';
import type { AssessmentFormValues } from '../views/form.js';
import { AssessmentFormPage } from '../views/form.js';
import { SettingsPage } from '../views/settings.js';
import { SheetPage } from '../views/sheet.js';
import { assessmentDeps } from './deps.js';
import { page } from './pages.js';

const invalid = (): FieldErrors => ({ _form: t('error.validation') });

/** The assessment form's typed values, as the form posted them (skills always a list). */
function typedValues(body: unknown): AssessmentFormValues {
  const fields = (body ?? {}) as Record<string, unknown>;
  const skills = [fields.skills ?? []].flat().filter((s): s is string => typeof s === 'string');
  return { ...(fields as Record<string, string>), skills };
}

/** Scale, coefficient and publication moment as typed (`12,5`, Paris local time), with the fields that do not parse. */
function typedNumbers(values: AssessmentFormValues) {
  const problems: FieldErrors = {};
  const scale = values.scale?.trim() ? Number(values.scale) : undefined;
  if (scale !== undefined && (!Number.isInteger(scale) || scale < 1 || scale > 100)) problems.scale = t('assessment.error.field');
  const coefficient = values.coefficient?.trim() ? Number(values.coefficient.replace(',', '.')) : undefined;
  if (coefficient !== undefined && (!Number.isFinite(coefficient) || coefficient < 0 || coefficient > 100)) problems.coefficient = t('assessment.error.field');
  const publishAt = values.publishAt?.trim() ? parisLocalToIso(values.publishAt.trim()) : undefined;
  if (publishAt === null) problems.publishAt = t('assessment.error.publish_at');
  return { problems, scale, coefficient, publishAt: publishAt ?? undefined };
}

/** Forms: new assessment, results, hold, delete, settings, periods, comments. Each works without script. */
export const assessmentForms: FastifyPluginAsyncTypebox = async (app) => {
  const deps = assessmentDeps(app);

  async function renderNew(request: FastifyRequest, reply: FastifyReply, values: AssessmentFormValues, errors?: FieldErrors, status?: number) {
    authorize(request.actor, 'assessment.skills.list', {});
    const groups = [...(await taughtGroups(deps.db, request.actor.personId, schoolYearOf(deps.clock.now())))].sort(compareClasses);
    const group = groups.find((g) => g.id === values.groupId) ?? (groups.length === 1 ? groups[0] : undefined);
    const subjects = group ? await assessableSubjects(deps.db, request.actor.personId, group.id) : [];
    const domains = group ? catalogueOf(group) : [];
    return reply.page(
      { ...page, title: t('assessment.form.new'), status },
      h(AssessmentFormPage, { csrf: request.csrfToken, values: { ...values, groupId: group?.id ?? values.groupId }, errors, groups, subjects, domains }),
    );
  }

  app.get('/assessment/new', { config: { personal: true }, schema: { querystring: schema.NewQuery } }, async (request, reply) =>
    renderNew(request, reply, {
      groupId: request.query.groupId,
      kind: request.query.kind,
      assessedOn: todayInParis(deps.clock.now()),
      publishAt: isoToParisLocal(assessments.defaultPublishAt(deps.clock.now())),
    }),
  );

  app.post('/assessment/assessments', { schema: { body: schema.AssessmentForm }, attachValidation: true }, async (request, reply) => {
    const values = typedValues(request.body);
    const skills = values.skills ?? [];
    if (request.validationError) return renderNew(request, reply, values, invalid(), 400);
    const { problems, scale, coefficient, publishAt } = typedNumbers(values);
    const kind = values.kind === 'skills' ? 'skills' : 'marks';
    try {
      if (Object.keys(problems).length > 0) {
        // Rights first: only someone who may create here sees the form's problems.
        authorize(request.actor, 'assessment.skills.list', {});
        throw new InvalidInput(Object.entries(problems).map(([field, message]) => ({ field, message })));
      }
      const created = await assessments.createAssessment(deps, request.actor, {
        groupId: values.groupId ?? '',
        kind,
        subjectCode: values.subjectCode || undefined,
        title: values.title ?? '',
        assessedOn: values.assessedOn ?? '',
        scale: kind === 'marks' ? scale : undefined,
        coefficient,
        publishAt,
        skills,
      });
      reply.setFlash(t('assessment.created'));
      return reply.redirect(`/assessment/assessments/${created.id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode !== 400) throw error;
      return renderNew(request, reply, values, fieldErrors(error) ?? invalid(), 400);
    }
  });

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, id: string, values?: AssessmentFormValues, errors?: FieldErrors) {
    const row = await assessments.editableAssessment(deps, request.actor, id);
    const group = await groupById(deps.db, row.groupId);
    const stored = (await assessmentSheet(deps, request.actor, id)).skills.map((s) => s.code);
    const offered = await assessableSubjects(deps.db, request.actor.personId, row.groupId);
    const subjects = offered.some((s) => s.code === row.subjectCode) ? offered : [{ code: row.subjectCode, label: row.subjectLabel }, ...offered];
    const shown: AssessmentFormValues = values ?? {
      kind: row.kind,
      subjectCode: row.subjectCode,
      title: row.title,
      assessedOn: row.assessedOn,
      scale: row.scale === null ? '' : String(row.scale),
      coefficient: String(row.coefficientCenti / 100).replace('.', ','),
      publishAt: isoToParisLocal(row.publishAt),
      skills: stored,
    };
    return reply.page(
      { ...page, title: t('assessment.form.editTitle', row.title), status: errors ? 400 : undefined },
      h(AssessmentFormPage, {
        csrf: request.csrfToken,
        values: { ...shown, kind: row.kind },
        errors,
        groups: [],
        subjects,
        domains: group ? catalogueOf(group) : [],
        edit: { id, title: row.title, groupName: group?.name ?? '', periodName: row.periodName },
      }),
    );
  }

  app.get('/assessment/assessments/:id/edit', { schema: { params: schema.IdParams, querystring: schema.EmptyQuery } }, async (request, reply) =>
    renderEdit(request, reply, request.params.id),
  );

  app.post(
    '/assessment/assessments/:id/edit',
    { schema: { params: schema.IdParams, body: schema.AssessmentForm }, attachValidation: true },
    async (request, reply) => {
      // Rights first: only the author sees the form again, whatever was typed.
      const row = await assessments.editableAssessment(deps, request.actor, request.params.id);
      const values = typedValues(request.body);
      const group = await groupById(deps.db, row.groupId);
      const domainsShown = !!group && catalogueOf(group).length > 0;
      if (request.validationError) return renderEdit(request, reply, request.params.id, values, invalid());
      const { problems, scale, coefficient, publishAt } = typedNumbers(values);
      if (Object.keys(problems).length > 0) return renderEdit(request, reply, request.params.id, values, problems);
      try {
        await assessments.editAssessment(deps, request.actor, request.params.id, {
          subjectCode: values.subjectCode || undefined,
          title: values.title ?? '',
          assessedOn: values.assessedOn ?? '',
          scale: row.kind === 'marks' ? scale : undefined,
          coefficient,
          publishAt,
          // Skills are offered in primary and collège classes only; elsewhere the stored ones stay.
          skills: domainsShown ? (values.skills ?? []) : undefined,
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.statusCode !== 400) throw error;
        return renderEdit(request, reply, request.params.id, values, fieldErrors(error) ?? invalid());
      }
      reply.setFlash(t('assessment.edited'));
      return reply.redirect(`/assessment/assessments/${request.params.id}`, 303);
    },
  );

  app.post(
    '/assessment/assessments/:id/results',
    { schema: { params: schema.IdParams, body: schema.ResultsForm }, attachValidation: true },
    async (request, reply) => {
      const sheet = await assessmentSheet(deps, request.actor, request.params.id);
      await assessments.editableAssessment(deps, request.actor, request.params.id);
      const group = await groupById(deps.db, sheet.assessment.groupId);
      const typed = (request.body ?? {}) as Record<string, string>;
      const show = (errors: FieldErrors) =>
        reply.page(
          { ...page, title: t('assessment.sheet.title', sheet.assessment.title, group?.name ?? ''), status: 400 },
          h(SheetPage, { sheet, groupName: group?.name ?? '', csrf: request.csrfToken, errors, typed }),
        );
      if (request.validationError) return show(invalid());
      const names = new Map(sheet.pupils.map((p) => [p.id, p.name]));
      const errors: FieldErrors = {};
      const input: Required<ResultsInput> = { marks: [], levels: [] };
      for (const [key, value] of Object.entries(typed)) {
        const mark = /^mark\.(.+)$/.exec(key);
        const level = /^level\.([^.]+)\.(.+)$/.exec(key);
        if (mark) {
          const studentId = mark[1]!;
          const name = names.get(studentId);
          if (!name) {
            errors._form = t('assessment.error.not_in_group');
            continue;
          }
          const parsed = parseMark(value, sheet.assessment.scale ?? 0);
          if ('error' in parsed)
            errors[`mark-${studentId}`] =
              parsed.error === 'over' ? t('assessment.error.over_scale', name, sheet.assessment.scale ?? 0) : t('assessment.error.mark_format', name);
          else
            input.marks.push({
              studentId,
              value: parsed.mark?.pointsCenti === null || !parsed.mark ? null : parsed.mark.pointsCenti / 100,
              special: parsed.mark?.special ?? null,
            });
        } else if (level) {
          const [, studentId, skillCode] = level as unknown as [string, string, string];
          if (!names.has(studentId)) {
            errors._form = t('assessment.error.not_in_group');
            continue;
          }
          if (value !== '' && !/^[1-4]$/.test(value)) errors[`level-${studentId}`] = t('assessment.error.level', names.get(studentId)!);
          else input.levels.push({ studentId, skillCode, level: value === '' ? null : Number(value) });
        }
      }
      if (Object.keys(errors).length > 0) return show(errors);
      try {
        await enterResults(deps, request.actor, request.params.id, input, {
          mark: (_i, studentId) => `mark-${studentId}`,
          level: (_i, studentId) => `level-${studentId}`,
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.statusCode !== 400) throw error;
        return show(fieldErrors(error) ?? invalid());
      }
      reply.setFlash(t('assessment.sheet.saved'));
      return reply.redirect(`/assessment/assessments/${request.params.id}`, 303);
    },
  );

  app.post(
    '/assessment/assessments/:id/hold',
    { schema: { params: schema.IdParams, body: schema.HoldForm }, attachValidation: true },
    async (request, reply) => {
      try {
        if (request.validationError) {
          await assessments.editableAssessment(deps, request.actor, request.params.id);
          throw new InvalidInput([{ field: 'reason', message: t('assessment.error.field') }]);
        }
        await assessments.holdAssessment(deps, request.actor, request.params.id, request.body.reason ?? '');
      } catch (error) {
        if (!(error instanceof AppError) || error.statusCode !== 400) throw error;
        const sheet = await assessmentSheet(deps, request.actor, request.params.id);
        const group = await groupById(deps.db, sheet.assessment.groupId);
        const errors = fieldErrors(error) ?? invalid();
        return reply.page(
          { ...page, title: t('assessment.sheet.title', sheet.assessment.title, group?.name ?? ''), status: 400 },
          h(SheetPage, {
            sheet,
            groupName: group?.name ?? '',
            csrf: request.csrfToken,
            errors: { reason: errors.reason ?? errors._form ?? t('assessment.error.hold_reason') },
          }),
        );
      }
      reply.setFlash(t('assessment.hold.done'));
      return reply.redirect(`/assessment/assessments/${request.params.id}`, 303);
    },
  );

  app.post('/assessment/assessments/:id/release', { schema: { params: schema.IdParams, body: schema.EmptyForm } }, async (request, reply) => {
    await assessments.releaseAssessment(deps, request.actor, request.params.id);
    reply.setFlash(t('assessment.hold.released'));
    return reply.redirect(`/assessment/assessments/${request.params.id}`, 303);
  });

  app.post('/assessment/assessments/:id/delete', { schema: { params: schema.IdParams, body: schema.EmptyForm } }, async (request, reply) => {
    await assessments.deleteAssessment(deps, request.actor, request.params.id);
    reply.setFlash(t('assessment.deleted'));
    return reply.redirect('/assessment', 303);
  });

  app.post('/assessment/settings', { schema: { body: schema.SettingsForm }, attachValidation: true }, async (request, reply) => {
    const body = request.body ?? {};
    const periodKind = body.periodKind === 'semester' ? 'semester' : 'trimester';
    const policy = ['perAssessment', 'perPeriod', 'periodEnd'].includes(body.publicationPolicy ?? '') ? body.publicationPolicy : 'perAssessment';
    await settings.updateSettings(deps, request.actor, { periodKind, publicationPolicy: policy as 'perAssessment' });
    reply.setFlash(t('assessment.settings.saved'));
    return reply.redirect('/assessment/settings', 303);
  });

  app.post('/assessment/settings/periods', { schema: { body: schema.PeriodsForm }, attachValidation: true }, async (request, reply) => {
    const view = await settings.readSettings(deps, request.actor);
    authorize(request.actor, 'assessment.settings.manage', { structureId: view.structureId });
    const body = (request.body ?? {}) as Record<string, string>;
    const periods: settings.PeriodInput[] = [];
    for (let i = 0; i < 4; i++) {
      const name = body[`periods.${i}.name`];
      if (name === undefined) continue;
      const p = { name, startsOn: body[`periods.${i}.startsOn`] ?? '', endsOn: body[`periods.${i}.endsOn`] ?? '' };
      if (p.name.trim() || p.startsOn || p.endsOn) periods.push(p);
    }
    try {
      if (request.validationError || periods.length === 0) throw new InvalidInput([{ field: '_form', message: t('error.validation') }]);
      await settings.setPeriods(deps, request.actor, periods);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode !== 400) throw error;
      return reply.page(
        { ...page, title: t('assessment.settings.title'), status: 400 },
        h(SettingsPage, {
          csrf: request.csrfToken,
          settings: view,
          periods: periods.length > 0 ? periods : view.periods,
          errors: fieldErrors(error) ?? invalid(),
        }),
      );
    }
    reply.setFlash(t('assessment.settings.periodsSaved'));
    return reply.redirect('/assessment/settings', 303);
  });

  app.post(
    '/assessment/settings/periods/:id/publication',
    { schema: { params: schema.IdParams, body: schema.PeriodPublishForm }, attachValidation: true },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string>;
      const local = (body[`publishAt-${request.params.id}`] ?? '').trim();
      const publishAt = local ? parisLocalToIso(local) : null;
      if (request.validationError || (local && !publishAt)) {
        const view = await settings.readSettings(deps, request.actor);
        authorize(request.actor, 'assessment.settings.manage', { structureId: view.structureId });
        return reply.page(
          { ...page, title: t('assessment.settings.title'), status: 400 },
          h(SettingsPage, {
            csrf: request.csrfToken,
            settings: view,
            periods: view.periods,
            errors: { [`publishAt-${request.params.id}`]: t('assessment.error.publish_at') },
          }),
        );
      }
      await settings.setPeriodPublication(deps, request.actor, request.params.id, publishAt);
      reply.setFlash(t('assessment.settings.publishSaved'));
      return reply.redirect('/assessment/settings', 303);
    },
  );

  app.post(
    '/assessment/reports/:studentId/:periodId/comments',
    { schema: { params: schema.ReportParams, body: schema.CommentForm }, attachValidation: true },
    async (request, reply) => {
      const base = `/assessment/reports/${request.params.studentId}/${request.params.periodId}`;
      const input = {
        ...request.params,
        subjectCode: request.body?.subjectCode || undefined,
        comment: request.validationError ? '' : (request.body?.comment ?? ''),
      };
      if (request.validationError) {
        // Too long or malformed: the rights are checked first, then the refusal; nothing is stored.
        await commentReport(deps, request.actor, input, { store: false });
        throw new InvalidInput([{ field: 'comment', message: t('assessment.error.field') }]);
      }
      await commentReport(deps, request.actor, input);
      reply.setFlash(t('assessment.report.commentSaved'));
      return reply.redirect(base, 303);
    },
  );
};
