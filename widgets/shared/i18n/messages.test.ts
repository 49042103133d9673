import { expect } from '@open-wc/testing';
import { de } from './de.ts';
import { balanceLedger, common, invoiceList, metronomeDashboard, spendBreakdown, usageAlerts, usageChart, usageSummary } from './en.ts';
import { messages, registerMessages } from './messages.ts';
import { onMessagesChange } from './registry.ts';

const sections = [common, usageChart, spendBreakdown, balanceLedger, invoiceList, metronomeDashboard, usageAlerts, usageSummary];
const en = Object.assign({}, ...sections) as typeof de;

describe('the words of a locale', () => {
  it('are English until a catalogue is registered, and for any language without one', () => {
    expect(messages('de').retry).to.equal('Retry');
    expect(messages(undefined).retry).to.equal('Retry');
    expect(messages('ja-JP', usageChart).noUsage).to.equal('No usage in this period');
  });

  it('fall back by language, then key by key to English', () => {
    let told = 0;
    const stop = onMessagesChange(() => told++);
    registerMessages('de', de);
    registerMessages('de-CH', { retry: 'Nochmals versuchen' });
    registerMessages('xx', { retry: 'Xx' });
    stop();
    expect(told).to.equal(3);
    expect(messages('de').retry).to.equal('Erneut versuchen');
    expect(messages('de-AT', usageChart).noUsage).to.equal('Keine Nutzung in diesem Zeitraum');
    expect(messages('de-CH').retry).to.equal('Nochmals versuchen');
    expect(messages('de-CH', usageChart).noUsage).to.equal('Keine Nutzung in diesem Zeitraum');
    expect(messages('DE-ch').retry).to.equal('Nochmals versuchen');
    expect(messages('xx', usageChart).noUsage).to.equal('No usage in this period');
  });

  it('give each English key to one section, so that an element loads it once', () => {
    const keys = sections.flatMap((section) => Object.keys(section));
    expect(new Set(keys).size).to.equal(keys.length);
  });

  it('translate every key of the English catalogue into German', () => {
    expect(Object.keys(de).sort()).to.deep.equal(Object.keys(en).sort());
    const same = Object.keys(en).filter((key) => typeof en[key as keyof typeof en] === 'string' && en[key as keyof typeof en] === de[key as keyof typeof de]);
    // Words German shares with English.
    expect(same.sort()).to.deep.equal(['name', 'pdf', 'status']);
    expect(Object.keys(de.entryTypes).sort()).to.deep.equal(Object.keys(en.entryTypes).sort());
    expect(Object.keys(de.alertKinds).sort()).to.deep.equal(Object.keys(en.alertKinds).sort());
  });

  it('choose plural forms by the language\'s rules', () => {
    expect(en.days(1, '1')).to.equal('1 day');
    expect(en.days(2, '2')).to.equal('2 days');
    expect(de.days(1, '1')).to.equal('1 Tag');
    expect(de.days(21, '21')).to.equal('21 Tage');
  });
});
