/**
 * Enhancements of the schedule grid once JavaScript runs (the plain forms work without them):
 * - with the mouse, drag a session to another time or room, or drag its bottom edge to change
 *   its end; on release the grid's hidden "move" form is submitted, like the panel's form;
 * - with the keyboard, on a focused session: Alt+↑/↓ moves it 15 minutes, Alt+Shift+↑/↓
 *   shortens or lengthens it, Alt+←/→ takes it to the previous or next room.
 * A Svelte action: `<div use:scheduleGrid={{ day, startMinute, moveForm, nudgeForm }}>`.
 */
import { SLOT_MINUTES, hhmm } from './schedule-layout.ts';

export interface GridOptions {
	day: string;
	startMinute: number;
	moveForm: string;
	nudgeForm: string;
}

const THRESHOLD_PX = 5;

function submit(formId: string, values: Record<string, string>): void {
	const form = document.getElementById(formId) as HTMLFormElement | null;
	if (!form) return;
	for (const [name, value] of Object.entries(values)) {
		const input = form.elements.namedItem(name) as HTMLInputElement | null;
		if (input) input.value = value;
	}
	form.requestSubmit();
}

export function scheduleGrid(grid: HTMLElement, options: GridOptions) {
	let opts = options;
	let drag: {
		card: HTMLElement;
		mode: 'move' | 'resize';
		x: number;
		y: number;
		rowPx: number;
		moved: boolean;
		rowStart: number;
		rowEnd: number;
		pointerId: number;
	} | null = null;
	let swallowClick = false;

	const cardOf = (target: EventTarget | null) =>
		target instanceof Element ? (target.closest('[data-session]') as HTMLElement | null) : null;

	function roomAt(x: number): string | null {
		for (const header of grid.querySelectorAll<HTMLElement>('[data-room-header]')) {
			const r = header.getBoundingClientRect();
			if (x >= r.left && x <= r.right) return header.dataset.roomHeader ?? null;
		}
		return null;
	}

	function onPointerDown(e: PointerEvent) {
		if (e.button !== 0 || e.pointerType === 'touch') return;
		const card = cardOf(e.target);
		if (!card) return;
		const rowStart = Number(card.dataset.rowStart);
		const rowEnd = Number(card.dataset.rowEnd);
		const rect = card.getBoundingClientRect();
		drag = {
			card,
			mode: (e.target as Element).closest('[data-resize]') ? 'resize' : 'move',
			x: e.clientX,
			y: e.clientY,
			rowPx: rect.height / Math.max(1, rowEnd - rowStart),
			moved: false,
			rowStart,
			rowEnd,
			pointerId: e.pointerId
		};
	}

	function onPointerMove(e: PointerEvent) {
		if (!drag || e.pointerId !== drag.pointerId) return;
		const dx = e.clientX - drag.x;
		const dy = e.clientY - drag.y;
		if (!drag.moved && Math.hypot(dx, dy) < THRESHOLD_PX) return;
		if (!drag.moved) {
			drag.moved = true;
			drag.card.classList.add('dragging');
			drag.card.setPointerCapture?.(e.pointerId);
		}
		e.preventDefault();
		const rows = Math.round(dy / drag.rowPx);
		if (drag.mode === 'move') drag.card.style.transform = `translate(${dx}px, ${rows * drag.rowPx}px)`;
		else drag.card.style.height = `${Math.max(1, drag.rowEnd - drag.rowStart + rows) * drag.rowPx}px`;
	}

	function onPointerUp(e: PointerEvent) {
		if (!drag || e.pointerId !== drag.pointerId) return;
		const d = drag;
		drag = null;
		if (!d.moved) return;
		swallowClick = true;
		const rows = Math.round((e.clientY - d.y) / d.rowPx);
		const toMinute = (row: number) => opts.startMinute + (row - 2) * SLOT_MINUTES;
		let start = toMinute(d.rowStart);
		let end = toMinute(d.rowEnd);
		let roomId = d.card.dataset.roomId ?? '';
		if (d.mode === 'move') {
			start += rows * SLOT_MINUTES;
			end += rows * SLOT_MINUTES;
			roomId = roomAt(e.clientX) ?? roomId;
		} else {
			end = Math.max(start + SLOT_MINUTES, end + rows * SLOT_MINUTES);
		}
		d.card.classList.add('saving');
		submit(opts.moveForm, {
			sessionId: d.card.dataset.session ?? '',
			// The version the grid was loaded with: a session moved meanwhile by someone else is not moved again.
			version: d.card.dataset.version ?? '',
			day: opts.day,
			startTime: hhmm(start),
			endTime: hhmm(end),
			roomId
		});
	}

	function onClick(e: MouseEvent) {
		if (!swallowClick) return;
		swallowClick = false;
		e.preventDefault();
		e.stopPropagation();
	}

	function onKeyDown(e: KeyboardEvent) {
		if (!e.altKey) return;
		const card = cardOf(e.target);
		if (!card) return;
		const nudge =
			e.key === 'ArrowUp'
				? e.shiftKey
					? 'shorter'
					: 'earlier'
				: e.key === 'ArrowDown'
					? e.shiftKey
						? 'longer'
						: 'later'
					: e.key === 'ArrowLeft'
						? 'room-prev'
						: e.key === 'ArrowRight'
							? 'room-next'
							: null;
		if (!nudge) return;
		e.preventDefault();
		card.classList.add('saving');
		submit(opts.nudgeForm, { sessionId: card.dataset.session ?? '', nudge });
	}

	// Sessions are links: without this, the browser starts dragging the link itself.
	const onDragStart = (e: DragEvent) => e.preventDefault();
	grid.addEventListener('dragstart', onDragStart);
	grid.addEventListener('pointerdown', onPointerDown);
	grid.addEventListener('pointermove', onPointerMove);
	grid.addEventListener('pointerup', onPointerUp);
	grid.addEventListener('pointercancel', () => (drag = null));
	grid.addEventListener('click', onClick, true);
	grid.addEventListener('keydown', onKeyDown);
	grid.classList.add('enhanced');
	// Back from a keyboard move: put the focus on the session again.
	const focusId = new URLSearchParams(location.search).get('focus');
	if (focusId) grid.querySelector<HTMLElement>(`[data-session="${CSS.escape(focusId)}"]`)?.focus();
	return {
		update(next: GridOptions) {
			opts = next;
		},
		destroy() {
			grid.removeEventListener('dragstart', onDragStart);
			grid.removeEventListener('pointerdown', onPointerDown);
			grid.removeEventListener('pointermove', onPointerMove);
			grid.removeEventListener('pointerup', onPointerUp);
			grid.removeEventListener('click', onClick, true);
			grid.removeEventListener('keydown', onKeyDown);
		}
	};
}
