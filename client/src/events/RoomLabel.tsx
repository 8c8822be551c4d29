import type { EventRoom } from '@roundtable/shared';

/** A room's name with its projector marked: 📽 for the eye, the word for screen readers. */
export function RoomLabel({ room, showCapacity = false }: { room: EventRoom; showCapacity?: boolean }) {
  return (
    <>
      {room.name}
      {room.projector && <ProjectorMark />}
      {showCapacity && <span className="room-capacity"> · {room.capacity} seats</span>}
    </>
  );
}

/** 📽 for the eye, the word "projector" for screen readers. */
export function ProjectorMark() {
  return (
    <span className="projector-mark" title="projector">
      {' '}
      <span aria-hidden="true">📽</span>
      <span className="visually-hidden">projector</span>
    </span>
  );
}

/** The same as plain text, for a select's options (which hold text only). */
export function roomOptionText(room: EventRoom): string {
  return `${room.name} · ${room.capacity} seats${room.projector ? ' · 📽 projector' : ''}`;
}
