import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { defineElement } from './define.ts';
import { UsageChart } from '../usage-chart/usage-chart.ts';

describe('defineElement', () => {
  it('does nothing when the same class is defined under the same tag again', () => {
    expect(defineElement('usage-chart', UsageChart)).to.equal(UsageChart);
    expect(customElements.get('usage-chart')).to.equal(UsageChart);
  });

  it('keeps the first definition and warns, without throwing, when another class claims the tag', () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      class Impostor extends LitElement {}
      expect(defineElement('usage-chart', Impostor)).to.equal(UsageChart);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('usage-chart')).to.equal(UsageChart);
    expect(String(warnings[0]?.[0])).to.match(/<usage-chart> is already defined by another class/);
  });

  it('registers an element class under another tag name too, as a working element', async () => {
    const renamed = defineElement('acme-usage', UsageChart)!;
    expect(renamed).to.not.equal(UsageChart);
    expect(defineElement('acme-usage', UsageChart), 'and again is a no-op').to.equal(renamed);
    const element = document.createElement('acme-usage') as UsageChart;
    expect(element).to.be.instanceOf(UsageChart);
    document.body.append(element);
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[part="empty"]')).to.exist;
    element.remove();
  });
});
