import type { Db } from '../../kernel/db/index.js';
import type { PrivacyDeclaration, PurgeContext, RetentionKind } from '../../kernel/privacy.js';
import { departedPeople } from '../directory/index.js';

const TABLES = ['mfaTotp', 'mfaRecoveryCodes', 'mfaChallenges', 'mfaRequiredSince'] as const;

async function countDeparted(db: Db, ctx: PurgeContext): Promise<number> {
  const counts = await Promise.all(
    TABLES.map((table) =>
      db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('personId', 'in', departedPeople(db, ctx.departedBefore))
        .executeTakeFirstOrThrow(),
    ),
  );
  return counts.reduce((sum, row) => sum + Number(row.n), 0);
}

/** An erased account signs in no more: its secret, recovery codes and pending steps go with it, as in an administrator's reset. */
const mfaRetention: RetentionKind = {
  kind: 'mfa.departed',
  label: 'Double authentification des comptes effacés',
  unit: 'months',
  defaultAmount: 0,
  rationale:
    'Le secret de l’application d’authentification, les codes de secours (leurs empreintes) et la date de début du délai d’activation ne servent qu’à se connecter : ils sont supprimés avec le compte. Cette durée n’est pas utilisée : la suppression suit celle des comptes.',
  noun: ['élément de double authentification', 'éléments de double authentification'],
  count: async (db, ctx) => ({ items: await countDeparted(db, ctx), bytes: 0 }),
  async purge(db, ctx) {
    let items = 0;
    for (const table of TABLES) {
      const done = await db.deleteFrom(table).where('personId', 'in', departedPeople(db, ctx.departedBefore)).executeTakeFirst();
      items += Number(done.numDeletedRows);
    }
    return { items, bytes: 0, blobKeys: [] };
  },
};

/**
 * Which factor a person enrolled and when, how many recovery codes they used and when; never the
 * secret, the codes' hashes, the last accepted time step or the sign-in steps' tokens.
 */
export const mfaPrivacy: PrivacyDeclaration = {
  module: 'mfa',
  title: 'Double authentification',
  processing: {
    purpose:
      'Protéger la connexion des personnels par un second facteur (application d’authentification et codes de secours), selon la règle fixée pour chaque rôle, et permettre aux administrateurs de le réinitialiser.',
    dataKinds: [
      'secret de l’application d’authentification, chiffré',
      'empreintes des codes de secours et date d’utilisation de chacun',
      'dates d’activation et de confirmation du facteur, dernier pas de temps accepté (contre le rejeu)',
      'étapes de connexion en cours (quelques minutes)',
      'début du délai laissé pour activer le facteur',
    ],
    people: ['personnels, enseignants et administrateurs qui activent la double authentification ou à qui elle est demandée'],
    retention: 'Jusqu’à la réinitialisation du facteur par un administrateur ou l’effacement du compte ; une étape de connexion, jusqu’à son expiration.',
    recipients: ['la personne elle-même (personne d’autre ne voit le secret)', 'les administrateurs, pour savoir si le facteur est actif et le réinitialiser'],
  },
  async exportPerson(db, personId) {
    const factors = await db.selectFrom('mfaTotp').select(['createdAt', 'confirmedAt']).where('personId', '=', personId).execute();
    const codes = await db.selectFrom('mfaRecoveryCodes').select('usedAt').where('personId', '=', personId).execute();
    const since = await db.selectFrom('mfaRequiredSince').select('since').where('personId', '=', personId).execute();
    const used = codes
      .map((c) => c.usedAt)
      .filter((at): at is string => at !== null)
      .sort();
    return {
      tables: [
        { name: 'application-d-authentification', rows: factors.map((f) => ({ kind: 'totp', enrolledAt: f.createdAt, confirmedAt: f.confirmedAt })) },
        { name: 'codes-de-secours', rows: codes.length === 0 ? [] : [{ total: codes.length, used: used.length, usedAt: used }] },
        { name: 'delai-d-activation', rows: since },
      ],
      files: [],
    };
  },
  retention: [mfaRetention],
};
