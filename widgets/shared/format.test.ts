import { expect } from '@open-wc/testing';
import { creditTypeLabel, currencyOf, describeRange, formatDay, formatMoney, formatNumber, formatPeriod, formatWindow, moneyForCsv, todayIn, USD_CENTS_ID, widgetFormat } from './format.ts';
import { configure } from './page-config.ts';

const usd = { id: USD_CENTS_ID, name: 'USD (cents)' };
const gpu = { id: '5ae401dc-a648-4b49-9ac3-391bb5bc4d7b', name: 'GPU credits' };

describe('money formatting', () => {
  it('shows USD cents as dollars to the cent, rounded half away from zero, and exactly when asked', () => {
    expect(formatMoney(7300, usd, 'en-US')).to.equal('$73.00');
    expect(formatMoney(2833.45215, usd, 'en-US')).to.equal('$28.33');
    expect(formatMoney(2837.5, usd, 'en-US')).to.equal('$28.38');
    expect(formatMoney(-2837.5, usd, 'en-US')).to.equal('-$28.38');
    expect(formatMoney(2833.45215, usd, 'en-US', { exact: true })).to.equal('$28.3345215');
    expect(formatMoney(0.05, usd, 'en-US', { exact: true })).to.equal('$0.0005');
    expect(formatMoney(-500, usd, 'en-US')).to.equal('-$5.00');
    expect(formatMoney(1234567, usd, 'en-US', { compact: true })).to.equal('$12.3K');
    expect(formatMoney(7300, usd, 'de-DE')).to.equal('73,00\u00a0$');
  });

  it('shows custom pricing units with their name, to at most two decimals', () => {
    expect(formatMoney(1612.06, gpu, 'en-US')).to.equal('1,612.06 GPU credits');
    expect(formatMoney(8590.31125, gpu, 'en-US')).to.equal('8,590.31 GPU credits');
    expect(formatMoney(1.125, gpu, 'en-US', { exact: true })).to.equal('1.125 GPU credits');
    expect(formatMoney(43000, gpu, 'en-US', { compact: true })).to.equal('43K GPU credits');
  });
});

describe('window formatting', () => {
  it('names a UTC day by its date and an hour by its times', () => {
    const utc = { locale: 'en-US', timeZone: 'UTC' };
    expect(formatWindow(new Date('2026-11-03T00:00:00Z'), new Date('2026-11-04T00:00:00Z'), utc)).to.equal('Tue, Nov 3, 2026');
    expect(formatWindow(new Date('2026-11-03T14:00:00Z'), new Date('2026-11-03T15:00:00Z'), utc)).to.equal('Nov 3, 2:00 PM – 3:00 PM');
  });
});

describe('currencies counted in minor units', () => {
  const eur = { id: 'e1a5c1a0-0000-4000-8000-000000000001', name: 'EUR (cents)' };
  const jpy = { id: 'e1a5c1a0-0000-4000-8000-000000000002', name: 'JPY (cents)' };

  it('shows EUR cents as euros in the locale', () => {
    expect(formatMoney(123456, eur, 'en-US')).to.equal('€1,234.56');
    expect(formatMoney(123456, eur, 'de-DE')).to.equal('1.234,56\u00a0€');
    expect(formatMoney(123456, eur, 'en-US', { compact: true })).to.equal('€1.2K');
  });

  it('uses the currency\'s own minor unit: none for yen', () => {
    expect(formatMoney(123456, jpy, 'en-US')).to.equal('¥123,456');
    expect(formatMoney(123456, jpy, 'de-DE')).to.equal('123.456\u00a0¥');
    expect(formatMoney(123456.5, jpy, 'en-US')).to.equal('¥123,457');
  });

  it('rounds a fractional minor unit once, at display, and names the currency by its code', () => {
    expect(formatMoney(123456.5, eur, 'en-US')).to.equal('€1,234.57');
    expect(formatMoney(0.1 + 0.2, eur, 'en-US')).to.equal('€0.00');
    expect(creditTypeLabel(eur)).to.equal('EUR');
    expect(creditTypeLabel(usd)).to.equal('USD');
    expect(creditTypeLabel(gpu)).to.equal('GPU credits');
  });

  it('recognises USD cents by Metronome\'s id whatever its name, and other currencies by name only when they are currencies', () => {
    expect(currencyOf({ id: USD_CENTS_ID, name: 'US dollars' })).to.equal('USD');
    expect(currencyOf({ id: 'x', name: 'gbp cents' })).to.equal('GBP');
    expect(currencyOf({ id: 'x', name: 'CHF (minor units)' })).to.equal('CHF');
    expect(currencyOf({ id: 'x', name: 'GPU (cents)' })).to.equal(null);
    expect(currencyOf(gpu)).to.equal(null);
    expect(formatMoney(1234.5, { id: 'x', name: 'GPU (cents)' }, 'en-US')).to.equal('1,234.5 GPU (cents)');
  });

  it('writes spreadsheet amounts in the currency\'s unit, exactly, and names that unit', () => {
    const dollars = moneyForCsv(usd);
    expect(dollars.unit).to.equal('USD');
    expect(String(dollars.value(1672.70688))).to.equal('16.7270688');
    expect(dollars.value(-63.2561)).to.equal(-0.632561);
    expect(moneyForCsv(jpy)).to.include({ unit: 'JPY' });
    expect(moneyForCsv(jpy).value(1234)).to.equal(1234);
    expect(moneyForCsv(gpu).unit).to.equal('GPU credits');
    expect(moneyForCsv(gpu).value(1612.06)).to.equal(1612.06);
  });
});

describe('Intl formatters', () => {
  it('are made once per locale and options, then reused', () => {
    const real = { NumberFormat: Intl.NumberFormat, DateTimeFormat: Intl.DateTimeFormat };
    let made = 0;
    const counting = <T extends object>(ctor: T) => new Proxy(ctor, { construct: (target, args) => (made++, Reflect.construct(target as never, args)) });
    Object.assign(Intl, { NumberFormat: counting(real.NumberFormat), DateTimeFormat: counting(real.DateTimeFormat) });
    try {
      // A locale no other test uses, so nothing is cached yet.
      const format = { locale: 'en-IE', timeZone: 'Asia/Tokyo' };
      const draw = () => {
        for (let i = 0; i < 50; i++) {
          formatMoney(i * 1234.5, usd, format.locale);
          formatMoney(i, gpu, format.locale, { compact: true });
          formatNumber(i / 3, format.locale);
          formatWindow(new Date(Date.UTC(2026, 10, 1 + (i % 20))), new Date(Date.UTC(2026, 10, 2 + (i % 20))), format);
          formatWindow(new Date(Date.UTC(2026, 10, 1, i % 24)), new Date(Date.UTC(2026, 10, 1, (i % 24) + 1)), format);
        }
      };
      draw();
      const first = made;
      expect(first).to.be.greaterThan(0).and.below(12);
      draw();
      expect(made).to.equal(first);
    } finally {
      Object.assign(Intl, real);
    }
  });
});

describe('days and moments in a time zone', () => {
  const west = { locale: 'en-US', timeZone: 'America/Los_Angeles' };
  const east = { locale: 'en-US', timeZone: 'Asia/Tokyo' };
  const november = ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'] as const;

  it('names Metronome\'s days by their own dates west and east of UTC', () => {
    for (const format of [west, east]) {
      expect(formatPeriod(...november, format)).to.equal('Nov 1, 2026 – Nov 30, 2026');
      expect(describeRange(...november, format)).to.equal('from Nov 1, 2026 to Nov 30, 2026');
      expect(formatWindow(new Date(november[0]), new Date('2026-11-02T00:00:00Z'), format)).to.equal('Sun, Nov 1, 2026');
      expect(formatWindow(new Date(november[0]), new Date(november[1]), format)).to.equal('Nov 1, 2026 – Nov 30, 2026');
      expect(formatDay(new Date(november[1]), format)).to.equal('Dec 1, 2026');
    }
  });

  it('shows moments in the zone, with the date they fall on there', () => {
    const evening = new Date('2026-11-01T03:00:00Z');
    expect(formatDay(evening, west)).to.equal('Oct 31, 2026');
    expect(formatDay(evening, east)).to.equal('Nov 1, 2026');
    expect(formatWindow(evening, new Date('2026-11-01T04:00:00Z'), west)).to.equal('Oct 31, 8:00 PM – 9:00 PM');
    expect(formatWindow(evening, new Date('2026-11-01T04:00:00Z'), east)).to.equal('Nov 1, 12:00 PM – 1:00 PM');
    expect(formatPeriod('2026-11-01T08:00:00Z', '2026-12-01T08:00:00Z', west)).to.equal('Nov 1, 2026 – Nov 30, 2026');
  });

  it('knows today\'s date in a zone', () => {
    const now = Date.parse('2026-11-10T04:00:00Z'); // Nov 9, 8 PM in Los Angeles; Nov 10, 1 PM in Tokyo
    expect(new Date(todayIn('America/Los_Angeles', now)).toISOString()).to.equal('2026-11-09T00:00:00.000Z');
    expect(new Date(todayIn('Asia/Tokyo', now)).toISOString()).to.equal('2026-11-10T00:00:00.000Z');
    expect(new Date(todayIn('UTC', now)).toISOString()).to.equal('2026-11-10T00:00:00.000Z');
  });
});

describe('a widget\'s locale and time zone', () => {
  afterEach(() => configure({ locale: undefined, timeZone: undefined }));

  it('takes its own, then the page\'s configuration, then the nearest lang, then the browser\'s', () => {
    const page = document.createElement('div');
    page.lang = 'fr-CA';
    const host = page.appendChild(document.createElement('span'));
    expect(widgetFormat(host, 'de-AT', 'Asia/Tokyo')).to.deep.equal({ locale: 'de-AT', timeZone: 'Asia/Tokyo' });
    expect(widgetFormat(host, '', '')).to.deep.equal({ locale: 'fr-CA', timeZone: 'UTC' });
    configure({ locale: 'de', timeZone: 'America/Los_Angeles' });
    expect(widgetFormat(host, '', '')).to.deep.equal({ locale: 'de', timeZone: 'America/Los_Angeles' });
    expect(widgetFormat(host, 'en-GB', 'Asia/Tokyo')).to.deep.equal({ locale: 'en-GB', timeZone: 'Asia/Tokyo' });
    configure({ locale: undefined, timeZone: undefined });
    expect(widgetFormat(document.createElement('span'), '', '').locale).to.equal(document.documentElement.lang || navigator.language);
  });

  it('finds the page\'s lang through shadow roots, and ignores what it cannot use', () => {
    const page = document.createElement('div');
    page.lang = 'de-CH';
    const shadow = page.appendChild(document.createElement('div')).attachShadow({ mode: 'open' });
    const host = shadow.appendChild(document.createElement('span'));
    expect(widgetFormat(host, '', '').locale).to.equal('de-CH');
    expect(widgetFormat(host, 'not a locale!', 'Mars/Olympus_Mons')).to.deep.equal({ locale: 'de-CH', timeZone: 'UTC' });
  });
});
