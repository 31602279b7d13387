import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp, databaseOptions, migrations } from './app.js';
import { ConfigError, loadConfig, type Config } from './kernel/config/index.js';
import { migrateToLatest, newId, nowIso, openDatabase } from './kernel/db/index.js';
import { audit } from './kernel/audit.js';
import { ensureSetupToken } from './modules/accounts/index.js';
import { isSchoolYear, schoolYearOf } from './modules/directory/index.js';
import { readOndeFolder } from './modules/directory/onde/files.js';
import { formatReport, importOnde } from './modules/directory/onde/import.js';
import { importAafFolder } from './modules/directory/aaf/cli.js';
import { UAI_PATTERN, issueActivationCode } from './modules/directory/service.js';
import { BackupError, backup, restore } from './kernel/backup.js';
import { formatSize } from './kernel/i18n/index.js';
import { exportToFile, ExportRefused, formatPurgeReport, parsePurgeArgs, purgeFromCli } from './modules/privacy/cli.js';
import { t as privacyT } from './modules/privacy/i18n/fr.js';
import { casCli } from './modules/cas/cli.js';
import { systemClock } from './kernel/clock.js';
import { OidcCliRefused, runOidcCommand } from './modules/federation/index.js';
import { OnerosterCliRefused, runOnerosterCommand } from './modules/oneroster/index.js';
import { demoBanner, loadDemo, logRequestsBriefly, writeDemoOndeFiles } from './demo.js';

const USAGE = `Préau — espace numérique de travail

Usage : preau <commande> [options]

  serve                      démarre le serveur (migrations appliquées au démarrage)
  demo                       charge une école de démonstration puis démarre le serveur
  migrate                    applique les migrations de la base
  import onde --uai UAI --year AAAA-AAAA [--name NOM] DOSSIER
                             importe les trois fichiers ONDE (élèves, enseignants, responsables)
  import aaf --year AAAA-AAAA DOSSIER
                             importe les fichiers AAF d’un dossier (collèges, lycées ; Complet ou Delta)
  user reset IDENTIFIANT     donne un nouveau code d’activation à une personne
  jobs run                   exécute une fois les tâches de fond dues, puis s’arrête
  backup DOSSIER             sauvegarde la base SQLite et les fichiers dans DOSSIER/preau-AAAAMMJJ-HHMMSS
                             (serveur en marche ; les fichiers déjà sauvegardés sont liés, pas recopiés)
  restore SAUVEGARDE         remet une sauvegarde en place, serveur arrêté (l’existant est mis de côté)
  privacy export --login IDENTIFIANT --out FICHIER.zip
                             écrit l’archive des données d’une personne (droit d’accès), inscrite au journal
  privacy purge [--dry-run]  supprime ce que disent les durées de conservation (--dry-run : compte sans rien supprimer)
                             et affiche le compte rendu ; preau privacy purge --help pour le détail
  cas service add --url-pattern MOTIF [--name NOM] [--attributes a,b] [--trusted] [--proxy]
                             enregistre un service partenaire CAS et l’affiche en JSON
  oidc client add --name NOM --redirect-uri URI [--trusted] [--refresh] [--consent]
                             enregistre une application partenaire OpenID Connect (affiche client_id et client_secret)
  oidc keys rotate           crée une nouvelle clé de signature OpenID Connect (l’ancienne reste publiée une semaine)
  oneroster client add --name NOM --school UAI [--school UAI…] [--demographics]
                             enregistre une application OneRoster (affiche client_id et client_secret)
  oneroster client list | oneroster client revoke CLIENT_ID
                             liste les applications OneRoster, en révoque une

Configuration par variables d’environnement : PORT, HOST, DATA_DIR, DATABASE_URL, PUBLIC_URL,
PREAU_LOG_LEVEL (voir le README).`;

function fail(message: string): never {
  process.stderr.write(`preau: ${message}\n`);
  process.exit(1);
}

function config(overrides: Partial<Config> = {}): Config {
  try {
    return loadConfig(process.env, overrides);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

interface ServeOptions {
  /** Demo and dev: one short line per request instead of Fastify's two JSON lines. */
  brief?: boolean;
  /** Runs once the app is built, before it listens (the demo loads its school there). */
  prepare?: (app: FastifyInstance) => Promise<void>;
  banner?: (url: string) => string;
}

async function serve(cfg: Config, options: ServeOptions = {}) {
  const { brief = false, prepare, banner } = options;
  // Unless the person chose a level, the brief mode keeps warnings and errors only.
  const app = await buildApp(brief && !process.env.PREAU_LOG_LEVEL ? { ...cfg, logLevel: 'warn' } : cfg, {
    instrument: brief ? (app) => logRequestsBriefly(app, (line) => process.stdout.write(line)) : undefined,
  });
  if (prepare) await prepare(app);
  const token = await ensureSetupToken(app.db);
  await app.listen({ port: cfg.port, host: cfg.host });
  app.jobs.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : cfg.port;
  const url = cfg.publicUrl.includes(`:${cfg.port}`) ? cfg.publicUrl.replace(`:${cfg.port}`, `:${port}`) : cfg.publicUrl;
  process.stdout.write(`\nPréau écoute sur ${url}  (base : ${app.dbKind === 'sqlite' ? path.join(cfg.dataDir, 'preau.db') : 'PostgreSQL'})\n`);
  if (token) {
    process.stdout.write(
      `\nPremière mise en route : aucun administrateur n’existe encore.\nOuvrez ${url}/setup et saisissez ce jeton à usage unique :\n\n    ${token}\n\n`,
    );
    app.log.warn('setup token issued: open /setup to create the first administrator');
  }
  if (banner) process.stdout.write(banner(url));
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (closing) return;
      closing = true;
      await app.close();
      process.exit(0);
    });
  }
}

async function withDb<T>(cfg: Config, run: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const handle = openDatabase(databaseOptions(cfg));
  try {
    await migrateToLatest(handle.db, migrations, handle.schema);
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'serve':
      return serve(config(), { brief: rest.includes('--dev') });
    case 'demo': {
      const cfg = config(process.env.DATA_DIR ? {} : { dataDir: path.resolve('data', 'demo') });
      const ondeDir = writeDemoOndeFiles(path.join(cfg.dataDir, 'onde'));
      let demo: Awaited<ReturnType<typeof loadDemo>> | undefined;
      return serve(cfg, {
        brief: true,
        prepare: async (app) => {
          demo = await loadDemo(app);
          if (demo.report) process.stdout.write(`\nÉcole de démonstration importée depuis des fichiers ONDE générés :\n${formatReport(demo.report)}\n`);
        },
        banner: (url) =>
          `\n${demoBanner(demo!, url)}\nL’export ONDE de l’école est dans ${ondeDir} : la direction peut le réimporter depuis Annuaire → Importer depuis ONDE.\n\n`,
      });
    }
    case 'migrate': {
      const handle = openDatabase(databaseOptions(config()));
      const applied = await migrateToLatest(handle.db, migrations, handle.schema);
      await handle.close();
      process.stdout.write(applied.length ? `Migrations appliquées :\n${applied.map((m) => `  ${m}`).join('\n')}\n` : 'La base est à jour.\n');
      return;
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { uai: { type: 'string' }, year: { type: 'string' }, name: { type: 'string' } },
      });
      const [kind, dir] = positionals;
      if (kind === 'aaf' && dir) {
        const year = values.year ?? schoolYearOf();
        if (!isSchoolYear(year)) fail(`--year doit s’écrire 2026-2027 (reçu « ${year} »)`);
        const done = await withDb(config(), (db) => importAafFolder(db, path.resolve(dir), year));
        if (done.error) fail(done.error);
        process.stdout.write(`${done.text}\n`);
        if (done.failed) process.exit(2);
        return;
      }
      if (kind !== 'onde' || !dir) fail('usage : preau import onde --uai UAI --year AAAA-AAAA DOSSIER, ou preau import aaf --year AAAA-AAAA DOSSIER');
      const uai = (values.uai ?? '').toUpperCase();
      if (!UAI_PATTERN.test(uai)) fail(`--uai doit comporter 7 chiffres et une lettre (reçu « ${values.uai ?? ''} »)`);
      const year = values.year ?? schoolYearOf();
      if (!isSchoolYear(year)) fail(`--year doit s’écrire 2026-2027 (reçu « ${year} »)`);
      let files;
      try {
        files = await readOndeFolder(path.resolve(dir));
      } catch (error) {
        fail((error as Error).message);
      }
      const report = await withDb(config(), async (db) => {
        let school = await db.selectFrom('structures').selectAll().where('uai', '=', uai).executeTakeFirst();
        if (!school) {
          school = { id: newId(), kind: 'school', name: values.name ?? `École ${uai}`, uai, parentId: null, createdAt: nowIso() };
          await db.insertInto('structures').values(school).execute();
          process.stdout.write(`Établissement ${uai} créé : ${school.name}\n`);
        }
        return importOnde(db, { structureId: school.id, schoolYear: year, files, actorId: null });
      });
      process.stdout.write(`${formatReport(report)}\n`);
      if (report.status === 'failed') process.exit(2);
      return;
    }
    case 'user': {
      const [action, login] = rest;
      if (action !== 'reset' || !login) fail('usage : preau user reset IDENTIFIANT');
      const code = await withDb(config(), async (db) => {
        const person = await db.selectFrom('people').select(['id']).where('login', '=', login).executeTakeFirst();
        if (!person) fail(`aucune personne avec l’identifiant « ${login} »`);
        const code = await issueActivationCode(db, person.id);
        await audit(db, { action: 'account.reset', subjectId: person.id, details: { via: 'cli' } });
        return code;
      });
      process.stdout.write(`Nouveau code d’activation pour ${login} : ${code}\n`);
      return;
    }
    case 'jobs': {
      if (rest[0] !== 'run') fail('usage : preau jobs run');
      const app = await buildApp(config());
      await app.ready();
      try {
        const count = await app.jobs.runDue();
        process.stdout.write(`${count} tâche${count > 1 ? 's' : ''} exécutée${count > 1 ? 's' : ''}.\n`);
      } finally {
        await app.close();
      }
      return;
    }
    case 'backup':
    case 'restore': {
      const [dir] = rest;
      if (!dir) fail(command === 'backup' ? 'usage : preau backup DOSSIER' : 'usage : preau restore DOSSIER_DE_SAUVEGARDE');
      const cfg = config();
      if (cfg.databaseUrl) fail('avec PostgreSQL, sauvegardez la base avec pg_dump et restaurez-la avec pg_restore (docs/deploy.md)');
      try {
        if (command === 'backup') {
          const { folder, manifest } = await backup(cfg.dataDir, path.resolve(dir));
          const files = `${manifest.blobs} fichier${manifest.blobs > 1 ? 's' : ''} (${formatSize(manifest.blobBytes)}, dont ${manifest.blobsLinked} déjà dans la sauvegarde précédente)`;
          const s3 = cfg.storage.kind === 's3' ? ' ; les fichiers sont dans le stockage objet : sauvegardez le seau à part' : '';
          process.stdout.write(`Sauvegarde écrite : ${folder}
  base ${formatSize(manifest.databaseBytes)}, ${files}${s3}
`);
        } else {
          const { manifest, keptAside } = restore(path.resolve(dir), cfg.dataDir);
          process.stdout.write(
            `Sauvegarde du ${manifest.createdAt} restaurée dans ${cfg.dataDir}.
${keptAside
  .map(
    (p) => `  ancien contenu mis de côté : ${p}
`,
  )
  .join('')}`,
          );
        }
      } catch (error) {
        if (error instanceof BackupError) fail(error.message);
        throw error;
      }
      return;
    }
    case 'privacy': {
      if (rest[0] === 'purge') {
        const args = parsePurgeArgs(rest.slice(1));
        if ('error' in args) fail(args.error);
        if (args.help) return void process.stdout.write(`${privacyT('privacy.purge.cli.help')}\n`);
        const app = await buildApp(config(), { logger: false });
        await app.ready();
        try {
          const deps = { db: app.db, clock: app.clock, blobs: app.blobs, registry: app.privacy, references: app.blobReferences };
          process.stdout.write(`${formatPurgeReport(await purgeFromCli(deps, args.dryRun))}\n`);
        } finally {
          await app.close();
        }
        return;
      }
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { login: { type: 'string' }, out: { type: 'string' } } });
      if (positionals[0] !== 'export' || !values.login || !values.out)
        fail('usage : preau privacy export --login IDENTIFIANT --out FICHIER.zip, ou preau privacy purge [--dry-run]');
      const app = await buildApp(config(), { logger: false });
      await app.ready();
      try {
        const done = await exportToFile(
          { db: app.db, clock: app.clock, blobs: app.blobs, registry: app.privacy, references: app.blobReferences },
          values.login,
          path.resolve(values.out),
        );
        process.stdout.write(
          `Archive écrite : ${path.resolve(values.out)} (${formatSize(done.size)}, ${done.summary.rows} ligne${done.summary.rows > 1 ? 's' : ''}, ${done.summary.files} fichier${done.summary.files > 1 ? 's' : ''})\n`,
        );
        if (done.summary.missing > 0) process.stdout.write(`${done.summary.missing} fichier(s) introuvable(s) : voir index.json dans l’archive.\n`);
      } catch (error) {
        if (error instanceof ExportRefused) fail(error.message);
        throw error;
      } finally {
        await app.close();
      }
      return;
    }
    case 'cas': {
      const cfg = config();
      const done = await withDb(cfg, (db) => casCli({ db, clock: systemClock, ticketSeconds: cfg.casTicketSeconds }, rest));
      (done.code === 0 ? process.stdout : process.stderr).write(`${done.out}\n`);
      if (done.code !== 0) process.exit(done.code);
      return;
    }
    case 'oidc': {
      const app = await buildApp(config(), { logger: false });
      await app.ready();
      try {
        process.stdout.write(`${await runOidcCommand(app, rest)}\n`);
      } catch (error) {
        if (error instanceof OidcCliRefused) fail(error.message);
        throw error;
      } finally {
        await app.close();
      }
      return;
    }
    case 'oneroster': {
      const app = await buildApp(config(), { logger: false });
      await app.ready();
      try {
        process.stdout.write(`${await runOnerosterCommand(app, rest)}\n`);
      } catch (error) {
        if (error instanceof OnerosterCliRefused) fail(error.message);
        throw error;
      } finally {
        await app.close();
      }
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      fail(`commande inconnue « ${command} »\n\n${USAGE}`);
  }
}

await main();
