import type { EmulatorEvent } from './event-record.ts';

/** Every event in arrival order, with lookup by id. */
export class EventLog {
  private readonly events: EmulatorEvent[] = [];
  private readonly byId = new Map<string, EmulatorEvent>();

  add(event: EmulatorEvent): EmulatorEvent {
    this.events.push(event);
    this.byId.set(event.id, event);
    return event;
  }

  get(id: string): EmulatorEvent | undefined {
    return this.byId.get(id);
  }

  all(): EmulatorEvent[] {
    return [...this.events];
  }
}
