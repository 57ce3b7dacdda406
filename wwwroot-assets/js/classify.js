// The classify page's browser side: keyboard shortcuts, answers, and keeping an answer safe across a lost connection.
//
// An answer is written to sessionStorage ("pending") before it is sent to the server, with the idempotency key the
// server gave this showing of the subject. If the Blazor circuit drops between the click and the store, the answer is
// sent again with the same key once the circuit is back, or by the next page load if the circuit is gone for good;
// the server stores a key at most once, so a resend can never count twice. The subject on screen and the chosen (not
// yet sent) answer are kept the same way ("current"), so a reload shows the same subject with the same choice.
//
// Mouse and touch: a click or tap on an answer sends it. Keyboard: 1–9 choose, Enter sends the chosen answer (on a
// focused button Enter presses that button), Space plays or pauses, R replays, ← → move through the sound,
// S switches waveform/spectrogram, H shows the horizontals, G opens the field guide, ? shows the shortcuts.

import { install, toggle, replay, seekBy, seekStep, pauseAll, subjectPlayer } from './player.js';
import './timezone.js';

const PENDING = 'quake.classify.pending';
const CURRENT = 'quake.classify.current';
const AUTOPLAY = 'quake.classify.autoplay';
const RETRY_MS = 2000;
// A call lost with a dropped connection never settles; after this long the answer is sent again (same key).
const SEND_TIMEOUT_MS = 8000;

let session = null;

/** Starts listening; returns what the browser kept from before (a pending answer, the subject on screen). */
export function attach(root, dotnet) {
    install();
    detach();
    session = {
        root,
        dotnet,
        subjectId: 0,
        key: '',
        selected: null,
        shownAt: performance.now(),
        announcedKey: '',
        inFlight: null,
        retry: 0,
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('keyup', onKeyUp);
    root.addEventListener('click', onClick);
    root.addEventListener('change', onChange);
    const autoplay = root.querySelector('[data-action=autoplay]');
    if (autoplay) {
        autoplay.checked = localStorage.getItem(AUTOPLAY) === '1';
    }

    return { pending: read(PENDING), current: read(CURRENT) };
}

export function detach() {
    if (!session) {
        return;
    }

    clearTimeout(session.retry);
    document.removeEventListener('keydown', onKeyDown);
    document.removeEventListener('keyup', onKeyUp);
    session.root.removeEventListener('click', onClick);
    session.root.removeEventListener('change', onChange);
    session = null;
}

/** Called after the server renders a subject: remembers it and its key, starts the answer clock. */
export function showSubject(subjectId, key, selected) {
    if (!session) {
        return;
    }

    if (session.key !== key) {
        session.key = key;
        session.subjectId = subjectId;
        session.selected = null;
        session.shownAt = performance.now();
    }

    // The server's choice only restores a kept one; it never clears a key the volunteer has pressed since.
    if (Number.isInteger(selected)) {
        session.selected = selected;
    }

    write(CURRENT, { subjectId, key, selected: session.selected });
    if (session.announcedKey === key) {
        return;
    }

    session.announcedKey = key;

    // Time to answer counts from when the plot is on screen, not from when the server picked the subject.
    const img = session.root.querySelector('[data-player=subject] img');
    if (img && !img.complete) {
        img.addEventListener('load', () => {
            if (session && session.key === key) {
                session.shownAt = performance.now();
            }
        }, { once: true });
    }

    if (localStorage.getItem(AUTOPLAY) === '1') {
        const audio = subjectPlayer()?.querySelector('audio');
        if (audio) {
            const start = () => {
                if (session && session.key === key && audio.paused) {
                    toggle();
                }
            };
            audio.readyState >= 3 ? start() : audio.addEventListener('canplay', start, { once: true });
        }
    }
}

/** The server acknowledged an answer: it no longer needs keeping. */
export function forgetPending(key) {
    const pending = read(PENDING);
    if (pending && pending.key === key) {
        sessionStorage.removeItem(PENDING);
    }
}

/** The subject is done (answered, or none left): nothing to restore on a reload. */
export function forgetCurrent() {
    sessionStorage.removeItem(CURRENT);
}

export function openGuide() {
    const dialog = document.getElementById('field-guide-dialog');
    if (dialog && !dialog.open) {
        pauseAll();
        dialog.showModal();
    }
}

/**
 * Fetches the next subject's sound into the HTTP cache (served with a week's max-age and an ETag), so that its audio
 * element starts at once when the subject is shown. Failures only lose the head start.
 */
export function preloadSound(url) {
    fetch(url, { credentials: 'same-origin' }).then(response => response.arrayBuffer()).catch(() => { });
}

/** Remembers (in a cookie the server reads) that this browser has seen the tutorial. */
export function setTutorialDone() {
    document.cookie = 'qd_tutorial=done; path=/; max-age=31536000; samesite=lax';
}

export function focus(selector) {
    const element = document.querySelector(selector);
    if (element) {
        element.focus({ preventScroll: false });
    }
}

/**
 * The subject and key on screen right now. The page may show the next subject a moment before showSubject() is
 * called, so every action reads them from the page; a new key means a new subject, with no answer chosen yet.
 */
function sync() {
    const key = session.root.dataset.key || '';
    if (key && key !== session.key) {
        session.key = key;
        session.subjectId = Number(session.root.dataset.subjectId);
        session.selected = null;
        session.shownAt = performance.now();
        write(CURRENT, { subjectId: session.subjectId, key, selected: null });
    }
}

function choices() {
    return session ? [...session.root.querySelectorAll('[data-answer]')].map(b => b.dataset.answer) : [];
}

function select(index) {
    const all = choices();
    if (!session || index < 0 || index >= all.length) {
        return;
    }

    sync();
    session.selected = index;
    write(CURRENT, { subjectId: session.subjectId, key: session.key, selected: index });

    // Focus follows the choice, so Enter (which presses the focused button) always sends the chosen answer.
    session.root.querySelectorAll('[data-answer]')[index]?.focus({ preventScroll: true });
    session.dotnet.invokeMethodAsync('Select', index).catch(() => { /* shown again after a reconnect */ });
}

function submit(answer) {
    if (!session) {
        return;
    }

    sync();
    if (!session.key || session.inFlight === session.key || session.root.dataset.phase !== 'answering') {
        return;
    }

    const pending = {
        subjectId: session.subjectId,
        key: session.key,
        answer,
        elapsedMs: Math.max(0, Math.round(performance.now() - session.shownAt)),
    };
    write(PENDING, pending);
    pauseAll();
    send(pending);
}

async function send(pending) {
    if (!session) {
        return;
    }

    clearTimeout(session.retry);
    session.inFlight = pending.key;
    let outcome = 'error';
    let timer = 0;
    try {
        const call = session.dotnet.invokeMethodAsync('SubmitFromBrowser', pending.subjectId, pending.key, pending.answer, pending.elapsedMs);
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('no answer from the server')), SEND_TIMEOUT_MS);
        });
        outcome = await Promise.race([call, timeout]);
    } catch {
        // The circuit is down, reconnecting, or the call was lost: keep the answer and try again.
    } finally {
        clearTimeout(timer);
    }

    if (!session) {
        return;
    }

    if (session.inFlight === pending.key) {
        session.inFlight = null;
    }

    // "busy": an earlier send of this answer is still being stored; look again shortly (it then comes back as stored).
    if (outcome === 'error' || outcome === 'busy') {
        session.retry = setTimeout(() => {
            const still = read(PENDING);
            if (still && still.key === pending.key) {
                send(still);
            }
        }, RETRY_MS);
    } else {
        forgetPending(pending.key);
    }
}

function onClick(event) {
    const answer = event.target.closest('[data-answer]');
    if (answer && session.root.contains(answer)) {
        event.preventDefault();
        if (answer.getAttribute('aria-disabled') !== 'true') {
            submit(answer.dataset.answer);
        }

        return;
    }

    const action = event.target.closest('[data-action]')?.dataset.action;
    if (action === 'open-guide') {
        event.preventDefault();
        openGuide();
    } else if (action === 'close-guide') {
        event.target.closest('dialog')?.close();
    }
}

function onChange(event) {
    if (event.target.matches('[data-action=autoplay]')) {
        localStorage.setItem(AUTOPLAY, event.target.checked ? '1' : '0');
    }
}

function onKeyDown(event) {
    if (!session || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
        return;
    }

    const target = event.target instanceof Element ? event.target : document.body;
    if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') || document.querySelector('dialog[open]')) {
        return;
    }

    const onControl = target.closest('button, a[href], summary');
    const onAnswer = target.closest('[data-answer]');
    const phase = session.root.dataset.phase;

    if (event.key === ' ' || event.code === 'Space') {
        // Space plays the sound everywhere except on other controls, which it presses as usual.
        if (onControl && !onAnswer) {
            return;
        }

        event.preventDefault();
        toggle();
        return;
    }

    if (event.key === 'Enter') {
        if (onControl) {
            return;
        }

        if (phase === 'answering' && session.selected !== null) {
            event.preventDefault();
            submit(choices()[session.selected]);
        } else if (phase === 'feedback') {
            event.preventDefault();
            session.root.querySelector('[data-action=continue]')?.click();
        }

        return;
    }

    if (/^[1-9]$/.test(event.key)) {
        if (phase === 'answering') {
            event.preventDefault();
            select(Number(event.key) - 1);
        }

        return;
    }

    switch (event.key.toLowerCase()) {
        case 'r':
            event.preventDefault();
            replay();
            break;
        case 'arrowleft':
        case 'arrowright':
            if (!onControl || onAnswer) {
                event.preventDefault();
                seekBy(event.key === 'ArrowLeft' ? -seekStep() : seekStep());
            }

            break;
        case 's':
            event.preventDefault();
            session.root.querySelector('[data-action=toggle-spectrogram]')?.click();
            break;
        case 'h':
            event.preventDefault();
            session.root.querySelector('[data-action=toggle-horizontals]:not([disabled])')?.click();
            break;
        case 'g':
            event.preventDefault();
            openGuide();
            break;
        case '?': {
            event.preventDefault();
            const help = session.root.querySelector('.shortcut-help');
            if (help) {
                help.open = !help.open;
            }

            break;
        }
        default:
            break;
    }
}

function onKeyUp(event) {
    // A focused answer button would otherwise be pressed by Space on key-up.
    if (session && (event.key === ' ' || event.code === 'Space') && event.target instanceof Element && event.target.closest('[data-answer]')) {
        event.preventDefault();
    }
}

function read(name) {
    try {
        const value = JSON.parse(sessionStorage.getItem(name) || 'null');
        return value && typeof value === 'object' ? value : null;
    } catch {
        return null;
    }
}

function write(name, value) {
    try {
        sessionStorage.setItem(name, JSON.stringify(value));
    } catch {
        // Storage full or blocked: the answer still goes to the server, it just is not kept for a reload.
    }
}
