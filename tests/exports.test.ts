import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import type { RunningPlatform } from '../scripts/platform';
import { gql, randomCreditCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';

/**
 * Downloads through the gateway (GET /exports/property/<name>) with the same bearer token as the graph:
 * the gateway forwards the signed identity, the property subgraph checks roles and scope and streams
 * the file (CSV with a BOM, or XLSX).
 */
describe('exports through the gateway', () => {
  let platform: RunningPlatform;
  let community: string;
  let bulk: string;
  let admin: string;
  const BULK = 20_000;

  const download = (path: string, token: string | null) =>
    fetch(`${platform.gateway.url.replace(/\/graphql$/, '')}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    platform = await startTestPlatform();
    community = (await seedCommunity(platform, '520201', '导出测试社区')).community;
    bulk = (await seedCommunity(platform, '520201', '导出大批量社区')).community;
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    for (const name of ['六盘水明湖物业服务有限公司', '钟山区"红色"物业, 有限公司']) {
      const created = await gql(platform, admin, 'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }', {
        i: { name, creditCode: randomCreditCode(), regionCode: community },
      });
      expect(created.errors).toBeUndefined();
    }
    // Many companies at once (the registrations themselves are not under test here).
    await platform.dataSources.property.query(
      `INSERT INTO property.property_company (region_code, name, credit_code)
       SELECT $1, '批量物业服务有限公司' || lpad(i::text, 5, '0'), upper(substr(md5(random()::text || i), 1, 18))
       FROM generate_series(1, $2) AS i`,
      [bulk, BULK],
    );
  }, 120_000);
  afterAll(() => platform.stop());

  it('downloads a county’s companies as CSV: UTF-8 with a BOM, Chinese names, named by region and day', async () => {
    const response = await download(`/exports/property/property-companies?regionCode=${community}&format=csv`, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="property-companies_${community}_${today}.csv"; filename*=UTF-8''${encodeURIComponent(`物业服务企业_${community}_${today}.csv`)}`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('企业名称,统一社会信用代码,登记区划代码,是否建立党组织,登记时间');
    expect(lines[1]).toMatch(/^六盘水明湖物业服务有限公司,/);
    expect(lines[2]).toMatch(/^"钟山区""红色""物业, 有限公司",/);
    expect(lines).toHaveLength(4); // header, two companies, and the empty string after the last CRLF
  });

  it('downloads the same as XLSX that exceljs opens', async () => {
    const response = await download(`/exports/property/property-companies?regionCode=${community}&format=xlsx`, admin);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('物业服务企业');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe('六盘水明湖物业服务有限公司');
    expect(sheet.getRow(3).getCell(3).value).toBe(community);
  });

  it(`streams ${BULK} rows read in batches`, async () => {
    const response = await download(`/exports/property/property-companies?regionCode=${bulk}`, admin);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let chunks = 0;
    let lines = 0;
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      lines += decoder.decode(value, { stream: true }).split('\r\n').length - 1;
    }
    expect(lines).toBe(BULK + 1);
    // Written as it was read (many chunks), not as one buffer at the end.
    expect(chunks).toBeGreaterThan(10);
  });

  it('refuses a region outside the token’s scope, a role the export does not name, no token, and bad parameters', async () => {
    const tongzi = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    const outside = await download(`/exports/property/property-companies?regionCode=${community}`, tongzi);
    expect(outside.status).toBe(403);
    expect(await outside.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const resident = await tokenFor({ roles: ['RESIDENT'], regions: [community] });
    expect((await download(`/exports/property/property-disputes?regionCode=${community}&period=2026`, resident)).status).toBe(403);
    const anonymous = await download(`/exports/property/property-companies?regionCode=${community}`, null);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const badPeriod = await download(`/exports/property/property-disputes?regionCode=${community}&period=2026Q5`, admin);
    expect(badPeriod.status).toBe(400);
    expect(await badPeriod.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'period' } }] });
    expect((await download(`/exports/nowhere/property-companies?regionCode=${community}`, admin)).status).toBe(404);
    expect((await download(`/exports/property/nothing?regionCode=${community}`, admin)).status).toBe(404);
  });

  it('downloads the disputes filed in a period, and a random inspection draw with its picks', async () => {
    const [company] = await platform.dataSources.property.query(
      `SELECT id FROM property.property_company WHERE region_code = $1 ORDER BY name LIMIT 1`,
      [community],
    );
    const [compound] = await platform.dataSources.property.query(
      `INSERT INTO property.residential_compound (region_code, name, grid_id, management_mode, company_id, managed_since)
       VALUES ($1, '明湖小区', $2, 'PROFESSIONAL', $3, '2024-01-01') RETURNING id`,
      [community, randomUUID(), company.id],
    );
    for (const filedOn of ['2026-02-01', '2026-05-01'])
      await platform.dataSources.property.query(
        `INSERT INTO property.property_dispute (region_code, compound_id, company_id, category, summary, filed_on, status, filed_by)
         VALUES ($1, $2, $3, 'FEES', '物业费上涨未经业主大会表决', $4, 'FILED', 'test')`,
        [community, compound.id, company.id, filedOn],
      );
    const compounds = await download(`/exports/property/residential-compounds?regionCode=${community}`, admin);
    expect((await compounds.text()).split('\r\n')[1]).toMatch(/^明湖小区,\d{12},专业化物业服务,六盘水明湖物业服务有限公司,2024-01-01$/);
    // The bureau gets the record without what residents said.
    const bureau = await tokenFor({ roles: ['HOUSING_BUREAU'], regions: ['520201'], kind: 'machine' });
    const forBureau = await download(`/exports/property/property-disputes?regionCode=${community}&period=2026`, bureau);
    expect((await forBureau.text()).split('\r\n').slice(1, -1)).toEqual([
      '2026-05-01,明湖小区,六盘水明湖物业服务有限公司,物业费,,已受理,,',
      '2026-02-01,明湖小区,六盘水明湖物业服务有限公司,物业费,,已受理,,',
    ]);
    const disputes = await download(`/exports/property/property-disputes?regionCode=${community}&period=2026Q1`, admin);
    expect(disputes.status).toBe(200);
    expect(disputes.headers.get('content-disposition')).toContain(encodeURIComponent(`物业纠纷_${community}_2026Q1.csv`));
    const rows = (await disputes.text()).split('\r\n');
    expect(rows.slice(1, -1)).toEqual(['2026-02-01,明湖小区,六盘水明湖物业服务有限公司,物业费,物业费上涨未经业主大会表决,已受理,,']);

    const drawn = await gql<{ drawRandomInspection: { id: string; drawnCompanyIds: string[] } }>(
      platform,
      admin,
      'mutation ($i: DrawRandomInspectionInput!) { drawRandomInspection(input: $i) { id drawnCompanyIds } }',
      {
        i: {
          regionCode: '520201',
          title: '导出测试抽查',
          seed: 'export',
          companyCount: 3,
          inspectorCount: 1,
          inspectorPool: [{ name: '王建国', unit: '钟山区住建局' }],
        },
      },
    );
    expect(drawn.errors).toBeUndefined();
    const draw = drawn.data!.drawRandomInspection;
    const sheet = await download(`/exports/property/random-inspection-draw?drawId=${draw.id}&format=xlsx`, admin);
    expect(sheet.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await sheet.arrayBuffer());
    expect(workbook.worksheets[0]!.rowCount).toBe(4);
    expect(workbook.worksheets[0]!.getRow(2).getCell(6).value).toBe('钟山区住建局 王建国');
    // Not published yet: a resident of the county may not download it; another county's administrator neither.
    const resident = await tokenFor({ roles: ['RESIDENT'], regions: ['520201'] });
    expect((await download(`/exports/property/random-inspection-draw?drawId=${draw.id}`, resident)).status).toBe(403);
    const tongzi = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    expect((await download(`/exports/property/random-inspection-draw?drawId=${draw.id}`, tongzi)).status).toBe(403);
  });

  it('downloads a county’s scores of a quarter and of a year, and a published red-and-black list version, named by county and period', async () => {
    const db = platform.dataSources.property;
    // Results as the quarterly run, the annual assessment and the list publication store them (those are tested in the property service).
    const company = await gql<{ createPropertyCompany: { id: string } }>(
      platform,
      admin,
      'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
      { i: { name: '考评导出物业有限公司', creditCode: randomCreditCode(), regionCode: community } },
    );
    const companyId = company.data!.createPropertyCompany.id;
    const [compound] = await db.query(
      `INSERT INTO property.residential_compound (region_code, name, grid_id, management_mode, company_id, managed_since)
       VALUES ($1, '考评导出小区', $2, 'PROFESSIONAL', $3, '2017-01-01') RETURNING id`,
      [community, randomUUID(), companyId],
    );
    const scheme = randomUUID();
    await db.query(
      `INSERT INTO property.quarterly_evaluation_run (region_code, quarter, status, scheme_id, requested_by)
       VALUES ('520201', '2018Q3', 'COMPLETED', $1, 'test') ON CONFLICT DO NOTHING`,
      [scheme],
    );
    const [run] = await db.query(`SELECT id FROM property.quarterly_evaluation_run WHERE region_code = '520201' AND quarter = '2018Q3'`);
    await db.query(
      `INSERT INTO property.compound_quarter_score (region_code, run_id, compound_id, quarter, management_mode, company_id, score, explanation, missing)
       VALUES ($1, $2, $3, '2018Q3', 'PROFESSIONAL', $4, 81.5, $5, '[]')`,
      [community, run.id, compound.id, companyId, { arithmetic: '90% × 85 + 10% × 50 = 81.5' }],
    );
    await db.query(
      `INSERT INTO property.company_quarter_score (region_code, run_id, company_id, quarter, score, compounds, missing_compounds, arithmetic)
       VALUES ($1, $2, $3, '2018Q3', 81.5, $4, '[]', 'mean of 1 compound: 81.5')`,
      [community, run.id, companyId, JSON.stringify([{ compoundId: compound.id, score: 81.5 }])],
    );
    await db.query(
      `INSERT INTO property.annual_assessment (region_code, year, scheme_id, published_by) VALUES ('520201', 2018, $1, 'test') ON CONFLICT DO NOTHING`,
      [scheme],
    );
    const [assessment] = await db.query(`SELECT id FROM property.annual_assessment WHERE region_code = '520201' AND year = 2018`);
    await db.query(
      `INSERT INTO property.annual_assessment_entry (region_code, assessment_id, subject_kind, subject_id, quarter_scores, score, stars, missing_quarters, arithmetic)
       VALUES ($1, $2, 'COMPANY', $3, '[]', 86.5, 4, '[]', '(85 + 86 + 87 + 88) / 4 = 86.5')`,
      [community, assessment.id, companyId],
    );
    // A new version of the 2018H2 list each run of this test (a correction of the one before).
    const [previous] = await db.query(
      `SELECT id, version FROM property.red_black_list WHERE region_code = '520201' AND half = '2018H2' ORDER BY version DESC LIMIT 1`,
    );
    const version = (previous?.version ?? 0) + 1;
    const [list] = await db.query(
      `INSERT INTO property.red_black_list (region_code, half, version, replaces_id, reason, scheme_id, rule, published_by)
       VALUES ('520201', '2018H2', $1, $2, $3, $4, 'the rule', 'test') RETURNING id`,
      [version, previous?.id ?? null, previous ? '补录严重违规' : null, scheme],
    );
    await db.query(
      `INSERT INTO property.red_black_entry (region_code, list_id, company_id, kind, rank, score, reason)
       VALUES ($1, $2, $3, 'BLACK', NULL, 55, 'half-year score 55.00 under the bar 60')`,
      [community, list.id, companyId],
    );

    const bureau = await tokenFor({ roles: ['HOUSING_BUREAU'], regions: ['520201'], kind: 'machine' });
    const quarter = await download(`/exports/property/evaluation-scores?countyCode=520201&period=2018Q3`, bureau);
    expect(quarter.status).toBe(200);
    expect(quarter.headers.get('content-disposition')).toContain(encodeURIComponent('物业考评得分_520201_2018Q3.csv'));
    const quarterLines = (await quarter.text()).split('\r\n');
    expect(quarterLines[0]).toBe('对象,名称,区划代码,管理模式,物业服务企业,得分,星级,缺少的输入,计算过程');
    expect(quarterLines).toContain(`物业服务企业,考评导出物业有限公司,${community},,,81.5,,,mean of 1 compound: 81.5`);
    expect(quarterLines).toContain(`小区,考评导出小区,${community},专业化物业服务,考评导出物业有限公司,81.5,,,90% × 85 + 10% × 50 = 81.5`);
    // Companies come before compounds.
    expect(quarterLines.findIndex((l) => l.startsWith('小区,'))).toBeGreaterThan(
      quarterLines.findIndex((l) => l.startsWith('物业服务企业,')),
    );

    const year = await download(`/exports/property/evaluation-scores?countyCode=520201&period=2018&format=xlsx`, bureau);
    expect(year.status).toBe(200);
    expect(year.headers.get('content-disposition')).toContain(encodeURIComponent('物业考评得分_520201_2018.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await year.arrayBuffer());
    const yearRows = workbook.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(yearRows.map((r) => [1, 2, 3, 6, 7].map((i) => r[i]))).toContainEqual([
      '物业服务企业',
      '考评导出物业有限公司',
      community,
      86.5,
      4,
    ]);

    const csvList = await download(`/exports/property/red-black-list?countyCode=520201&half=2018H2&version=${version}`, bureau);
    expect(csvList.status).toBe(200);
    expect(csvList.headers.get('content-disposition')).toContain(encodeURIComponent(`物业红黑榜_520201_2018H2_v${version}.csv`));
    const listLines = (await csvList.text()).split('\r\n');
    expect(listLines[0]).toBe('榜单,名次,企业名称,统一社会信用代码,半年得分,原因,版本,更正的版本,更正理由,发布时间');
    expect(listLines[1]).toMatch(
      new RegExp(`^黑榜,,考评导出物业有限公司,[0-9A-Z]{18},55,half-year score 55.00 under the bar 60,${version},`),
    );
    expect(listLines).toHaveLength(3);
    const xlsxList = await download(`/exports/property/red-black-list?countyCode=520201&half=2018H2&version=${version}&format=xlsx`, admin);
    const listBook = new ExcelJS.Workbook();
    await listBook.xlsx.load(await xlsxList.arrayBuffer());
    expect(listBook.worksheets[0]!.name).toBe('物业红黑榜');
    expect(listBook.worksheets[0]!.getRow(2).getCell(3).value).toBe('考评导出物业有限公司');

    // Scope and parameters: another county's administrator and resident, a version never published, bad periods.
    const tongzi = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    expect((await download(`/exports/property/evaluation-scores?countyCode=520201&period=2018Q3`, tongzi)).status).toBe(403);
    expect((await download(`/exports/property/red-black-list?countyCode=520201&half=2018H2&version=${version}`, tongzi)).status).toBe(403);
    // Residents read the scores in the graph, and so here, but only of their own county.
    const resident = await tokenFor({ roles: ['RESIDENT'], regions: ['520201'] });
    expect((await download(`/exports/property/evaluation-scores?countyCode=520201&period=2018Q3`, resident)).status).toBe(200);
    const elsewhere = await tokenFor({ roles: ['RESIDENT'], regions: ['520322'] });
    expect((await download(`/exports/property/evaluation-scores?countyCode=520201&period=2018Q3`, elsewhere)).status).toBe(403);
    expect((await download(`/exports/property/red-black-list?countyCode=520201&half=2018H2&version=${version + 1}`, bureau)).status).toBe(
      403,
    );
    for (const [query, field] of [
      ['evaluation-scores?countyCode=520201&period=2018H2', 'period'],
      ['evaluation-scores?countyCode=5202&period=2018', 'countyCode'],
      ['red-black-list?countyCode=520201&half=2018Q3&version=1', 'half'],
      ['red-black-list?countyCode=520201&half=2018H2&version=0', 'version'],
    ] as const) {
      const refused = await download(`/exports/property/${query}`, bureau);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field } }] });
    }
  });
});
