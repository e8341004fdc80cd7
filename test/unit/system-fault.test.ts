import { describe, expect, it } from 'vitest';
import { QuaiError } from '../../src/runtime/quai-error.js';
import { storeFault, storeFaultDelay, systemFault, typedFault } from '../../src/runtime/system-fault.js';

const fault = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('low-level faults as typed errors', () => {
  it('a full store: SQLite, the file system, PostgreSQL', () => {
    const sqlite = systemFault(fault('COMMIT; - SQLITE_FULL: database or disk is full', { code: 'SQLITE_FULL', errno: 13 }), { store: '/var/lib/quai/agent/agent.sqlite' });
    expect(sqlite).toBeInstanceOf(QuaiError);
    expect(sqlite).toMatchObject({ code: 'STORE_FULL', message: expect.stringContaining('/var/lib/quai/agent/agent.sqlite') });
    expect(systemFault(fault('ENOSPC: no space left on device, write', { code: 'ENOSPC', path: '/var/lib/quai/agent/api-token' }))).toMatchObject({ code: 'STORE_FULL', message: expect.stringContaining('/var/lib/quai/agent/api-token') });
    const pg = systemFault(fault('could not extend file', { code: '53100' }), { store: 'postgres://quai:s3cret@db.lan/quai' });
    expect(pg).toMatchObject({ code: 'STORE_FULL', message: expect.stringContaining('db.lan') });
    expect(pg!.message).not.toContain('s3cret');
  });

  it('a store that cannot be written', () => {
    expect(systemFault(fault('SQLITE_READONLY: attempt to write a readonly database', { code: 'SQLITE_READONLY' }), { store: '/srv/a.sqlite' })).toMatchObject({ code: 'STORE_READ_ONLY', message: expect.stringContaining('/srv/a.sqlite') });
    expect(systemFault(fault('EROFS: read-only file system', { code: 'EROFS', path: '/srv/x' }))).toMatchObject({ code: 'STORE_READ_ONLY', message: expect.stringContaining('read-only file system') });
    expect(systemFault(fault('EACCES: permission denied', { code: 'EACCES', syscall: 'open', path: '/srv/x' }))).toMatchObject({ code: 'STORE_READ_ONLY', message: expect.stringContaining('permission denied') });
    expect(systemFault(fault('cannot execute INSERT in a read-only transaction', { code: '25006' }))).toMatchObject({ code: 'STORE_READ_ONLY' });
  });

  it('a store that is not one, or cannot be reached: unavailable, named; a refused connection elsewhere is no store fault', () => {
    expect(systemFault(fault('SQLITE_NOTADB: file is not a database', { code: 'SQLITE_NOTADB' }), { store: '/srv/a.sqlite' })).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('/srv/a.sqlite cannot be used: SQLITE_NOTADB') });
    const refused = systemFault(fault('connect ECONNREFUSED 10.0.0.5:5432', { code: 'ECONNREFUSED', address: '10.0.0.5', port: 5432 }), { store: 'postgres://quai:s3cret@10.0.0.5/quai' });
    expect(refused).toMatchObject({ code: 'STORE_UNAVAILABLE', message: 'the store PostgreSQL 10.0.0.5/quai cannot be reached: connect ECONNREFUSED 10.0.0.5:5432' });
    expect(systemFault(fault('database "quai" does not exist', { code: '3D000' }), { store: 'postgres://db.lan/quai' })).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(systemFault(fault('connect ECONNREFUSED 127.0.0.1:9100', { code: 'ECONNREFUSED' }))).toBeUndefined();
  });

  it('a port that cannot be listened on, named with what wanted it', () => {
    const inUse = fault('listen EADDRINUSE: address already in use 127.0.0.1:7311', { code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port: 7311 });
    expect(systemFault(inUse, { listener: "the agent's local API" })).toMatchObject({ code: 'PORT_IN_USE', message: expect.stringMatching(/^the agent's local API cannot listen on 127\.0\.0\.1:7311/) });
    expect(systemFault(fault('listen EACCES', { code: 'EACCES', syscall: 'listen', address: '0.0.0.0', port: 80 }), { listener: 'the hub' })).toMatchObject({ code: 'PORT_NOT_PERMITTED' });
    expect(systemFault(fault('listen EADDRNOTAVAIL', { code: 'EADDRNOTAVAIL', syscall: 'listen', address: '10.9.9.9', port: 7310 }), { listener: 'the hub' })).toMatchObject({ code: 'ADDRESS_NOT_AVAILABLE' });
  });

  it('TLS files OpenSSL refuses, naming both files', () => {
    const mismatch = fault('error:05800074:x509 certificate routines::key values mismatch', { code: 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' });
    expect(systemFault(mismatch, { tls: { certFile: '/etc/quai/hub.crt', keyFile: '/etc/quai/hub.key' } })).toMatchObject({
      code: 'TLS_FILE_INVALID',
      message: expect.stringMatching(/\/etc\/quai\/hub\.crt.*\/etc\/quai\/hub\.key.*key values mismatch/),
    });
  });

  it('a typed error stays as it is; what is not a fault of the machine is not one', () => {
    const typed = new QuaiError('SECRET_FILE_EMPTY', 'secret file is empty: x');
    expect(typedFault(typed)).toBe(typed);
    const bug = new TypeError('x is undefined');
    expect(systemFault(bug)).toBeUndefined();
    expect(typedFault(bug)).toBe(bug);
    expect(systemFault('SQLITE_FULL')).toBeUndefined();
  });

  it('store faults are told apart from the rest', () => {
    expect(storeFault(fault('SQLITE_FULL', { code: 'SQLITE_FULL' }))?.code).toBe('STORE_FULL');
    expect(storeFault(fault('SQLITE_IOERR: disk I/O error', { code: 'SQLITE_IOERR' }))?.code).toBe('STORE_UNAVAILABLE');
    expect(storeFault(fault('listen EADDRINUSE', { code: 'EADDRINUSE', syscall: 'listen', address: '::', port: 1 }))).toBeUndefined();
    expect(storeFault(fault('SQLITE_BUSY: database is locked', { code: 'SQLITE_BUSY' }))).toBeUndefined();
  });

  it('a link that waits out a store fault waits 30 s, then longer, never past 5 min', () => {
    expect(storeFaultDelay(0, () => 0)).toBe(30_000);
    expect(storeFaultDelay(0, () => 1)).toBe(60_000);
    expect(storeFaultDelay(3, () => 1)).toBe(300_000);
    for (let n = 0; n < 40; n++) expect(storeFaultDelay(n)).toBeLessThanOrEqual(300_000);
  });
});
