// Parse one .ics file with Mozilla's ical.js (Thunderbird's parser) and print JSON of the
// calendar and of every VEVENT, for glocal's calendar tests (tests/test_calendars_icaljs.py).
// Usage: TZ=UTC node tests/js/dump.mjs FILE.ics
// Times are given as absolute UTC instants resolved only through the file's own VTIMEZONEs
// (nothing is registered with ICAL.TimezoneService), so a missing VTIMEZONE shows up as
// kind "floating" / "unresolved" instead of being silently fixed.
import fs from 'node:fs';
import ICAL from 'ical.js';

function time(t) {
  if (!t) return null;
  if (t.isDate) return { date: t.toString().slice(0, 10), kind: 'date' };
  const zone = t.zone ? t.zone.tzid : null;
  let kind = 'vtimezone';
  if (zone === 'UTC') kind = 'utc';
  else if (!zone || zone === 'floating') kind = t.timezone ? 'unresolved' : 'floating';
  return { utc: t.toJSDate().toISOString(), local: t.toString(), tzid: t.timezone || zone, kind };
}

function person(prop) {
  if (!prop) return null;
  const out = { value: prop.getFirstValue() };
  for (const name of ['cn', 'role', 'partstat', 'rsvp', 'cutype']) {
    const v = prop.getParameter(name);
    if (v !== undefined && v !== null) out[name] = v;
  }
  return out;
}

function param(component, name, parameter) {
  const prop = component.getFirstProperty(name);
  return prop ? prop.getParameter(parameter) ?? null : null;
}

function event(ve) {
  const ev = new ICAL.Event(ve);
  return {
    uid: ev.uid,
    summary: ev.summary,
    summary_language: param(ve, 'summary', 'language'),
    description: ev.description,
    description_language: param(ve, 'description', 'language'),
    location: ev.location,
    url: ve.getFirstPropertyValue('url'),
    start: time(ev.startDate),
    end: time(ev.endDate),
    dtstamp: time(ve.getFirstPropertyValue('dtstamp')),
    sequence: ve.getFirstPropertyValue('sequence'),
    status: ve.getFirstPropertyValue('status'),
    transp: ve.getFirstPropertyValue('transp'),
    organizer: person(ve.getFirstProperty('organizer')),
    attendees: ve.getAllProperties('attendee').map(person),
    alarms: ve.getAllSubcomponents('valarm').map((a) => ({
      action: a.getFirstPropertyValue('action'),
      trigger: String(a.getFirstPropertyValue('trigger')),
    })),
  };
}

const text = fs.readFileSync(process.argv[2], 'utf8');
const root = new ICAL.Component(ICAL.parse(text));
const out = {
  method: root.getFirstPropertyValue('method'),
  prodid: root.getFirstPropertyValue('prodid'),
  version: root.getFirstPropertyValue('version'),
  calname: root.getFirstPropertyValue('x-wr-calname'),
  vtimezones: root.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
  events: root.getAllSubcomponents('vevent').map(event),
};
process.stdout.write(JSON.stringify(out) + '\n');
