// Seismogram players: a plot with a playhead that follows its sped-up sound.
//
// Markup (rendered by SubjectPlayer.razor):
//   [data-player]                         one player; gets data-playing="true|false" while in use
//     .plot-frame[data-areas]             {"1200x500": [left, right, top, bottom], ...}: where the time axis lies in
//                                         each image size, as fractions of the image (the renderer's own layout,
//                                         the same at 1x and 2x)
//       img                               the plot; its currentSrc's w/h say which size the browser chose
//       .playhead                         positioned here, in percent of the frame, so it scales with the image
//     [data-action=toggle|replay]         buttons
//     [data-role=time]                    "1.2 / 5.0 s" readout
//     audio
//
// Installed once per page on the document (event delegation), so it works for players that Blazor adds, replaces or
// removes later, on static and interactive pages alike. Only this file writes data-playing, the playhead's style and
// the readout; Blazor renders them once and never changes them, so the two never fight over the DOM.

const DEFAULT_SIZE = '1200x500';
const SEEK_FRACTION = 0.05;
let frame = 0;

export function install() {
    if (window.__quakePlayer) {
        return;
    }

    window.__quakePlayer = true;
    document.addEventListener('click', onClick);
    document.addEventListener('play', onMediaEvent, true);
    document.addEventListener('pause', onMediaEvent, true);
    document.addEventListener('ended', onMediaEvent, true);
    document.addEventListener('seeked', onMediaEvent, true);
    document.addEventListener('loadedmetadata', onMediaEvent, true);
    document.addEventListener('emptied', onMediaEvent, true);
    document.addEventListener('load', onImageLoad, true);
}

/** The player element of the classify page's subject, if any. */
export function subjectPlayer() {
    return document.querySelector('[data-player="subject"]');
}

/** Plays or pauses a player (the subject's by default). */
export function toggle(player = subjectPlayer()) {
    const audio = player?.querySelector('audio');
    if (!audio) {
        return;
    }

    if (audio.paused || audio.ended) {
        if (audio.ended) {
            audio.currentTime = 0;
        }

        play(audio);
    } else {
        audio.pause();
    }
}

/** Plays from the start. */
export function replay(player = subjectPlayer()) {
    const audio = player?.querySelector('audio');
    if (!audio) {
        return;
    }

    audio.currentTime = 0;
    play(audio);
}

/** Moves the sound by a share of its length (negative: back) and shows the playhead there. */
export function seekBy(fraction, player = subjectPlayer()) {
    const audio = player?.querySelector('audio');
    if (!audio || !isFinite(audio.duration) || audio.duration <= 0) {
        return;
    }

    audio.currentTime = clamp(audio.currentTime + fraction * audio.duration, 0, audio.duration);
    update(player);
}

export function seekStep() {
    return SEEK_FRACTION;
}

/** Pauses every player (e.g. when the subject is answered). */
export function pauseAll() {
    document.querySelectorAll('[data-player] audio').forEach(audio => audio.pause());
}

function play(audio) {
    // Only one sound at a time.
    document.querySelectorAll('[data-player] audio').forEach(other => {
        if (other !== audio) {
            other.pause();
        }
    });
    const started = audio.play();
    if (started && typeof started.catch === 'function') {
        started.catch(() => update(audio.closest('[data-player]')));
    }
}

function onClick(event) {
    const player = event.target.closest('[data-player]');
    if (!player) {
        return;
    }

    const action = event.target.closest('[data-action]')?.dataset.action;
    if (action === 'toggle') {
        toggle(player);
        return;
    }

    if (action === 'replay') {
        replay(player);
        return;
    }

    // A click on the plot plays from that moment.
    const plotFrame = event.target.closest('.plot-frame');
    const audio = player.querySelector('audio');
    const area = plotFrame && dataArea(plotFrame);
    if (!area || !audio || !isFinite(audio.duration) || audio.duration <= 0) {
        return;
    }

    const box = plotFrame.getBoundingClientRect();
    const x = (event.clientX - box.left) / box.width;
    if (x < area[0] || x > area[1]) {
        return;
    }

    audio.currentTime = clamp((x - area[0]) / (area[1] - area[0]), 0, 1) * audio.duration;
    play(audio);
}

function onMediaEvent(event) {
    const audio = event.target;
    if (!(audio instanceof HTMLAudioElement)) {
        return;
    }

    const player = audio.closest('[data-player]');
    if (!player) {
        return;
    }

    if (event.type === 'emptied') {
        player.dataset.playing = 'false';
    }

    update(player);
    if (event.type === 'play') {
        startLoop();
    }
}

function onImageLoad(event) {
    if (event.target instanceof HTMLImageElement) {
        const player = event.target.closest('[data-player]');
        if (player) {
            update(player);
        }
    }
}

function startLoop() {
    if (frame) {
        return;
    }

    const step = () => {
        let playing = false;
        document.querySelectorAll('[data-player]').forEach(player => {
            const audio = player.querySelector('audio');
            if (audio && !audio.paused && !audio.ended) {
                playing = true;
                update(player);
            }
        });
        frame = playing ? requestAnimationFrame(step) : 0;
    };
    frame = requestAnimationFrame(step);
}

/** Puts the playhead and readout where the sound is. */
function update(player) {
    const audio = player.querySelector('audio');
    const plotFrame = player.querySelector('.plot-frame');
    const playhead = plotFrame?.querySelector('.playhead');
    if (!audio) {
        return;
    }

    const playing = !audio.paused && !audio.ended;
    player.dataset.playing = playing ? 'true' : 'false';
    const duration = isFinite(audio.duration) && audio.duration > 0 ? audio.duration : 0;
    const fraction = duration > 0 ? clamp(audio.currentTime / duration, 0, 1) : 0;
    const area = plotFrame && dataArea(plotFrame);
    if (playhead && area) {
        const [left, right, top, bottom] = area;
        playhead.style.left = `${(left + fraction * (right - left)) * 100}%`;
        playhead.style.top = `${top * 100}%`;
        playhead.style.height = `${(bottom - top) * 100}%`;
        // Hidden at the very start when nothing has played yet, so a fresh plot is not covered.
        playhead.classList.toggle('is-visible', playing || audio.currentTime > 0);
    }

    const readout = player.querySelector('[data-role=time]');
    if (readout && duration > 0) {
        readout.textContent = `${audio.currentTime.toFixed(1)} / ${duration.toFixed(1)} s`;
    }

    const span = Number(player.dataset.windowSeconds);
    const dataTime = player.querySelector('[data-role=data-time]');
    if (dataTime && span > 0) {
        dataTime.textContent = `${Math.round(fraction * span)} s into the window`;
    }
}

/** [left, right, top, bottom] of the displayed image's data area, or null. */
function dataArea(plotFrame) {
    let areas;
    try {
        areas = JSON.parse(plotFrame.dataset.areas || '{}');
    } catch {
        return null;
    }

    const img = plotFrame.querySelector('img');
    let key = DEFAULT_SIZE;
    if (img && img.currentSrc) {
        const url = new URL(img.currentSrc, document.baseURI);
        const w = url.searchParams.get('w');
        const h = url.searchParams.get('h');
        if (w && h) {
            key = `${w}x${h}`;
        }
    }

    return areas[key] || Object.values(areas)[0] || null;
}

function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
}

install();
