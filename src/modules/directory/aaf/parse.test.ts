import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFeed, FILE_TAIL, fileHead, record } from './generate.js';
import { addRecord, emptyFeed, isoDate, levelOf, parseFileName, type AafKind } from './parse.js';
import { AafXmlError, readAafXml, type AafRecord } from './xml.js';

async function recordsOf(bytes: Uint8Array, chunk = 7): Promise<{ records: AafRecord[]; encoding: string }> {
  const records: AafRecord[] = [];
  const chunks = function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  };
  const encoding = await readAafXml(chunks(), (r) => records.push(r));
  return { records, encoding };
}

const file = (records: string[], encoding: 'utf-8' | 'iso-8859-15' = 'utf-8') => encodeFeed(fileHead(encoding) + records.join('') + FILE_TAIL, encoding);

async function feedOf(kind: AafKind, records: string[]) {
  const feed = emptyFeed();
  const problems = [];
  for (const r of (await recordsOf(file(records))).records) {
    const p = addRecord(feed, kind, 'f.xml', r);
    if (p) problems.push(p);
  }
  return { feed, problems };
}

async function failure(bytes: Uint8Array): Promise<AafXmlError> {
  try {
    await recordsOf(bytes, 64);
  } catch (error) {
    assert.ok(error instanceof AafXmlError, String(error));
    return error;
  }
  assert.fail('the file was read');
}

describe('AAF file names', () => {
  test('ENT, mode, date, kind and number', () => {
    assert.deepEqual(parseFileName('ENTLYON_Complet_20260901_PersEducNat_0003.xml'), {
      ent: 'ENTLYON',
      mode: 'Complet',
      date: '20260901',
      kind: 'PersEducNat',
      number: 3,
    });
    assert.equal(parseFileName('dir/ENT_Delta_20261015_Eleve_0001.xml')?.mode, 'Delta');
    assert.equal(parseFileName('ENT_Complet_20260901_Inconnu_0001.xml'), null);
    assert.equal(parseFileName('ficAlimMENESR.dtd'), null);
  });
});

describe('AAF records', () => {
  test('repeated values, empty values, the operational category and the id', async () => {
    const { records } = await recordsOf(
      file([
        record('add', 'Eleve', 'E1', [
          ['ENTPersonJointure', ['E1']],
          ['ENTEleveGroupes', ['1000$ESP', '1000$LAT']],
          ['mail', ['']],
          ['ENTPersonAutresPrenoms', ['Léa', '', 'Marie']],
        ]),
      ]),
    );
    assert.equal(records.length, 1);
    const r = records[0]!;
    assert.equal(r.op, 'add');
    assert.equal(r.category, 'Eleve');
    assert.equal(r.id, 'E1');
    assert.deepEqual(r.attrs.get('ENTEleveGroupes'), ['1000$ESP', '1000$LAT']);
    assert.deepEqual(r.attrs.get('mail'), []);
    assert.deepEqual(r.attrs.get('ENTPersonAutresPrenoms'), ['Léa', 'Marie']);
    assert.equal(r.line, 4);
  });

  test('modify and delete requests; real feeds’ <modifications> too', async () => {
    const modification =
      '  <modifyRequest><identifier><id>P1</id></identifier><modifications><modification name="mail" operation="replace"><value>a@b.fr</value></modification></modifications></modifyRequest>\n';
    const { records } = await recordsOf(file([record('delete', 'Eleve', 'E9'), modification]));
    assert.deepEqual(
      records.map((r) => [r.op, r.id]),
      [
        ['delete', 'E9'],
        ['modify', 'P1'],
      ],
    );
    assert.deepEqual(records[1]!.attrs.get('mail'), ['a@b.fr']);
  });

  test('structures: UAI, kind, classes and groups as code$label', async () => {
    const { feed } = await feedOf('EtabEducNat', [
      record('add', 'EtabEducNat', '1000', [
        ['ENTStructureJointure', ['1000']],
        ['ENTStructureUAI', ['0691234a']],
        ['ENTStructureNomCourant', ['Collège Jean-Moulin']],
        ['ENTStructureTypeStruct', ['COLLEGE']],
        ['ENTServAcAcademie', ['LYON']],
        ['street', ['1 rue A']],
        ['postalCode', ['69001']],
        ['l', ['Lyon']],
        ['ENTStructureClasses', ['6A$6EME A', '6B$6EME B']],
        ['ENTStructureGroupes', ['ESP$ESPAGNOL LV2']],
      ]),
      record('add', 'EtabEducNat', '1001', [
        ['ENTStructureUAI', ['0691235B']],
        ['ENTStructureTypeStruct', ['LYCEE GENERAL ET TECHNOLOGIQUE']],
      ]),
    ]);
    const [a, b] = feed.structures;
    assert.equal(a!.uai, '0691234A');
    assert.equal(a!.kind, 'college');
    assert.equal(a!.address, '1 rue A, 69001 Lyon');
    assert.equal(a!.academy, 'LYON');
    assert.deepEqual(a!.classes, [
      { code: '6A', label: '6EME A' },
      { code: '6B', label: '6EME B' },
    ]);
    assert.deepEqual(a!.groups, [{ code: 'ESP', label: 'ESPAGNOL LV2' }]);
    assert.equal(b!.kind, 'lycee');
  });

  test('pupils: names, birth date, classes, level, parents, guardians and contacts', async () => {
    const { feed, problems } = await feedOf('Eleve', [
      record('add', 'Eleve', 'E1', [
        ['personalTitle', ['MME']],
        ['sn', ['Dupont-Moreau']],
        ['ENTPersonNomPatro', ['Dupont']],
        ['givenName', ['Zoé']],
        ['ENTPersonAutresPrenoms', ['Zoé', 'Anne']],
        ['ENTPersonDateNaissance', ['09/03/2014']],
        ['ENTPersonStructRattach', ['1000']],
        ['ENTEleveClasses', ['1000$6A']],
        ['ENTEleveGroupes', ['1000$ESP']],
        ['ENTEleveLibelleMEF', ['6EME']],
        ['ENTEleveParents', ['R1', 'R2']],
        ['ENTEleveAutoriteParentale', ['R1']],
        ['ENTElevePersRelEleve', ['R1$10$1$1$0$1', 'C1$20$0$1$0$0']],
        ['ENTEleveRegime', ['DEMI-PENSIONNAIRE']],
      ]),
      record('add', 'Eleve', 'E2', [['sn', ['Sans-Prénom']]]),
    ]);
    const p = feed.pupils[0]!;
    assert.equal(p.civility, 'Mme');
    assert.equal(p.lastName, 'Dupont');
    assert.equal(p.usageName, 'Dupont-Moreau');
    assert.equal(p.birthDate, '2014-03-09');
    assert.deepEqual(p.classes, [{ structure: '1000', code: '6A' }]);
    assert.deepEqual(p.groups, [{ structure: '1000', code: 'ESP' }]);
    assert.equal(levelOf(p.mefLabel), '6e');
    assert.deepEqual(p.parents, ['R1', 'R2']);
    assert.deepEqual(p.guardians, ['R1']);
    assert.deepEqual(p.contacts, [
      { id: 'R1', relation: '10' },
      { id: 'C1', relation: '20' },
    ]);
    assert.equal(p.regime, 'DEMI-PENSIONNAIRE');
    assert.deepEqual(
      problems.map((x) => [x.id, x.code, x.line]),
      [['E2', 'aaf.no_name', 24]],
    );
  });

  test('staff: functions, classes and groups with their subjects, professeur principal, teaching or not', async () => {
    const { feed } = await feedOf('PersEducNat', [
      record('add', 'PersEducNat', 'P1', [
        ['sn', ['Martin']],
        ['givenName', ['Hélène']],
        ['mail', ['helene.martin@ac-lyon.fr']],
        ['ENTPersonStructRattach', ['1000']],
        ['ENTPersonFonctions', ['1000$ENS$ENSEIGNEMENT', '1000$dir$DIRECTION']],
        ['ENTAuxEnsClasses', ['1000$6A']],
        ['ENTAuxEnsClassesMatieres', ['1000$6A$020700', '1000$6B$020700']],
        ['ENTAuxEnsGroupesMatieres', ['1000$LAT$020200']],
        ['ENTAuxEnsClassesPrincipal', ['1000$6A']],
        ['PersEducNatPresenceDevantEleves', ['O']],
      ]),
      record('add', 'PersEducNat', 'P2', [
        ['sn', ['Roux']],
        ['givenName', ['Joël']],
        ['PersEducNatPresenceDevantEleves', ['N']],
      ]),
    ]);
    const [a, b] = feed.staff;
    assert.deepEqual(a!.functions, [
      { structure: '1000', code: 'ENS' },
      { structure: '1000', code: 'DIR' },
    ]);
    assert.deepEqual(a!.classSubjects, [
      { structure: '1000', code: '6A', subject: '020700' },
      { structure: '1000', code: '6B', subject: '020700' },
    ]);
    assert.deepEqual(a!.groupSubjects, [{ structure: '1000', code: 'LAT', subject: '020200' }]);
    assert.deepEqual(a!.mainClasses, [{ structure: '1000', code: '6A' }]);
    assert.equal(a!.teaches, true);
    assert.equal(b!.teaches, false);
  });

  test('subjects and MEF codes', async () => {
    const { records } = await recordsOf(
      file([
        record('add', 'MatiereEducNat', '020700', [
          ['ENTMatJointure', ['020700']],
          ['ENTLibelleMatiere', ['FRANCAIS']],
        ]),
      ]),
    );
    const feed = emptyFeed();
    addRecord(feed, 'MatiereEducNat', 'm.xml', records[0]!);
    assert.deepEqual([feed.subjects[0]!.code, feed.subjects[0]!.label], ['020700', 'FRANCAIS']);
  });

  test('dates and levels', () => {
    assert.equal(isoDate('31/12/2013'), '2013-12-31');
    assert.equal(isoDate('31/02/2013'), null);
    assert.equal(isoDate(''), null);
    assert.deepEqual(['5EME', '2NDE GT', '1ERE G', 'TERMINALE G', 'ULIS'].map(levelOf), ['5e', '2nde', '1re', 'Tle', null]);
  });
});

describe('AAF encodings', () => {
  const names = 'Œillet Šimek Žofia œuvre Ÿvon 100 € - Hélène';

  test('ISO-8859-15 is decoded as such: €, Š, š, Ž, ž, Œ, œ, Ÿ', async () => {
    const bytes = file([record('add', 'PersRelEleve', 'R1', [['sn', [names]]])], 'iso-8859-15');
    // The letters ISO-8859-1 has elsewhere: € is 0xA4 here, a currency sign there.
    assert.ok(bytes.includes(0xa4) && bytes.includes(0xbc) && bytes.includes(0xa6), 'the file holds the ISO-8859-15 bytes of €, Œ and Š');
    const { records, encoding } = await recordsOf(bytes);
    assert.equal(encoding, 'iso-8859-15');
    assert.deepEqual(records[0]!.attrs.get('sn'), [names]);
  });

  test('ISO-8859-1 and UTF-8 (with a BOM) follow the declaration', async () => {
    const latin1 = Buffer.from(
      `<?xml version="1.0" encoding="ISO-8859-1"?><ficAlimMENESR>${record('add', 'Eleve', 'E1', [['sn', ['Bénard']]])}</ficAlimMENESR>`,
      'latin1',
    );
    assert.deepEqual((await recordsOf(latin1)).records[0]!.attrs.get('sn'), ['Bénard']);
    const utf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(fileHead('utf-8') + record('add', 'Eleve', 'E1', [['sn', ['Иванова 王']]]) + FILE_TAIL),
    ]);
    const read = await recordsOf(utf8, 3);
    assert.equal(read.encoding, 'utf-8');
    assert.deepEqual(read.records[0]!.attrs.get('sn'), ['Иванова 王']);
  });

  test('an ISO-8859-15 file declared as UTF-8 is refused, with the line', async () => {
    const text = fileHead('utf-8') + record('add', 'Eleve', 'E1', [['sn', ['Bénard']]]) + FILE_TAIL;
    const error = await failure(encodeFeed(text, 'iso-8859-15'));
    assert.equal(error.code, 'not_utf8');
  });
});

describe('malformed AAF files: where', () => {
  test('a tag left open, with its line', async () => {
    const text =
      fileHead('utf-8') +
      record('add', 'Eleve', 'E1', [['sn', ['A']]]) +
      '  <addRequest>\n    <identifier><id>E2</id></identifier>\n    <attributes><attr name="sn"><value>B</attr>\n' +
      FILE_TAIL;
    const error = await failure(encodeFeed(text, 'utf-8'));
    assert.equal(error.code, 'syntax');
    assert.equal(error.line, 13);
  });

  test('another root, no identifier, an empty file', async () => {
    assert.equal((await failure(Buffer.from('<?xml version="1.0"?><html><body/></html>'))).code, 'root');
    const noId = fileHead('utf-8') + '  <addRequest>\n    <attributes><attr name="sn"><value>A</value></attr></attributes>\n  </addRequest>\n' + FILE_TAIL;
    const error = await failure(Buffer.from(noId));
    assert.deepEqual([error.code, error.line], ['no_id', 4]);
    assert.equal((await failure(new Uint8Array())).code, 'empty');
  });

  test('an encoding the import does not know', async () => {
    assert.equal((await failure(Buffer.from('<?xml version="1.0" encoding="EBCDIC"?><ficAlimMENESR/>'))).code, 'encoding');
  });
});

describe('a 50 MB file streams with bounded memory', () => {
  test('records are read one at a time: the heap does not grow with the file', async () => {
    const one = Buffer.from(
      record('add', 'Eleve', 'E0000000', [
        ['sn', ['Dupont-Moreau']],
        ['givenName', ['Zoé']],
        ['ENTPersonAutresPrenoms', ['Zoé', 'Anne', 'Marie']],
        ['ENTEleveClasses', ['1000$6A']],
        ['ENTElevePersRelEleve', ['R1$10$1$1$0$1', 'R2$10$1$1$0$1', 'C1$20$0$1$0$0']],
        ['ENTEleveRegime', ['DEMI-PENSIONNAIRE']],
      ]),
    );
    const size = 50 * 1024 * 1024;
    const perChunk = Math.floor((256 * 1024) / one.length);
    const chunk = Buffer.concat(Array.from({ length: perChunk }, () => one));
    const count = Math.ceil(size / chunk.length);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let records = 0;
    const chunks = function* () {
      yield Buffer.from(fileHead('utf-8'));
      for (let i = 0; i < count; i++) {
        if (i % 20 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        yield chunk;
      }
      yield Buffer.from(FILE_TAIL);
    };
    await readAafXml(chunks(), () => records++);
    assert.equal(records, perChunk * count);
    assert.ok(count * chunk.length >= size, 'the whole file was generated');
    const growth = (peak - before) / 1024 / 1024;
    assert.ok(growth < 48, `heap grew by ${growth.toFixed(0)} MB while reading 50 MB`);
  });
});
