import ExcelJS from 'exceljs';
import express from 'express';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { contentDisposition, csvCell, defineExport, exportHandler, writeCsv, type AnyExport } from '../src/kits/exports';
import { listen } from '../src/subgraph';
import { testIdentity } from '../src/testing';

interface Row {
  n: number;
  name: string;
}

/** Rows in batches of 1,000 from a generator that counts how many it has produced, and may wait at a gate before the second batch. */
function source(total: number, gate?: Promise<void>) {
  const state = { produced: 0 };
  const rows = async function* (): AsyncIterable<Row[]> {
    for (let start = 0; start < total; start += 1000) {
      if (start === 1000 && gate) await gate;
      const batch = Array.from({ length: Math.min(1000, total - start) }, (_, i) => ({
        n: start + i,
        name: `六盘水明湖物业服务有限公司第${start + i}分公司`,
      }));
      state.produced += batch.length;
      yield batch;
    }
  };
  return { state, rows };
}

function testExport(rows: () => AsyncIterable<Row[]>): AnyExport {
  return defineExport({
    name: 'test',
    title: '测试导出',
    asciiTitle: 'test-export',
    roles: ['COUNTY_ADMIN'],
    params: z.object({ regionCode: z.string().regex(/^\d{2,12}$/) }),
    regionOf: async (p) => p.regionCode,
    periodOf: () => '2026Q3',
    columns: [
      { header: '序号', value: (r: Row) => r.n },
      { header: '企业名称', value: (r) => r.name },
    ],
    rows: () => rows(),
  });
}

async function serve(definition: AnyExport) {
  const app = express();
  app.get(
    '/exports/:name',
    (_req, res, next) => ((res.locals.identity = testIdentity()), next()),
    exportHandler([definition], {} as DataSource),
  );
  const server = await listen(app, 0);
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())),
  };
}

describe('the export kit', () => {
  it('writes CSV cells per RFC 4180 and defuses formulas', () => {
    expect(csvCell('明湖物业')).toBe('明湖物业');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('names the file in UTF-8 with an ASCII fallback', () => {
    expect(contentDisposition('物业企业_520201_2026Q3.csv', 'property-companies_520201_2026Q3.csv')).toBe(
      `attachment; filename="property-companies_520201_2026Q3.csv"; filename*=UTF-8''%E7%89%A9%E4%B8%9A%E4%BC%81%E4%B8%9A_520201_2026Q3.csv`,
    );
  });

  it('streams over HTTP: the first rows reach the client before the rest are even read', async () => {
    let open!: () => void;
    const firstBytes = new Promise<void>((resolve) => (open = resolve));
    const { state, rows } = source(5000, firstBytes);
    const server = await serve(testExport(rows));
    try {
      // The second batch waits until the client has received bytes: a writer that built the whole file
      // before sending would never send any, and this test would time out.
      const response = await new Promise<IncomingMessage>((resolve) =>
        httpRequest(`${server.base}/exports/test?regionCode=520201`, resolve).end(),
      );
      expect(response.statusCode).toBe(200);
      response.setEncoding('utf8');
      let text = '';
      response.on('data', (chunk: string) => {
        if (!text) {
          expect(state.produced).toBe(1000);
          open();
        }
        text += chunk;
      });
      await new Promise((resolve) => response.on('end', resolve));
      expect(text.startsWith('\uFEFF序号,企业名称\r\n0,六盘水明湖物业服务有限公司第0分公司\r\n')).toBe(true);
      expect(text.split('\r\n')).toHaveLength(5002);
    } finally {
      await server.close();
    }
  });

  it('waits for a slow reader: the source is read no further than the reader has taken', async () => {
    const total = 50_000;
    const { state, rows } = source(total);
    // A destination that takes nothing until released (as a client that stops reading).
    const taken: Buffer[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        taken.push(chunk);
        void released.then(() => callback());
      },
    });
    const writing = writeCsv(out, testExport(rows).columns, rows());
    while (!out.writableNeedDrain || state.produced === 0) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    // One batch went out and the writer waits for the reader: the source was asked for nothing more.
    expect(state.produced).toBe(1000);
    release();
    await writing;
    expect(state.produced).toBe(total);
    expect(Buffer.concat(taken).toString('utf8').split('\r\n')).toHaveLength(total + 2);
  });

  it('writes an XLSX that exceljs opens, with the header and every row', async () => {
    const { rows } = source(2500);
    const server = await serve(testExport(rows));
    try {
      const response = await fetch(`${server.base}/exports/test?regionCode=520201&format=xlsx`);
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.getWorksheet('测试导出')!;
      expect(sheet.rowCount).toBe(2501);
      expect(sheet.getRow(1).values).toEqual([undefined, '序号', '企业名称']);
      expect(sheet.getRow(2501).values).toEqual([undefined, 2499, '六盘水明湖物业服务有限公司第2499分公司']);
    } finally {
      await server.close();
    }
  });

  it('refuses a bad format or parameter (400 naming it), a region outside the scope (403) and an unknown export (404)', async () => {
    const server = await serve(testExport(source(1).rows));
    try {
      const answer = async (path: string) => {
        const response = await fetch(`${server.base}${path}`);
        return { status: response.status, body: (await response.json()) as { errors: Array<{ extensions: Record<string, string> }> } };
      };
      expect(await answer('/exports/test?regionCode=520201&format=pdf')).toMatchObject({
        status: 400,
        body: { errors: [{ extensions: { field: 'format' } }] },
      });
      expect(await answer('/exports/test?regionCode=52a')).toMatchObject({
        status: 400,
        body: { errors: [{ extensions: { field: 'regionCode' } }] },
      });
      expect(await answer('/exports/test?regionCode=520322')).toMatchObject({
        status: 403,
        body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] },
      });
      expect((await answer('/exports/nothing?regionCode=520201')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
