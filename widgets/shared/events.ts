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
