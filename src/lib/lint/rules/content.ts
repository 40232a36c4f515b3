import { NO_CONTENT } from '../../generated/core.js';
import type { Rule } from '../types.js';

const forbids = (status: number) => (status >= 100 && status < 200) || (NO_CONTENT as readonly number[]).includes(status);

export const contentForbidden: Rule = {
  id: 'content-forbidden',
  level: 'error',
  rfc: 'RFC 9110 §6.4.1',
  summary: 'Content in a response whose status forbids it: 1xx, 204, 304, and 205 (§15.3.6).',
  check({ response }) {
    const size = response.body?.length ?? 0;
    if (!forbids(response.status) || size === 0) return [];
    return [
      {
        message: `a ${response.status} has no content, but ${size} bytes follow the header section`,
        ...(response.status === 205 ? { rfc: 'RFC 9110 §15.3.6' } : {}),
      },
    ];
  },
};

export const headContent: Rule = {
  id: 'head-content',
  level: 'error',
  rfc: 'RFC 9110 §9.3.2',
  summary: 'Content in the response to a HEAD request.',
  check({ response, request }) {
    const size = response.body?.length ?? 0;
    return request?.method === 'HEAD' && size > 0
      ? [{ message: `a response to HEAD has no content, but ${size} bytes follow the header section` }]
      : [];
  },
};

export const framingForbidden: Rule = {
  id: 'framing-forbidden',
  level: 'error',
  rfc: 'RFC 9110 §8.6',
  summary: 'Content-Length or Transfer-Encoding in a 1xx or 204 response.',
  check({ response, has }) {
    const status = response.status;
    if (!((status >= 100 && status < 200) || status === 204)) return [];
    return [
      ...(has('content-length') ? [{ id: 'content-length-forbidden', message: `a ${status} must not carry Content-Length` }] : []),
      ...(has('transfer-encoding')
        ? [{ id: 'transfer-encoding-forbidden', rfc: 'RFC 9112 §6.1', message: `a ${status} must not carry Transfer-Encoding` }]
        : []),
    ];
  },
};

export const contentLength: Rule = {
  id: 'content-length',
  level: 'error',
  rfc: 'RFC 9110 §8.6',
  summary: 'A Content-Length that is not a number, disagrees with itself or with the content, or comes with Transfer-Encoding.',
  check({ response, request, values, has }) {
    const lengths = values('content-length').flatMap((value) => value.split(',').map((part) => part.trim()));
    if (lengths.length === 0) return [];
    if (!lengths.every((length) => /^\d+$/.test(length))) {
      return [{ id: 'content-length-invalid', message: `Content-Length "${lengths.join(', ')}" is not a whole number of bytes` }];
    }
    if (new Set(lengths).size > 1)
      return [{ id: 'content-length-conflict', rfc: 'RFC 9110 §8.6', message: `Content-Length says ${lengths.join(' and ')}` }];
    if (has('transfer-encoding')) {
      return [
        {
          id: 'content-length-with-transfer-encoding',
          rfc: 'RFC 9112 §6.1',
          message: 'Content-Length and Transfer-Encoding together: a sender must not send both',
        },
      ];
    }
    const declared = Number(lengths[0]);
    const status = response.status;
    // The content of a HEAD or 304 response is absent by definition; its Content-Length describes the 200.
    const carriesContent = request?.method !== 'HEAD' && status !== 304 && !(status >= 100 && status < 200) && status !== 204;
    if (response.body === undefined || !carriesContent || declared === response.body.length) return [];
    // curl --compressed prints the decoded content, while Content-Length counts the encoded bytes.
    if (has('content-encoding')) {
      return [
        {
          id: 'content-length-mismatch',
          level: 'info',
          message: `Content-Length says ${declared} bytes and ${response.body.length} follow; expected if the content was decoded (curl --compressed)`,
        },
      ];
    }
    return [{ id: 'content-length-mismatch', message: `Content-Length says ${declared} bytes, and ${response.body.length} follow` }];
  },
};
