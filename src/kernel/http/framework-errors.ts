import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors.js';
import { t } from '../i18n/fr.js';

/**
 * Errors Fastify raises before a route is found (a malformed URL, a parameter past the length
 * limit): answered in the same envelope as every other error.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri_too_long' : 'bad_url';
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(errorBody(code, t(status === 414 ? 'error.uri_too_long' : 'error.bad_url')));
}

/**
 * Errors of the connection itself (headers too large, a request that timed out, bytes that are not
 * HTTP), written straight to the socket since no request object exists yet.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [status, code, key] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ([431, 'headers_too_large', 'error.headers_too_large'] as const)
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'request_timeout', 'error.request_timeout'] as const)
        : ([400, 'bad_request', 'error.validation'] as const);
  const body = JSON.stringify(errorBody(code, t(key)));
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
