import { Inject, Injectable } from '@nestjs/common';
import { APPROVAL_HANDLERS, type ApprovalHandler } from './approval.handler.js';

/** Finds the handler of a request's kind; a kind without one cannot be requested at all. */
@Injectable()
export class ApprovalHandlerRegistry {
  private readonly byKind: ReadonlyMap<string, ApprovalHandler>;

  constructor(@Inject(APPROVAL_HANDLERS) handlers: readonly ApprovalHandler[]) {
    const byKind = new Map<string, ApprovalHandler>();
    for (const handler of handlers) {
      if (byKind.has(handler.kind)) throw new Error(`two approval handlers for kind ${handler.kind}`);
      byKind.set(handler.kind, handler);
    }
    this.byKind = byKind;
  }

  handlerOf(kind: string): ApprovalHandler {
    const handler = this.byKind.get(kind);
    // A programming error (a domain requests a kind nobody registered), not bad input: fail loudly.
    if (!handler) throw new Error(`no approval handler is registered for kind ${kind}`);
    return handler;
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }
}
