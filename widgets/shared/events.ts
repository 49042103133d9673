import type { ApiError } from './api.ts';

/**
 * Fired when a widget fails to load its data. `message` is the technical detail (the proxy's message, or
 * the widget's own) for the page's logs; the widget shows the catalogue's words for the kind of failure
 * instead. `status` and `code` are the proxy's (`status` 0 when no answer came: `code` `network`, or
 * `no_session` when no session token could be had, with the token URL's status when it answered).
 * `error` is the error itself.
 */
export class MwErrorEvent extends Event {
  static readonly eventName = 'mw-error';
  // Set in the constructor; `declare` emits no field definitions before it runs.
  declare readonly status: number;
  declare readonly code: string;
  declare readonly message: string;
  constructor(readonly error: Error) {
    super(MwErrorEvent.eventName, { bubbles: true, composed: true });
    // Read, not `instanceof ApiError`: an error from another copy of the package is one too.
    const { status, code } = error as Partial<ApiError>;
    this.status = typeof status === 'number' ? status : 0;
    this.code = typeof code === 'string' ? code : 'unexpected';
    this.message = error.message;
  }
}

/** Fired after the render that shows freshly loaded data: once per successful load, reloads and live refreshes included. */
export class MwLoadEvent extends Event {
  static readonly eventName = 'mw-load';
  constructor() {
    super(MwLoadEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mw-error': MwErrorEvent;
    'mw-load': MwLoadEvent;
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

/**
 * The viewer asked to see an invoice (a ledger deduction's "View invoice"); `invoiceId` is Metronome's
 * invoice id. An `<invoice-list listen-invoice-requests>` on the page opens it.
 */
export class MwInvoiceRequestEvent extends Event {
  static readonly eventName = 'mw-invoice-request';
  constructor(readonly invoiceId: string) {
    super(MwInvoiceRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

/** `mw-invoice-request`'s former name, still fired right after it for pages written before it. */
export class MwInvoiceSelectEvent extends Event {
  static readonly eventName = 'mw-invoice-select';
  constructor(readonly invoiceId: string) {
    super(MwInvoiceSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fires `mw-invoice-request`, then `mw-invoice-select`, from `host`. */
export function requestInvoice(host: EventTarget, invoiceId: string) {
  host.dispatchEvent(new MwInvoiceRequestEvent(invoiceId));
  host.dispatchEvent(new MwInvoiceSelectEvent(invoiceId));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mw-invoice-request': MwInvoiceRequestEvent;
    'mw-invoice-select': MwInvoiceSelectEvent;
  }
}

/** Hosts with a successful load whose data has not been shown yet. */
const loaded = new WeakSet<EventTarget>();

/**
 * Passes a load through, firing `mw-error` on `host` when it fails for any reason but being superseded;
 * a success is noted for `announceLoad`.
 */
export function reportErrors<T>(host: EventTarget, promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return promise.then(
    (data) => {
      if (!signal.aborted) loaded.add(host);
      return data;
    },
    (error: Error) => {
      loaded.delete(host);
      if (!signal.aborted) host.dispatchEvent(new MwErrorEvent(error));
      throw error;
    },
  );
}

/**
 * Called after each render: fires `mw-load` once a load has succeeded and nothing in the host is busy
 * (`aria-busy` on its `base` part while loading, on a chart's plot until it is laid out), so a widget
 * with several loads in a row (a chart's metrics, then its usage) fires once, when its data is on
 * screen, and a load followed by a failure fires nothing.
 */
export function announceLoad(host: Element) {
  if (loaded.has(host) && !host.shadowRoot?.querySelector('[aria-busy="true"]')) {
    loaded.delete(host);
    host.dispatchEvent(new MwLoadEvent());
  }
}

/**
 * The viewer asked to buy more of a prepaid commit or credit (`<balance-ledger purchase>`'s "Buy more"); the
 * page runs its own checkout. `creditType` and `commit` say what (`kind` `commit` or `credit`). `suggestedAmount`,
 * in the credit type's unit (cents for USD), is enough for the rest of its schedule at the last 30 days' rate
 * (until what is left expires, and over each upcoming segment beyond what that segment brings): the ledger's
 * runway (`runway.top_up` of /api/balances); 0 when everything lasts, null when it was not used in the last
 * 30 days, so there is nothing to suggest from.
 */
export class MwPurchaseRequestEvent extends Event {
  static readonly eventName = 'mw-purchase-request';
  constructor(
    readonly creditType: { id: string; name: string },
    readonly commit: { id: string; name: string; kind: 'commit' | 'credit' },
    readonly suggestedAmount: number | null,
  ) {
    super(MwPurchaseRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * The viewer chose a billable metric (a row of `<usage-summary>`); `billableMetricId` is Metronome's id.
 * A page points a `<usage-chart>` at it by setting the chart's `billableMetricId`.
 */
export class MwMetricSelectEvent extends Event {
  static readonly eventName = 'mw-metric-select';
  constructor(readonly billableMetricId: string) {
    super(MwMetricSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mw-purchase-request': MwPurchaseRequestEvent;
    'mw-metric-select': MwMetricSelectEvent;
  }
}
