// The browser's IANA time zone (Intl) in a cookie, qd_tz, so that the server counts a volunteer's days ("today",
// streaks) in their own calendar; without it the server counts in UTC.
//
// Imported by classify.js (every volunteer passes there first) and loaded by the My contributions page, which marks
// the zone it counted in with data-time-zone: when that differs from the browser's and the cookie was only just set,
// the page loads once more to count again.

const COOKIE = 'qd_tz';

/** The browser's zone, e.g. "Europe/Berlin", or null when Intl does not say. */
export function browserTimeZone() {
    try {
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        return zone && /^[A-Za-z0-9_+\-/]{1,64}$/.test(zone) ? zone : null;
    } catch {
        return null;
    }
}

/** Stores the zone in the cookie; true when the cookie changed (and cookies work). */
export function rememberTimeZone() {
    const zone = browserTimeZone();
    if (!zone || readCookie() === zone) {
        return false;
    }

    document.cookie = `${COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax`;
    return readCookie() === zone;
}

function readCookie() {
    const entry = document.cookie.split('; ').find(c => c.startsWith(COOKIE + '='));
    return entry ? entry.slice(COOKIE.length + 1) : null;
}

const counted = document.querySelector('[data-time-zone]')?.dataset.timeZone;
if (rememberTimeZone() && counted && counted !== browserTimeZone()) {
    location.reload();
}
