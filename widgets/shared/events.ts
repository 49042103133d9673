/** Fired when a widget fails to load its data; `error.message` is what the widget shows. */
export class MwErrorEvent extends Event {
  static readonly eventName = 'mw-error';
  constructor(readonly error: Error) {
    super(MwErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mw-error': MwErrorEvent;
  }
}

/** The viewer changed what the widget shows through its own controls; `settings` holds the new choices. */
export class MwChangeEvent<T extends object = Record<string, unknown>> extends Event {
  static readonly eventName = 'mw-change';
  constructor(readonly settings: T) {
    super(MwChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mw-change': MwChangeEvent;
  }
}

/** The viewer chose an invoice (e.g. a ledger deduction); `invoiceId` is Metronome's invoice id. */
export class MwInvoiceSelectEvent extends Event {
  static readonly eventName = 'mw-invoice-select';
  constructor(readonly invoiceId: string) {
    super(MwInvoiceSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mw-invoice-select': MwInvoiceSelectEvent;
  }
}

/** Passes a load through, firing `mw-error` on `host` when it fails for any reason but being superseded. */
export function reportErrors<T>(host: EventTarget, promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return promise.catch((error: Error) => {
    if (!signal.aborted) host.dispatchEvent(new MwErrorEvent(error));
    throw error;
  });
}
